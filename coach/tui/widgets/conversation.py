"""The conversation so far: statements, causes, steps, reactions, numbers, outcome.

Every entry is a `rich.text.Text` built from plain strings, so a client typing `[bold]` or
`[@click=app.quit]` sees exactly that on the screen and nothing happens.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from coach.core.text import terminal_safe
from coach.tui.i18n import colon


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the log as plain text; kept so that tests and the screen can read it back."""

    kind: str  # client | cause | step | reaction | switch | back | calculator | trial | outcome | problem
    label: str
    body: str
    separator: str = "："

    @property
    def plain(self) -> str:
        return f"{self.label}{self.separator}{self.body}" if self.label else self.body


class ConversationLog(VerticalScroll, can_focus=False):
    """A scrolling list of entries, newest at the bottom."""

    def __init__(self, *, lang: str = "zh", id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lang = lang
        self.entries: list[Entry] = []

    def add(self, kind: str, label: str, body: str) -> Entry:
        entry = Entry(kind, label, body, colon(self.lang))
        self.entries.append(entry)
        text = Text()
        if label:
            text.append(terminal_safe(label + entry.separator), style="bold")
        text.append(terminal_safe(body))  # an ESC typed or pasted is shown as ␛, never sent
        self.mount(Static(text, classes=f"entry entry-{kind}", markup=False))
        self.scroll_end(animate=False, immediate=False)
        return entry

    def clear(self) -> None:
        self.entries.clear()
        self.remove_children()
