"""Modals of the counter screen: record the outcome (with an optional note), pick a cause."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from coach.core.content.model import OUTCOMES
from coach.tui.i18n import t
from coach.tui.widgets.reactions import ReactionList


class OutcomeScreen(ModalScreen[tuple[str, str, str] | None]):
    """Asks for the outcome (unless the playbook reached one), whom to call back when there is a
    one-week trial (kept in the private trial record), and a note; returns the three."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, outcome: str = "", *, lang: str = "zh", trial: bool = False) -> None:
        super().__init__(id="outcome")
        self.outcome = outcome
        self.lang = lang
        self.trial = trial  # a trial was recorded in this visit: ask for the client reference

    def compose(self) -> ComposeResult:
        with Vertical(id="outcome-box"):
            yield Static(Text(t("outcome.title", self.lang), style="bold"), markup=False)
            yield Static("", id="outcome-chosen", markup=False)
            choices = ReactionList(id="outcome-choices")
            choices.border_title = t("outcome.pick", self.lang)
            yield choices
            yield Static(Text(t("outcome.client", self.lang), style="dim"), markup=False, id="outcome-client-label")
            yield Input(id="outcome-client")
            yield Static(Text(t("outcome.note", self.lang), style="dim"), markup=False)
            yield Input(id="outcome-note")

    def _asks_client(self) -> bool:
        return self.trial or self.outcome == "trial"

    def _show_client(self) -> None:
        shown = self._asks_client()
        self.query_one("#outcome-client", Input).display = shown
        self.query_one("#outcome-client-label", Static).display = shown

    def on_mount(self) -> None:
        self._show_client()
        choices = self.query_one(ReactionList)
        choices.set_reactions([(o, t(f"outcome.{o}", self.lang)) for o in OUTCOMES])
        if self.outcome:
            choices.display = False
            self._choose(self.outcome)
        else:
            choices.focus()

    def _choose(self, outcome: str) -> None:
        self.outcome = outcome
        chosen = Text(t("panel.outcome", self.lang, outcome=t(f"outcome.{outcome}", self.lang)))
        chosen.stylize("bold green")
        self.query_one("#outcome-chosen", Static).update(chosen)
        self._show_client()
        first = "#outcome-client" if self._asks_client() else "#outcome-note"
        self.query_one(first, Input).focus()

    @on(Input.Submitted, "#outcome-client")
    def _client_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#outcome-note", Input).focus()

    @on(ReactionList.Chosen)
    def _chosen(self, event: ReactionList.Chosen) -> None:
        event.stop()
        self._choose(event.reaction)

    @on(ReactionList.TypingStarted)
    def _typing(self, event: ReactionList.TypingStarted) -> None:
        event.stop()
        note = self.query_one("#outcome-note", Input)
        note.focus()
        note.insert_text_at_cursor(event.text)

    @on(Input.Submitted, "#outcome-note")
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.outcome:
            self.query_one(ReactionList).focus()
            return
        client = self.query_one("#outcome-client", Input).value.strip() if self._asks_client() else ""
        self.dismiss((self.outcome, event.value.strip(), client))

    def action_cancel(self) -> None:
        self.dismiss(None)


class CausePickerScreen(ModalScreen[str | None]):
    """All causes as a numbered list; returns the chosen cause id."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(
        self, causes: Sequence[tuple[str, str]], *, highlight: str = "", lang: str = "zh"
    ) -> None:
        super().__init__(id="pick-cause")
        self.causes = tuple(causes)
        self.highlight = highlight
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box"):
            yield Static(Text(t("pick.title", self.lang), style="bold"), markup=False)
            yield ReactionList(id="pick-choices")
            yield Static(Text(t("pick.hint", self.lang), style="dim"), markup=False)

    def on_mount(self) -> None:
        choices = self.query_one(ReactionList)
        choices.set_reactions(list(self.causes))
        ids = [cause for cause, _ in self.causes]
        if self.highlight in ids:
            choices.highlighted = ids.index(self.highlight)
        choices.focus()

    @on(ReactionList.Chosen)
    def _chosen(self, event: ReactionList.Chosen) -> None:
        event.stop()
        self.dismiss(event.reaction)

    @on(ReactionList.TypingStarted)
    def _typing(self, event: ReactionList.TypingStarted) -> None:
        event.stop()

    def action_cancel(self) -> None:
        self.dismiss(None)
