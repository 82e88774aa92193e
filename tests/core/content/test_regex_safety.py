"""Content patterns that backtrack without bound are refused; YAML aliases cannot multiply work."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core.content.check import validate
from coach.core.content.library import load_library
from coach.core.content.regex_safety import MAX_PATTERN, pattern_risk
from coach.core.content.yamlpos import parse_yaml

MINI = Path(__file__).resolve().parents[2] / "fixtures" / "mini"
SHIPPED = Path(__file__).resolve().parents[3] / "playbooks"
GOOD_LINE = "      '(进|去)[^|]{0,4}{broker}[^|]{0,4}(上班|工作)': 2\n"


@pytest.mark.parametrize(
    "regex",
    [
        "(x+x+)+y",
        "(x+)+y",
        "(x*)*y",
        "(?:a|ab)+c",
        "(?:ab|a.)+d",
        "(?:[0-9零一二]+)+万",
        "(.|x)*y",
        "(a{1,3})*b",
        r"(\w+\s?)+$",
        "((a+)b?)+c",
        "(?:(?:xx)+)+y",
        r"(a)x\1",
        "a" * (MAX_PATTERN + 1),
    ],
)
def test_patterns_that_can_backtrack_without_bound_are_refused(regex: str) -> None:
    assert pattern_risk(regex)


@pytest.mark.parametrize(
    "regex",
    [
        "(进|去)[^|]{0,4}(?:证券|券商)[^|]{0,4}(上班|工作)",
        "(?>[0-9一二三]+多?)(?!个|人)",
        "(?:[0-9零一二])+万",  # `{num}+`: one character class repeated
        "(a|b)+c",
        "(?:证券|券商|基金)+",
        "(?:xy){2}z",
        "x++y",
        "(?>(x+)+)y",
        "^(我)?(进|考进)了?",
        "(",  # not a pattern: the caller reports it as bad-pattern
    ],
)
def test_ordinary_patterns_pass(regex: str) -> None:
    assert pattern_risk(regex) is None


def test_every_shipped_pattern_passes() -> None:
    result = load_library(SHIPPED)
    assert not [p for p in result.problems if p.code == "slow-pattern"]
    assert sum(len(c.patterns) for c in result.library.causes.values()) > 50


@given(st.text(alphabet="ab()|*+?{}0123,.[]^$\\>:!=", max_size=30))
def test_the_check_never_raises(regex: str) -> None:
    pattern_risk(regex)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "playbooks"
    shutil.copytree(MINI, copy)
    return copy


def _set_pattern(root: Path, line: str) -> None:
    causes = root / "causes.yaml"
    text = causes.read_text(encoding="utf-8")
    assert GOOD_LINE in text
    causes.write_text(text.replace(GOOD_LINE, line), encoding="utf-8")


def test_validate_names_the_slow_pattern_and_the_app_never_runs_it(root: Path) -> None:
    _set_pattern(root, "      '(x+x+)+y': 2\n")
    problems = validate(root)
    slow = [p for p in problems if p.code == "slow-pattern"]
    assert [(p.path.endswith("causes.yaml"), p.line, p.col) for p in slow] == [(True, 12, 7)]
    library = load_library(root).library
    assert all("(x+x+)+y" not in pattern for c in library.causes.values() for pattern in c.patterns)

    from coach.core.understand.classifier import Classifier

    classifier = Classifier(library.causes)
    start = time.perf_counter()
    classifier.classify("x" * 40)
    assert time.perf_counter() - start < 5  # the refused pattern would take hours here
    assert re.compile("(x+x+)+y")  # it is valid Python: only the check keeps it out


def test_a_pattern_made_huge_by_terms_is_refused(root: Path) -> None:
    text = (root / "causes.yaml").read_text(encoding="utf-8")
    words = ", ".join(f"词{i:05d}" for i in range(1200))
    text = text.replace("terms:\n", f"terms:\n  many: [{words}]\n", 1)
    (root / "causes.yaml").write_text(text, encoding="utf-8")
    _set_pattern(root, "      '{many}[^|]{0,4}{broker}': 2\n")
    assert [p.code for p in validate(root) if p.code == "slow-pattern"] == ["slow-pattern"]


# ---------------------------------------------------------------- aliases


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    tree, problems = parse_yaml("\n".join(lines) + "\n", "laughs.yaml")
    assert tree is None
    assert [p.code for p in problems] == ["yaml-too-large"]


def test_thousands_of_aliases_of_one_long_statement_are_refused() -> None:
    statement = "我在别家开户，手续费只要万一，你们这里太贵了，" * 20
    text = f"- text: &s {statement}\n  causes: [competitor_commission]\n"
    text += "".join("- text: *s\n  causes: [competitor_commission]\n" for _ in range(20000))
    tree, problems = parse_yaml(text, "phrasings.yaml")
    assert tree is None and [p.code for p in problems] == ["yaml-too-large"]


def test_ordinary_merges_still_load() -> None:
    text = "base: &b {zh: 你好, en: Hello}\nx:\n  <<: *b\n  en: Hi\ny: *b\n"
    tree, problems = parse_yaml(text, "ok.yaml")
    assert problems == []
    assert tree["x"] == {"zh": "你好", "en": "Hi"} and tree["y"]["zh"] == "你好"
