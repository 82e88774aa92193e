"""Ctrl+Q while a client is at the counter: finish the visit, quit leaving it unfinished, or
go on. A visit is never ended by one stray key."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.tui.i18n import t
from coach.tui.widgets.reactions import ReactionList

QuitChoice = Literal["finish", "quit", "stay"]
CHOICES: tuple[QuitChoice, ...] = ("finish", "quit", "stay")


class QuitScreen(ModalScreen[QuitChoice]):
    """Numbered choices; Esc (or anything typed) stays."""

    BINDINGS = [Binding("escape", "stay", show=False)]

    def __init__(self, *, lang: str = "zh") -> None:
        super().__init__(id="confirm-quit")
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-box"):
            yield Static(Text(t("quit.title", self.lang), style="bold"), markup=False)
            yield ReactionList(id="quit-choices")
            yield Static(Text(t("quit.hint", self.lang), style="dim"), markup=False)

    def on_mount(self) -> None:
        choices = self.query_one(ReactionList)
        choices.set_reactions([(c, t(f"quit.{c}", self.lang)) for c in CHOICES])
        choices.highlighted = CHOICES.index("stay")
        choices.focus()

    @on(ReactionList.Chosen)
    def _chosen(self, event: ReactionList.Chosen) -> None:
        event.stop()
        self.dismiss(event.reaction)  # type: ignore[arg-type]

    @on(ReactionList.TypingStarted)
    def _typing(self, event: ReactionList.TypingStarted) -> None:
        event.stop()

    def action_stay(self) -> None:
        self.dismiss("stay")
