"""The path a walkthrough takes: one `Record` per step left or outcome reached, the `Offer` made
after an outcome, and the snapshots `Walkthrough.back()` returns to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Record:
    """One step in the path: left by `reaction`, or reached as a terminal step (`outcome`)."""

    cause: str
    step: str
    technique: str
    reaction: str = ""  # "" on a terminal step
    outcome: str = ""  # set on a terminal step
    to_step: str = ""  # where the reaction led ("" for a switch or a terminal step)
    to_cause: str = ""  # set when the reaction switched playbooks

    def as_event(self) -> dict[str, str]:
        """Data for the transcript's `reaction` event (see coach.core.records.transcript)."""
        data = {
            "cause": self.cause,
            "step": self.step,
            "technique": self.technique,
            "reaction": self.reaction,
            "to": self.to_step,
        }
        if self.to_cause:
            data["to_cause"] = self.to_cause
        return data


@dataclass(frozen=True, slots=True)
class Offer:
    """What to propose after an outcome: come back to an interrupted playbook, or a queued one."""

    kind: Literal["resume", "queued"]
    cause: str
    step: str


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Where the walkthrough stood before a move: what `back()` restores."""

    cause: str
    step: str
    returns: tuple[tuple[str, str], ...]
    queued: tuple[str, ...]
    history_len: int
