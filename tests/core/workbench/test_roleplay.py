"""Every persona: the model script passes, the poor script fails with its violations named."""

from __future__ import annotations

import shutil
from pathlib import Path

from coach.core.content.library import load_library
from coach.core.workbench.roleplay import Played, poor_script, rehearse

REPO = Path(__file__).resolve().parents[3]


def test_every_shipped_persona_behaves() -> None:
    library = load_library(REPO / "playbooks").library
    played, notes = rehearse(library)
    assert notes == []
    assert {p.script for p in played} == {"model", "poor"}
    assert len(played) == 2 * len(list((REPO / "playbooks" / "personas").glob("[!_]*.yaml")))
    for p in played:
        assert p.as_expected, p.problem()
        if p.script == "poor":
            assert p.violations and not p.passed


def test_the_poor_script_says_the_catalogue_violations() -> None:
    library = load_library(REPO / "playbooks").library
    script = poor_script(library, 3)
    first = [v.phrases[0] for v in library.violations.values()][:3]
    assert script == [f"{p}。" for p in first]


def test_what_counts_as_wrong() -> None:
    model = Played("p", "model", 40, False, "lost", (), 6)
    assert "does not pass" in model.problem()
    lenient = Played("p", "poor", 70, True, "retained", ("rude_words",), 6)
    assert "misses the violations" in lenient.problem()
    unnamed = Played("p", "poor", 10, False, "lost", (), 6)
    assert "no violation is named" in unnamed.problem()
    assert Played("p", "poor", 0, False, "lost", ("pressure",), 6).problem() == ""
    assert "loses the client" in Played("p", "model", 62, True, "lost", (), 2).problem()
    assert Played("p", "model", 90, True, "trial", (), 5).problem() == ""


def test_without_violation_phrases_there_is_no_poor_script(tmp_path: Path) -> None:
    books = tmp_path / "books"
    shutil.copytree(REPO / "playbooks", books)
    principles = books / "principles.yaml"
    text = principles.read_text("utf-8")
    principles.write_text(text[: text.index("\nviolations:")] + "\n", "utf-8")
    played, notes = rehearse(load_library(books).library)
    assert {p.script for p in played} == {"model"}
    assert notes and "no poor script" in notes[0]
