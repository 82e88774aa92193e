"""causes.yaml: the eleven causes with their keywords, patterns (terms expanded) and examples.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from coach.core.content import rules
from coach.core.content.fields import (
    Fields,
    duplicate,
    label,
    missing_file,
    read_mapping,
)
from coach.core.content.model import (
    CAUSE_IDS,
    Cause,
    Pos,
)
from coach.core.content.problems import Problem, choices_hint, has_errors
from coach.core.content.regex_safety import pattern_risk
from coach.core.content.terms import expand, unknown_terms
from coach.core.content.yamlpos import YMap

CAUSES_FILE = "causes.yaml"

def _terms(f: Fields) -> dict[str, tuple[str, ...]]:
    node = f.mapping("terms")
    if node is None:
        return {}
    inner = Fields(node, "terms", f.problems)
    terms: dict[str, tuple[str, ...]] = {}
    for name in node:
        words = inner.strings(name)
        terms[name] = tuple(w for w in words if w)
    return terms


def _weights(f: Fields, key: str) -> tuple[YMap | None, dict[str, float]]:
    node = f.mapping(key)
    weights: dict[str, float] = {}
    if node is None:
        return None, weights
    for word, weight in node.items():
        if not word.strip():
            f.error(node.key_at(word), "bad-value", f"an empty entry in '{key}' of {f.what}")
            continue
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            f.wrong(node.at(word), weight, f"{key}: {word}", "a number (the weight)")
            continue
        if not math.isfinite(weight) or weight <= 0:
            f.error(
                node.at(word),
                "bad-value",
                f"the weight of '{word}' in {f.what} is {weight}; it must be above 0",
                "0.5 is a weak hint, 1-2 typical, 3 decisive",
            )
            continue
        weights[word] = float(weight)
    return node, weights


def _patterns(f: Fields, terms: dict[str, tuple[str, ...]], have_terms: bool) -> dict[str, float]:
    node, weights = _weights(f, "patterns")
    expanded: dict[str, float] = {}
    if node is None:
        return expanded
    for pattern, weight in weights.items():
        missing = unknown_terms(pattern, terms)
        if missing:
            if have_terms:
                for name in missing:
                    offset = pattern.find("{" + name + "}")
                    f.error(
                        node.key_at_offset(pattern, offset),
                        "unknown-term",
                        f"the pattern uses '{{{name}}}', which is not listed under 'terms:'",
                        choices_hint(name, terms, what="terms"),
                    )
            continue
        try:
            regex = expand(pattern, terms)
            re.compile(regex)
        except re.error as error:
            f.error(
                node.key_at(pattern),
                "bad-pattern",
                f"the pattern is not a valid regular expression: {error.msg}",
                "check brackets and escape special characters such as ( ) [ ] ? * + with \\",
            )
            continue
        risk = pattern_risk(regex)
        if risk:
            f.error(
                node.key_at(pattern),
                "slow-pattern",
                f"the pattern is refused: {risk}",
                "write the repeated part once (x+ instead of (x+)+), or list whole words;"
                " 请避免嵌套的重复，如 (x+)+",
            )
            continue
        expanded[regex] = weight
    return expanded


def _cause(node: YMap, terms: dict[str, tuple[str, ...]], have_terms: bool,
           problems: list[Problem]) -> Cause:
    f = Fields(node, label(node, "cause"), problems)
    f.allow(("id", "name", "question", "keywords", "examples"), ("description", "patterns"))
    ident = f.string("id")
    if ident and ident not in CAUSE_IDS:
        f.error(
            node.at("id"),
            "unknown-cause",
            f"'{ident}' is not one of the eleven cause ids",
            choices_hint(ident, CAUSE_IDS, what="cause ids"),
        )
    _, keywords = _weights(f, "keywords")
    return Cause(
        id=ident,
        name=f.text("name"),
        description=f.text("description"),
        question=f.text("question"),
        keywords=keywords,
        examples=tuple(e for e in f.strings("examples") if e),
        patterns=_patterns(f, terms, have_terms),
        pos=node.pos,
    )


def load_causes_tree(path: Path, problems: list[Problem]) -> tuple[dict[str, Cause], YMap | None]:
    tree = read_mapping(path, problems, "causes:")
    if tree is None:
        return {}, None
    top = Fields(tree, "causes.yaml", problems)
    top.allow(("causes",), ("terms",))
    start = len(problems)
    terms = _terms(top)
    have_terms = not has_errors(problems[start:])
    causes: dict[str, Cause] = {}
    placed: list[tuple[Cause, YMap]] = []
    seen: dict[str, Pos] = {}
    for _, node in top.items("causes", "cause"):
        entry: list[Problem] = []
        cause = _cause(node, terms, have_terms, entry)
        f = Fields(node, label(node, "cause"), entry)
        duplicate(seen, cause.id, node, "cause", f)
        problems.extend(entry)
        placed.append((cause, node))
        if not has_errors(entry):
            causes[cause.id] = cause
    problems.extend(rules.check_causes(tree, placed))
    return causes, tree


def load_causes(path: Path) -> tuple[dict[str, Cause], list[Problem]]:
    """The causes of one causes.yaml (valid entries only) and the problems found in it."""
    problems: list[Problem] = []
    path = Path(path)
    if missing_file(path, problems):
        return {}, problems
    causes, _ = load_causes_tree(path, problems)
    return causes, problems
