"""Which playbooks keep clients: outcomes by cause, and by the technique that decided them.

Built from the transcripts (see coach.core.records.transcript). Counting rules:
- a session is one visit and counts once: under its leading cause (the first playbook started),
  with the second cause it moved to, if any, as a column (`second`);
- the visit's result is its last `outcome` event (the client left the counter on that one); a
  visit with a playbook started and no outcome (closed mid-visit, or an `unfinished` event) is
  `unfinished` and is shown apart: it is never part of the retention rate;
- retention rate = results that are not `lost` / all results (a trial counts as kept for now);
  None when there is no result;
- by technique: the `deciding_technique` of that outcome; when an older event lacks it, the
  technique of the last `reaction` event for that cause in the session; "" when neither is known;
- only counter-mode sessions by default (practice sessions are role-play, not clients);
- overrides: every `override` event (the staff member took another cause than the
  classifier's), listed for trainers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from coach.core.content.model import OUTCOMES
from coach.core.records.transcript_read import Session


@dataclass(frozen=True, slots=True)
class Override:
    """The staff member took `chosen` where the classifier said `classifier`."""

    session: str
    time: str
    text: str
    classifier: str
    chosen: str
    via: str

    def as_dict(self) -> dict[str, str]:
        return {
            "session": self.session,
            "t": self.time,
            "text": self.text,
            "classifier": self.classifier,
            "chosen": self.chosen,
            "via": self.via,
        }


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
    second: tuple[tuple[str, int], ...] = ()  # second causes of these visits, with counts

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
            "second_causes": dict(self.second),
        }


@dataclass(frozen=True, slots=True)
class Report:
    sessions: int  # sessions counted (after the mode filter)
    by_cause: tuple[Row, ...]
    by_technique: tuple[Row, ...]
    total: Row
    modes: tuple[str, ...] = field(default=("counter",))
    overrides: tuple[Override, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "sessions": self.sessions,
            "modes": list(self.modes),
            "total": self.total.as_dict("cause"),
            "unfinished": self.total.unfinished,
            "by_cause": [row.as_dict("cause") for row in self.by_cause],
            "by_technique": [row.as_dict("technique") for row in self.by_technique],
            "overrides": [o.as_dict() for o in self.overrides],
        }


@dataclass(slots=True)
class _Tally:
    counts: dict[str, int] = field(
        default_factory=lambda: {o: 0 for o in (*OUTCOMES, "unfinished")}
    )
    sessions: set[str] = field(default_factory=set)
    second: dict[str, int] = field(default_factory=dict)

    def add(self, session: str, result: str, second: str = "") -> None:
        self.counts[result] = self.counts.get(result, 0) + 1
        self.sessions.add(session)
        if second:
            self.second[second] = self.second.get(second, 0) + 1

    def row(self, key: str) -> Row:
        return Row(
            key=key,
            retained=self.counts["retained"],
            trial=self.counts["trial"],
            transfer_within_firm=self.counts["transfer_within_firm"],
            lost=self.counts["lost"],
            unfinished=self.counts["unfinished"],
            sessions=len(self.sessions),
            second=tuple(sorted(self.second.items(), key=lambda kv: (-kv[1], kv[0]))),
        )


@dataclass(frozen=True, slots=True)
class Visit:
    """One session as a visit: where it started, where it went, how it ended."""

    leading: str
    second: str
    result: str  # an outcome, or "unfinished"
    technique: str


def visit_of(session: Session) -> Visit | None:
    """The visit a session records; None when no playbook was ever started."""
    causes: list[str] = []
    last_reaction: dict[str, str] = {}
    final: tuple[str, str] | None = None
    for event in session.events:
        kind = event.get("kind")
        cause = str(event.get("cause") or "")
        if not cause:
            continue
        if kind in ("step", "reaction", "outcome") and cause not in causes:
            causes.append(cause)
        if kind == "reaction":
            last_reaction[cause] = str(event.get("technique") or "")
        elif kind == "outcome" and event.get("outcome") in OUTCOMES:
            technique = str(event.get("deciding_technique") or last_reaction.get(cause, ""))
            final = (str(event["outcome"]), technique)
    if not causes:
        return None
    result, technique = final or ("unfinished", "")
    return Visit(causes[0], causes[1] if len(causes) > 1 else "", result, technique)


def overrides_in(session: Session) -> list[Override]:
    return [
        Override(
            session=session.id,
            time=str(event.get("t", "")),
            text=str(event.get("text", "")),
            classifier=str(event.get("classifier", "")),
            chosen=str(event.get("chosen", "")),
            via=str(event.get("via", "")),
        )
        for event in session.events
        if event.get("kind") == "override"
    ]


def build_report(sessions: Iterable[Session], *, modes: tuple[str, ...] = ("counter",)) -> Report:
    """Tally visits; `modes=()` counts every session whatever its mode."""
    by_cause: dict[str, _Tally] = {}
    by_technique: dict[str, _Tally] = {}
    total = _Tally()
    counted = 0
    overrides: list[Override] = []
    for session in sessions:
        if modes and session.mode not in modes:
            continue
        counted += 1
        overrides.extend(overrides_in(session))
        visit = visit_of(session)
        if visit is None:
            continue
        by_cause.setdefault(visit.leading, _Tally()).add(session.id, visit.result, visit.second)
        total.add(session.id, visit.result, visit.second)
        if visit.result != "unfinished":
            by_technique.setdefault(visit.technique, _Tally()).add(session.id, visit.result)
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
        overrides=tuple(sorted(overrides, key=lambda o: o.time)),
    )
