"""One reply as it played out: what moved the client's mood (`Effect`), the `Turn` a session
records, and the band a mood falls in.

Kept apart from the session: the scorecard, the transcript and the mood meter read turns and
bands, not how the client decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.core.practice.personas import MOOD_MAX
from coach.core.practice.reply_analysis import ReplyAnalysis

MOOD_BANDS: tuple[tuple[float, str], ...] = (
    (-3.0, "angry"),
    (-1.0, "upset"),
    (1.0, "hesitant"),
    (3.0, "softening"),
    (MOOD_MAX + 1, "won_over"),
)


def mood_band(mood: float) -> str:
    """angry | upset | hesitant | softening | won_over: for the mood indicator."""
    for upper, name in MOOD_BANDS:
        if mood < upper:
            return name
    return MOOD_BANDS[-1][1]



@dataclass(frozen=True, slots=True)
class Effect:
    """One reason the mood moved: a technique, a violation, ignored feelings, ..."""

    kind: str  # "softens" | "hardens" | "violation" | "ignored_feelings" | "empty" | "reveal"
    id: str
    delta: float

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "id": self.id, "delta": round(self.delta, 2)}


@dataclass(frozen=True, slots=True)
class Turn:
    index: int  # 1-based
    reply: str
    analysis: ReplyAnalysis
    stage: str  # the stage the client was in when the reply came: early | middle | late
    held_back: bool  # the client was holding something back when the reply came
    revealed: str  # what the reply drew out ("" for nothing)
    effects: tuple[Effect, ...]
    mood_before: float
    mood: float
    patience: int  # left after this reply
    line: str  # what the client said back
    line_kind: str  # decision | violation | reveal | response | hint | warming | objection
    outcome: str  # "" while the session goes on
    insisting: bool = False  # the client's line insists on leaving

    def as_dict(self) -> dict[str, object]:
        """The per-reply entry of the scorecard JSON (`turns`)."""
        a = self.analysis
        return {
            "index": self.index,
            "reply": self.reply,
            "techniques": list(a.techniques),
            "violations": list(a.violations),
            "principles_kept": list(a.principles_kept),
            "principles_broken": list(a.principles_broken),
            "asked_question": a.asked_question,
            "figures": [f.as_dict() for f in a.figures],
            "denied": [h.phrase for h in a.denied],
            "held_back": self.held_back,
            "revealed": self.revealed,
            "stage": self.stage,
            "effects": [e.as_dict() for e in self.effects],
            "mood_before": round(self.mood_before, 2),
            "mood": round(self.mood, 2),
            "mood_band": mood_band(self.mood),
            "patience": self.patience,
            "persona": self.line,
            "persona_kind": self.line_kind,
            "insisting": self.insisting,
            "outcome": self.outcome,
        }
