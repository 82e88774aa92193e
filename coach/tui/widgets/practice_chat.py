"""The role-play conversation: the client's lines and the trainee's replies.

Entries are `rich.text.Text` built from plain strings: a persona line or a reply holding
`[bold]` shows exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from coach.core.text import terminal_safe


@dataclass(frozen=True, slots=True)
class ChatEntry:
    kind: str  # client | trainee | info | outcome
    label: str
    body: str


class PracticeChat(VerticalScroll, can_focus=False):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[ChatEntry] = []

    def add(self, kind: str, label: str, body: str) -> ChatEntry:
        entry = ChatEntry(kind, label, body)
        self.entries.append(entry)
        text = Text()
        if label:
            text.append(terminal_safe(f"{label}："), style="bold")
        text.append(terminal_safe(body))  # an ESC typed or pasted is shown as ␛, never sent
        self.mount(Static(text, classes=f"chat-entry chat-{kind}", markup=False))
        self.scroll_end(animate=False, immediate=False)
        return entry

    def clear(self) -> None:
        self.entries.clear()
        self.remove_children()
