"""What the classifier answers: the causes found, every cause ranked, the words behind each.

`Classification.to_json` is the `coach classify --json` object of the command-line contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.core.text import Normalized


@dataclass(frozen=True, slots=True)
class Match:
    """One piece of evidence: a keyword found at `text[start:end]` of the original text."""

    keyword: str
    start: int
    end: int
    channel: str  # "char" | "pinyin" | "fuzzy" | "pattern" | "learned"
    negated: bool = False
    weight: float = 0.0


@dataclass(frozen=True, slots=True)
class CauseScore:
    id: str
    score: float  # calibrated: about the chance that this cause is right
    matched: tuple[Match, ...] = ()


@dataclass(frozen=True, slots=True)
class Classification:
    text: str
    causes: tuple[CauseScore, ...]  # detected, leading first; never empty ("other" at worst)
    ranking: tuple[CauseScore, ...]  # all eleven, best first
    ambiguous: bool
    questions: tuple[str, ...]  # causes whose clarifying question the staff member should ask
    unsure: bool = False  # no cause found: `other` by default, with the question to ask
    # the normalised text, kept so that reading its figures need not normalise it again
    tracked: Normalized | None = field(default=None, compare=False, repr=False)

    @property
    def leading(self) -> str:
        return self.causes[0].id

    def to_json(self) -> dict[str, object]:
        """The `coach classify --json` object (the command-line contract)."""
        from coach.core.understand.figures import extract_figures

        return {
            "text": self.text,
            "causes": [{"id": c.id, "score": round(c.score, 4)} for c in self.causes],
            "ranking": [
                {
                    "id": c.id,
                    "score": round(c.score, 4),
                    "matched": [
                        {
                            "keyword": m.keyword,
                            "start": m.start,
                            "end": m.end,
                            "text": self.text[m.start : m.end],
                            "channel": m.channel,
                            "negated": m.negated,
                        }
                        for m in c.matched
                    ],
                }
                for c in self.ranking
            ],
            "ambiguous": self.ambiguous,
            "unsure": self.unsure,
            "questions": list(self.questions),
            "figures": [f.to_json() for f in extract_figures(self.text, self.tracked)],
        }


def explain(result: Classification, cause: str) -> list[str]:
    """The keywords that voted for `cause`, as the client wrote them."""
    for score in result.ranking:
        if score.id == cause:
            return [result.text[m.start : m.end] for m in score.matched if not m.negated]
    return []
