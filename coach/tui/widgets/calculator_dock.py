"""The counter screen's inline calculators: where they open, and the client's figures in them.

A calculator opens in the left column (at a step that names one, or by F3/F4) and stays mounted
once opened, hidden when closed, so figures typed into it survive Esc. The figures the client
gave in the statements confirmed so far (`coach.core.understand.figures`) fill its fields,
marked in the form as taken from the client's words, and stay editable. The screen routes the
forms' messages; this object only places, shows and fills them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical

from coach.core.understand.figures import calculator_fields, extract_figures
from coach.tui.widgets.calculators import BundleForm, CalculatorForm, CommissionForm

if TYPE_CHECKING:
    from textual.screen import Screen

    from coach.core.content.model import Firm
    from coach.core.understand.classifier import Classification

OPEN_CLASS = "-calculating"  # on the screen while a calculator shows (the layout follows)


class CalculatorDock:
    """Calculators of one screen, mounted into `host` ahead of `before`."""

    def __init__(self, screen: Screen, *, host: str, before: str, lang: str) -> None:
        self.screen = screen
        self.host = host
        self.before = before
        self.lang = lang
        self.client_fields: dict[str, str] = {}  # calculator fields from the client's figures

    @property
    def is_open(self) -> bool:
        return self.screen.has_class(OPEN_CLASS)

    def open(self, kind: str, firm: Firm | None) -> None:
        """Show the `kind` calculator (commission or bundle), creating it the first time."""
        form_id = f"calc-{kind}"
        for form in self.screen.query(CalculatorForm):
            form.display = form.id == form_id
        self.screen.add_class(OPEN_CLASS)
        found = self.screen.query(f"#{form_id}")
        if found:
            found.first(CalculatorForm).focus_first()
            return
        factory = CommissionForm if kind == "commission" else BundleForm
        form = factory(firm, lang=self.lang, id=form_id, given=dict(self.client_fields))
        self.screen.query_one(self.host, Vertical).mount(form, before=self.before)  # focuses itself

    def close(self) -> None:
        for form in self.screen.query(CalculatorForm):
            form.display = False
        self.screen.remove_class(OPEN_CLASS)

    def reset(self) -> None:
        """A new client: no calculator, no figures."""
        self.client_fields = {}
        for form in self.screen.query(CalculatorForm):
            form.remove()
        self.screen.remove_class(OPEN_CLASS)

    def take(self, result: Classification) -> None:
        """The client's numbers in a confirmed statement, kept for the calculators (a later
        statement's figure replaces an earlier one of the same name)."""
        self.client_fields.update(calculator_fields(extract_figures(result.text, result.tracked)))
        for form in self.screen.query(CommissionForm):
            form.take(self.client_fields)
