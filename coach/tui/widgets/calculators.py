"""The commission and bundle calculators, as inline forms.

The arithmetic and the parsing of what staff type (万2.5, 10万, 50w) live in coach.core.visit.calc;
a form collects the fields, shows the result and the sentence to say, and posts `Computed` so
the screen can put the numbers into the walkthrough and the transcript. Bad input becomes a
message in the form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static

from coach.core.content.variables import format_money, format_rate
from coach.core.visit.calc import BundleResult, CalcError, CommissionResult, bundle, commission
from coach.core.visit.calc.bundle import split_turnovers
from coach.tui.i18n import colon, t

if TYPE_CHECKING:
    from coach.core.content.model import Firm



class CalculatorForm(Vertical):
    """Common frame: fields, Enter to compute (or to move to the next empty field), Esc."""

    BINDINGS = [Binding("escape", "close", show=False)]

    FIELDS: tuple[tuple[str, str], ...] = ()  # (field id, label key)
    TITLE = ""  # i18n key of the border title
    KIND = ""  # "commission" | "bundle": the calculator's name in the transcript

    class Computed(Message):
        """A calculation succeeded: inputs as typed, the result, the sentence to say."""

        def __init__(
            self, kind: str, inputs: dict[str, object], result: CommissionResult | BundleResult,
            sentence: str,
        ) -> None:
            super().__init__()
            self.kind = kind
            self.inputs = inputs
            self.result = result
            self.sentence = sentence

    class Closed(Message):
        """The staff member closed the form."""

    def __init__(
        self,
        firm: Firm | None,
        *,
        lang: str = "zh",
        id: str | None = None,
        given: dict[str, str] | None = None,
    ) -> None:
        super().__init__(id=id, classes="calculator")
        self.firm = firm
        self.lang = lang
        self.given: dict[str, str] = {}  # field -> value taken from the client's words
        self._pending = dict(given or {})
        self.result: CommissionResult | BundleResult | None = None
        self.border_title = f"{t(self.TITLE, lang)} · {t('calc.hint', lang)}"

    def compose(self) -> ComposeResult:
        for field, label in self.FIELDS:
            with Horizontal(classes="calc-row"):
                yield Label(t(label, self.lang), classes="calc-label")
                yield Input(value=self.default(field), id=field, classes="calc-field")
                yield Static("", id=f"{field}-source", classes="calc-source", markup=False)
        yield Static("", classes="calc-message", id=f"{self.id}-message", markup=False)
        yield Static("", classes="calc-result", id=f"{self.id}-result", markup=False)

    def default(self, field: str) -> str:
        return ""

    def on_mount(self) -> None:
        self.take(self._pending)
        self.focus_first()

    def take(self, given: dict[str, str]) -> None:
        """Fill fields with figures the client said; a field the staff member already edited
        keeps its value. Each filled field is marked as the client's words (the mark goes when
        the staff member changes the value), named in a note, and stays editable."""
        for field, value in given.items():
            if field not in dict(self.FIELDS):
                continue
            box = self.query_one(f"#{field}", Input)
            if box.value.strip() and box.value.strip() not in (self.default(field), self.given.get(field)):
                continue  # typed by the staff member: theirs wins
            box.value = value
            self.given[field] = value
            self._mark(field, True)
        if self.given:
            self._say(t("calc.from_client", self.lang), note=True)

    def _mark(self, field: str, given: bool) -> None:
        self.query_one(f"#{field}", Input).set_class(given, "-given")
        self.query_one(f"#{field}-source", Static).update(Text(t("calc.given", self.lang) if given else ""))

    @on(Input.Changed, ".calc-field")
    def _edited(self, event: Input.Changed) -> None:
        field = event.input.id or ""
        if field in self.given and event.value.strip() != self.given[field]:
            del self.given[field]  # the staff member's value now, not the client's words
            self._mark(field, False)

    def focus_first(self) -> None:
        for field, _ in self.FIELDS:
            box = self.query_one(f"#{field}", Input)
            if not box.value.strip():
                box.focus()
                return
        self.query_one(f"#{self.FIELDS[0][0]}", Input).focus()

    @property
    def message_text(self) -> str:
        return str(self.query_one(f"#{self.id}-message", Static).content)

    @property
    def result_text(self) -> str:
        content = self.query_one(f"#{self.id}-result", Static).content
        return content.plain if isinstance(content, Text) else str(content)

    def _say(self, text: Text | str, *, error: bool = False, note: bool = False) -> None:
        message = self.query_one(f"#{self.id}-message", Static)
        message.set_class(error, "-error")
        message.set_class(note and not error, "-note")
        message.update(text if isinstance(text, Text) else Text(text))

    @on(Input.Submitted, ".calc-field")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        ids = [field for field, _ in self.FIELDS]
        for field in ids[ids.index(event.input.id or ids[0]) + 1 :]:
            box = self.query_one(f"#{field}", Input)
            if not box.value.strip():
                box.focus()
                return
        self.compute()

    def values(self) -> dict[str, str]:
        return {field: self.query_one(f"#{field}", Input).value.strip() for field, _ in self.FIELDS}

    def compute(self) -> None:
        values = self.values()
        for field, label in self.FIELDS:
            if not values[field]:
                self._say(t("calc.missing", self.lang, field=t(label, self.lang)), error=True)
                self.query_one(f"#{field}", Input).focus()
                return
        try:
            result = self.calculate(values)
        except CalcError as error:
            self._say(error.message(self.lang), error=True)
            return
        self.result = result
        sentence = result.sentence(self.lang)
        self._say("")
        self.query_one(f"#{self.id}-result", Static).update(self.describe(result, sentence))
        self.post_message(self.Computed(self.KIND, dict(values), result, sentence))

    def calculate(self, values: dict[str, str]) -> CommissionResult | BundleResult:
        raise NotImplementedError

    def describe(self, result: CommissionResult | BundleResult, sentence: str) -> Text:
        raise NotImplementedError

    def action_close(self) -> None:
        self.post_message(self.Closed())


def _figures(rows: list[tuple[str, str, bool]], sentence: str, lang: str) -> Text:
    """The figures on one line (the key one in bold), then the sentence to say."""
    text = Text()
    for index, (label, value, strong) in enumerate(rows):
        if index:
            text.append(" · ", style="dim")
        text.append(f"{label} ")
        text.append(value, style="bold green" if strong else "bold")
    text.append("\n" + t("calc.say", lang) + colon(lang), style="bold")
    text.append(sentence)
    return text


class CommissionForm(CalculatorForm):
    """Yearly turnover, trades, our rate, their rate -> the yearly difference and what to say."""

    KIND = "commission"
    FIELDS = (
        ("turnover", "calc.turnover"),
        ("trades", "calc.trades"),
        ("our_rate", "calc.our_rate"),
        ("their_rate", "calc.their_rate"),
    )

    def default(self, field: str) -> str:
        if field == "our_rate" and self.firm is not None:
            return format_rate(self.firm.standard_rate)
        return ""

    TITLE = "calc.commission.title"

    def calculate(self, values: dict[str, str]) -> CommissionResult:
        return commission(
            values["turnover"], values["trades"], values["our_rate"], values["their_rate"], self.firm
        )

    def describe(self, result: CommissionResult | BundleResult, sentence: str) -> Text:
        assert isinstance(result, CommissionResult)
        lang = self.lang
        rows = [
            (t("calc.yearly_diff", lang), format_money(result.yearly_diff), True),
            (t("calc.monthly_diff", lang), format_money(result.monthly_diff), False),
            (t("calc.our_cost", lang), format_money(result.our_cost), False),
            (t("calc.their_cost", lang), format_money(result.their_cost), False),
            (t("calc.trade_size", lang), format_money(result.trade_size), False),
            (
                t("calc.effective_rate", lang, min=format_money(result.terms.min_commission)),
                format_rate(result.effective_rate),
                False,
            ),
        ]
        return _figures(rows, sentence, lang)


class BundleForm(CalculatorForm):
    """Family accounts' yearly turnovers -> the pooled volume and the tier it reaches."""

    KIND = "bundle"
    FIELDS = (("turnovers", "calc.turnovers"),)

    TITLE = "calc.bundle.title"

    def calculate(self, values: dict[str, str]) -> BundleResult:
        return bundle(split_turnovers(values["turnovers"]), self.firm)

    def describe(self, result: CommissionResult | BundleResult, sentence: str) -> Text:
        assert isinstance(result, BundleResult)
        lang = self.lang
        tier = result.tier.name if result.discounted and result.tier else t("calc.no_tier", lang)
        rows = [
            (t("calc.tier", lang), tier, True),
            (t("calc.pooled", lang), format_money(result.pooled), False),
            (t("calc.bundle_rate", lang), format_rate(result.rate), False),
            (t("calc.bundle_saving", lang), format_money(result.saving), False),
        ]
        return _figures(rows, sentence, lang)
