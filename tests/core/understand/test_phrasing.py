"""The phrasing channel: statements that imply a cause without naming it."""

from pathlib import Path

from coach.core.content.check import validate
from coach.core.content.labelled import load_phrasings
from coach.core.content.model import Cause, Labelled, Text
from coach.core.text import normalize
from coach.core.understand.classifier import Classifier
from coach.core.understand.lexicon import first_chars
from coach.core.understand.phrasing import PhrasingModel, pairs

STATEMENTS = [
    Labelled("行情软件一开盘就转圈圈，根本下不了单", ("other",)),
    Labelled("交易软件卡得要命，开盘那会儿转圈", ("other",)),
    Labelled("那边的经理天天请我喝茶聊天", ("poached",)),
    Labelled("对方经理隔三差五请我喝茶", ("poached",)),
]


def test_pairs_never_cross_a_clause_break():
    assert pairs(normalize("转圈，卡")) == {"转圈"}


def test_a_statement_sounds_like_the_cause_of_its_neighbours():
    model = PhrasingModel.learn(STATEMENTS)
    similar = model.similarity(normalize("一开盘软件就转圈"))
    assert max(similar, key=similar.get) == "other"
    assert model.similarity(normalize("")) == {}


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
    assert clf.phrasing.size >= 500


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
