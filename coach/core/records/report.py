"""Which playbooks keep clients: outcomes by cause, and by the technique that decided them.

Built from the transcripts' `outcome` events (see coach.core.records.transcript). Counting rules:
- one result per (session, cause): when a session holds several `outcome` events for the same
  cause (the staff member went back and chose again), the last one counts;
- a cause whose playbook was started (a `step` or `reaction` event) without reaching an outcome
  counts as `unfinished`;
- retention rate = results that are not `lost` / all results (a trial counts as kept for now;
  unfinished ones are left out); None when there is no result;
- by technique: the `deciding_technique` of the outcome (the step whose reaction led to the
  outcome); when an older event lacks it, the technique of the last `reaction` event for that
  cause in the session; "" when neither is known;
- only counter-mode sessions by default (practice sessions are role-play, not clients).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from coach.core.content.model import OUTCOMES
from coach.core.records.transcript import Session


@dataclass(frozen=True, slots=True)
class Row:
    """Counts for one cause or one technique."""

    key: str
    retained: int = 0
    trial: int = 0
    transfer_within_firm: int = 0
    lost: int = 0
    unfinished: int = 0
    sessions: int = 0

    @property
    def results(self) -> int:
        return self.retained + self.trial + self.transfer_within_firm + self.lost

    @property
    def retention_rate(self) -> float | None:
        return None if self.results == 0 else (self.results - self.lost) / self.results

    def as_dict(self, key_name: str) -> dict[str, Any]:
        rate = self.retention_rate
        return {
            key_name: self.key,
            "sessions": self.sessions,
            **{o: getattr(self, o) for o in OUTCOMES},
            "unfinished": self.unfinished,
            "retention_rate": None if rate is None else round(rate, 3),
        }


@dataclass(frozen=True, slots=True)
class Report:
    sessions: int  # sessions counted (after the mode filter)
    by_cause: tuple[Row, ...]
    by_technique: tuple[Row, ...]
    total: Row
    modes: tuple[str, ...] = field(default=("counter",))

    def as_dict(self) -> dict[str, Any]:
        return {
            "sessions": self.sessions,
            "modes": list(self.modes),
            "total": self.total.as_dict("cause"),
            "by_cause": [row.as_dict("cause") for row in self.by_cause],
            "by_technique": [row.as_dict("technique") for row in self.by_technique],
        }


@dataclass(slots=True)
class _Tally:
    counts: dict[str, int] = field(
        default_factory=lambda: {o: 0 for o in (*OUTCOMES, "unfinished")}
    )
    sessions: set[str] = field(default_factory=set)

    def add(self, session: str, result: str) -> None:
        self.counts[result] = self.counts.get(result, 0) + 1
        self.sessions.add(session)

    def row(self, key: str) -> Row:
        return Row(
            key=key,
            retained=self.counts["retained"],
            trial=self.counts["trial"],
            transfer_within_firm=self.counts["transfer_within_firm"],
            lost=self.counts["lost"],
            unfinished=self.counts["unfinished"],
            sessions=len(self.sessions),
        )


def _session_results(session: Session) -> dict[str, tuple[str, str]]:
    """cause -> (outcome or "unfinished", deciding technique) for one session."""
    results: dict[str, tuple[str, str]] = {}
    last_reaction: dict[str, str] = {}
    for event in session.events:
        kind = event.get("kind")
        cause = str(event.get("cause") or "")
        if not cause:
            continue
        if kind == "reaction":
            last_reaction[cause] = str(event.get("technique") or "")
        if kind in ("step", "reaction") and cause not in results:
            results[cause] = ("unfinished", "")
        elif kind == "outcome" and event.get("outcome") in OUTCOMES:
            technique = str(event.get("deciding_technique") or last_reaction.get(cause, ""))
            results[cause] = (str(event["outcome"]), technique)
    return results


def build_report(sessions: Iterable[Session], *, modes: tuple[str, ...] = ("counter",)) -> Report:
    """Tally outcomes; `modes=()` counts every session whatever its mode."""
    by_cause: dict[str, _Tally] = {}
    by_technique: dict[str, _Tally] = {}
    total = _Tally()
    counted = 0
    for session in sessions:
        if modes and session.mode not in modes:
            continue
        counted += 1
        for cause, (result, technique) in _session_results(session).items():
            by_cause.setdefault(cause, _Tally()).add(session.id, result)
            total.add(session.id, result)
            if result != "unfinished":
                by_technique.setdefault(technique, _Tally()).add(session.id, result)
    cause_rows = sorted(
        (t.row(k) for k, t in by_cause.items()), key=lambda r: (-r.results - r.unfinished, r.key)
    )
    technique_rows = sorted(
        (t.row(k) for k, t in by_technique.items()), key=lambda r: (-r.results, r.key)
    )
    return Report(
        sessions=counted,
        by_cause=tuple(cause_rows),
        by_technique=tuple(technique_rows),
        total=total.row("*"),
        modes=modes,
    )
