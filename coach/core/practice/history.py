"""A trainee's past practice scores, read back from the practice transcripts.

A session counts once it has a `scorecard` event; sessions abandoned before the end are left
out. Staff ids are compared as they were written (masked the same way).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.core.practice.record import MODE
from coach.core.records.masking import mask
from coach.core.records.transcript_read import load_sessions


@dataclass(frozen=True, slots=True)
class PastScore:
    when: str  # ISO time of the scorecard
    session: str
    staff: str
    persona: str
    difficulty: str
    score: int
    passed: bool
    outcome: str
    version: str  # the playbooks version the session ran on


def past_scores(folder: Path, staff: str | None = None) -> list[PastScore]:
    """Every scored practice session under `folder` (of `staff`, when given), oldest first."""
    wanted = mask(staff) if staff else None
    out: list[PastScore] = []
    for session in load_sessions(Path(folder)).sessions:
        if session.mode != MODE or (wanted is not None and session.staff != wanted):
            continue
        card = next((e for e in session.events if e.get("kind") == "scorecard"), None)
        if card is None:
            continue
        outcome = next((e for e in session.events if e.get("kind") == "outcome"), {})
        try:
            score = int(card.get("score", 0))
        except (TypeError, ValueError):
            continue
        out.append(PastScore(
            when=str(card.get("t", "")),
            session=session.id,
            staff=session.staff,
            persona=str(card.get("persona", "")),
            difficulty=str(card.get("difficulty", "")),
            score=score,
            passed=bool(card.get("passed", False)),
            outcome=str(outcome.get("outcome", "")),
            version=str(session.start.get("version", "")),
        ))
    out.sort(key=lambda p: p.when)
    return out


@dataclass(frozen=True, slots=True)
class Progress:
    sessions: int
    average: float
    best: int
    last: int
    trend: int  # last score minus the average of the ones before it (0 with one session)


def progress(scores: Sequence[PastScore]) -> Progress | None:
    if not scores:
        return None
    values = [s.score for s in scores]
    earlier = values[:-1]
    trend = round(values[-1] - sum(earlier) / len(earlier)) if earlier else 0
    return Progress(len(values), sum(values) / len(values), max(values), values[-1], trend)
