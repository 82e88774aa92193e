"""The reactions a step offers the staff member: the four standard ones, then the playbook's
named ones, each with its label in both languages.

Read off the step and its playbook alone: where the session stands does not change them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coach.core.content.model import STANDARD_REACTIONS, Playbook, Step, Text

STANDARD_LABELS: Mapping[str, Text] = {
    "accepts": Text("客户接受", "Client accepts"),
    "objects": Text("客户有异议", "Client objects"),
    "another_cause": Text("提出其他原因", "Raises another cause"),
    "insists": Text("坚持要走", "Insists on leaving"),
}
ANOTHER_CAUSE = "another_cause"


@dataclass(frozen=True, slots=True)
class Choice:
    """A reaction the staff member can pick at the current step."""

    id: str
    title: str  # the label in the language asked for: 客户接受 / Client accepts
    target: str | None  # step it leads to; for another_cause the step to come back to (or None)
    standard: bool  # one of the four standard reactions (else a playbook's named one)
    label: Text  # both languages


def choices_at(step: Step, playbook: Playbook, lang: str = "zh") -> tuple[Choice, ...]:
    """Reactions at `step`: the standard four in order (raising another cause is always
    possible), then the playbook's named ones. None at a terminal step."""
    if step.terminal:
        return ()
    found: list[Choice] = []
    for rid in STANDARD_REACTIONS:
        if rid in step.next or rid == ANOTHER_CAUSE:
            label = STANDARD_LABELS[rid]
            found.append(Choice(rid, label.get(lang), step.next.get(rid), True, label))
    named = playbook.reactions
    for rid in [*named, *(r for r in step.next if r not in named)]:
        if rid in step.next and rid not in STANDARD_LABELS:
            label = named[rid].label if rid in named else Text(rid, rid)
            found.append(Choice(rid, label.get(lang), step.next[rid], False, label))
    return tuple(found)
