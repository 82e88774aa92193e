"""`asks:` in a case file: what a step's question asks for, checked with the exact place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.core.content.asks import ASKS
from coach.core.content.check import validate
from coach.core.content.library import load_library
from coach.core.paths import PACKAGE_ROOT
from coach.core.understand.figures import extract_figures

MINI = Path(__file__).resolve().parents[2] / "fixtures" / "mini"
LISTEN = "    technique: listen_and_clarify\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "playbooks"
    shutil.copytree(MINI, copy)
    return copy


def with_listen(root: Path, extra: str) -> None:
    """Add lines to the first step (listen) of the mini relocation case, after its technique."""
    path = root / "cases" / "relocation.yaml"
    text = path.read_text(encoding="utf-8")
    assert LISTEN in text
    path.write_text(text.replace(LISTEN, LISTEN + extra, 1), encoding="utf-8")


def problems(root: Path) -> list[str]:
    return [f"{p.line}:{p.col} {p.level} {p.code}" for p in validate(root)]


def test_one_name_or_a_list_is_read_into_the_step(root: Path) -> None:
    with_listen(root, "    ask: 新家在哪个区？\n    asks: place\n")
    assert problems(root) == []
    library = load_library(root).library
    assert library.playbooks["relocation"].steps["listen"].asks == ("place",)
    with_listen(root, "    asks: [their_rate, annual_turnover]\n")
    text = (root / "cases" / "relocation.yaml").read_text(encoding="utf-8")
    (root / "cases" / "relocation.yaml").write_text(text.replace("    asks: place\n", ""), encoding="utf-8")
    library = load_library(root).library
    assert library.playbooks["relocation"].steps["listen"].asks == ("their_rate", "annual_turnover")


def test_an_unknown_name_is_an_error_at_its_item_with_a_did_you_mean(root: Path) -> None:
    with_listen(root, "    ask: 对方给您报的是多少？\n    asks: [place, their_rat]\n")
    (problem,) = validate(root)
    assert (problem.line, problem.col, problem.level, problem.code) == (8, 19, "error", "unknown-asks")
    assert "did you mean 'their_rate'?" in problem.hint
    assert load_library(root).library.playbooks.get("relocation") is None  # the file is refused


def test_a_single_unknown_name_points_at_the_value(root: Path) -> None:
    with_listen(root, "    ask: 新家在哪？\n    asks: where\n")
    assert problems(root) == ["8:11 error unknown-asks"]


def test_an_item_that_is_not_text_does_not_shift_the_place_of_the_next(root: Path) -> None:
    with_listen(root, "    ask: 新家在哪？\n    asks: [3, plac]\n")
    assert problems(root) == ["8:12 error wrong-type", "8:15 error unknown-asks"]


def test_not_text_is_a_wrong_type(root: Path) -> None:
    with_listen(root, "    ask: 新家在哪？\n    asks: {figure: their_rate}\n")
    assert problems(root) == ["8:11 error wrong-type"]


def test_asks_without_a_question_and_a_name_twice_are_warnings(root: Path) -> None:
    with_listen(root, "    asks: [place, place]\n")
    assert sorted(problems(root)) == ["7:19 warning duplicate-asks", "7:5 warning asks-without-ask"]


def test_lines_for_answered_need_asks(root: Path) -> None:
    with_listen(root, "    when:\n      - if: answered\n        say: 好的。\n")
    assert problems(root) == ["8:9 error answered-without-asks"]


def test_every_figure_name_is_one_the_client_can_say() -> None:
    said = {"their_rate": "人家给我万一", "our_rate": "你们这万2.5", "asked_rate": "不降到万一我就走",
            "no_minimum": "不收最低", "annual_turnover": "一年交易额三千万", "trades_per_year": "一年两百笔",
            "trade_size": "每笔五万", "assets": "账户里五十万", "loss_amount": "亏了二十万",
            "loss_ratio": "亏了三成", "years_with_us": "在你们这开户十年了"}
    assert set(said) == set(ASKS) - {"place"}
    for name, text in said.items():
        assert name in {f.name for f in extract_figures(text)}, (name, text)


def test_the_bundled_playbooks_declare_what_their_questions_ask() -> None:
    library = load_library(PACKAGE_ROOT / "playbooks").library
    relocation = library.playbooks["relocation"]
    assert relocation.steps["congratulate"].asks == ("place",)
    assert library.playbooks["competitor_commission"].steps["listen"].asks == (
        "their_rate", "annual_turnover", "trades_per_year")
    declared = [s for p in library.playbooks.values() for s in p.steps.values() if s.asks]
    assert all(s.ask for s in declared) and len(declared) >= 6
