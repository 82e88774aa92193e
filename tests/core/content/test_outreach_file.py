"""Outreach playbooks load like case files, with their own outcomes, and warning.yaml's names
are checked against them."""

from __future__ import annotations

import shutil
from pathlib import Path

from coach.core.content.library import load_library
from coach.core.content.outreach_file import OUTREACH_OUTCOMES, load_outreach
from coach.core.paths import PACKAGE_ROOT

BUNDLED = PACKAGE_ROOT / "playbooks"


def test_bundled_outreach_playbooks_load_and_cover_every_indicator_family():
    library = load_library(BUNDLED).library
    assert library.warning is not None
    for indicator in library.warning.indicators:
        assert indicator.outreach in library.outreach, indicator.id
    served = {s for o in library.outreach.values() for s in o.serves}
    assert {"dormant", "heavy_loss", "complaint"} <= served
    families = {i.family for i in library.warning.indicators if i.id in served}
    assert families == {"key", "supporting", "qualitative"}


def test_every_outreach_path_ends_in_one_of_its_outcomes():
    library = load_library(BUNDLED).library
    for outreach in library.outreach.values():
        outcomes = {s.outcome for s in outreach.playbook.steps.values() if s.outcome}
        assert outcomes <= set(OUTREACH_OUTCOMES)
        assert outcomes  # something ends the call


def test_complaint_follow_up_has_the_six_steps_in_order():
    library = load_library(BUNDLED).library
    steps = list(library.outreach["complaint_follow_up"].playbook.steps)
    assert steps[:6] == ["accept_criticism", "find_cause", "act_now", "apologise", "improve",
                         "follow_up"]


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "playbooks"
    shutil.copytree(BUNDLED, folder)
    return folder


def test_a_counter_outcome_is_refused_with_its_position(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "outreach" / "dormant_call.yaml"
    text = path.read_text(encoding="utf-8").replace("outcome: declined", "outcome: retained")
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_outreach(path)
    assert loaded is None
    bad = [p for p in problems if p.code == "unknown-outcome"]
    line = text.splitlines().index("    outcome: retained") + 1
    assert [(p.line, p.col) for p in bad] == [(line, 14)]


def test_warning_names_a_missing_outreach_playbook(tmp_path):
    folder = _copy(tmp_path)
    (folder / "outreach" / "fee_probe_call.yaml").unlink()
    problems = load_library(folder).problems
    assert [p.code for p in problems if p.is_error] == ["unknown-outreach"]
    assert problems[0].path.endswith("warning.yaml") and problems[0].line > 0


def test_broken_yaml_in_outreach_names_file_line_column(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "outreach" / "at_risk_call.yaml"
    path.write_text("id: at_risk_call\nsteps: [\n", encoding="utf-8")
    problems = load_library(folder).problems
    syntax = [p for p in problems if p.path == str(path)]
    assert syntax and syntax[0].line >= 2 and syntax[0].col >= 1
