"""The analyzer's wording as plain data: what `coach analyze` keeps in the compiled cache."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coach.core.content.library import load_library
from coach.core.paths import default_playbooks
from coach.core.practice.wording import Wording
from coach.core.text import PinyinCoder, pinyin_table


@pytest.fixture(scope="module")
def wording() -> Wording:
    return replace(Wording.of(load_library(default_playbooks()).library), pinyin=pinyin_table())


def test_it_round_trips_with_its_pinyin_table(wording: Wording) -> None:
    back = Wording.from_data(wording.to_data())
    assert back.pinyin == wording.pinyin and back.cues == wording.cues and back.lines == wording.lines
    # a coder from the kept table codes homophones alike, as one reading pypinyin does
    coder = PinyinCoder(back.pinyin)
    assert coder.encode("用金") == coder.encode("佣金") != coder.encode("现金")


@pytest.mark.parametrize("bad", [["佣金", "x"], "佣金", [1, 2]])
def test_a_damaged_pinyin_table_is_refused(wording: Wording, bad: object) -> None:
    data = wording.to_data() | {"pinyin": bad}
    with pytest.raises(ValueError):
        Wording.from_data(data)


def test_data_from_before_the_table_was_kept_still_reads(wording: Wording) -> None:
    data = {k: v for k, v in wording.to_data().items() if k != "pinyin"}
    assert Wording.from_data(data).pinyin == ("", "")
