"""The learned channel: statements that imply a cause without naming it."""

from pathlib import Path

from coach.core.content.check import validate
from coach.core.content.labelled import load_phrasings
from coach.core.content.model import Cause, Labelled, Text
from coach.core.text import normalize
from coach.core.understand.classifier import Classifier
from coach.core.understand.leaving import without_leaving
from coach.core.understand.lexicon import first_chars

STATEMENTS = [
    Labelled("行情软件一开盘就转圈圈，根本下不了单", ("other",)),
    Labelled("交易软件卡得要命，开盘那会儿转圈", ("other",)),
    Labelled("那边的经理天天请我喝茶聊天", ("poached",)),
    Labelled("对方经理隔三差五请我喝茶", ("poached",)),
]


def test_words_of_leaving_are_cut_out_before_learning():
    assert without_leaving(normalize("就是想换个地方，办手续")) == "|想|||"


def _bare_classifier(phrasings):
    causes = {
        cid: Cause(cid, Text(cid), Text(""), Text("?"), {}, ())
        for cid in ("poached", "competitor_commission", "other")
    }
    return Classifier(causes, phrasings)


def test_phrasing_alone_can_name_an_indirect_cause():
    without = _bare_classifier(()).classify("那边经理又请我喝茶了")
    assert without.leading == "other" and without.ranking[0].score == 0
    with_phrasings = _bare_classifier(STATEMENTS).classify("那边经理又请我喝茶了")
    assert with_phrasings.leading == "poached"


def test_a_denied_clause_does_not_count_for_phrasing():
    clf = _bare_classifier(STATEMENTS)
    clf.causes["poached"] = Cause("poached", Text("p"), Text(""), Text("?"), {"请我喝茶": 1.0}, ())
    clf = Classifier(clf.causes, STATEMENTS)
    result = clf.classify("不是因为他们请我喝茶")
    poached = next(c for c in result.ranking if c.id == "poached")
    assert poached.score == 0


def test_bundled_phrasings_help_on_their_own_kind_of_statement():
    clf = Classifier.load(Path(__file__).resolve().parents[3] / "playbooks")
    assert clf.model is not None and len(clf.model.weights) >= 2000
    result = clf.classify("这户头跟我八字不合，越炒越背")
    assert result.leading == "heavy_loss"


def test_the_learned_channel_never_claims_other_for_itself():
    """Leaning to `other` means no cause: the fallback answers, unsure, with the question."""
    clf = _bare_classifier(STATEMENTS)
    result = clf.classify("软件一开盘就转圈")
    assert result.leading == "other" and result.causes[0].score < 0.6
    assert result.questions == ("other",)


def test_a_cause_named_only_by_the_learned_channel_is_explained_by_its_ngrams():
    result = _bare_classifier(STATEMENTS).classify("那边经理又请我喝茶了")
    lead = result.causes[0]
    assert lead.id == "poached" and lead.matched
    assert all(m.channel == "learned" for m in lead.matched)
    assert any("喝茶" in result.text[m.start : m.end] or "经理" in result.text[m.start : m.end]
               for m in lead.matched)


def test_loader_reports_unknown_cause_with_its_place(tmp_path):
    path = tmp_path / "phrasings.yaml"
    path.write_text(
        '- text: "开户送油"\n  causes: [signup_gift]\n- text: "太远了"\n  causes: [relocation]\n',
        encoding="utf-8",
    )
    statements, problems = load_phrasings(path)
    assert [s.text for s in statements] == ["太远了"]
    [problem] = problems
    assert (problem.line, problem.col, problem.code) == (2, 12, "unknown-cause")
    assert "signup_gifts" in problem.hint


def test_validate_checks_the_phrasings_file(tmp_path):
    import shutil

    root = tmp_path / "playbooks"
    shutil.copytree(Path(__file__).resolve().parents[3] / "playbooks", root)
    (root / "phrasings.yaml").write_text("- text: 太远了\n  cuases: [relocation]\n", encoding="utf-8")
    codes = {(p.code, p.line) for p in validate(root) if p.path.endswith("phrasings.yaml")}
    assert ("unknown-key", 2) in codes and ("missing-field", 1) in codes


def test_first_chars_of_patterns():
    assert first_chars("(搬|迁)[^|]{0,3}到") == frozenset("搬迁")
    assert first_chars("万[0-9]+") == frozenset("万")
    assert first_chars("a?b") == frozenset("ab")
    assert first_chars(".*x") is None


def _worded_classifier(keywords: dict[str, dict[str, float]], phrasings, **overrides):
    causes = {
        cid: Cause(cid, Text(cid), Text(""), Text("?"), keywords.get(cid, {}), ())
        for cid in ("relocation", "poached", "competitor_commission", "other")
    }
    cls = type("Tuned", (Classifier,), overrides) if overrides else Classifier
    return cls(causes, phrasings)


def test_the_learned_model_overrules_a_stray_keyword():
    """"小区" says relocation in the words; the situation (a manager who keeps inviting the
    client to tea) is what the labelled statements teach as poached."""
    keywords = {"relocation": {"小区": 3.0}}
    text = "那边经理又跑到我们小区请我喝茶了"
    words_only = _worded_classifier(keywords, STATEMENTS, OVERRULE_BASE=99.0).classify(text)
    assert words_only.leading == "relocation"
    result = _worded_classifier(keywords, STATEMENTS).classify(text)
    assert result.leading == "poached"


def test_two_reasons_said_plainly_keep_the_first_in_the_lead():
    keywords = {"relocation": {"搬家": 3.0, "太远": 3.0}, "poached": {"请我喝茶": 3.0}}
    moved = [Labelled("我搬家了，离这边太远", ("relocation",)),
             Labelled("搬到新区去了，来一趟太远", ("relocation",))]
    result = _worded_classifier(keywords, [*STATEMENTS, *moved]).classify(
        "我搬家了，离这太远，再说那边经理老请我喝茶")
    assert [c.id for c in result.causes] == ["relocation", "poached"]


def test_when_the_model_reads_no_cause_a_stray_keyword_only_asks():
    """The model leans to `other` (slow software): the keyword's cause becomes the question to
    ask, not the answer; the answer stays `other`, unsure, below 0.6."""
    keywords = {"relocation": {"开盘": 3.0}}
    text = "交易软件一开盘就转圈圈"
    assert _worded_classifier(keywords, STATEMENTS, OVERRULE_BASE=99.0).classify(text).leading == "relocation"
    result = _worded_classifier(keywords, STATEMENTS).classify(text)
    assert result.leading == "other" and result.unsure and result.causes[0].score < 0.6
    assert "relocation" in result.questions


def test_the_learned_channel_is_taught_the_leading_cause_only():
    from coach.core.understand.compiled import targets

    assert targets([Labelled("亏了，经理也不管", ("heavy_loss", "poor_service"))]) == [("heavy_loss",)]


def test_one_character_said_over_and_over_is_no_evidence_for_the_learned_channel():
    """Its support (distinct learnt n-grams) is one: the answer is unsure, not a cause."""
    from coach.core.paths import default_playbooks

    clf = Classifier.load(default_playbooks())
    for text in ("我" * 5000, "的" * 40, "啊啊啊啊啊啊"):
        result = clf.classify(text)
        assert result.unsure and result.leading == "other", text
        assert result.causes[0].score < 0.6
