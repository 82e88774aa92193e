"""The simulated client's mood and patience, in one line that fits an 80-column screen."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from coach.core.practice.turns import mood_band
from coach.tui.widgets.practice_strings import s

CELLS = 10
_STYLES = {
    "angry": "bold red",
    "upset": "red",
    "hesitant": "yellow",
    "softening": "green",
    "won_over": "bold green",
}


def render_mood(mood: float, patience: int, lang: str = "zh") -> Text:
    """情绪 [####------] 犹豫   耐心 ●●●○: mood -5..5 as ten cells, patience as dots."""
    band = mood_band(mood)
    filled = max(0, min(CELLS, round((mood + 5) / 10 * CELLS)))
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(s("mood.label", lang) + " ")
    text.append("[")
    text.append("#" * filled, style=_STYLES[band])
    text.append("-" * (CELLS - filled), style="dim")
    text.append("] ")
    text.append(s(f"mood.{band}", lang), style=_STYLES[band])
    text.append(f" ({mood:+.1f})   ", style="dim")
    text.append(s("mood.patience", lang) + " ")
    text.append("*" * max(patience, 0) or "-", style="bold")
    return text


class MoodMeter(Static):
    """Updated after every reply; `band` is kept for tests and for the screen's own checks."""

    def __init__(self, *, lang: str = "zh", id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.lang = lang
        self.band = ""
        self.mood = 0.0
        self.patience = 0

    def show(self, mood: float, patience: int) -> None:
        self.mood, self.patience = mood, patience
        self.band = mood_band(mood)
        self.update(render_mood(mood, patience, self.lang))
