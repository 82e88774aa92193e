"""Writing a practice session as a transcript, like a counter session (mode `practice`).

Events (besides `start`, which `TranscriptWriter.open` writes with staff and playbooks version):

    persona    id, causes, difficulty, seed, opening
    reply      index, reply, techniques, violations, asked_question, mood, patience, persona
               (what the client said back), outcome ("" while going on)
    scorecard  score, passed, parts, techniques, violations, missed_techniques, checks,
               scoring_version
    outcome    cause, outcome, persona, ended_by, technique (the last one used)

No `trial` event is written for a practice trial: trial follow-ups are for real clients.
"""

from __future__ import annotations

from pathlib import Path

from coach.core.practice.scoring import Scorecard
from coach.core.practice.simulation import Session
from coach.core.practice.turns import Turn
from coach.core.records.transcript import TranscriptError, TranscriptWriter

MODE = "practice"


class PracticeRecorder:
    """Opens the transcript when the session starts and appends as the session goes."""

    def __init__(self, writer: TranscriptWriter) -> None:
        self.writer = writer
        self.error: TranscriptError | None = None  # the first write that failed
        self._reported = True

    def _event(self, kind: str, **data: object) -> None:
        """Write one event; after the first failure nothing more is written and the error waits
        in `unreported_error` (shown once): the role-play and its scorecard go on."""
        if self.error is not None:
            return
        try:
            self.writer.event(kind, **data)
        except TranscriptError as error:
            self.error = error
            self._reported = False
            self.writer.close()

    def unreported_error(self) -> TranscriptError | None:
        if self.error is None or self._reported:
            return None
        self._reported = True
        return self.error

    @classmethod
    def start(cls, folder: Path, session: Session, *, staff: str = "") -> PracticeRecorder:
        writer = TranscriptWriter.open(Path(folder), MODE, staff, session.library.version)
        recorder = cls(writer)
        p = session.persona
        extra = {"outreach": p.outreach} if p.outbound else {}
        writer.event("persona", id=p.id, causes=list(p.causes), difficulty=session.difficulty,
                     seed=session.seed, opening=session.opening, **extra)
        return recorder

    @property
    def path(self) -> Path:
        return self.writer.path

    def reply(self, turn: Turn) -> None:
        a = turn.analysis
        self._event(
            "reply",
            index=turn.index,
            reply=turn.reply,
            techniques=list(a.techniques),
            violations=list(a.violations),
            asked_question=a.asked_question,
            mood=round(turn.mood, 2),
            patience=turn.patience,
            persona=turn.line,
            outcome=turn.outcome,
        )

    def finish(self, card: Scorecard) -> None:
        self._event(
            "scorecard",
            persona=card.persona,
            difficulty=card.difficulty,
            score=card.score,
            passed=card.passed,
            parts={p: card.part_score(p) for p in card.parts},
            techniques=list(card.techniques),
            violations=list(card.violations),
            missed_techniques=list(card.missed_techniques),
            checks=[{"id": c.id, "applies": c.applies, "passed": c.passed} for c in card.checks],
            scoring_version=card.scoring_version,
        )
        self._event(
            "outcome",
            cause=card.causes[0] if card.causes else "",
            outcome=card.outcome,
            persona=card.persona,
            ended_by=card.ended_by,
            technique=card.turns[-1].analysis.techniques[-1]
            if card.turns and card.turns[-1].analysis.techniques else "",
        )
        self.writer.close()

    def close(self) -> None:
        self.writer.close()
