"""A one-line reminder of the main keys, in the interface language.

Textual's Footer takes binding descriptions from class attributes, fixed at import; this bar is
built from the same key table the help overlay uses, so `--lang en` changes it too. When the
terminal is narrow (80 columns) keys are dropped from the middle of the table, never the first
(help) or the last (quit): cutting the line at the edge hid ^Q.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from coach.tui.i18n import t


def render_keys(keys: Sequence[tuple[str, str]], lang: str, width: int | None = None) -> Text:
    """The keys that fit in `width` cells (all when None): first and last always kept."""
    shown = list(keys)
    while width is not None and len(shown) > 2 and _width(shown, lang) > width:
        del shown[-2]
    text = Text(no_wrap=True, overflow="ellipsis")
    for index, (key, label) in enumerate(shown):
        if index:
            text.append(" ")
        text.append(f" {key} ", style="reverse bold")
        text.append(" " + t(label, lang))
    return text


def _width(keys: Sequence[tuple[str, str]], lang: str) -> int:
    return sum(cell_len(f" {key} ") + 1 + cell_len(t(label, lang)) for key, label in keys) + len(keys) - 1


class KeyBar(Static):
    """`F1 帮助  F2 第二原因 ...` along the bottom of the screen."""

    def __init__(self, keys: Sequence[tuple[str, str]], *, lang: str = "zh", id: str | None = None) -> None:
        super().__init__(render_keys(keys, lang), id=id, markup=False)
        self.keys = tuple(keys)
        self.lang = lang

    def on_resize(self) -> None:
        self.update(render_keys(self.keys, self.lang, self.content_size.width or None))
