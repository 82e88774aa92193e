"""What `coach validate` adds for practice mode: the personas and scoring.yaml, checked against
the loaded library. Handed to `coach.core.content.check` as an extra folder check."""

from __future__ import annotations

import os
from pathlib import Path

from coach.core.content.check import Report
from coach.core.content.check import check_folder as check_content
from coach.core.content.model import Library, Playbook
from coach.core.content.problems import Problem, choices_hint
from coach.core.practice.personas import VIOLATION_IDS, Persona, load_for_library, load_personas
from coach.core.practice.scoring_config import load_scoring
from coach.core.visit.figures_check import figure_check


def persona_check(root: Path, library: Library) -> tuple[list[Problem], list[Path]]:
    """The personas' and the scorecard's problems, and the files read; nothing without personas/."""
    personas = root / "personas"
    if not os.path.isdir(personas):  # never raises: an unreadable playbooks folder is reported once
        return [], []
    checked = [*sorted(personas.glob("*.yaml")), root / "scoring.yaml"]
    return validate_personas(root, library), [p for p in checked if p.is_file()]


def check_folder(root: Path) -> Report:
    """Every problem of a playbooks folder, personas and figures included: what `coach validate`
    prints."""
    return check_content(Path(root), extra=(persona_check, figure_check))


def validate(root: Path) -> list[Problem]:
    return check_folder(root).problems


def validate_personas(root: Path, library: Library | None) -> list[Problem]:
    """Every problem in the personas and in scoring.yaml (what `coach validate` adds)."""
    if library is not None and library.techniques:
        loaded = load_for_library(library)
    else:
        loaded = load_personas(root, violations=set(VIOLATION_IDS))
    problems = list(loaded.problems)
    config, scoring_problems = load_scoring(
        root, techniques=set(library.techniques) if library is not None and library.techniques else None
    )
    problems.extend(scoring_problems)
    if config is not None:
        min_weight = config.min_weight()
        for persona in loaded.personas.values():
            if min_weight and len(persona.suits(min_weight)) < config.min_suiting():
                problems.append(Problem.at(
                    persona.pos, "too-few-suiting",
                    f"persona '{persona.id}' has fewer than {config.min_suiting()} techniques "
                    f"weighing {min_weight:g} or more in 'softens'",
                    "the scorecard's 'right technique' check could never pass for this client",
                    level="warning",
                ))
    if library is not None:
        for persona in loaded.personas.values():
            if persona.outbound:  # its outreach playbook exists: the loader checked the id
                outreach = library.outreach.get(persona.outreach)
                _check_steps(persona, outreach.playbook if outreach else None,
                             f"outreach/{persona.outreach}.yaml", problems)
                continue
            lead = persona.causes[0]
            playbook = library.playbooks.get(lead)
            if library.playbooks and playbook is None:
                problems.append(Problem.at(
                    persona.pos, "no-case-file",
                    f"persona '{persona.id}' leads with '{lead}', which has no case file",
                    "feedback falls back to the technique catalogue's model lines",
                    level="warning",
                ))
            _check_steps(persona, playbook, f"cases/{lead}.yaml", problems)
    return problems


def _check_steps(persona: Persona, playbook: Playbook | None, file: str,
                 problems: list[Problem]) -> None:
    for step in persona.steps:
        if playbook is not None and step not in playbook.steps:
            problems.append(Problem.at(
                persona.pos, "unknown-step",
                f"persona '{persona.id}' names the step '{step}', which {file} does not have",
                choices_hint(step, playbook.steps, what="steps"),
            ))
