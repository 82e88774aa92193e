"""Load a playbooks folder into the frozen dataclasses of `coach.core.model`.

The app must keep running when a trainer breaks one file, so nothing here raises on bad content:
each misfit becomes a `Problem` and whatever is invalid is left out. A case file or firm.yaml
with an error is skipped whole; in the list files (causes, techniques, principles) an entry with
an error is skipped and the others load. `coach validate` reports exactly these problems (plus the
personas'), so the app and the validator never disagree about what is broken.

References are checked against every id a file declares, valid or not, so that one broken
technique does not also flag each step that names it.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from coach.core import validate as rules
from coach.core.model import (
    CAUSE_IDS,
    Branch,
    Cause,
    Firm,
    Library,
    Playbook,
    Pos,
    Principle,
    Reaction,
    ServiceProduct,
    Step,
    Technique,
    Text,
    Tier,
    Violation,
)
from coach.core.phrasing import PHRASINGS_FILE, load_phrasings
from coach.core.problems import Problem, choices_hint, has_errors
from coach.core.yamlpos import Value, YList, YMap, load_yaml

CASES = "cases"
CAUSES_FILE = "causes.yaml"
TECHNIQUES_FILE = "techniques.yaml"
PRINCIPLES_FILE = "principles.yaml"
FIRM_FILE = "firm.yaml"


@dataclass(frozen=True, slots=True)
class LoadResult:
    library: Library
    problems: list[Problem]
    files: tuple[str, ...] = ()  # the YAML files read, for "... in 14 files"


# ---------------------------------------------------------------- typed field access


def _kind(value: Value) -> str:
    if isinstance(value, YMap):
        return "a mapping (key: value lines)"
    if isinstance(value, YList):
        return "a list"
    if isinstance(value, bool):
        return f"true/false ({'true' if value else 'false'})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if value is None:
        return "nothing"
    return "text"


def _type_hint(value: Value, expected: str) -> str:
    if expected.startswith("text") and isinstance(value, bool | int | float):
        return "put the value in quotes: YAML reads yes/no/on/off as true/false and 123 as a number"
    if isinstance(value, YMap) and not expected.startswith("a mapping"):
        return "a ':' followed by a space starts a mapping: put text containing ': ' in quotes"
    if expected.startswith("a list"):
        return "write each item on its own line starting with '- '"
    return ""


class Fields:
    """Typed reads from one position-tracked mapping; each misfit is recorded as a problem.

    Accessors return a usable default (empty text, empty tuple) after a problem, so a caller can
    go on checking the rest; whether the result is kept is decided by `self.ok`.
    """

    def __init__(self, node: YMap, what: str, problems: list[Problem]) -> None:
        self.node = node
        self.what = what
        self.problems = problems
        self._start = len(problems)

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems[self._start :])

    def error(self, pos: Pos, code: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem.at(pos, code, message, hint))

    def allow(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> None:
        """Unknown keys (with a did-you-mean) and missing required ones."""
        known = required + optional
        for key in self.node:
            if key not in known:
                self.error(
                    self.node.key_at(key),
                    "unknown-key",
                    f"unknown key '{key}' in {self.what}",
                    choices_hint(key, known, what="keys allowed here"),
                )
        for key in required:
            if self.node.get(key) is None:
                where = self.node.key_at(key) if key in self.node else self.node.pos
                self.error(
                    where,
                    "missing-field",
                    f"{self.what} has no '{key}'",
                    f"add '{key}:' with a value to {self.what}",
                )

    def wrong(self, pos: Pos, value: Value, label: str, expected: str) -> None:
        self.error(
            pos,
            "wrong-type",
            f"'{label}' in {self.what} should be {expected}, not {_kind(value)}",
            _type_hint(value, expected),
        )

    def string(self, key: str) -> str:
        value = self.node.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.wrong(self.node.at(key), value, key, "text")
            return ""
        return value.strip()

    def text(self, key: str) -> Text:
        """Plain text (Chinese) or `{zh: ..., en: ...}`."""
        value = self.node.get(key)
        if value is None:
            return Text("")
        if isinstance(value, str):
            return Text(value.strip())
        if not isinstance(value, YMap):
            self.wrong(self.node.at(key), value, key, "text or {zh: ..., en: ...}")
            return Text("")
        inner = Fields(value, f"'{key}' of {self.what}", self.problems)
        inner.allow(("zh",), ("en",))
        return Text(inner.string("zh"), inner.string("en"))

    def strings(self, key: str) -> tuple[str, ...]:
        """One text or a list of texts."""
        value = self.node.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value.strip(),)
        if not isinstance(value, YList):
            self.wrong(self.node.at(key), value, key, "text or a list of texts")
            return ()
        out: list[str] = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                out.append(item.strip())
            else:
                self.wrong(value.at(i), item, f"{key}[{i + 1}]", "text")
        return tuple(out)

    def number(self, key: str, default: float = 0.0, *, minimum: float | None = None) -> float:
        value = self.node.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong(self.node.at(key), value, key, "a number")
            return default
        return self.check_number(value, key, self.node.at(key), minimum)

    def check_number(self, value: float, label: str, pos: Pos, minimum: float | None) -> float:
        if not math.isfinite(value) or (minimum is not None and value < minimum):
            self.error(
                pos,
                "bad-value",
                f"'{label}' in {self.what} is {value}; it must be a number of at least {minimum:g}"
                if minimum is not None
                else f"'{label}' in {self.what} must be a finite number",
            )
            return 0.0
        return float(value)

    def integer(self, key: str, default: int, *, minimum: int = 0) -> int:
        value = self.node.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong(self.node.at(key), value, key, "a whole number")
            return default
        if value < minimum:
            self.error(self.node.at(key), "bad-value", f"'{key}' must be at least {minimum}")
            return default
        return value

    def mapping(self, key: str) -> YMap | None:
        value = self.node.get(key)
        if value is None:
            return None
        if not isinstance(value, YMap):
            self.wrong(self.node.at(key), value, key, "a mapping (key: value lines)")
            return None
        return value

    def items(self, key: str, what: str) -> Iterator[tuple[int, YMap]]:
        """The mappings in a list under `key` (e.g. the steps), with their index."""
        value = self.node.get(key)
        if value is None:
            return
        if not isinstance(value, YList):
            self.wrong(self.node.at(key), value, key, "a list")
            return
        for i, item in enumerate(value):
            if isinstance(item, YMap):
                yield i, item
            else:
                self.error(
                    value.at(i),
                    "wrong-type",
                    f"each item of '{key}' should be a {what} (key: value lines), not {_kind(item)}",
                    "indent the fields of an item under its '- '",
                )


def _label(node: YMap, kind: str) -> str:
    ident = node.get("id")
    return f"{kind} '{ident}'" if isinstance(ident, str) and ident else f"the {kind} at line {node.pos.line}"


def _read_mapping(path: Path, problems: list[Problem], top: str) -> YMap | None:
    """The top-level mapping of a file, or None after recording why there is none."""
    tree, found = load_yaml(path)
    problems.extend(found)
    if has_errors(found):
        return None
    where = Pos(str(path), 1, 1)
    if tree is None:
        problems.append(
            Problem.at(where, "empty-file", "the file is empty", f"start the file with '{top}'")
        )
        return None
    if not isinstance(tree, YMap):
        problems.append(
            Problem.at(
                tree.pos if isinstance(tree, YList) else where,
                "wrong-type",
                f"the file should hold a mapping starting with '{top}', not {_kind(tree)}",
                f"start the file with '{top}' on the first line, no '- ' in front",
            )
        )
        return None
    return tree


def _missing_file(path: Path, problems: list[Problem]) -> bool:
    if path.exists():
        return False
    problems.append(
        Problem(str(path), 0, 0, "error", "missing-file", f"{path.name} is missing",
                "every playbooks folder needs it; copy it from the bundled playbooks")
    )
    return True


def _duplicate(seen: dict[str, Pos], ident: str, node: YMap, kind: str, f: Fields) -> None:
    if ident in seen:
        f.error(
            node.at("id"),
            "duplicate-id",
            f"the {kind} id '{ident}' is used twice (first on line {seen[ident].line})",
            "ids must be unique: rename or remove one of them",
        )
    elif ident:
        seen[ident] = node.at("id")


# ---------------------------------------------------------------- causes.yaml


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
    from coach.core.lexicon import expand, unknown_terms

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
        expanded[regex] = weight
    return expanded


def _cause(node: YMap, terms: dict[str, tuple[str, ...]], have_terms: bool,
           problems: list[Problem]) -> Cause:
    f = Fields(node, _label(node, "cause"), problems)
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


def _load_causes(path: Path, problems: list[Problem]) -> tuple[dict[str, Cause], YMap | None]:
    tree = _read_mapping(path, problems, "causes:")
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
        f = Fields(node, _label(node, "cause"), entry)
        _duplicate(seen, cause.id, node, "cause", f)
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
    if _missing_file(path, problems):
        return {}, problems
    causes, _ = _load_causes(path, problems)
    return causes, problems


# ---------------------------------------------------------------- techniques.yaml


def _load_techniques(path: Path, problems: list[Problem]) -> tuple[dict[str, Technique], set[str]]:
    tree = _read_mapping(path, problems, "techniques:")
    if tree is None:
        return {}, set()
    top = Fields(tree, "techniques.yaml", problems)
    top.allow(("techniques",))
    techniques: dict[str, Technique] = {}
    seen: dict[str, Pos] = {}
    for _, node in top.items("techniques", "technique"):
        entry: list[Problem] = []
        f = Fields(node, _label(node, "technique"), entry)
        f.allow(("id", "name"), ("purpose", "lines", "cues"))
        technique = Technique(
            id=f.string("id"),
            name=f.text("name"),
            purpose=f.text("purpose"),
            lines=f.strings("lines"),
            cues=tuple(c for c in f.strings("cues") if c),
            pos=node.pos,
        )
        _duplicate(seen, technique.id, node, "technique", f)
        entry.extend(rules.check_templates(node, ("lines",)))
        problems.extend(entry)
        if not has_errors(entry):
            techniques[technique.id] = technique
    return techniques, set(seen)


# ---------------------------------------------------------------- principles.yaml


@dataclass(slots=True)
class _Principles:
    principles: dict[str, Principle] = field(default_factory=dict)
    violations: dict[str, Violation] = field(default_factory=dict)


def _load_principles(path: Path, problems: list[Problem]) -> _Principles:
    out = _Principles()
    tree = _read_mapping(path, problems, "principles:")
    if tree is None:
        return out
    top = Fields(tree, "principles.yaml", problems)
    top.allow(("principles",), ("violations",))
    seen: dict[str, Pos] = {}
    for _, node in top.items("principles", "principle"):
        entry: list[Problem] = []
        f = Fields(node, _label(node, "principle"), entry)
        f.allow(("id", "name"), ("summary", "keeps"))
        principle = Principle(
            id=f.string("id"),
            name=f.text("name"),
            summary=f.text("summary"),
            keeps=tuple(k for k in f.strings("keeps") if k),
            pos=node.pos,
        )
        _duplicate(seen, principle.id, node, "principle", f)
        problems.extend(entry)
        if not has_errors(entry):
            out.principles[principle.id] = principle
    seen_violations: dict[str, Pos] = {}
    for _, node in top.items("violations", "violation"):
        entry = []
        f = Fields(node, _label(node, "violation"), entry)
        f.allow(("id", "name", "principle", "phrases"), ("advice",))
        violation = Violation(
            id=f.string("id"),
            name=f.text("name"),
            principle=f.string("principle"),
            phrases=tuple(p for p in f.strings("phrases") if p),
            advice=f.text("advice"),
            pos=node.pos,
        )
        _duplicate(seen_violations, violation.id, node, "violation", f)
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


# ---------------------------------------------------------------- firm.yaml

_FIRM_REQUIRED = ("name", "standard_rate")
_FIRM_OPTIONAL = (
    "short_name", "hotline", "app", "strengths", "service_products", "cap_rate",
    "min_commission", "tiers", "branches", "trial_days", "trial_services",
)


def _load_firm(path: Path, techniques: Collection[str] | None,
               problems: list[Problem]) -> Firm | None:
    tree = _read_mapping(path, problems, "name:")
    if tree is None:
        return None
    if set(tree) == {"firm"} and isinstance(tree["firm"], YMap):
        tree = tree["firm"]  # `firm:` around the profile is fine too
    start = len(problems)
    f = Fields(tree, "firm.yaml", problems)
    f.allow(_FIRM_REQUIRED, _FIRM_OPTIONAL)
    products: list[ServiceProduct] = []
    for _, node in f.items("service_products", "service product"):
        p = Fields(node, _label(node, "service product"), problems)
        p.allow(("id", "name"), ("description", "techniques"))
        product = ServiceProduct(p.string("id"), p.string("name"), p.string("description"),
                                 p.strings("techniques"))
        value = node.get("techniques")
        for i, tech in enumerate(product.techniques):
            if techniques is not None and tech not in techniques:
                at = value.at(i) if isinstance(value, YList) else node.at("techniques")
                p.error(at, "unknown-technique",
                        f"{p.what} names the technique '{tech}', which techniques.yaml does not define",
                        choices_hint(tech, techniques, what="techniques"))
        products.append(product)
    tiers: list[Tier] = []
    for _, node in f.items("tiers", "tier"):
        t = Fields(node, f"the tier at line {node.pos.line}", problems)
        t.allow(("name", "min_turnover", "rate"))
        tiers.append(Tier(t.string("name"), t.number("min_turnover", minimum=0),
                          t.number("rate", minimum=0)))
    branches: list[Branch] = []
    for _, node in f.items("branches", "branch"):
        b = Fields(node, f"the branch at line {node.pos.line}", problems)
        b.allow(("name",), ("area", "address"))
        branches.append(Branch(b.string("name"), b.string("area"), b.string("address")))
    name = f.string("name")
    standard_rate = f.number("standard_rate", minimum=0)
    cap_rate = f.number("cap_rate", 0.003, minimum=0)
    if standard_rate > cap_rate > 0:
        f.error(
            tree.at("standard_rate"),
            "bad-value",
            f"the standard rate {standard_rate:g} is above the cap rate {cap_rate:g}",
            "rates are fractions of turnover: 万2.5 is 0.00025, 3‰ is 0.003",
        )
    firm = Firm(
        name=name,
        short_name=f.string("short_name") or name,
        hotline=f.string("hotline"),
        app=f.string("app"),
        strengths=tuple(s for s in f.strings("strengths") if s),
        service_products=tuple(products),
        standard_rate=standard_rate,
        cap_rate=cap_rate,
        min_commission=f.number("min_commission", 5.0, minimum=0),
        tiers=tuple(tiers),
        branches=tuple(branches),
        trial_days=f.integer("trial_days", 7, minimum=1),
        trial_services=tuple(s for s in f.strings("trial_services") if s),
    )
    return None if has_errors(problems[start:]) else firm


# ---------------------------------------------------------------- cases/<cause>.yaml


def _step(node: YMap, problems: list[Problem]) -> Step:
    f = Fields(node, _label(node, "step"), problems)
    f.allow(("id", "technique", "say"), ("tips", "ask", "calculator", "next", "outcome"))
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
    )


def load_playbook(path: Path, *, techniques: Collection[str] | None = None
                  ) -> tuple[Playbook | None, list[Problem]]:
    """One case file; None (with the problems) when it has any error.

    `techniques`: the technique ids to check steps against; None skips that check.
    """
    problems: list[Problem] = []
    tree = _read_mapping(Path(path), problems, "cause:")
    if tree is None:
        return None, problems
    f = Fields(tree, f"case file {Path(path).name}", problems)
    f.allow(("cause", "title", "start", "steps"), ("summary", "reactions"))
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
        steps.append((_step(node, problems), node))
    if "steps" in tree and isinstance(tree["steps"], YList) and not tree["steps"]:
        f.error(tree.at("steps"), "missing-field", "the playbook has no steps",
                "add at least one step under 'steps:'")
    playbook = Playbook(
        cause=f.string("cause"),
        title=f.text("title"),
        summary=f.text("summary"),
        start=f.string("start"),
        steps={step.id: step for step, _ in _first(steps)},
        reactions=reactions,
        path=str(path),
    )
    problems.extend(rules.check_playbook(tree, playbook, steps, techniques=techniques))
    return (None if has_errors(problems) else playbook), problems


def _first(steps: list[tuple[Step, YMap]]) -> list[tuple[Step, YMap]]:
    seen: set[str] = set()
    out = []
    for step, node in steps:
        if step.id not in seen:
            seen.add(step.id)
            out.append((step, node))
    return out


# ---------------------------------------------------------------- the folder


def content_files(root: Path) -> list[Path]:
    """Every YAML file under the folder, in a stable order: what the version hash covers."""
    return sorted((p for p in Path(root).rglob("*.yaml") if p.is_file()),
                  key=lambda p: p.relative_to(root).as_posix())


def content_version(root: Path) -> str:
    """A short hash of the content, recorded in transcripts: same files, same version."""
    digest = hashlib.sha256()
    for path in content_files(root):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\xff unreadable")
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def load_library(root: Path) -> LoadResult:
    """Everything in a playbooks folder that is valid, and the problems with the rest."""
    root = Path(root)
    problems: list[Problem] = []
    files: list[str] = []

    def present(name: str) -> Path | None:
        path = root / name
        if _missing_file(path, problems):
            return None
        files.append(str(path))
        return path

    techniques: dict[str, Technique] = {}
    declared: set[str] | None = None
    if path := present(TECHNIQUES_FILE):
        before = len(problems)
        techniques, declared = _load_techniques(path, problems)
        if not declared and has_errors(problems[before:]):
            declared = None  # the file itself is broken: do not flag every reference to it
    principles = _Principles()
    if path := present(PRINCIPLES_FILE):
        principles = _load_principles(path, problems)
    firm = None
    if path := present(FIRM_FILE):
        firm = _load_firm(path, declared, problems)
    causes: dict[str, Cause] = {}
    causes_tree: YMap | None = None
    if path := present(CAUSES_FILE):
        causes, causes_tree = _load_causes(path, problems)

    playbooks: dict[str, Playbook] = {}
    cases = root / CASES
    case_files: list[Path] = []
    if not cases.is_dir():
        problems.append(Problem(str(cases), 0, 0, "error", "missing-file",
                                "the folder cases/ is missing",
                                "create it and put one <cause>.yaml file per cause in it"))
    else:
        case_files = sorted(cases.glob("*.yaml"))
        for path in sorted(cases.glob("*.yml")):
            problems.append(Problem(str(path), 0, 0, "warning", "ignored-file",
                                    "case files must end in .yaml; this one is ignored",
                                    f"rename it to {path.stem}.yaml"))
    for path in case_files:
        files.append(str(path))
        playbook, found = load_playbook(path, techniques=declared)
        problems.extend(found)
        if playbook is not None:
            playbooks[playbook.cause] = playbook
    problems.extend(_missing_cases(cases, case_files, causes_tree, root))
    phrasings_path = root / PHRASINGS_FILE
    phrasings, found = load_phrasings(phrasings_path)
    problems.extend(found)
    if phrasings_path.exists():
        files.append(str(phrasings_path))

    library = Library(
        root=str(root),
        version=content_version(root),
        causes=causes,
        playbooks=playbooks,
        techniques=techniques,
        principles=principles.principles,
        violations=principles.violations,
        firm=firm,
        phrasings=phrasings,
    )
    return LoadResult(library, problems, tuple(files))


def _missing_cases(cases: Path, case_files: list[Path], causes_tree: YMap | None,
                   root: Path) -> list[Problem]:
    """A warning per cause without a case file: the app can name it but not walk it."""
    if not cases.is_dir():
        return []
    have = {p.stem for p in case_files}
    where: dict[str, Pos] = {}
    if causes_tree is not None and isinstance(causes_tree.get("causes"), YList):
        for item in causes_tree["causes"]:
            if isinstance(item, YMap) and isinstance(item.get("id"), str):
                where.setdefault(item["id"], item.at("id"))
    out = []
    for cause in CAUSE_IDS:
        if cause in have:
            continue
        pos = where.get(cause, Pos(str(cases)))
        out.append(Problem.at(
            pos, "missing-case", f"the cause '{cause}' has no case file",
            f"add {CASES}/{cause}.yaml (copy a similar case file and adapt it)",
            level="warning",
        ))
    return out
