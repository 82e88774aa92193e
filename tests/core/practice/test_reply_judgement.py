"""Reply judgement in the trainee's own words: what counts as a violation and what does not.

The replies here are written for these tests (not taken from replies.yaml)."""

from __future__ import annotations

import pytest

from coach.core.content.model import Library
from coach.core.practice.analysis import Analyzer


@pytest.fixture(scope="module")
def analyzer(library: Library) -> Analyzer:
    return Analyzer(library)


@pytest.mark.parametrize(
    "reply",
    [
        "保本这种话我们从来不说，股市有涨有跌。",  # a denial after the words
        "我们从来不跟客户承诺收益，这是底线。",  # a denial before them
        "监管有规定，我们不能跟您说保本保收益。",  # a rule quoted
        "公司明文规定，严禁对客户许诺回本。",
        "他们跟您说保证赚钱，您自己多掂量一下。",  # reported speech
        "那边经理说一年能翻倍？炒股的事谁也打不了包票。",
        "您说的“稳赚不赔”，其实是没有的。",  # quoted words
    ],
)
def test_denied_quoted_or_reported_promises_are_not_violations(analyzer: Analyzer, reply: str) -> None:
    assert "promise_returns" not in analyzer.analyse(reply).violations


@pytest.mark.parametrize(
    "reply",
    [
        "这种事以后不可能再发生了。",
        "体验期最后一天我会给您打电话，问问您用得怎么样。",
        "保本这种话我们从来不说。",
        "这不是您的问题，是我们的疏忽，今天您来了，正好让我把这个补上。",  # poached.yaml:49
        "您好，请坐，喝口水。方便说说对方给您报的是多少吗？",
        "是我们的错，让您白跑一趟，真对不住。",  # self-blame
        "启明证券的研究做得确实不错，这点我得承认。",  # sincere praise of a competitor
        "下周三是体验的最后一天，到时候我提醒您。",  # a practical reminder of a date
    ],
)
def test_harmless_replies_are_not_flagged(analyzer: Analyzer, reply: str) -> None:
    assert analyzer.analyse(reply).violations == ()


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("华岳那种小公司，系统三天两头出问题，迟早倒闭。", "disparage_competitor"),
        ("跟着我们的顾问做，明年回本不成问题。", "promise_returns"),
        ("您这账算得不对，您自己掂量掂量吧。", "argue_with_client"),
        ("您要是今天不定下来，这个优惠过了今晚就没了。", "pressure"),
        ("我后面还排着一堆人呢，您到底转不转？", "rude_words"),
    ],
)
def test_violations_in_natural_speech_are_caught(analyzer: Analyzer, reply: str,
                                                  violation: str) -> None:
    result = analyzer.analyse(reply)
    assert violation in result.violations
    spans = result.matched(violation)
    assert spans and all(reply[s.start:s.end] == s.text for s in spans)


def test_a_listening_opening_gets_the_feelings_first_credit(analyzer: Analyzer) -> None:
    result = analyzer.analyse("您好，请坐……方便说说对方给您报的是多少吗？")
    assert "listen_and_clarify" in result.techniques
    assert result.asked_question


def test_the_commission_figures_read_alike_whatever_the_punctuation(library: Library) -> None:
    from coach.core.visit.calc import commission

    small = commission(600_000, 60, 0.00025, 0.0001, library.firm)
    analyzer = Analyzer(library, commission=small)
    with_comma = analyzer.analyse("两边都是每笔最低5元，一年一分钱都省不下。")
    without = analyzer.analyse("两边都是每笔最低5元一年一分钱都省不下。")
    assert [(f.kind, f.correct) for f in with_comma.figures] == [
        (f.kind, f.correct) for f in without.figures
    ]
    assert all(f.correct for f in without.figures) and without.figures


def test_mian_wu_is_not_a_minimum_quoted(library: Library) -> None:
    from coach.core.visit.calc import commission

    small = commission(600_000, 60, 0.00025, 0.0001, library.firm)
    result = Analyzer(library, commission=small).analyse("免五就是不收每笔最低5元，那边是万一免五。")
    assert [f.kind for f in result.figures] == ["rate"]
