"""A one-line reminder of the main keys, in the interface language.

Textual's Footer takes binding descriptions from class attributes, fixed at import; this bar is
built from the same key table the help overlay uses, so `--lang en` changes it too.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from coach.tui.i18n import t


def render_keys(keys: Sequence[tuple[str, str]], lang: str) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for index, (key, label) in enumerate(keys):
        if index:
            text.append(" ")
        text.append(f" {key} ", style="reverse bold")
        text.append(" " + t(label, lang))
    return text


class KeyBar(Static):
    """`F1 帮助  F2 第二原因 ...` along the bottom of the screen."""

    def __init__(self, keys: Sequence[tuple[str, str]], *, lang: str = "zh", id: str | None = None) -> None:
        super().__init__(render_keys(keys, lang), id=id, markup=False)
