"""Reading one trainee reply: techniques, denials, violations, commission figures."""

from __future__ import annotations

import pytest

from coach.core.content.model import Library
from coach.core.practice.analysis import Analyzer
from coach.core.visit.calc import commission


@pytest.fixture(scope="module")
def analyzer(library: Library) -> Analyzer:
    return Analyzer(library)


@pytest.mark.parametrize(
    ("reply", "technique"),
    [
        ("我不是要向您道歉", "apology"),
        ("我并不认为需要向您道歉", "apology"),
        ("向您道歉是不可能的", "apology"),
        ("我们不会说您考虑得很周到", "acknowledge_praise"),
    ],
)
def test_a_denied_cue_is_no_technique(analyzer: Analyzer, reply: str, technique: str) -> None:
    result = analyzer.analyse(reply)
    assert technique not in result.techniques
    assert result.denied, "the denied cue is still reported, as denied"


@pytest.mark.parametrize(
    "reply",
    [
        "对不起，让您久等了",  # 不 is part of the word
        "我们服务不周，向您道歉",  # 不周 is its own word, and the clause ends
        "我不得不向您道歉",  # double negation
        "不管怎样，我都要向您道歉",  # 不管 does not deny
        "没能及时联系您，非常抱歉",  # the denial governs another verb
        "對不起，是我們的疏忽",  # Traditional characters
        "真的要向您到歉",  # a homophone slip of the input method
    ],
)
def test_an_apology_still_counts(analyzer: Analyzer, reply: str) -> None:
    assert "apology" in analyzer.analyse(reply).techniques


@pytest.mark.parametrize(
    "reply",
    [
        "不保证赚钱",
        "谁能保证赚钱呢",
        "我们不会保本",
        "炒股没有稳赚不赔的",
        "我们可不敢说保证赚钱",
    ],
)
def test_denying_a_promise_is_no_violation(analyzer: Analyzer, reply: str) -> None:
    assert "promise_returns" not in analyzer.analyse(reply).violations


def test_the_word_that_denies_a_promise_is_not_arguing(analyzer: Analyzer) -> None:
    # 不可能 is an 'arguing' phrase, but here it denies the promise.
    result = analyzer.analyse("保证赚钱是不可能的")
    assert result.violations == ()


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("跟着我们稳赚不赔", "promise_returns"),
        ("不用担心，跟着我们稳赚不赔", "promise_returns"),  # 不用担心 denies the worry only
        ("您这就不对了", "argue_with_client"),
        ("那家小券商不靠谱", "disparage_competitor"),
        ("别信他们", "disparage_competitor"),  # 别 is part of the phrase
        ("爱转不转，随便你", "rude_words"),
    ],
)
def test_violations_are_named(analyzer: Analyzer, reply: str, violation: str) -> None:
    assert violation in analyzer.analyse(reply).violations


def test_a_denied_disparagement_is_not_one(analyzer: Analyzer) -> None:
    assert analyzer.analyse("我没说那家小券商不靠谱").violations == ()


def test_principles_kept_and_broken(analyzer: Analyzer) -> None:
    kept = analyzer.analyse("您好，请坐，您别着急。")
    assert {"rapport", "stay_calm"} <= set(kept.principles_kept)
    broken = analyzer.analyse("您好，那家小券商不靠谱。")
    assert "confident_not_disparaging" in broken.principles_broken


def test_the_playbook_line_counts_for_its_technique(library: Library, analyzer: Analyzer) -> None:
    playbook = library.playbooks["poor_service"]
    manager = next(s for s in playbook.steps.values() if s.technique == "dedicated_manager")
    line = manager.say[0].replace("{client}", "您")
    assert "dedicated_manager" in analyzer.analyse(line).techniques


def test_commission_figures_are_checked_against_the_clients_numbers(library: Library) -> None:
    result = commission(1_200_000, 40, 0.00025, 0.00012, library.firm)
    analyzer = Analyzer(library, commission=result)
    right = analyzer.analyse("按您的交易量，一年相差100元，每笔最低5元。")
    kinds = {(f.kind, f.correct) for f in right.figures}
    assert ("yearly_diff", True) in kinds and ("minimum", True) in kinds
    wrong = analyzer.analyse("一年下来相差1,560元")
    assert [f.correct for f in wrong.figures] == [False]
    assert wrong.figures[0].expected == pytest.approx(100)
    rates = analyzer.analyse("我们这边万2.5，对方万1.2")
    assert [f.correct for f in rates.figures] == [True, True]


def test_in_case_is_not_a_rate(library: Library) -> None:
    assert Analyzer(library).analyse("万一您在那边用得不顺心呢").figures == ()


def test_no_difference_at_all(library: Library) -> None:
    small = commission(600_000, 60, 0.00025, 0.0001, library.firm)  # every trade pays the minimum
    analyzer = Analyzer(library, commission=small)
    figures = analyzer.analyse("每笔都按最低5元收，降到多少都一样，一分钱都省不下。").figures
    assert figures and all(f.correct for f in figures)


def test_working_out_the_minimum_is_commission_math(library: Library) -> None:
    small = commission(600_000, 60, 0.00025, 0.0001, library.firm)
    reply = "每笔一万块，按万2.5算才2.5元，不到最低5元，所以都按5元收。"
    assert "commission_math" in Analyzer(library, commission=small).analyse(reply).techniques


def test_a_violation_is_quoted_by_the_clauses_that_hold_its_words(analyzer: Analyzer) -> None:
    """The n-grams behind a decision can be single characters: the trainee is shown the
    clauses they said, in their order, as typed."""
    reply = "您好，请坐。跟着我们保證賺錢，稳赚不赔！您放心。"
    result = analyzer.analyse(reply)
    assert "promise_returns" in result.violations
    quoted = result.quoted("promise_returns")
    assert quoted and all(q in reply for q in quoted)
    assert "跟着我们保證賺錢" in quoted and "您好" not in quoted
    assert result.quoted("apology") == ()  # not detected: nothing to quote
