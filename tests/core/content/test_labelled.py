"""One reader of labelled statements, strict or lenient."""

from coach.core.content.labelled import read_labelled
from coach.core.content.model import Labelled

GOOD = '- text: "搬家了"\n  causes: [relocation]\n  tags: [terse]\n- text: 开户送油\n  causes: signup_gifts\n'
BAD = GOOD + '- text: 太远\n  causes: [relocaton]\n- causes: [other]\n'


def test_strict_and_lenient_agree_on_a_good_file(tmp_path):
    path = tmp_path / "data.yaml"
    path.write_text(GOOD, encoding="utf-8")
    strict, problems = read_labelled(path, strict=True)
    lenient, quiet = read_labelled(path, strict=False)
    assert strict == lenient == (
        Labelled("搬家了", ("relocation",), ("terse",)),
        Labelled("开户送油", ("signup_gifts",), ()),
    )
    assert problems == quiet == []


def test_strict_names_each_problem_lenient_keeps_the_good_ones(tmp_path):
    path = tmp_path / "data.yaml"
    path.write_text(BAD, encoding="utf-8")
    strict, problems = read_labelled(path, strict=True)
    lenient, quiet = read_labelled(path, strict=False)
    assert [s.text for s in strict] == [s.text for s in lenient] == ["搬家了", "开户送油"]
    assert quiet == []
    assert [(p.line, p.code) for p in problems] == [(7, "unknown-cause"), (8, "missing-field")]


def test_a_missing_file_holds_none(tmp_path):
    assert read_labelled(tmp_path / "none.yaml", strict=True) == ((), [])
    assert read_labelled(tmp_path / "none.yaml", strict=False) == ((), [])
