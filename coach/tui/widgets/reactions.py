"""The client's possible reactions at the current step, chosen with the number keys.

The list takes focus only when the staff member asks for it (reaction mode, Tab on an empty
input), and a digit here records a reaction. Any other printable key is handed back as
`TypingStarted`; from then until the list is focused again every key, digits included, is text:
an input method commits a whole phrase as one burst of keys, and the digits in "等了30分钟" must
not become reactions while the focus is still on its way back to the input.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class ReactionList(OptionList):
    """Numbered reactions; 1-9 or Enter posts `Chosen`."""

    _typing = False  # a printable non-reaction key arrived: the rest of the burst is text

    class Chosen(Message):
        """The staff member picked the client's reaction."""

        def __init__(self, choices: ReactionList, reaction: str) -> None:
            super().__init__()
            self.choices = choices
            self.reaction = reaction

        @property
        def control(self) -> ReactionList:
            return self.choices

    class TypingStarted(Message):
        """A printable key arrived here: the staff member meant to type in the input."""

        def __init__(self, choices: ReactionList, text: str) -> None:
            super().__init__()
            self.choices = choices
            self.text = text

        @property
        def control(self) -> ReactionList:
            return self.choices

    def set_reactions(self, reactions: list[tuple[str, str]]) -> None:
        """(reaction id, label) pairs, shown as `1 label`."""
        options = []
        for number, (reaction, label) in enumerate(reactions, start=1):
            prompt = Text()
            prompt.append(f"{number} " if number <= 9 else "  ", style="bold")
            prompt.append(label)
            options.append(Option(prompt, id=reaction))
        self.set_options(options)
        self.highlighted = 0 if options else None

    @property
    def reaction_ids(self) -> list[str]:
        return [option.id for option in self.options if option.id]

    class ModeChanged(Message):
        """Reaction mode went on (the list has the focus) or off: the screen says so."""

        def __init__(self, choices: ReactionList, on: bool) -> None:
            super().__init__()
            self.choices = choices
            self.on = on

        @property
        def control(self) -> ReactionList:
            return self.choices

    def on_focus(self) -> None:
        self._typing = False
        self.post_message(self.ModeChanged(self, True))

    def on_blur(self) -> None:
        self.post_message(self.ModeChanged(self, False))

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if not event.is_printable or not character:
            return
        event.stop()
        event.prevent_default()
        index = ord(character) - ord("1") if len(character) == 1 else -1
        if not self._typing and 0 <= index < min(9, self.option_count):
            self.post_message(self.Chosen(self, self.reaction_ids[index]))
            return
        self._typing = True
        self.post_message(self.TypingStarted(self, character))

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self._typing = True
        self.post_message(self.TypingStarted(self, event.text))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(self, event.option.id))
