"""The likeliest causes for what has been typed so far, with bars and the words that matched.

Enter takes the first candidate, F2 the second; when the classifier is unsure (a near tie, or
nothing but `other`) the clarifying questions to ask are shown underneath.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from coach.core.text import terminal_safe
from coach.tui.i18n import t

if TYPE_CHECKING:
    from coach.core.content.model import Cause
    from coach.core.understand.classifier import CauseScore, Classification

BAR_WIDTH = 10
HIGHLIGHTS = ("black on yellow", "black on cyan", "black on magenta")
KEYS = ("suggest.enter", "suggest.second", "")


def asks(result: Classification) -> bool:
    """Whether the clarifying questions are shown (a near tie, or nothing but `other`)."""
    return bool(result.questions) and (result.ambiguous or result.leading == "other")


def candidates(result: Classification) -> list[CauseScore]:
    """The causes to offer, by key: the leading cause (Enter), then the best of the rest (F2,
    then one more). When the questions are shown they take the third row's place, so that
    they are never cut off on a small terminal."""
    leading = result.causes[0]
    rest = [c for c in result.ranking if c.id != leading.id and c.score > 0]
    return [leading, *rest[: 1 if asks(result) else 2]]


def matched_words(text: str, score: CauseScore, lang: str) -> list[str]:
    """The words that voted, as written by the client; a word inside a longer one is left out."""
    spans = sorted({(m.start, m.end, m.negated) for m in score.matched}, key=lambda s: (s[0], -s[1]))
    words: list[str] = []
    reach = -1
    for start, end, negated in spans:
        if end <= reach:
            continue
        reach = max(reach, end)
        words.append(text[start:end] + (t("suggest.negated", lang) if negated else ""))
    return words


def bar(score: float, width: int = BAR_WIDTH) -> str:
    filled = max(0, min(width, round(score * width)))
    return "█" * filled + "░" * (width - filled)


def cause_name(causes: Mapping[str, Cause], cause: str, lang: str) -> str:
    found = causes.get(cause)
    return found.name.get(lang) if found else cause


def render_suggestions(
    result: Classification, causes: Mapping[str, Cause], lang: str, *, compact: bool = False
) -> Text:
    """The statement with matched words highlighted, the candidates, and questions.

    `compact` (a short terminal): no echo of the statement (the input just below shows it)
    and the first question on the label's line, so that every question fits."""
    shown = candidates(result)
    text = Text()
    spans: list[tuple[int, int, str]] = []
    for rank, score in enumerate(shown):
        for match in score.matched:
            style = "dim strike" if match.negated else HIGHLIGHTS[rank]
            spans.append((match.start, match.end, style))
    statement = Text(terminal_safe(result.text, keep_newlines=False))  # same length: spans hold
    for start, end, style in spans:
        statement.stylize(style, start, end)
    if not compact:
        text.append("» ")
        text.append_text(statement)
        text.append("\n")
    names = [cause_name(causes, c.id, lang) for c in shown]
    width = max(cell_len(n) for n in names)
    # Rows best first; each keeps its own key, so Enter is always the classifier's answer.
    rows = sorted(enumerate(zip(shown, names, strict=True)), key=lambda r: -r[1][0].score)
    for rank, (score, name) in rows:
        key = t(KEYS[rank], lang) if KEYS[rank] else ""
        text.append(f"{key:>5} ", style="bold")
        text.append(name, style=HIGHLIGHTS[rank] if score.matched else "")
        text.append(" " * (width - cell_len(name) + 1))
        text.append(bar(score.score), style="green" if rank == 0 else "")
        text.append(f" {score.score * 100:3.0f}% ")
        text.append(terminal_safe(" ".join(matched_words(result.text, score, lang)),
                                  keep_newlines=False), style="italic")
        text.append("\n")
    if asks(result):
        label = "suggest.unclear" if result.leading == "other" else "suggest.ambiguous"
        text.append(t(label, lang), style="bold")
        first = True
        for cause in result.questions:
            found = causes.get(cause)
            if found is not None:
                text.append("？" if compact and first else "\n  ？ ")
                text.append(found.question.get(lang))
                first = False
    text.rstrip()
    return text


class CauseSuggestions(Static):
    """Shows a `Classification`; holds the candidates so the screen can act on Enter / F2."""

    def __init__(self, *, lang: str = "zh", id: str | None = None) -> None:
        super().__init__(Text(t("suggest.empty", lang), style="dim"), id=id, markup=False, classes="-empty")
        self.lang = lang
        self.result: Classification | None = None

    def show(self, result: Classification | None, causes: Mapping[str, Cause]) -> None:
        self.result = result
        empty = result is None or not result.text.strip()
        self.set_class(empty, "-empty")
        if result is None or empty:
            self.result = None
            self.update(Text(t("suggest.empty", self.lang), style="dim"))
            return
        compact = self.is_attached and self.screen.has_class("-short")
        self.update(render_suggestions(result, causes, self.lang, compact=compact))

    def candidate(self, rank: int) -> str | None:
        """The cause id offered at `rank` (0 = Enter, 1 = F2), or None."""
        if self.result is None:
            return None
        shown = candidates(self.result)
        if rank >= len(shown):
            return None
        return shown[rank].id
