"""`playbooks/scoring.yaml` read and checked: the weighted yes/no checks a role-play is scored on.

Kept apart from the computation (`scoring`) so that `coach validate` and the workbench's schema
can read the checks and their evidence kinds without the session machinery.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.core.content.fields import Fields
from coach.core.content.model import OUTCOMES, Pos, Text
from coach.core.content.outreach_file import OUTREACH_OUTCOMES
from coach.core.content.problems import Problem, choices_hint, has_errors
from coach.core.content.yamlpos import YList, YMap, load_yaml

SCORING_FILE = "scoring.yaml"
PARTS: tuple[str, ...] = ("technique", "order", "principles", "violations", "outcome")
KINDS: tuple[str, ...] = ("counter", "outbound")  # `applies_to`: clients at the counter, or called

# evidence kind -> {setting: (type, default)}
EVIDENCE: Mapping[str, Mapping[str, tuple[type, object]]] = {
    "first_reply": {"techniques": (list, ())},
    "cause_techniques": {"min": (int, 2), "min_weight": (float, 1.5)},
    "playbook_order": {"min_agreement": (float, 0.6)},
    "question_when_held_back": {},
    "commission_quote": {},
    "principles": {"min_kept": (int, 1)},
    "violations": {},
    "outcome": {"outcomes": (list, ("retained", "trial", "transfer_within_firm"))},
    "trial_offer": {},
    "call_opening": {"good_time": (tuple, ("方便", "有空", "打扰", "几分钟"))},
    "respect_wish": {},
}


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    part: str
    weight: float
    label: Text
    evidence: str
    settings: Mapping[str, Any]
    pos: Pos = field(default=Pos(""), compare=False)
    applies_to: str = ""  # "counter" | "outbound": the one kind of client it is for; "" both

    def for_persona(self, outbound: bool) -> bool:
        return not self.applies_to or self.applies_to == ("outbound" if outbound else "counter")


@dataclass(frozen=True, slots=True)
class ScoringConfig:
    version: str
    pass_mark: float
    checks: tuple[Check, ...]
    path: str = ""

    def min_weight(self) -> float:
        for check in self.checks:
            if check.evidence == "cause_techniques":
                return float(check.settings["min_weight"])
        return 0.0

    def min_suiting(self) -> int:
        for check in self.checks:
            if check.evidence == "cause_techniques":
                return int(check.settings["min"])
        return 0


def load_scoring(root: Path, *, techniques: set[str] | None = None
                 ) -> tuple[ScoringConfig | None, list[Problem]]:
    """scoring.yaml under `root`; None (with the problems) when it cannot be used."""
    path = Path(root) / SCORING_FILE
    problems: list[Problem] = []
    if not path.is_file():
        problems.append(Problem(str(path), 0, 0, "error", "missing-file",
                                "scoring.yaml is missing: practice mode cannot score",
                                "restore playbooks/scoring.yaml (see playbooks/README.md)"))
        return None, problems
    tree, found = load_yaml(path)
    problems.extend(found)
    if not isinstance(tree, YMap):
        if tree is not None or not found:
            problems.append(Problem(str(path), 1, 1, "error", "wrong-type",
                                    "scoring.yaml should be a mapping with 'checks:'",
                                    "see the comment at the top of the shipped scoring.yaml"))
        return None, problems
    top = Fields(tree, SCORING_FILE, problems)
    top.allow(("checks",), ("version", "pass_mark"))
    version = tree.get("version", 1)
    pass_mark = top.number("pass_mark", 60.0, minimum=0)
    checks: list[Check] = []
    seen: dict[str, Pos] = {}
    for _, node in top.items("checks", "check"):
        check = _check(node, problems, Fields, techniques)
        if check is None:
            continue
        if check.id in seen:
            problems.append(Problem.at(node.at("id"), "duplicate-id",
                                       f"check '{check.id}' is defined twice",
                                       f"the first one is at {seen[check.id]}"))
            continue
        seen[check.id] = check.pos
        checks.append(check)
    # Each kind of client is scored on the checks for it: their weights add up to 100.
    split = any(c.applies_to for c in checks)
    totals = {kind: sum(c.weight for c in checks if c.for_persona(kind == "outbound"))
              for kind in (KINDS if split else ("",))}
    off = [f"{total:g}" + (f" for {kind} clients" if kind else "")
           for kind, total in totals.items() if abs(total - 100) > 1e-6]
    if checks and off and not has_errors(problems):
        problems.append(Problem.at(tree.at("checks"), "weights-sum",
                                   f"the check weights add up to {' and '.join(off)}, not 100",
                                   "adjust the weights so that they add up to 100 (for each kind "
                                   "of client, counting the checks without 'applies_to')"))
    if has_errors(problems) or not checks:
        if not checks and not has_errors(problems):
            problems.append(Problem.at(tree.pos, "no-checks", "scoring.yaml has no checks",
                                       "add at least one check under 'checks:'"))
        return None, problems
    return ScoringConfig(str(version), pass_mark, tuple(checks), str(path)), problems


def _check(node: YMap, problems: list[Problem], fields_cls: type,
           techniques: set[str] | None) -> Check | None:
    ident = node.get("id") if isinstance(node.get("id"), str) else f"at line {node.pos.line}"
    what = f"check '{ident}'"
    entry: list[Problem] = []
    f = fields_cls(node, what, entry)
    evidence = f.string("evidence")
    settings_spec = EVIDENCE.get(evidence, {})
    f.allow(("id", "part", "weight", "zh", "evidence"), ("en", "applies_to", *settings_spec))
    if evidence and evidence not in EVIDENCE:
        f.error(node.at("evidence"), "unknown-evidence", f"unknown evidence '{evidence}' in {what}",
                choices_hint(evidence, EVIDENCE, what="evidence kinds"))
    part = f.string("part")
    if part and part not in PARTS:
        f.error(node.at("part"), "unknown-part", f"unknown part '{part}' in {what}",
                choices_hint(part, PARTS, what="parts"))
    weight = f.number("weight", 0.0, minimum=0)
    applies_to = f.string("applies_to")
    if applies_to and applies_to not in KINDS:
        f.error(node.at("applies_to"), "bad-value", f"'applies_to' of {what} is '{applies_to}'",
                choices_hint(applies_to, KINDS, what="kinds of client"))
    settings: dict[str, Any] = {}
    for key, (kind, default) in settings_spec.items():
        if kind is list:
            values = f.strings(key) if key in node else tuple(default)  # type: ignore[arg-type]
            known = {*OUTCOMES, *OUTREACH_OUTCOMES} if key == "outcomes" else techniques
            for i, value in enumerate(values):
                if known is not None and value not in known:
                    where = node[key].at(i) if isinstance(node.get(key), YList) else node.at(key)
                    f.error(where, "unknown-id", f"'{value}' in '{key}' of {what} is not known",
                            choices_hint(value, known, what=key))
            settings[key] = tuple(values)
        elif kind is tuple:  # phrases, not ids
            settings[key] = f.strings(key) if key in node else tuple(default)  # type: ignore[arg-type]
        elif kind is int:
            settings[key] = f.integer(key, int(default))  # type: ignore[call-overload]
        else:
            settings[key] = f.number(key, float(default), minimum=0)  # type: ignore[arg-type]
    if evidence == "playbook_order" and not 0 <= settings.get("min_agreement", 0.6) <= 1:
        f.error(node.at("min_agreement"), "bad-value", "'min_agreement' must lie between 0 and 1")
    problems.extend(entry)
    if has_errors(entry):
        return None
    return Check(
        id=f.string("id"),
        part=part,
        weight=weight,
        label=Text(f.string("zh"), f.string("en")),
        evidence=evidence,
        settings=settings,
        pos=node.pos,
        applies_to=applies_to,
    )
