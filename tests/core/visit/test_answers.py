"""A step whose question the client already answered: the walkthrough finds the words."""

from __future__ import annotations

import pytest

from coach.core.content.library import load_library
from coach.core.content.model import Library
from coach.core.paths import PACKAGE_ROOT
from coach.core.visit.answers import find_answers, quote
from coach.core.visit.engine import Walkthrough


@pytest.fixture(scope="module")
def library() -> Library:
    loaded = load_library(PACKAGE_ROOT / "playbooks").library
    assert loaded is not None
    return loaded


def walk(library: Library, cause: str) -> Walkthrough:
    return Walkthrough.from_library(library, cause)


def test_a_figure_the_step_asks_for_is_answered_with_the_clients_words(library: Library) -> None:
    w = walk(library, "competitor_commission")
    assert w.step.asks == ("their_rate", "annual_turnover", "trades_per_year")
    w.hear("人家给我万一，你们这边万2.5，一个月交易三百万，一年大概两百笔")
    answered = w.answered()
    assert answered.complete and answered.missing == ()
    words = {a.asks: a.words for a in answered.answers}
    assert words == {"their_rate": "万一", "annual_turnover": "三百万", "trades_per_year": "两百笔"}
    first = answered.answers[0]
    assert w.statements[first.statement][first.start : first.end] == "万一"
    assert first.quote == "人家给我万一"


def test_a_place_answers_where_the_client_moved(library: Library) -> None:
    w = walk(library, "relocation")
    assert w.step.asks == ("place",)
    w.hear("我搬到江北了，离这儿太远，想把户转走")
    answered = w.answered()
    assert answered.complete
    assert [(a.words, a.quote) for a in answered.answers] == [("江北", "我搬到江北了")]


@pytest.mark.parametrize("said", ["我搬家了，离这儿太远", "搬去外地了", "你们这边服务太差了"])
def test_words_that_do_not_say_where_leave_the_question(library: Library, said: str) -> None:
    w = walk(library, "relocation")
    w.hear(said)
    answered = w.answered()
    assert not answered.complete and answered.answers == () and answered.missing == ("place",)
    assert "搬到哪一片了" in "".join(w.lines())  # the step's own lines still ask


def test_part_answered_says_what_is_still_to_ask(library: Library) -> None:
    w = walk(library, "competitor_commission")
    w.hear("那边给我万一，你们太贵了")
    answered = w.answered()
    assert not answered.complete
    assert [a.asks for a in answered.answers] == ["their_rate"]
    assert answered.missing == ("annual_turnover", "trades_per_year")


def test_answered_later_in_the_visit_and_the_latest_words_win(library: Library) -> None:
    w = walk(library, "relocation")
    w.hear("我搬家了")
    assert not w.answered().complete
    w.hear("新家在高新区那边")
    w.hear("哦不对，是搬到城北了")
    answered = w.answered()
    assert answered.complete
    (answer,) = answered.answers
    assert (answer.words, answer.statement) == ("城北", 2)


def test_a_later_step_uses_what_was_said_at_the_start(library: Library) -> None:
    w = walk(library, "relocation")
    w.hear("我搬到深圳了")
    w.react("insists")  # straight to near_branch, which asks where again
    assert w.step.id == "near_branch" and w.step.asks == ("place",)
    assert w.answered().complete
    assert w.back() and w.statements == ("我搬到深圳了",)  # words said stay said


def test_the_lines_for_answered_replace_the_question_in_what_to_say(library: Library) -> None:
    w = walk(library, "relocation")
    asking = w.lines()
    w.hear("我搬到江北了")
    assert w.lines() != asking
    assert not any("搬到哪一片" in line for line in w.lines())


def test_a_step_that_asks_nothing_is_never_answered(library: Library) -> None:
    w = walk(library, "relocation")
    w.hear("我搬到江北了")
    w.react("accepts")
    assert w.step.id == "online" and not w.answered().complete and w.answered().asks == ()


def test_quotes_keep_the_clause_and_trim_long_ones() -> None:
    assert quote("好的。人家给我万一，你们呢", 7, 9) == "人家给我万一"
    long = "我" * 60 + "万一" + "他" * 60
    assert quote(long, 60, 62) == "我" * 24 + "万一" + "他" * 24


def test_nothing_asked_or_nothing_said() -> None:
    assert not find_answers((), ["人家给我万一"]).complete
    assert find_answers(("their_rate",), []).missing == ("their_rate",)
