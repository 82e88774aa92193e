"""The classifier on statements written for these tests (not the development set)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.core.content.model import CAUSE_IDS, Cause, Text
from coach.core.paths import default_playbooks
from coach.core.understand.classifier import Classifier


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier.load(default_playbooks())


def lead(clf: Classifier, text: str) -> str:
    return clf.classify(text).leading


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("我下个月去券商上班了，按规定不能自己炒股。", "industry_employee"),
        ("家搬到城西了，离你们这儿太远。", "relocation"),
        ("打了三次电话都没人理我，服务太差。", "poor_service"),
        ("在这亏了一半多，想换个地方转转运。", "heavy_loss"),
        ("那边给我万一免五，你们这贵多了。", "competitor_commission"),
        ("那家开户送两桶油和一张超市卡。", "signup_gifts"),
        ("别家的经纪人天天上门来找我。", "poached"),
        ("我表妹在那边上班，今年有开户任务，我去帮她。", "favor_for_friend"),
        ("佣金不给我降下来我就销户。", "fee_cut_ultimatum"),
        ("那边有私募老师帮我操盘，赚了五五分成。", "quick_profit"),
        ("你们交易软件一开盘就卡死，行情也慢。", "other"),
    ],
)
def test_each_cause_in_plain_words(clf, text, cause):
    assert lead(clf, text) == cause


def test_traditional_characters(clf):
    assert lead(clf, "那邊給我的佣金是萬一，你們這裡太貴了。") == "competitor_commission"


def test_full_width_and_spaces(clf):
    assert lead(clf, "Ａ Ｐ Ｐ 老 是 闪 退 ， 软 件 太 难 用") == "other"


def test_homophone_typo_goes_through_the_pinyin_channel(clf):
    result = clf.classify("那边的用金才万一，手续飞便宜多了")
    assert result.leading == "competitor_commission"
    channels = {m.channel for m in result.ranking[0].matched}
    assert "pinyin" in channels
    typo = next(m for m in result.ranking[0].matched if m.channel == "pinyin")
    assert result.text[typo.start : typo.end] in {"用金", "手续飞"}


def test_a_slipped_character_goes_through_the_fuzzy_channel(clf):
    # 栗 is neither the character nor a homophone of 票: only the fuzzy channel sees 股票账户
    result = clf.classify("单位说员工不能有股栗账户")
    industry = next(c for c in result.ranking if c.id == "industry_employee")
    assert any(m.channel == "fuzzy" for m in industry.matched)
    assert result.leading == "industry_employee"


def test_patterns_catch_shapes_that_words_cannot_list(clf):
    result = clf.classify("隔壁给我报了万0.85")
    commission = next(c for c in result.ranking if c.id == "competitor_commission")
    assert any(m.channel == "pattern" and "万0.85" in result.text[m.start : m.end] for m in commission.matched)
    assert result.leading == "competitor_commission"


def test_negated_cause_does_not_win(clf):
    result = clf.classify("不是佣金的问题，佣金多少我无所谓，主要是我搬家了，离得太远。")
    assert result.leading == "relocation"
    assert "competitor_commission" not in {c.id for c in result.causes}
    negated = [m for c in result.ranking for m in c.matched if m.negated]
    assert any(result.text[m.start : m.end] == "佣金" for m in negated)


def test_denial_after_the_keyword(clf):
    result = clf.classify("跟服务没关系，是我女儿进了证券公司，家里账户要报备。")
    assert result.leading == "industry_employee"
    assert "poor_service" not in {c.id for c in result.causes}


def test_two_causes_are_both_reported_leading_first(clf):
    result = clf.classify("搬到江北去了，那边楼下的证券公司还给我万1的佣金。")
    ids = [c.id for c in result.causes]
    assert ids[:2] == ["relocation", "competitor_commission"]


def test_two_causes_leading_is_what_the_client_says_first(clf):
    result = clf.classify("亏了四十多万，这一年多也没人给我打过一个电话。")
    ids = [c.id for c in result.causes]
    assert ids[0] == "heavy_loss" and "poor_service" in ids


def test_nothing_recognisable_falls_back_to_other_with_questions(clf):
    result = clf.classify("我就是想办一下手续。")
    assert result.leading == "other"
    assert result.questions
    assert all(q in CAUSE_IDS for q in result.questions)


@pytest.mark.parametrize("text", ["我要办转托管。", "需要带什么材料？", "你好，我来销户。"])
def test_leaving_without_a_reason_asks_for_one(clf, text):
    result = clf.classify(text)
    assert result.leading == "other"
    assert result.questions


def test_explanation_points_at_the_clients_characters(clf):
    text = "隔壁证券给我的佣金只有万1.5"
    result = clf.classify(text)
    spans = [text[m.start : m.end] for m in result.ranking[0].matched]
    assert any("佣金" in s for s in spans)
    assert all(0 <= m.start < m.end <= len(text) for c in result.ranking for m in c.matched)


def test_ranking_always_has_all_eleven(clf):
    result = clf.classify("")
    assert sorted(c.id for c in result.ranking) == sorted(CAUSE_IDS)
    assert result.leading == "other"


def test_near_tie_is_flagged_ambiguous():
    causes = {
        cid: Cause(cid, Text(cid), Text(""), Text(f"{cid}?"), {kw: 2.0}, ())
        for cid, kw in [("relocation", "搬家"), ("poor_service", "态度差"), ("other", "卡顿")]
    }
    clf = Classifier(causes)
    result = clf.classify("搬家了，而且态度差")
    assert result.ambiguous
    assert set(result.questions) == {"relocation", "poor_service"}


def test_classifying_is_pure(clf):
    text = "那边开户送京东卡"
    assert clf.classify(text) == clf.classify(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_fuzz_never_raises_and_always_ranks_eleven(text):
    clf = _shared()
    result = clf.classify(text)
    assert len(result.ranking) == 11
    assert result.causes
    assert all(0.0 <= c.score <= 1.0 for c in result.ranking)
    assert all(0 <= m.start <= m.end <= len(text) for c in result.ranking for m in c.matched)


def test_very_long_input_is_answered(clf):
    text = "佣金太高了😀\x00[bold]" * 10_000
    result = clf.classify(text)
    assert len(result.ranking) == 11


_CLF: list[Classifier] = []


def _shared() -> Classifier:
    if not _CLF:
        _CLF.append(Classifier.load(default_playbooks()))
    return _CLF[0]


@pytest.mark.parametrize("text", ["就是想换个地方", "想换个地方", "换个地方", "不想在这儿做了", "没什么，就是想转"])
def test_a_statement_with_no_cause_in_it_is_not_sure_and_asks(clf, text):
    result = clf.classify(text)
    assert result.leading == "other" or result.ambiguous
    assert result.causes[0].score < 0.6
    assert result.questions
