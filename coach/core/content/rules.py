"""The rules beyond the schema: the step graph of a playbook and the cross-references.

`coach.core.content.library` calls these while loading, so that the app skips exactly the files
the validator rejects; `coach.core.content.check` runs the loader over a whole folder. Every problem points at the value at fault (the `next` target, the `{variable}`, the
second copy of a keyword), never just at the file.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from coach.core.content.asks import check_asks
from coach.core.content.graph import reach as _reach
from coach.core.content.line_rules import check_lines, variant_nodes
from coach.core.content.model import (
    CAUSE_IDS,
    OUTCOMES,
    STANDARD_REACTIONS,
    Cause,
    Playbook,
    Pos,
    Step,
)
from coach.core.content.problems import Problem, choices_hint, closest
from coach.core.content.trial_rule import TRIAL_TECHNIQUE, check_trial
from coach.core.content.variables import CONDITIONS, VARIABLES, template_names
from coach.core.content.yamlpos import YList, YMap
from coach.core.text import CLAUSE_BREAK, normalize

CALCULATORS = ("commission", "bundle")
MIN_EXAMPLES = 10
TEMPLATE_KEYS = ("say", "ask", "tips")

Placed = tuple[Step, YMap]  # a step and the mapping it was read from


# ---------------------------------------------------------------- templates


def _templates(node: YMap, key: str) -> Iterator[tuple[str, Callable[[int], Pos]]]:
    """Each template string under `key` (one text or a list), with a way to place a character."""
    value = node.get(key)
    if isinstance(value, str):
        yield value, lambda offset: node.at_offset(key, offset)
    elif isinstance(value, YList):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield item, lambda offset, i=i: value.at_offset(i, offset)


def _used(node: YMap, keys: Iterable[str]) -> Iterator[tuple[str, Pos]]:
    """Each `{variable}` under `keys`, and under the `say`/`tips` of the step's `when:` variants."""
    nodes = [(node, tuple(keys))] + [(v, ("say", "tips")) for v in variant_nodes(node)]
    for where, names in nodes:
        for key in names:
            for template, place in _templates(where, key):
                for name, offset in template_names(template):
                    yield name, place(offset)


def check_templates(node: YMap, keys: Iterable[str] = TEMPLATE_KEYS) -> list[Problem]:
    """`{variables}` nobody provides (see coach.core.content.variables)."""
    problems = []
    for name, pos in _used(node, keys):
        if name in VARIABLES:
            continue
        guess = closest(name, VARIABLES)
        hint = f"did you mean '{{{guess}}}'? " if guess else ""
        problems.append(Problem.at(
            pos,
            "unknown-variable",
            f"unknown variable '{{{name}}}'",
            hint + "the variables are listed in playbooks/README.md;"
            " write {{ and }} for a literal brace",
        ))
    return problems


# ---------------------------------------------------------------- causes.yaml


def _keyword_key(keyword: str) -> str:
    return normalize(keyword).replace(CLAUSE_BREAK, "")


def check_causes(tree: YMap, placed: Sequence[tuple[Cause, YMap]]) -> list[Problem]:
    """The taxonomy as a whole: one keyword per cause, all eleven causes, enough examples."""
    problems: list[Problem] = []
    first: dict[str, tuple[str, str, Pos]] = {}  # normalised keyword -> (cause, keyword, where)
    for cause, node in placed:
        keywords = node.get("keywords")
        if not isinstance(keywords, YMap):
            continue
        for keyword in keywords:
            key = _keyword_key(keyword)
            if not key:
                continue
            here = keywords.key_at(keyword)
            if key in first:
                other, written, where = first[key]
                owner = "this cause" if other == cause.id else f"'{other}'"
                alias = "" if written == keyword else f" as '{written}'"
                problems.append(Problem.at(
                    here,
                    "duplicate-keyword",
                    f"the keyword '{keyword}' of '{cause.id}' is already listed under {owner}"
                    f"{alias} (line {where.line})",
                    "a keyword belongs to one cause only: keep it where it signals most clearly;"
                    " 每个关键词只能属于一个原因",
                ))
            else:
                first[key] = (cause.id, keyword, here)
        if cause.id in CAUSE_IDS and "examples" in node and len(cause.examples) < MIN_EXAMPLES:
            problems.append(Problem.at(
                node.at("examples") if "examples" in node else node.pos,
                "few-examples",
                f"the cause '{cause.id}' has {len(cause.examples)} examples;"
                f" at least {MIN_EXAMPLES} are needed to measure the classifier",
                "add statements a client might really make at the counter",
                level="warning",
            ))
    present = {cause.id for cause, _ in placed}
    missing = [c for c in CAUSE_IDS if c not in present]
    if missing:
        problems.append(Problem.at(
            tree.key_at("causes"),
            "missing-cause",
            f"causes.yaml does not define: {', '.join(missing)}",
            "all eleven causes must be listed, each with its fixed id",
        ))
    return problems


# ---------------------------------------------------------------- case files


def _check_identity(tree: YMap, playbook: Playbook) -> list[Problem]:
    cause = playbook.cause
    if not cause:
        return []
    if cause not in CAUSE_IDS:
        return [Problem.at(tree.at("cause"), "unknown-cause",
                           f"'{cause}' is not one of the eleven cause ids",
                           choices_hint(cause, CAUSE_IDS, what="cause ids"))]
    stem = Path(tree.pos.path).stem
    if stem != cause:
        return [Problem.at(
            tree.at("cause"),
            "file-name-mismatch",
            f"the file is named '{stem}.yaml' but its cause is '{cause}'",
            f"rename the file to {cause}.yaml, or correct 'cause:'",
        )]
    return []


def check_playbook(tree: YMap, playbook: Playbook, steps: Sequence[Placed], *,
                   techniques: Collection[str] | None, outcomes: Collection[str] = OUTCOMES,
                   trial_rule: bool = True) -> list[Problem]:
    """The rules of one case file (or, with its own `outcomes` and no trial rule, of an
    outreach playbook). `steps` in file order, duplicates included."""
    problems = _check_identity(tree, playbook)
    by_id: dict[str, Placed] = {}
    for step, node in steps:
        if not step.id:
            continue
        if step.id in by_id:
            first = by_id[step.id][1].at("id")
            problems.append(Problem.at(
                node.at("id"), "duplicate-step",
                f"the step id '{step.id}' is used twice (first on line {first.line})",
                "step ids must be unique within a case file: rename one",
            ))
        else:
            by_id[step.id] = (step, node)
    reactions = set(STANDARD_REACTIONS) | set(playbook.reactions)
    used_reactions: set[str] = set()
    for step, node in steps:
        problems.extend(_check_step(step, node, by_id, reactions, techniques, used_reactions,
                                    outcomes))
    for ident, reaction in playbook.reactions.items():
        if ident not in used_reactions:
            problems.append(Problem.at(
                reaction.pos, "unused-reaction",
                f"the reaction '{ident}' is declared but no step's 'next' uses it",
                "use it under some step's 'next:' or remove it", level="warning",
            ))
    if not by_id:
        return problems
    edges = {ident: [t for t in step.next.values() if t in by_id]
             for ident, (step, _) in by_id.items()}
    start_ok = playbook.start in by_id
    if playbook.start and not start_ok:
        problems.append(Problem.at(
            tree.at("start"), "missing-step",
            f"'start' names the step '{playbook.start}', which does not exist",
            choices_hint(playbook.start, by_id, what="steps"),
        ))
    reachable = _reach([playbook.start], edges) if start_ok else dict.fromkeys(by_id)
    problems.extend(_check_ends(by_id, edges, reachable, start_ok, playbook.start))
    if start_ok and trial_rule:
        problems.extend(check_trial(by_id, edges, playbook.start, playbook, tree))
    problems.extend(_check_known(by_id, edges))
    return problems


def _check_step(step: Step, node: YMap, by_id: Mapping[str, Placed], reactions: set[str],
                techniques: Collection[str] | None, used: set[str],
                outcomes: Collection[str] = OUTCOMES) -> list[Problem]:
    problems: list[Problem] = []
    name = f"step '{step.id}'"
    if techniques is not None and step.technique and step.technique not in techniques:
        problems.append(Problem.at(
            node.at("technique"), "unknown-technique",
            f"{name} uses the technique '{step.technique}', which techniques.yaml does not define",
            choices_hint(step.technique, techniques, what="techniques"),
        ))
    if step.outcome and step.outcome not in outcomes:
        problems.append(Problem.at(
            node.at("outcome"), "unknown-outcome",
            f"'{step.outcome}' is not an outcome",
            choices_hint(step.outcome, outcomes, what="outcomes"),
        ))
    if step.calculator and step.calculator not in CALCULATORS:
        problems.append(Problem.at(
            node.at("calculator"), "unknown-calculator",
            f"'{step.calculator}' is not a calculator",
            choices_hint(step.calculator, CALCULATORS, what="calculators"),
        ))
    table = node.get("next")
    has_next = isinstance(table, YMap) and bool(table)
    if has_next and "outcome" in node and node["outcome"] is not None:
        problems.append(Problem.at(
            node.key_at("outcome"), "next-and-outcome",
            f"{name} has both 'next' and 'outcome'",
            "a step either continues ('next') or ends the conversation ('outcome'): remove one",
        ))
    elif not has_next and not step.outcome and node.get("outcome") is None:
        problems.append(Problem.at(
            node.at("id"), "no-outcome",
            f"{name} has neither 'next' nor 'outcome': the conversation would stop here",
            "add 'next:' with the reactions, or 'outcome:' (retained, trial,"
            " transfer_within_firm, lost)",
        ))
    if isinstance(table, YMap):
        for reaction, target in table.items():
            used.add(reaction)
            if reaction not in reactions:
                problems.append(Problem.at(
                    table.key_at(reaction), "unknown-reaction",
                    f"'{reaction}' is not a reaction of this playbook",
                    choices_hint(reaction, reactions, what="reactions")
                    + "; declare new ones under 'reactions:'",
                ))
            if isinstance(target, str) and target.strip() and target.strip() not in by_id:
                problems.append(Problem.at(
                    table.at(reaction), "missing-step",
                    f"'next: {reaction}' of {name} goes to '{target}', which does not exist",
                    choices_hint(target, by_id, what="steps"),
                ))
    problems.extend(check_templates(node))
    problems.extend(check_asks(step, node))
    for item in variant_nodes(node):
        problems.extend(check_templates(item, ("say", "tips")))
    problems.extend(check_lines(step, node))
    return problems


def _check_ends(by_id: Mapping[str, Placed], edges: Mapping[str, Sequence[str]],
                reachable: Mapping[str, str | None], start_ok: bool, start: str) -> list[Problem]:
    problems: list[Problem] = []
    if start_ok:
        for ident, (_, node) in by_id.items():
            if ident not in reachable:
                problems.append(Problem.at(
                    node.at("id"), "unreachable-step",
                    f"no path from the start step '{start}' leads to step '{ident}'",
                    "point some step's 'next' at it, or remove it",
                ))
    # Steps that end, and steps whose own problem is reported already (a dead end, a `next` to a
    # missing step): a path into them is not also a path with no exit.
    ends = [i for i, (s, n) in by_id.items() if s.outcome or n.get("outcome") is not None
            or not s.next or any(t not in by_id for t in s.next.values())]
    back: dict[str, list[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            back.setdefault(target, []).append(source)
    finishing = _reach(ends, back)
    trapped = [i for i in by_id if i in reachable and i not in finishing]
    if trapped:
        _, node = by_id[trapped[0]]
        listed = ", ".join(trapped)
        problems.append(Problem.at(
            node.at("id"), "no-outcome",
            f"no path from step '{trapped[0]}' ever reaches an outcome (steps {listed}"
            " only lead to each other)",
            "give one of these steps a 'next' that leads to a step with an 'outcome'",
        ))
    return problems


_SOURCE_LABEL = {
    "commission": ("the commission calculator", "add 'calculator: commission' to an earlier step"),
    "bundle": ("the bundle calculator", "add 'calculator: bundle' to an earlier step"),
    "trial": ("the one-week trial", f"use it after a step with 'technique: {TRIAL_TECHNIQUE}'"),
}


def _check_known(by_id: Mapping[str, Placed], edges: Mapping[str, Sequence[str]]) -> list[Problem]:
    """Calculator results used where no step that computes them can have come before."""
    providers = {
        "commission": [i for i, (s, _) in by_id.items() if s.calculator == "commission"],
        "bundle": [i for i, (s, _) in by_id.items() if s.calculator == "bundle"],
        "trial": [i for i, (s, _) in by_id.items() if s.technique == TRIAL_TECHNIQUE],
    }
    known = {source: set(_reach(starts, edges)) for source, starts in providers.items()}
    problems = []
    for ident, (_, node) in by_id.items():
        for item in variant_nodes(node):
            condition = CONDITIONS.get(str(item.get("if", "")).strip())
            if condition is None or condition.source not in known or ident in known[condition.source]:
                continue
            what, fix = _SOURCE_LABEL[condition.source]
            problems.append(Problem.at(
                item.at("if"), "condition-never-known",
                f"'if: {condition.name}' comes from {what}, but no step that leads to '{ident}'"
                " runs it: this variant would never show",
                fix, level="warning",
            ))
        for name, pos in _used(node, TEMPLATE_KEYS):
            variable = VARIABLES.get(name)
            if variable is None or variable.source not in known:
                continue
            if ident in known[variable.source]:
                continue
            what, fix = _SOURCE_LABEL[variable.source]
            problems.append(Problem.at(
                pos, "variable-not-yet-known",
                f"'{{{name}}}' comes from {what}, but no step that leads to '{ident}' provides it",
                f"{fix}; until then the line shows 【{variable.label.zh}】",
                level="warning",
            ))
    return problems
