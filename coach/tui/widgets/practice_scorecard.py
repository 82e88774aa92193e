"""The scorecard at the end of a role-play, and the trainee's past scores, as plain Text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from coach.core.content.model import Library
from coach.core.practice.history import PastScore, progress
from coach.core.practice.scorecard_text import LEGEND, last_words, outcome_name, part_name
from coach.core.practice.scoring import Scorecard
from coach.tui.widgets.practice_strings import s


def technique_name(library: Library, technique: str, lang: str) -> str:
    entry = library.techniques.get(technique)
    return entry.name.get(lang) if entry else technique


def violation_name(library: Library, violation: str, lang: str) -> str:
    entry = library.violations.get(violation)
    return entry.name.get(lang) if entry else violation


def render_scorecard(card: Scorecard, library: Library, lang: str = "zh") -> Text:
    sep = ", " if lang == "en" else "、"
    text = Text()
    style = "bold green" if card.passed else "bold red"
    text.append(s("card.score", lang, score=card.score), style=style)
    text.append("  (" + (s("card.pass", lang) if card.passed else s("card.fail", lang, mark=f"{card.pass_mark:g}")) + ")")
    text.append("   " + s("card.outcome", lang, outcome=outcome_name(card.outcome, lang)) + "\n", style="bold")
    if card.turns:
        text.append(last_words(card, lang) + "\n", style="italic")
    parts = []
    for part in card.parts:
        value = card.part_score(part)
        if value is not None:
            parts.append(f"{part_name(part, lang)} {value}")
    text.append("   ".join(parts) + "\n")
    none = s("card.none", lang)
    text.append(s("card.used", lang) + "：", style="bold")
    text.append((sep.join(technique_name(library, t, lang) for t in card.techniques) or none) + "\n")
    text.append(s("card.violations", lang) + "：", style="bold")
    if card.violations:
        text.append(sep.join(f"{violation_name(library, v, lang)}×{card.violation_counts[v]}"
                             for v in card.violations) + "\n", style="red")
    else:
        text.append(none + "\n")
    if card.missed_techniques:
        text.append(s("card.missed", lang) + "：", style="bold")
        text.append(sep.join(technique_name(library, t, lang) for t in card.missed_techniques) + "\n")
    text.append("\n" + s("card.checks", lang) + "\n", style="bold underline")
    text.append(LEGEND[1 if lang == "en" else 0] + "\n", style="dim")
    for check in card.checks:
        mark, mark_style = ("✓", "green") if check.passed else (("✗", "red") if check.applies else ("-", "dim"))
        text.append(f" {mark} ", style=mark_style)
        text.append(f"{check.label.get(lang)}  ({check.weight:g})\n", style="" if check.applies else "dim")
    text.append("\n" + s("card.turns", lang) + "\n", style="bold underline")
    for turn, fb in zip(card.turns, card.feedback, strict=True):
        text.append(f"[{turn.index}] ", style="bold")
        text.append(turn.reply + "\n")
        if fb.helped:
            text.append("    " + s("feedback.helped", lang) + "：" + sep.join(technique_name(library, t, lang) for t in fb.helped) + "\n", style="green")
        for v in fb.violations:
            advice = library.violations[v].advice.get(lang) if v in library.violations else ""
            text.append(f"    {s('feedback.violation', lang)}：{violation_name(library, v, lang)}  {advice}\n", style="red")
        if fb.ignored_feelings:
            text.append("    " + s("feedback.ignored", lang) + "\n", style="yellow")
        if fb.missed_question:
            text.append("    " + s("feedback.ask", lang) + "\n", style="yellow")
        if fb.model_line:
            text.append(f"    {s('feedback.model', lang)}：", style="bold")
            text.append(fb.model_line + "\n", style="italic")
    return text


def render_history(scores: Sequence[PastScore], lang: str = "zh", *, limit: int = 8) -> Text:
    text = Text()
    summary = progress(scores)
    if summary is None:
        text.append(s("history.empty", lang), style="dim")
        return text
    text.append(s("history.summary", lang, n=summary.sessions, avg=summary.average, best=summary.best) + "\n")
    for past in list(scores)[-limit:][::-1]:
        day = past.when[:10]
        text.append(f"{day} ", style="dim")
        text.append(f"{past.score:>3} ", style="bold green" if past.passed else "bold red")
        text.append(f"{past.persona} ")
        text.append(outcome_name(past.outcome, lang) + "\n", style="dim")
    return text
