"""The current step: technique, lines to say, tips, the question, and the client's reactions.

The screen turns the walkthrough's state into a `StepView` (already rendered, in the interface
language); this widget only lays it out. Lines come from YAML and are shown as `Text`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from coach.tui.i18n import colon, t
from coach.tui.widgets.bullets import bullets
from coach.tui.widgets.reactions import ReactionList


@dataclass(frozen=True, slots=True)
class StepView:
    """What the panel shows for one step, every string final."""

    cause: str  # the cause's name
    title: str  # the playbook's title
    number: int  # 1-based count of steps shown in this playbook
    technique: str  # the technique's name
    say: tuple[str, ...]
    tips: tuple[str, ...] = ()
    ask: str = ""
    reactions: tuple[tuple[str, str], ...] = ()  # (reaction id, label)
    outcome: str = ""  # the outcome's label on a terminal step
    calculator_hint: str = ""
    queue: tuple[str, ...] = ()  # names of causes waiting after this playbook
    heard: tuple[str, ...] = ()  # the client's words that answer the question, as said
    heard_all: bool = False  # they answer all of it: the step says so instead of asking
    still_ask: tuple[str, ...] = ()  # what the question asks that the client has not said


def render_step(view: StepView, lang: str) -> tuple[Group, str]:
    """The step as a renderable (lists with hanging indents) and as plain text."""
    parts: list[RenderableType] = []
    plain: list[str] = []

    def line(text: Text) -> None:
        parts.append(text)
        plain.append(text.plain)

    def items(rows: list[tuple[str, Text]]) -> None:
        parts.append(bullets(rows, indent=2))
        plain.extend(f"  {marker}{text.plain}" for marker, text in rows)

    head = Text()
    head.append(f"【{view.cause}】", style="bold reverse")
    head.append(" ")
    head.append(view.title, style="bold")
    line(head)
    sub = Text()
    sub.append(t("panel.step", lang, n=view.number), style="dim")
    sub.append("  ")
    sub.append(view.technique, style="bold underline")
    if view.outcome:
        sub.append("  ")
        sub.append(t("panel.outcome", lang, outcome=view.outcome), style="bold green")
    line(sub)
    if view.say:
        line(Text(t("panel.say", lang), style="bold"))
        items([("“", Text(say + "”")) for say in view.say])
    if view.ask and view.heard_all:
        line(Text(t("panel.answered", lang), style="bold green"))
        items([("“", Text(words + "”", style="green")) for words in view.heard])
        line(Text(t("panel.answered_ask", lang, ask=view.ask), style="dim"))
    elif view.ask:
        ask = Text()
        ask.append(t("panel.ask", lang) + colon(lang), style="bold")
        ask.append(view.ask)
        line(ask)
        if view.heard:
            line(Text(t("panel.partly", lang) + colon(lang), style="bold green"))
            items([("“", Text(words + "”", style="green")) for words in view.heard])
            if view.still_ask:
                sep = "、" if lang == "zh" else ", "
                line(Text(t("panel.still_ask", lang, names=sep.join(view.still_ask)), style="bold"))
    if view.tips:
        line(Text(t("panel.tips", lang), style="bold dim"))
        items([("·", Text(tip, style="dim italic")) for tip in view.tips])
    if view.calculator_hint:
        line(Text(view.calculator_hint, style="bold yellow"))
    if view.queue:
        line(Text(t("panel.queue", lang, names="、".join(view.queue)), style="cyan"))
    return Group(*parts), "\n".join(plain)


class PlaybookPanel(Vertical):
    """The step on top (scrolls when long), the reactions underneath."""

    def __init__(self, *, lang: str = "zh", id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.view: StepView | None = None
        self.step_text = ""  # the step as plain text (what a test or a screen reader reads)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="step-scroll", can_focus=False):
            yield Static(Text(t("panel.empty", self.lang), style="dim"), id="step", markup=False)
        yield ReactionList(id="reactions")

    def show(self, view: StepView | None) -> None:
        self.view = view
        step = self.query_one("#step", Static)
        reactions = self.query_one(ReactionList)
        if view is None:
            self.step_text = ""
            step.update(Text(t("panel.empty", self.lang), style="dim"))
            reactions.set_reactions([])
            reactions.display = False
            return
        visual, self.step_text = render_step(view, self.lang)
        step.update(visual)
        self.query_one("#step-scroll", VerticalScroll).scroll_home(animate=False)
        reactions.set_reactions(list(view.reactions))
        reactions.display = bool(view.reactions)
        reactions.border_title = t("panel.reactions", self.lang)
