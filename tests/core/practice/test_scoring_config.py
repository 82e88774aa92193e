"""What `load_scoring` says about a broken scoring.yaml: the problem, named and placed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.core.practice.scoring_config import load_scoring


@pytest.fixture
def broken(tmp_path: Path, bundled: Path) -> Path:
    shutil.copy(bundled / "scoring.yaml", tmp_path / "scoring.yaml")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_weights_must_add_up_to_100(broken: Path) -> None:
    edit(broken / "scoring.yaml", "    weight: 20\n", "    weight: 25\n")
    config, problems = load_scoring(broken)
    assert config is None
    assert [p.code for p in problems] == ["weights-sum"]
    assert "105" in problems[0].message


def test_unknown_evidence_kind(broken: Path) -> None:
    edit(broken / "scoring.yaml", "evidence: violations", "evidence: violation")
    _, problems = load_scoring(broken)
    assert any(p.code == "unknown-evidence" and "did you mean 'violations'?" in p.hint for p in problems)


def test_scoring_checks_for_one_kind_of_client(broken: Path) -> None:
    edit(broken / "scoring.yaml", "    applies_to: outbound\n    good_time:",
         "    applies_to: outbund\n    good_time:")
    _, problems = load_scoring(broken)
    assert any(p.code == "bad-value" and "did you mean 'outbound'?" in p.hint for p in problems)


def test_weights_add_up_for_each_kind_of_client(broken: Path) -> None:
    edit(broken / "scoring.yaml", "    weight: 15\n    zh: 电话开场", "    weight: 20\n    zh: 电话开场")
    config, problems = load_scoring(broken)
    assert config is None
    [problem] = problems
    assert problem.code == "weights-sum" and "105 for outbound clients" in problem.message
    assert "counter" not in problem.message
