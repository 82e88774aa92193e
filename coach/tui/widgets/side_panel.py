"""Reminders beside the playbook: the five principles, the firm's strengths, and the service
products that support the technique of the current step."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from coach.tui.i18n import colon, t
from coach.tui.widgets.bullets import bullets

if TYPE_CHECKING:
    from coach.core.content.model import Firm, Principle


def render_side(
    principles: Mapping[str, Principle],
    firm: Firm | None,
    technique: str,
    lang: str,
) -> tuple[Group, str]:
    """Products for the current technique first (they change with the step), then the
    principles and the strengths; as a renderable and as plain text."""
    parts: list[RenderableType] = []
    plain: list[str] = []

    def heading(key: str) -> None:
        parts.append(Text(t(key, lang), style="bold underline"))
        plain.append(t(key, lang))

    def items(rows: list[tuple[str, Text]]) -> None:
        parts.append(bullets(rows))
        plain.extend(marker + text.plain for marker, text in rows)

    if firm is not None and technique:
        heading("side.products")
        products = [p for p in firm.service_products if technique in p.techniques]
        if not products:
            parts.append(Text(t("side.no_products", lang), style="dim"))
            plain.append(t("side.no_products", lang))
        rows = []
        for product in products:
            text = Text(product.name, style="bold")
            if product.description:
                text.append(colon(lang))
                text.append(product.description, style="")
            rows.append(("·", text))
        if rows:
            items(rows)
        parts.append(Text())
    heading("side.principles")
    rows = []
    for number, principle in enumerate(principles.values(), start=1):
        text = Text(principle.name.get(lang), style="bold")
        summary = principle.summary.get(lang)
        if summary:
            text.append(colon(lang))
            text.append(summary, style="dim")
        rows.append((f"{number}.", text))
    items(rows)
    if firm is not None and firm.strengths:
        parts.append(Text())
        heading("side.strengths")
        items([("·", Text(strength)) for strength in firm.strengths])
    return Group(*parts), "\n".join(plain)


class SidePanel(VerticalScroll, can_focus=False):
    """Principles always; strengths and products once the firm profile is loaded."""

    def __init__(self, *, lang: str = "zh", id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self._body = Static("", markup=False, id="side-body")
        self.plain = ""  # what the panel shows, as plain text

    def compose(self) -> ComposeResult:
        yield self._body

    def show(
        self, principles: Mapping[str, Principle], firm: Firm | None, technique: str = ""
    ) -> None:
        visual, self.plain = render_side(principles, firm, technique, self.lang)
        self._body.update(visual)
