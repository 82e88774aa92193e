"""The client's possible reactions at the current step, chosen with the number keys.

Printable keys other than digits are handed back as `TypingStarted`, so a staff member who
starts typing the client's next words while this list has focus does not lose them.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class ReactionList(OptionList):
    """Numbered reactions; 1-9 or Enter posts `Chosen`."""

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

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if character and character.isdigit() and character != "0":
            event.stop()
            event.prevent_default()
            index = int(character) - 1
            if index < self.option_count:
                self.post_message(self.Chosen(self, self.reaction_ids[index]))
            return
        if event.is_printable and character and character != "?":
            event.stop()
            event.prevent_default()
            self.post_message(self.TypingStarted(self, character))

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.post_message(self.TypingStarted(self, event.text))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(self, event.option.id))
