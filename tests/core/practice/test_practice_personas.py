"""The shipped personas and what `coach validate` says about broken ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.core.content.library import load_library
from coach.core.content.model import CAUSE_IDS, Library
from coach.core.practice.personas import CALL_ENDS, Persona, load_personas
from coach.core.practice.validation import validate_personas

WORKED_CASES = {
    "poor_service", "competitor_commission", "heavy_loss", "favor_for_friend", "relocation",
    "quick_profit", "fee_cut_ultimatum",
}


def test_every_cause_has_a_persona(personas: dict[str, Persona]) -> None:
    covered = {cause for p in personas.values() for cause in p.causes}
    assert covered == set(CAUSE_IDS)
    assert WORKED_CASES <= covered
    assert len(personas) >= 11


def test_the_stubborn_client_only_takes_the_trial(personas: dict[str, Persona]) -> None:
    stubborn = [p for p in personas.values() if set(p.accepts) == {"trial"}]
    assert stubborn, "a persona who insists on leaving tests the one-week trial"


def test_hard_personas_hold_something_back(personas: dict[str, Persona]) -> None:
    hard = [p for p in personas.values() if p.difficulty == "hard"]
    assert hard
    for persona in hard:
        assert persona.holds_back, persona.id
        assert all(h.hint and h.reveal for h in persona.holds_back)


def test_each_persona_is_complete(personas: dict[str, Persona]) -> None:
    for p in personas.values():
        assert p.name.zh and p.background.zh and len(p.openings) >= 2, p.id
        assert all(p.objections.get(stage) for stage in ("early", "middle", "late")), p.id
        ends = CALL_ENDS if p.outbound else ("lost",)
        assert all(o in p.decisions for o in (*ends, *p.accepts)), p.id
        assert len(p.suits(1.5)) >= 2, p.id


def test_bundled_personas_validate_cleanly(library: Library, bundled: Path) -> None:
    assert validate_personas(bundled, library) == []


@pytest.fixture
def broken(tmp_path: Path, bundled: Path) -> Path:
    root = tmp_path / "playbooks"
    shutil.copytree(bundled, root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_broken_persona_is_reported_with_its_place_and_skipped(broken: Path) -> None:
    path = broken / "personas" / "poor_service_fan.yaml"
    edit(path, "  apology: 2.5\n", "  apolgy: 2.5\n")
    library = load_library(broken).library
    problems = validate_personas(broken, library)
    [problem] = [p for p in problems if p.code == "unknown-technique"]
    line = path.read_text(encoding="utf-8").splitlines().index("  apolgy: 2.5") + 1
    assert (problem.path, problem.line, problem.col) == (str(path), line, 3)
    assert "did you mean 'apology'?" in problem.hint
    assert "poor_service_fan" not in load_personas(broken, techniques=set(library.techniques)).personas


def test_unknown_cause_and_difficulty(broken: Path) -> None:
    path = broken / "personas" / "heavy_loss_wang.yaml"
    edit(path, "causes: [heavy_loss]", "causes: [heavy_los]")
    edit(path, "difficulty: hard", "difficulty: medium")
    codes = {p.code for p in validate_personas(broken, load_library(broken).library)}
    assert {"unknown-cause", "bad-value"} <= codes


def test_yaml_tags_are_refused(broken: Path) -> None:
    path = broken / "personas" / "other_zhao.yaml"
    edit(path, "mood: -2", "mood: !!python/object:os.system -2")
    personas = load_personas(broken).personas
    assert "other_zhao" not in personas
    problems = validate_personas(broken, load_library(broken).library)
    # the tag is the one problem named: no cascade of schema errors from a file that did not load
    assert [p.code for p in problems if p.path == str(path)] == ["unsafe-tag"]


# ---------------------------------------------------------------- outbound calls (outreach:)


def _line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_an_unknown_outreach_playbook_is_named_with_its_place(broken: Path) -> None:
    path = broken / "personas" / "call_dormant_he.yaml"
    edit(path, "outreach: dormant_call", "outreach: dormant_cal")
    problems = validate_personas(broken, load_library(broken).library)
    [problem] = [p for p in problems if p.code == "unknown-outreach"]
    assert (problem.path, problem.line, problem.col) == (str(path), _line_of(path, "outreach: dormant_cal"), 11)
    assert problem.is_error and "did you mean 'dormant_call'?" in problem.hint
    assert "call_dormant_he" not in load_library_personas(broken)


def load_library_personas(root: Path) -> dict[str, Persona]:
    from coach.core.practice.personas import load_for_library

    return dict(load_for_library(load_library(root).library).personas)


def test_a_persona_is_either_at_the_counter_or_called(broken: Path) -> None:
    both = broken / "personas" / "call_dormant_he.yaml"
    edit(both, "outreach: dormant_call\n", "outreach: dormant_call\ncauses: [other]\n")
    neither = broken / "personas" / "call_heavy_loss_tang.yaml"
    edit(neither, "outreach: heavy_loss_call\n", "")
    problems = validate_personas(broken, load_library(broken).library)
    [conflict] = [p for p in problems if p.code == "conflict"]
    assert (conflict.path, conflict.line) == (str(both), _line_of(both, "outreach: dormant_call"))
    [missing] = [p for p in problems if p.code == "missing-field" and p.path == str(neither)]
    assert "neither 'causes' nor 'outreach'" in missing.message and missing.line >= 1


def test_a_call_ends_in_the_outreach_outcomes(broken: Path) -> None:
    path = broken / "personas" / "call_dormant_he.yaml"
    edit(path, "accepts: {resumed_trading: 5, appointment: 1}", "accepts: {retained: 5, appointment: 1}")
    edit(path, "  do_not_contact:\n    - 行了", "  lost:\n    - 行了")
    problems = [p for p in validate_personas(broken, load_library(broken).library)
                if p.path == str(path)]
    codes = {p.code for p in problems}
    assert {"unknown-outcome", "missing-field"} <= codes
    unknown = next(p for p in problems if p.code == "unknown-outcome" and "'retained'" in p.message)
    assert unknown.line == _line_of(path, "accepts: {retained: 5, appointment: 1}")
    assert any("'do_not_contact'" in p.message for p in problems if p.code == "missing-field")


def test_a_counter_persona_cannot_accept_a_call_outcome(broken: Path) -> None:
    path = broken / "personas" / "poor_service_fan.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("accepts:"))
    edit(path, line, "accepts: {appointment: 1}")
    codes = {p.code for p in validate_personas(broken, load_library(broken).library)
             if p.path == str(path)}
    assert "unknown-outcome" in codes


def test_a_call_personas_steps_are_checked_against_its_outreach_playbook(broken: Path) -> None:
    path = broken / "personas" / "call_dormant_lao_li.yaml"
    edit(path, "steps: [catch_up,", "steps: [catchup,")
    problems = validate_personas(broken, load_library(broken).library)
    [problem] = [p for p in problems if p.code == "unknown-step"]
    assert "outreach/dormant_call.yaml" in problem.message and "catch_up" in problem.hint
