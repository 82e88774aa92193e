"""Practice mode's feedback panel, as text: what one reply did, a hint, the client's card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from coach.tui.widgets.practice_scorecard import technique_name
from coach.tui.widgets.practice_strings import s

if TYPE_CHECKING:
    from coach.core.content.model import Library
    from coach.core.practice.personas import Persona
    from coach.core.practice.scoring import Feedback


def feedback_text(fb: Feedback | None, library: Library, lang: str) -> Text:
    """What one reply did: the techniques that helped and hurt, any violation with its advice,
    what was missed, and a model line (plain text: the trainee's words are never markup)."""
    sep = ", " if lang == "en" else "、"
    text = Text()
    if fb is None:
        return text
    if fb.helped:
        text.append(f"{s('feedback.helped', lang)}：", style="bold green")
        text.append(sep.join(technique_name(library, t, lang) for t in fb.helped) + "\n")
    if fb.hurt:
        text.append(f"{s('feedback.hurt', lang)}：", style="bold yellow")
        text.append(sep.join(technique_name(library, t, lang) for t in fb.hurt) + "\n")
    # each violation named, the trainee's own words quoted, and the principle's advice
    for note in fb.violation_notes:
        text.append(f"{s('feedback.violation', lang)}：", style="bold red")
        text.append(note.name)
        if note.words:
            text.append("  " + sep.join(f"“{w}”" for w in note.words), style="red")
        text.append(f"\n  {note.advice}\n" if note.advice else "\n")
    if fb.ignored_feelings:
        text.append(s("feedback.ignored", lang) + "\n", style="yellow")
    if fb.missed_question:
        text.append(s("feedback.ask", lang) + "\n", style="yellow")
    if fb.wrong_figures:
        text.append(f"{s('feedback.figures', lang)}：" + sep.join(fb.wrong_figures) + "\n", style="yellow")
    if not (fb.helped or fb.hurt or fb.violations):
        text.append(s("feedback.nothing", lang) + "\n", style="dim")
    if fb.model_line:
        text.append(f"{s('feedback.model', lang)}：", style="bold")
        text.append(fb.model_line, style="italic")
    text.rstrip()
    return text


def hint_text(reply: str, lang: str) -> Text:
    """A reply the trainee could give now, from the playbook."""
    hint = Text()
    hint.append(f"{s('feedback.hint', lang)}：", style="bold cyan")
    hint.append(reply)
    return hint


def persona_text(persona: Persona, lang: str) -> Text:
    """Who the client is: name and background."""
    text = Text()
    text.append(persona.name.get(lang) + "\n", style="bold")
    text.append(persona.background.get(lang) + "\n\n", style="dim")
    return text
