"""What one reply did, as data: `ReplyAnalysis` with the `Hit`s found in it and the `Detected`
techniques and violations, each with the `Span`s of words that show it.

Apart from the `Analyzer` that makes them: the calls, the turns and the scorecard read them
and need none of its matching.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.core.practice.numbers import Figure


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase or model line found in the reply (original offsets), denied or not."""

    kind: str  # "technique" | "violation" | "principle"
    id: str
    phrase: str
    start: int
    end: int
    channel: str  # "char" | "pinyin" | "fuzzy" | "line" | "figure"
    negated: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "id": self.id,
            "phrase": self.phrase,
            "start": self.start,
            "end": self.end,
            "channel": self.channel,
            "negated": self.negated,
        }


@dataclass(frozen=True, slots=True)
class Span:
    """Where in the reply (original offsets) the words behind a decision stand."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Detected:
    """A technique used or a violation committed: its score (0-1, 0.5 is the threshold) and
    the words that show it."""

    id: str
    score: float
    matched: tuple[Span, ...]

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "score": round(self.score, 4),
                "matched": [m.as_dict() for m in self.matched]}


@dataclass(frozen=True, slots=True)
class ReplyAnalysis:
    reply: str
    techniques: tuple[str, ...]  # in the order they appear
    violations: tuple[str, ...]
    principles_kept: tuple[str, ...]
    principles_broken: tuple[str, ...]
    asked_question: bool
    figures: tuple[Figure, ...]
    hits: tuple[Hit, ...]
    detected_techniques: tuple[Detected, ...] = ()  # best first
    detected_violations: tuple[Detected, ...] = ()  # best first

    def quoted(self, label: str) -> tuple[str, ...]:
        """The clauses of the reply that hold the words behind `label`, in the reply's order:
        what a trainee reads as "you said this" (the n-grams alone can be single characters)."""
        from bisect import bisect_left

        from coach.core.text import clause_bounds, normalize_tracked

        tracked = normalize_tracked(self.reply)
        norm, origin = tracked.text, tracked.origin
        found: dict[int, str] = {}
        for span in self.matched(label):
            at = bisect_left(origin, span.start)
            if at >= len(norm):
                continue
            left, right = clause_bounds(norm, at, at)
            if left < right:
                found.setdefault(origin[left], self.reply[origin[left] : origin[right - 1] + 1])
        return tuple(found[k] for k in sorted(found))

    def matched(self, label: str) -> tuple[Span, ...]:
        """The words that show a detected technique or violation (none when not detected)."""
        for d in (*self.detected_techniques, *self.detected_violations):
            if d.id == label:
                return d.matched
        return ()

    def to_json(self) -> dict[str, object]:
        """The `coach analyze --json` object (the command-line contract)."""
        return {
            "text": self.reply,
            "techniques": [d.as_dict() for d in self.detected_techniques],
            "violations": [d.as_dict() for d in self.detected_violations],
            "asked_question": self.asked_question,
            "figures": [f.as_json() for f in self.figures],
        }

    @property
    def denied(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.negated)

    def as_dict(self) -> dict[str, object]:
        return {
            "reply": self.reply,
            "techniques": list(self.techniques),
            "violations": list(self.violations),
            "principles_kept": list(self.principles_kept),
            "principles_broken": list(self.principles_broken),
            "asked_question": self.asked_question,
            "figures": [f.as_dict() for f in self.figures],
            "hits": [h.as_dict() for h in self.hits],
        }
