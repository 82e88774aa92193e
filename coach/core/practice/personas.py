"""Simulated clients for role-play practice, loaded from `playbooks/personas/*.yaml`.

A persona is a believable departing client of one or two causes (or, with `outreach:`, a client
the trainee phones with an outreach playbook): who they are, how they open,
what wins them over (`softens`: technique -> weight) and what sets them back (`hardens`), what
they hold back on the hard level, what they say at each stage, and what they decide. Settings
shared by every persona (violation weights, the feelings techniques, ...) live in
`personas/_defaults.yaml`; files whose name starts with "_" are not personas.

Loading never raises on bad content: each misfit is a `Problem` and the persona is skipped, so
practice runs on the personas that are valid. `coach.core.practice.validation` checks them for `coach validate`;
it also checks `scoring.yaml`, the other file practice mode owns.
"""

from __future__ import annotations

import os
from pathlib import Path

from coach.core.content.fields import Fields
from coach.core.content.model import Library, Pos
from coach.core.content.problems import Problem, has_errors
from coach.core.files import Refused, list_folder
from coach.core.practice.persona_file import load_behaviour, load_persona
from coach.core.practice.persona_model import (
    CALL_ENDS,
    CALL_WINS,
    DEFAULTS_FILE,
    DIFFICULTIES,
    MOOD_MAX,
    MOOD_MIN,
    PERSONAS,
    STAGES,
    VIOLATION_IDS,
    Behaviour,
    HeldBack,
    Persona,
    PersonaSet,
    Profile,
)

__all__ = [
    "CALL_ENDS", "CALL_WINS",    "DEFAULTS_FILE", "DIFFICULTIES", "MOOD_MAX", "MOOD_MIN", "PERSONAS", "STAGES", "VIOLATION_IDS",
    "Behaviour", "HeldBack", "Persona", "PersonaSet", "Profile", "load_for_library",
    "load_personas", "personas_dir",
]


# ---------------------------------------------------------------- loading


def personas_dir(root: Path) -> Path:
    return Path(root) / PERSONAS


def load_personas(
    root: Path,
    *,
    techniques: set[str] | None = None,
    violations: set[str] | None = None,
    outreach: set[str] | None = None,
) -> PersonaSet:
    """Every valid persona under `root/personas/`; `techniques`/`violations` are the ids to
    check references against (None: not checked); `outreach` the outreach playbooks a call
    persona may name (None: not checked)."""

    folder = personas_dir(root)
    problems: list[Problem] = []
    if not os.path.isdir(folder):  # False, not an exception, when the parent cannot be searched
        problems.append(
            Problem(str(folder), 0, 0, "warning", "missing-personas",
                    "the folder personas/ is missing: practice mode has no clients",
                    "create it and add persona files (see playbooks/README.md)")
        )
        return PersonaSet({}, Behaviour(), tuple(problems))
    try:
        listed = list_folder(folder, ".yaml")
        ignored = list_folder(folder, ".yml")
    except Refused as refused:  # a folder we may not read is an error, not "no personas"
        problems.append(Problem(str(folder), 0, 0, "error", refused.code, refused.message,
                                refused.hint))
        return PersonaSet({}, Behaviour(), tuple(problems))
    behaviour = Behaviour()
    defaults = folder / DEFAULTS_FILE
    if defaults.is_file():
        behaviour = load_behaviour(defaults, problems, Fields, violations)
    personas: dict[str, Persona] = {}
    seen: dict[str, Pos] = {}
    for path in listed:
        if path.name.startswith("_"):
            continue
        found: list[Problem] = []
        persona = load_persona(path, behaviour, found, Fields, techniques, violations, outreach)
        if persona is not None:
            if persona.id in seen:
                found.append(Problem.at(persona.pos, "duplicate-id",
                                        f"persona '{persona.id}' is defined twice",
                                        f"the first one is at {seen[persona.id]}"))
            else:
                seen[persona.id] = persona.pos
        problems.extend(found)
        if persona is not None and not has_errors(found):
            personas[persona.id] = persona
    for path in ignored:
        problems.append(Problem(str(path), 0, 0, "warning", "ignored-file",
                                "persona files must end in .yaml; this one is ignored",
                                f"rename it to {path.stem}.yaml"))
    if not personas and not has_errors(problems):
        problems.append(Problem(str(folder), 0, 0, "warning", "no-personas",
                                "there are no personas: practice mode has no clients",
                                "add a persona file, e.g. personas/poor_service_fan.yaml"))
    return PersonaSet(personas, behaviour, tuple(problems))


def load_for_library(library: Library) -> PersonaSet:
    """The personas beside a loaded library, checked against its techniques, violations and
    outreach playbooks."""
    return load_personas(
        Path(library.root),
        techniques=set(library.techniques) or None,
        violations=set(library.violations) or set(VIOLATION_IDS),
        outreach=set(library.outreach),
    )
