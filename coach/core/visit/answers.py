"""A step's question the client already answered: found in the statements of the visit.

A step declares what its question asks for (`asks:`, see `coach.core.content.asks`); the
walkthrough keeps every statement confirmed during the visit, and this module looks in them for
each name: a figure (`coach.core.understand.figures`) or a place
(`coach.core.understand.places`). The latest statement that answers wins (a client who
corrected a figure meant the new one); within a statement, the last mention. Each answer keeps
the client's words and their span, so the screen can quote them instead of asking again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coach.core.understand.figures import Figure, extract_figures
from coach.core.understand.places import find_places

PLACE = "place"
_BREAK = "，,。；;！!？?\n"
QUOTE_REACH = 24  # characters of the clause kept on each side of the words, at most


@dataclass(frozen=True, slots=True)
class Answer:
    """One name a step asks for, answered by the client's words."""

    asks: str  # the name, e.g. their_rate
    words: str  # the figure or place as the client said it: 万一, 江北
    quote: str  # the clause the words are in: 人家给我万一
    statement: int  # which statement of the visit (0: the first)
    start: int  # span of `words` in that statement
    end: int


@dataclass(frozen=True, slots=True)
class Answered:
    """What the current step asks for, and which of it the client already said."""

    asks: tuple[str, ...]
    answers: tuple[Answer, ...]  # in the order of `asks`

    @property
    def missing(self) -> tuple[str, ...]:
        have = {a.asks for a in self.answers}
        return tuple(name for name in self.asks if name not in have)

    @property
    def complete(self) -> bool:
        """Everything the question asks for is in the client's words: no need to ask again."""
        return bool(self.asks) and not self.missing

    @property
    def quotes(self) -> tuple[str, ...]:
        """The clauses quoted, each once, in the order the client said them."""
        ordered = sorted(self.answers, key=lambda a: (a.statement, a.start))
        return tuple(dict.fromkeys(a.quote for a in ordered))


NOTHING = Answered((), ())


def quote(text: str, start: int, end: int) -> str:
    """The clause around text[start:end], trimmed to QUOTE_REACH characters on each side."""
    left = max((text.rfind(c, 0, start) for c in _BREAK), default=-1) + 1
    rights = [i for i in (text.find(c, end) for c in _BREAK) if i >= 0]
    right = min(rights) if rights else len(text)
    left = max(left, start - QUOTE_REACH)
    right = min(right, end + QUOTE_REACH)
    return text[left:right].strip()


def _mentions(name: str, text: str, areas: Iterable[str],
              figures: dict[str, list[Figure]]) -> list[tuple[str, int, int]]:
    """Every mention of `name` in one statement, as (words, start, end)."""
    if name == PLACE:
        return [(p.text, p.start, p.end) for p in find_places(text, areas)]
    if text not in figures:
        figures[text] = extract_figures(text)
    return [(f.text, f.start, f.end) for f in figures[text] if f.name == name]


def find_answers(asks: Sequence[str], statements: Sequence[str], *,
                 areas: Iterable[str] = ()) -> Answered:
    """Which of `asks` the `statements` (oldest first) answer. `areas`: the firm's branch areas
    and cities, places a client may name without a word of moving before them."""
    if not asks or not statements:
        return Answered(tuple(asks), ())
    areas = tuple(areas)
    figures: dict[str, list[Figure]] = {}
    answers: list[Answer] = []
    for name in asks:
        for index in range(len(statements) - 1, -1, -1):
            text = statements[index]
            hits = _mentions(name, text, areas, figures)
            if hits:
                words, start, end = hits[-1]
                answers.append(Answer(name, words, quote(text, start, end), index, start, end))
                break
    return Answered(tuple(asks), tuple(answers))
