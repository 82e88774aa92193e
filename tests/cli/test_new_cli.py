"""`coach new`: skeletons that validate as written, in the right place, never overwriting."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.content.model import CAUSE_IDS
from coach.core.practice.validation import validate

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def books(tmp_path: Path) -> Path:
    copy = tmp_path / "books"
    shutil.copytree(REPO / "playbooks", copy)
    return copy


@pytest.mark.parametrize("cause", CAUSE_IDS)
def test_a_new_case_validates_as_written(books: Path, cause: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (books / "cases" / f"{cause}.yaml").rename(books / "cases" / f"{cause}.old")
    assert main(["new", "case", cause, "--to", str(books)]) == 0
    path = books / "cases" / f"{cause}.yaml"
    assert capsys.readouterr().out.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/case.schema.json\n")
    assert [p for p in validate(books) if str(path) in p.path] == []


def test_an_existing_case_is_never_overwritten(books: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = books / "cases" / "relocation.yaml"
    before = path.read_bytes()
    assert main(["new", "case", "relocation", "--to", str(books), "--lang", "en"]) == 1
    assert "exists and is never overwritten" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_an_unknown_cause_is_refused_with_a_suggestion(books: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "case", "relocaton", "--to", str(books), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "'relocaton' is not one of the eleven cause ids" in err and "relocation" in err
    assert not (books / "cases" / "relocaton.yaml").exists()


def test_a_new_persona_validates_and_plays(books: Path) -> None:
    assert main(["new", "persona", "relocation_abroad", "--to", str(books)]) == 0
    path = books / "personas" / "relocation_abroad.yaml"
    assert "causes: [relocation]" in path.read_text(encoding="utf-8")
    assert [p for p in validate(books) if str(path) in p.path] == []
    from coach.core.content.library import load_library
    from coach.core.practice.personas import load_for_library

    assert "relocation_abroad" in load_for_library(load_library(books).library).personas


def test_persona_cause_option_and_bad_id(books: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "persona", "mr_gu", "--cause", "heavy_loss", "--to", str(books)]) == 0
    assert "causes: [heavy_loss]" in (books / "personas" / "mr_gu.yaml").read_text(encoding="utf-8")
    assert main(["new", "persona", "Mr Gu", "--to", str(books), "--lang", "en"]) == 1
    assert "cannot be an id" in capsys.readouterr().err
    assert main(["new", "persona", "mr_gu", "--to", str(books)]) == 1


def test_a_new_technique_is_appended_once(books: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = books / "techniques.yaml"
    before = path.read_text(encoding="utf-8")
    assert main(["new", "technique", "farewell_gift", "--to", str(books)]) == 0
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before) and "- id: farewell_gift" in after
    assert [p for p in validate(books) if p.is_error] == []
    from coach.core.content.library import load_library

    assert "farewell_gift" in load_library(books).library.techniques
    assert main(["new", "technique", "farewell_gift", "--to", str(books), "--lang", "en"]) == 1
    assert "already has the technique" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == after


def test_a_technique_in_an_empty_folder_starts_the_file(tmp_path: Path) -> None:
    assert main(["new", "technique", "fresh", "--to", str(tmp_path)]) == 0
    text = (tmp_path / "techniques.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema/techniques.schema.json\ntechniques:\n")
