"""`terminal_safe`: control characters become visible symbols, one for one."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from coach.core.text import UNSAFE_CONTROLS, terminal_safe

UNSAFE = re.compile(f"[{UNSAFE_CONTROLS}]")


def test_escape_sequences_are_shown_not_sent() -> None:
    hostile = "\x1b]0;PWNED\x07\x1b[2Jx\r\x9b31m\u202eabc\x7f"
    shown = terminal_safe(hostile)
    assert shown == "␛]0;PWNED␇␛[2Jx␍\ufffd31m\ufffdabc␡"
    assert len(shown) == len(hostile)


def test_layout_characters_stay_unless_asked() -> None:
    assert terminal_safe("一行\n\t二行") == "一行\n\t二行"
    assert terminal_safe("一行\n\t二行", keep_newlines=False) == "一行␊␉二行"


def test_ordinary_text_is_returned_as_is() -> None:
    text = "佣金太高了，对方万1.5，[bold]不是标记[/bold] ２０２５"
    assert terminal_safe(text) is text


@given(st.text())
def test_nothing_unsafe_survives_and_length_is_kept(text: str) -> None:
    shown = terminal_safe(text, keep_newlines=False)
    assert len(shown) == len(text)
    assert not UNSAFE.search(shown) and "\n" not in shown
