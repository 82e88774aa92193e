"""The help overlay: every key of the counter screen, in the interface language."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.tui.i18n import t


def render_help(keys: Sequence[tuple[str, str]], lang: str) -> Text:
    width = max(cell_len(key) for key, _ in keys)
    text = Text()
    text.append(t("help.title", lang) + "\n\n", style="bold underline")
    for key, label in keys:
        text.append(key + " " * (width - cell_len(key) + 2), style="bold")
        text.append(t(label, lang) + "\n")
    text.append("\n" + t("help.close", lang), style="dim")
    return text


class HelpScreen(ModalScreen[None]):
    """Lists the keys; Esc, F1, ? or q closes it."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss_help", show=False)]

    def __init__(self, keys: Sequence[tuple[str, str]], *, lang: str = "zh") -> None:
        super().__init__(id="help")
        self.keys = tuple(keys)
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(render_help(self.keys, self.lang), id="help-text", markup=False)

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
