"""What `coach validate` adds for practice: the personas and scoring.yaml, beside the content."""

from __future__ import annotations

import shutil
from pathlib import Path

from coach.core.content.check import check_folder as check_content
from coach.core.paths import PACKAGE_ROOT
from coach.core.practice.validation import check_folder

BUNDLED = PACKAGE_ROOT / "playbooks"


def test_the_folder_check_reads_personas_and_scoring_beside_the_content() -> None:
    content = check_content(BUNDLED)
    full = check_folder(BUNDLED)
    added = set(full.files) - set(content.files)
    assert str(BUNDLED / "scoring.yaml") in added
    assert str(BUNDLED / "personas" / "poor_service_fan.yaml") in added
    assert [p for p in full.problems if p.is_error] == []


def test_a_broken_persona_is_reported_with_the_content_problems(tmp_path: Path) -> None:
    root = tmp_path / "playbooks"
    shutil.copytree(BUNDLED, root)
    persona = root / "personas" / "poor_service_fan.yaml"
    persona.write_text(persona.read_text(encoding="utf-8").replace("causes:", "cuases:", 1),
                       encoding="utf-8")
    problems = check_folder(root).problems
    assert any(p.path == str(persona) and p.is_error for p in problems)
    assert check_content(root).problems == [p for p in problems if p.path != str(persona)]


def test_without_a_personas_folder_nothing_is_added(tmp_path: Path) -> None:
    root = tmp_path / "playbooks"
    shutil.copytree(BUNDLED, root, ignore=shutil.ignore_patterns("personas", "scoring.yaml"))
    assert check_folder(root).files == check_content(root).files
