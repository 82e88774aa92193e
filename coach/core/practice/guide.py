"""What the playbook would have the trainee say: technique order and model lines.

The order of a case file (for a client the trainee phones, the outreach playbook) is read by walking its graph from `start`, depth first, following the
reactions in the order accepts, objects, another_cause, insists, then any others: the first
time a technique's step is reached gives its rank. A persona may name the steps that fit it
(`steps:`), which then come first. The model line for a technique is the `say` of the
first such step in the client's case file (with `ask` for a listening step), else the technique
catalogue's first line, filled in with the session's numbers.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from coach.core.content.model import Library, Playbook, Step
from coach.core.content.variables import render
from coach.core.practice.calls import opening_step_lines, respect_lines
from coach.core.practice.personas import Persona

_REACTION_ORDER = ("accepts", "objects", "another_cause", "insists")


def steps_in_order(playbook: Playbook) -> list[Step]:
    """The steps reachable from `start`, depth first: the path of a client who accepts comes
    first, then what an objection leads to, and the insisting client's steps last."""
    if playbook.start not in playbook.steps:
        return list(playbook.steps.values())
    order: list[Step] = []
    seen: set[str] = set()
    stack = [playbook.start]
    while stack:
        step_id = stack.pop()
        if step_id in seen or step_id not in playbook.steps:
            continue
        seen.add(step_id)
        step = playbook.steps[step_id]
        order.append(step)
        reactions = [r for r in _REACTION_ORDER if r in step.next]
        reactions += [r for r in step.next if r not in _REACTION_ORDER]
        stack.extend(step.next[r] for r in reversed(reactions))
    return order


def technique_ranks(persona: Persona, library: Library) -> dict[str, int]:
    """technique -> the position of its first step in the case file's order for this client."""
    ranks: dict[str, int] = {}
    for i, step in enumerate(steps_for(persona, library)):
        ranks.setdefault(step.technique, i)
    return ranks


def playbook_for(persona: Persona, library: Library) -> Playbook | None:
    """The case file of the client's lead cause, or for a call the outreach playbook."""
    if persona.outbound:
        outreach = library.outreach.get(persona.outreach)
        return outreach.playbook if outreach is not None else None
    for cause in persona.causes:
        if cause in library.playbooks:
            return library.playbooks[cause]
    return None


def steps_for(persona: Persona, library: Library) -> list[Step]:
    """The case file's steps for this client: the persona's own `steps` first (the branch
    that fits them, e.g. a relative rather than the employee), then the rest in order."""
    playbook = playbook_for(persona, library)
    if playbook is None:
        return []
    chosen = [playbook.steps[s] for s in persona.steps if s in playbook.steps]
    ids = {step.id for step in chosen}
    return chosen + [step for step in steps_in_order(playbook) if step.id not in ids]


def model_line(technique: str, persona: Persona, library: Library,
               values: Mapping[str, str], lang: str = "zh") -> str:
    """What a trainee could say for `technique` to this client ("" if nothing is written)."""
    for step in steps_for(persona, library):
        if step.technique == technique and step.say:
            parts = [render(line, values, lang) for line in step.say]
            if step.ask and technique == "listen_and_clarify":
                parts.append(render(step.ask, values, lang))
            return "".join(parts)
    entry = library.techniques.get(technique)
    if entry is not None and entry.lines:
        return render(entry.lines[0], values, lang)
    return ""


def call_opening(persona: Persona, library: Library, values: Mapping[str, str],
                 lang: str = "zh") -> str:
    """How the outreach playbook opens a call: who is calling, and is it a good time."""
    return "".join(render(line, values, lang) for line in opening_step_lines(persona, library))


def closing_line(persona: Persona, library: Library, values: Mapping[str, str],
                 lang: str = "zh") -> str:
    """How the outreach playbook ends a call when the client asks not to be called again."""
    return "".join(render(line, values, lang) for line in respect_lines(persona, library))


def suggested_order(persona: Persona, library: Library) -> list[str]:
    """The persona's helpful techniques, in the case file's order, strongest first on ties."""
    ranks = technique_ranks(persona, library)
    helpful = [t for t, w in persona.softens.items() if w > 0]
    far = len(ranks) + 1
    return sorted(helpful, key=lambda t: (ranks.get(t, far), -persona.softens[t]))


ENDGAME = frozenset({"one_week_trial", "graceful_exit"})  # for when the client insists


def next_technique(persona: Persona, library: Library, used: Collection[str], *,
                   min_weight: float = 0.0, skip: Collection[str] = ()) -> str:
    """The first helpful technique in the playbook's order that the trainee has not used yet
    (the one-week trial and the graceful exit are kept for when the client insists)."""
    for technique in suggested_order(persona, library):
        if technique in ENDGAME or technique in skip:
            continue
        if technique not in used and persona.softens[technique] >= min_weight:
            return technique
    return ""
