"""techniques.yaml and principles.yaml: the technique catalogue, the principles and the
violations that practice mode scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coach.core.content import rules
from coach.core.content.fields import (
    Fields,
    duplicate,
    label,
    read_mapping,
)
from coach.core.content.model import (
    Pos,
    Principle,
    Technique,
    Violation,
)
from coach.core.content.problems import Problem, choices_hint, has_errors

TECHNIQUES_FILE = "techniques.yaml"
PRINCIPLES_FILE = "principles.yaml"

def load_techniques(path: Path, problems: list[Problem]) -> tuple[dict[str, Technique], set[str]]:
    tree = read_mapping(path, problems, "techniques:")
    if tree is None:
        return {}, set()
    top = Fields(tree, "techniques.yaml", problems)
    top.allow(("techniques",))
    techniques: dict[str, Technique] = {}
    seen: dict[str, Pos] = {}
    for _, node in top.items("techniques", "technique"):
        entry: list[Problem] = []
        f = Fields(node, label(node, "technique"), entry)
        f.allow(("id", "name"), ("purpose", "lines", "cues"))
        technique = Technique(
            id=f.string("id"),
            name=f.text("name"),
            purpose=f.text("purpose"),
            lines=f.strings("lines"),
            cues=tuple(c for c in f.strings("cues") if c),
            pos=node.pos,
        )
        duplicate(seen, technique.id, node, "technique", f)
        entry.extend(rules.check_templates(node, ("lines",)))
        problems.extend(entry)
        if not has_errors(entry):
            techniques[technique.id] = technique
    return techniques, set(seen)


@dataclass(slots=True)
class Principles:
    principles: dict[str, Principle] = field(default_factory=dict)
    violations: dict[str, Violation] = field(default_factory=dict)


def load_principles(path: Path, problems: list[Problem]) -> Principles:
    out = Principles()
    tree = read_mapping(path, problems, "principles:")
    if tree is None:
        return out
    top = Fields(tree, "principles.yaml", problems)
    top.allow(("principles",), ("violations",))
    seen: dict[str, Pos] = {}
    for _, node in top.items("principles", "principle"):
        entry: list[Problem] = []
        f = Fields(node, label(node, "principle"), entry)
        f.allow(("id", "name"), ("summary", "keeps"))
        principle = Principle(
            id=f.string("id"),
            name=f.text("name"),
            summary=f.text("summary"),
            keeps=tuple(k for k in f.strings("keeps") if k),
            pos=node.pos,
        )
        duplicate(seen, principle.id, node, "principle", f)
        problems.extend(entry)
        if not has_errors(entry):
            out.principles[principle.id] = principle
    seen_violations: dict[str, Pos] = {}
    for _, node in top.items("violations", "violation"):
        entry = []
        f = Fields(node, label(node, "violation"), entry)
        f.allow(("id", "name", "principle", "phrases"), ("advice",))
        violation = Violation(
            id=f.string("id"),
            name=f.text("name"),
            principle=f.string("principle"),
            phrases=tuple(p for p in f.strings("phrases") if p),
            advice=f.text("advice"),
            pos=node.pos,
        )
        duplicate(seen_violations, violation.id, node, "violation", f)
        if violation.principle and violation.principle not in seen:
            f.error(
                node.at("principle"),
                "unknown-principle",
                f"{f.what} names the principle '{violation.principle}', which principles.yaml"
                " does not define",
                choices_hint(violation.principle, seen, what="principles"),
            )
        problems.extend(entry)
        if not has_errors(entry):
            out.violations[violation.id] = violation
    return out
