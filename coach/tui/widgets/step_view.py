"""From the walkthrough's state to the `StepView` the playbook panel lays out.

The counter screen and the author screen's preview show a step the same way; only the step's
number, the reactions' labels and the queue differ, and those they pass in. A question the
client already answered (`Walkthrough.answered`) is shown with the client's words instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.core.content.asks import ASKS
from coach.core.text import terminal_safe
from coach.tui.i18n import t
from coach.tui.widgets.playbook_panel import StepView

if TYPE_CHECKING:
    from coach.core.content.model import Library
    from coach.core.visit.engine import Walkthrough

CALCULATOR_KEYS = {"commission": "F3", "bundle": "F4"}


def cause_name(library: Library | None, cause: str, lang: str) -> str:
    found = library.causes.get(cause) if library else None
    return found.name.get(lang) if found else cause


def step_view(
    walkthrough: Walkthrough,
    library: Library,
    lang: str,
    *,
    number: int,
    reactions: tuple[tuple[str, str], ...],
    queue: tuple[str, ...] = (),
) -> StepView:
    """The current step of `walkthrough`, every string rendered in `lang`."""
    step = walkthrough.step
    technique = library.techniques.get(step.technique)
    key = CALCULATOR_KEYS.get(step.calculator, "")
    answered = walkthrough.answered()
    return StepView(
        cause=cause_name(library, walkthrough.cause, lang),
        title=walkthrough.playbook.title.get(lang),
        number=number,
        technique=technique.name.get(lang) if technique else step.technique,
        say=walkthrough.lines(lang),
        tips=walkthrough.tips(lang),
        ask=walkthrough.ask(lang),
        reactions=reactions,
        outcome=t(f"outcome.{step.outcome}", lang) if step.outcome else "",
        calculator_hint=t("panel.calculator", lang, key=key) if key else "",
        queue=queue,
        # the client's words, shown as written: a control character is made visible, never sent
        heard=tuple(terminal_safe(q, keep_newlines=False) for q in answered.quotes),
        heard_all=answered.complete,
        still_ask=tuple(ASKS[name].get(lang) for name in answered.missing if name in ASKS),
    )
