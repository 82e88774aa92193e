"""The reply model: trained deterministically, stored as plain data, thresholds by cross-validation."""

from __future__ import annotations

import pytest

from coach.core.text import CLAUSE_BREAK, normalize
from coach.core.understand.cache import decode, encode
from coach.core.understand.replies import (
    ANY,
    Example,
    ReplyModel,
    best_threshold,
    calibrate,
    fit,
)
from coach.core.understand.voice import own_voice

GOOD = ["您先别急，慢慢说", "您的心情我特别理解", "换作是我也会着急", "我理解您的感受",
        "这确实让人心里不舒服", "您有这想法太正常了"]
ASK = ["方便说说是哪方面不满意吗", "您说的是佣金还是服务", "能讲讲那边报的价吗", "具体是哪天的事呢"]
BAD = ["那种小公司迟早倒闭", "那家券商就是骗人的", "他们系统天天瘫痪", "那边的人一点都不专业"]


def _examples() -> list[Example]:
    out = [Example(t, ("empathy",)) for t in GOOD]
    out += [Example(t, ("listen_and_clarify",)) for t in ASK]
    out += [Example(t, ("disparage_competitor",)) for t in BAD]
    return out


@pytest.fixture(scope="module")
def model() -> ReplyModel:
    return fit(_examples(), ["empathy", "listen_and_clarify"], ["disparage_competitor"], k=3)


def test_training_is_deterministic(model: ReplyModel) -> None:
    again = fit(list(reversed(_examples())), ["empathy", "listen_and_clarify"],
                ["disparage_competitor"], k=3)
    assert encode(again.to_data()) == encode(model.to_data())


def test_plain_data_round_trip(model: ReplyModel) -> None:
    data = decode(encode(model.to_data()))  # what the compiled cache keeps: no code, no pickle
    back = ReplyModel.from_data(data)
    text = "那家小公司靠不住"
    assert back.scores(text) == pytest.approx(model.scores(text))
    assert set(back.kinds) == {"empathy", "listen_and_clarify", "disparage_competitor"}
    assert ANY not in back.kinds


@pytest.mark.parametrize("broken", [{}, {"techniques": 1}, {"techniques": {}, "violations": {}}])
def test_malformed_data_is_refused(model: ReplyModel, broken: dict) -> None:
    with pytest.raises(ValueError):
        ReplyModel.from_data(broken)
    data = model.to_data()
    data["thresholds"] = {"empathy": float("nan")}
    with pytest.raises(ValueError):
        ReplyModel.from_data(data)


def test_scores_are_half_at_the_threshold() -> None:
    assert calibrate(0.3, 0.3) == 0.5
    assert calibrate(1.0, 0.3) > 0.9 and calibrate(-1.0, 0.3) < 0.1


def test_the_threshold_splits_where_f_is_best() -> None:
    pairs = [(0.9, True), (0.8, True), (0.6, False), (0.4, True), (0.1, False), (0.0, False)]
    cut = best_threshold(pairs, 1.0)
    assert 0.1 < cut < 0.4
    assert best_threshold([(0.2, False)], 1.0) > 0.2, "no positives: nothing passes"


def test_nothing_said_is_nothing_detected(model: ReplyModel) -> None:
    scores = model.scores("")
    assert model.detected(scores, "technique") == []
    assert model.detected(scores, "violation") == []


@pytest.mark.parametrize(
    ("reply", "kept", "gone"),
    [
        ("他们说保本，您可得想清楚", "您可得想清楚", "保本"),
        ("监管规定不能说保本", "", "保本"),
        ("保本这种话我们从来不说", "", "保本"),
        ("我们不敢保证收益，但服务我来负责", "但服务我来负责", "收益"),
        ("“稳赚不赔”是骗人的", "是骗人的", "稳赚"),
        ("他们说的都是骗人的", "都是骗人的", ""),  # the trainee's own judgement stays
        ("别说了，烦不烦", "烦不烦", ""),
        # the client's complaint given back is the client's, the reply to it the trainee's
        ("您刚才说你们这太贵了，具体是哪一项", "具体是哪一项", "太贵"),
        ("您说我们服务差，那您去别家试试", "那您去别家试试", "服务差"),
        ("您嫌我们办事慢，这我认", "这我认", "办事慢"),
        ("您说得对，是我们慢了", "您说得对", ""),  # the trainee's own agreement stays
        ("您说，这能怪我们吗", "这能怪我们吗", ""),  # a rhetorical question stays
        ("随便你说什么", "随便你说什么", ""),
    ],
)
def test_own_voice_leaves_out_quoted_reported_and_denied_words(reply: str, kept: str,
                                                               gone: str) -> None:
    own = own_voice(normalize(reply)).replace(CLAUSE_BREAK, "")
    assert kept in own
    if gone:
        assert gone not in own


def test_the_gate_cut_lets_through_no_more_clean_replies_than_allowed() -> None:
    from coach.core.understand.replies import gate_cut

    scores = [0.9, 0.5, 0.5, 0.2, -1.0]
    assert gate_cut(scores, 1) == pytest.approx(0.7)  # only 0.9 at or above
    assert gate_cut(scores, 2) == pytest.approx(0.7)  # a tie at 0.5: both or neither
    assert gate_cut(scores, 3) == pytest.approx(0.35)
    assert gate_cut(scores, 0) > 0.9
    assert gate_cut(scores, 5) < -1.0 and gate_cut([], 0) < 0
    for allowed in range(6):
        assert sum(s >= gate_cut(scores, allowed) for s in scores) <= allowed
