"""cases/<cause>.yaml: one playbook per cause, its steps and reactions, checked by the rules.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from coach.core.content import rules
from coach.core.content.fields import (
    Fields,
    label,
    read_mapping,
)
from coach.core.content.model import (
    Playbook,
    Reaction,
    Step,
    TrialExemption,
    Variant,
)
from coach.core.content.problems import Problem, has_errors
from coach.core.content.yamlpos import YList, YMap

CASES = "cases"

def read_step(node: YMap, problems: list[Problem]) -> Step:
    """One step mapping (shared by case files and outreach playbooks)."""
    f = Fields(node, label(node, "step"), problems)
    f.allow(("id", "technique", "say"), ("tips", "ask", "asks", "calculator", "next", "outcome", "when"))
    nxt: dict[str, str] = {}
    table = f.mapping("next")
    if table is not None:
        for reaction, target in table.items():
            if isinstance(target, str) and target.strip():
                nxt[reaction] = target.strip()
            else:
                f.wrong(table.at(reaction), target, f"next: {reaction}", "text (a step id)")
    say = f.strings("say")
    raw = node.get("say")
    lines = [raw] if isinstance(raw, str) else raw if isinstance(raw, YList) else None
    if lines is not None and all(isinstance(x, str) and not x.strip() for x in lines):
        f.error(node.at("say"), "missing-field", f"{f.what} has nothing to say",
                "give at least one line under 'say:'")
    variants: list[Variant] = []
    for _, item in f.items("when", "variant"):
        v = Fields(item, f"the 'when' variant at line {item.pos.line}", problems)
        v.allow(("if", "say"), ("tips",))
        variants.append(Variant(v.string("if"), tuple(x for x in v.strings("say") if x),
                                tuple(x for x in v.strings("tips") if x), item.pos))
    return Step(
        id=f.string("id"),
        technique=f.string("technique"),
        say=tuple(s for s in say if s),
        tips=tuple(t for t in f.strings("tips") if t),
        ask=f.string("ask"),
        next=nxt,
        outcome=f.string("outcome"),
        calculator=f.string("calculator"),
        pos=node.pos,
        when=tuple(variants),
        asks=tuple(a for a in f.strings("asks") if a),
    )


def load_playbook(path: Path, *, techniques: Collection[str] | None = None
                  ) -> tuple[Playbook | None, list[Problem]]:
    """One case file; None (with the problems) when it has any error.

    `techniques`: the technique ids to check steps against; None skips that check.
    """
    problems: list[Problem] = []
    tree = read_mapping(Path(path), problems, "cause:")
    if tree is None:
        return None, problems
    f = Fields(tree, f"case file {Path(path).name}", problems)
    f.allow(("cause", "title", "start", "steps"), ("summary", "reactions", "trial_exempt"))
    exemption = None
    node = f.mapping("trial_exempt")
    if node is not None:
        e = Fields(node, "trial_exempt", problems)
        e.allow(("after", "reason"))
        exemption = TrialExemption(e.string("after"), e.text("reason"), tree.key_at("trial_exempt"))
    reactions: dict[str, Reaction] = {}
    table = f.mapping("reactions")
    if table is not None:
        inner = Fields(table, "reactions", problems)
        for ident in table:
            if table[ident] is None:
                inner.error(table.key_at(ident), "missing-field",
                            f"the reaction '{ident}' has no label",
                            f"write what the client does, e.g. '{ident}: 追问能不能再低一点'")
            reactions[ident] = Reaction(ident, inner.text(ident), table.key_at(ident))
    steps: list[tuple[Step, YMap]] = []
    for _, node in f.items("steps", "step"):
        steps.append((read_step(node, problems), node))
    if "steps" in tree and isinstance(tree["steps"], YList) and not tree["steps"]:
        f.error(tree.at("steps"), "missing-field", "the playbook has no steps",
                "add at least one step under 'steps:'")
    playbook = Playbook(
        cause=f.string("cause"),
        title=f.text("title"),
        summary=f.text("summary"),
        start=f.string("start"),
        steps={step.id: step for step, _ in first_of_each(steps)},
        reactions=reactions,
        path=str(path),
        trial_exempt=exemption,
    )
    problems.extend(rules.check_playbook(tree, playbook, steps, techniques=techniques))
    return (None if has_errors(problems) else playbook), problems


def first_of_each(steps: list[tuple[Step, YMap]]) -> list[tuple[Step, YMap]]:
    seen: set[str] = set()
    out = []
    for step, node in steps:
        if step.id not in seen:
            seen.add(step.id)
            out.append((step, node))
    return out
