"""The list of simulated clients to practise with; Enter starts a session."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coach.core.practice.personas import Persona
from coach.tui.widgets.practice_strings import s


def persona_prompt(persona: Persona, lang: str, cause_names: Mapping[str, str]) -> Text:
    """`cause_names` names the causes and the outreach playbooks (a call is marked as one)."""
    level = s(f"level.{persona.difficulty}", lang) if persona.difficulty else ""
    causes = "、".join(cause_names.get(c, c) for c in persona.about)
    if persona.outbound:
        causes = f"{s('call', lang)}：{causes}" if lang != "en" else f"{s('call', lang)}: {causes}"
    text = Text(no_wrap=False)
    text.append(persona.name.get(lang), style="bold")
    text.append(f"  [{causes}] ", style="cyan")
    text.append(f"{s('difficulty', lang)}:{level}", style="dim")
    text.append("\n")
    text.append(persona.background.get(lang), style="dim")
    return text


class PersonaPicker(OptionList):
    """One option per persona; the option id is the persona id."""

    def fill(self, personas: Mapping[str, Persona], lang: str,
             cause_names: Mapping[str, str]) -> None:
        self.clear_options()
        self.add_options(
            Option(persona_prompt(p, lang, cause_names), id=p.id) for p in personas.values()
        )
        if personas:
            self.highlighted = 0
