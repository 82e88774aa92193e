"""JSON Schemas for every kind of playbook file, derived from the loader itself.

A YAML language server (VS Code's YAML extension, Neovim's yamlls, ...) reads the schema named on
a file's first line, `# yaml-language-server: $schema=...`, to complete keys and flag errors as a
trainer types. A hand-written schema would drift from the loader; this one is read off it: the
loader runs over a playbooks folder (the whole of `coach validate`) while a watcher on
`coach.core.content.fields.Fields` notes which keys each mapping allows (`allow`) and how each
key is read (`string`, `text`, `number` with its minimum, `items`, ...). Each noted mapping is
placed in its file by position, so the schema follows the file's own structure. What the loaders
check by hand (enumerations such as the cause ids and outcomes, weight tables) is added from the
same constants the loaders use (`REFINEMENTS`); a value that is neither read through `Fields`
nor refined is typed by what the folder holds, and listed by `derive(...).untyped`.

Writing the schemas and naming them on each file's first line: `schema_files`. One command
regenerates everything after a loader changes: `coach schema --link`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.core.content.asks import ASKS
from coach.core.content.fields import WATCHER
from coach.core.content.model import CAUSE_IDS, OUTCOMES, Pos
from coach.core.content.outreach_file import CHANNELS as OUTREACH_CHANNELS
from coach.core.content.outreach_file import OUTREACH_OUTCOMES
from coach.core.content.rules import CALCULATORS
from coach.core.content.yamlpos import YList, YMap, load_yaml
from coach.core.practice.personas import CALL_WINS, DIFFICULTIES, MOOD_MAX, MOOD_MIN, STAGES
from coach.core.practice.scoring_config import EVIDENCE, PARTS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FOLDER = "schema"

Path_ = tuple[str, ...]  # a place in a file: keys, "[]" for a list item, "*" for any key

TEXT = {"$ref": "#/$defs/text"}
TEXTS = {"$ref": "#/$defs/texts"}
DEFS = {
    "text": {
        "description": "中文，或 {zh: 中文, en: English}",
        "anyOf": [
            {"type": "string"},
            {"type": "object", "properties": {"zh": {"type": "string"}, "en": {"type": "string"}},
             "required": ["zh"], "additionalProperties": False},
        ],
    },
    "texts": {
        "description": "一句，或每行一句的列表 / one line or a list of lines",
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
    },
}


def _weights(minimum: float = 0.0, *, exclusive: bool = False, keys: tuple[str, ...] = ()) -> dict:
    bound = {"exclusiveMinimum" if exclusive else "minimum": minimum}
    out: dict[str, Any] = {"type": "object", "additionalProperties": {"type": "number", **bound}}
    if keys:
        out["propertyNames"] = {"enum": list(keys)}
    return out


def _lines(keys: tuple[str, ...] = (), *, required: bool = False) -> dict:
    out: dict[str, Any] = {"type": "object", "additionalProperties": TEXTS}
    if keys:
        out["propertyNames"] = {"enum": list(keys)}
        if required:
            out["required"] = list(keys)
    return out


_ASKS = {
    "description": "这一步的问题问的是什么：客户的话里已经有答案时，这一步会注明，不必再问",
    "anyOf": [{"enum": list(ASKS)}, {"type": "array", "items": {"enum": list(ASKS)}}],
}

# What the loaders check by hand, from the constants they use: (kind, place) -> schema.
REFINEMENTS: Mapping[tuple[str, Path_], dict] = {
    ("case", ("cause",)): {"enum": list(CAUSE_IDS)},
    ("case", ("steps", "[]", "outcome")): {"enum": list(OUTCOMES)},
    ("case", ("steps", "[]", "calculator")): {"enum": list(CALCULATORS)},
    ("case", ("steps", "[]", "asks")): _ASKS,
    ("outreach", ("steps", "[]", "asks")): _ASKS,
    ("outreach", ("channel",)): {"enum": list(OUTREACH_CHANNELS)},
    ("outreach", ("steps", "[]", "outcome")): {"enum": list(OUTREACH_OUTCOMES)},
    ("outreach", ("steps", "[]", "calculator")): {"enum": list(CALCULATORS)},
    ("outreach", ("steps", "[]", "next")): {"type": "object",
                                            "additionalProperties": {"type": "string"},
                                            "description": "reaction -> step id"},
    ("case", ("steps", "[]", "next")): {"type": "object", "additionalProperties": {"type": "string"},
                                        "description": "reaction -> step id"},
    ("causes", ("causes", "[]", "id")): {"enum": list(CAUSE_IDS)},
    ("causes", ("causes", "[]", "keywords")): _weights(exclusive=True),
    ("causes", ("causes", "[]", "patterns")): _weights(exclusive=True),
    ("causes", ("terms",)): {"type": "object", "additionalProperties": TEXTS},
    ("persona", ("causes",)): {"type": "array", "items": {"enum": list(CAUSE_IDS)},
                               "minItems": 1, "maxItems": 2},
    ("persona", ("difficulty",)): {"enum": list(DIFFICULTIES)},
    ("persona", ("mood",)): {"type": "number", "exclusiveMinimum": MOOD_MIN,
                             "exclusiveMaximum": MOOD_MAX},
    ("persona", ("softens",)): _weights(),
    ("persona", ("hardens", "techniques")): _weights(),
    ("persona", ("hardens", "violations")): _weights(),
    ("persona", ("accepts",)): _weights(MOOD_MIN, keys=(*(o for o in OUTCOMES if o != "lost"), *CALL_WINS)),
    ("persona", ("responses",)): _lines(),
    ("persona", ("objections",)): _lines(STAGES, required=True),
    ("persona", ("decisions",)): _lines((*OUTCOMES, *OUTREACH_OUTCOMES)),
    ("persona", ("on_violation",)): _lines(),
    ("persona-defaults", ("violations",)): _weights(),
    ("persona-defaults", ("on_violation",)): _lines(),
    ("scoring", ("version",)): {"type": ["integer", "number", "string"]},
    ("scoring", ("checks", "[]", "part")): {"enum": list(PARTS)},
    ("scoring", ("checks", "[]", "evidence")): {"enum": list(EVIDENCE)},
    ("replies", ()): {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "text": {"type": "string", "minLength": 1},
                "cause": {"anyOf": [{"enum": list(CAUSE_IDS)}, {"type": "null"}]},
                "techniques": TEXTS,
                "violations": TEXTS,
                "tags": TEXTS,
            },
            "required": ["text", "tags"],
            "additionalProperties": False,
        },
    },
    ("phrasings", ()): {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "text": {"type": "string", "minLength": 1},
                "causes": {"anyOf": [{"enum": list(CAUSE_IDS)},
                                     {"type": "array", "items": {"enum": list(CAUSE_IDS)},
                                      "minItems": 1}]},
                "tags": TEXTS,
            },
            "required": ["text", "causes"],
            "additionalProperties": False,
        },
    },
}


def kind_of(root: Path, path: Path) -> str | None:
    """Which schema a content file follows: case, persona, persona-defaults, or the file's stem
    (causes, firm, techniques, ...). None for files that are not content (schema/, `_x.yaml`)."""
    try:
        parts = Path(path).resolve().relative_to(Path(root).resolve()).parts
    except ValueError:
        return None
    if not parts or not parts[-1].endswith(".yaml") or parts[0] == SCHEMA_FOLDER:
        return None
    if len(parts) == 2 and parts[0] == "cases":
        return "case"
    if len(parts) == 2 and parts[0] == "outreach":
        return "outreach"
    if len(parts) == 2 and parts[0] == "personas":
        if parts[1] == "_defaults.yaml":
            return "persona-defaults"
        return None if parts[1].startswith("_") else "persona"
    return parts[0][: -len(".yaml")] if len(parts) == 1 else None


# ---------------------------------------------------------------- watching the loader


@dataclass
class _Place:
    allows: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    reads: dict[str, dict[str, dict]] = field(default_factory=lambda: defaultdict(dict))
    seen: set[str] = field(default_factory=set)  # JSON types of the values found here


@dataclass
class Derived:
    schemas: dict[str, dict]  # kind -> JSON Schema
    untyped: list[str]  # "kind: a.b.c" typed only by the values the folder holds


def _json_type(value: object) -> str:
    if isinstance(value, YMap | dict):
        return "object"
    if isinstance(value, YList | list):
        return "array"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "null" if value is None else "string"


def _walk(node: object, place: Path_, allowed: set[Pos], out: dict[Path_, _Place],
          index: dict[Pos, Path_]) -> None:
    out.setdefault(place, _Place()).seen.add(_json_type(node))
    if isinstance(node, YMap):
        index[node.pos] = place
        free = node.pos not in allowed
        for key, child in node.items():
            _walk(child, (*place, "*" if free else key), allowed, out, index)
    elif isinstance(node, YList):
        for item in node:
            _walk(item, (*place, "[]"), allowed, out, index)


def observe(root: Path, check: Callable[[Path], object]) -> dict[str, dict[Path_, _Place]]:
    """Run `check(root)` (the loader) and note, per kind of file and place, what it reads."""
    notes: list[tuple[YMap, str, str | None, dict]] = []
    token = WATCHER.set(lambda node, read, key, detail: notes.append((node, read, key, detail)))
    try:
        check(Path(root))
    finally:
        WATCHER.reset(token)
    allowed = {node.pos for node, read, _, _ in notes if read == "allow"}
    kinds: dict[str, dict[Path_, _Place]] = defaultdict(dict)
    indexes: dict[str, dict[Pos, Path_]] = {}
    files = sorted({Path(node.pos.path) for node, *_ in notes if node.pos.path}
                   | set(Path(root).rglob("*.yaml")))
    for path in files:
        kind = kind_of(root, path)
        if kind is None or not path.is_file():
            continue
        tree, _ = load_yaml(path)
        index: dict[Pos, Path_] = {}
        _walk(tree, (), allowed, kinds[kind], index)
        indexes[str(path)] = index
    for node, read, key, detail in notes:
        kind = kind_of(root, Path(node.pos.path)) if node.pos.path else None
        place = indexes.get(node.pos.path, {}).get(node.pos)
        if kind is None or place is None:
            continue
        spot = kinds[kind].setdefault(place, _Place())
        if read == "allow":
            spot.allows.append((tuple(detail["required"]), tuple(detail["optional"])))
        elif key is not None:
            free = node.pos not in allowed
            spot.reads["*" if free else key][read] = detail
    return kinds


# ---------------------------------------------------------------- building the schemas


class _Builder:
    def __init__(self, kind: str, places: dict[Path_, _Place]) -> None:
        self.kind = kind
        self.places = places
        self.untyped: list[str] = []

    def node(self, place: Path_) -> dict:
        refined = REFINEMENTS.get((self.kind, place))
        if refined is not None:
            return refined
        spot = self.places.get(place)
        if spot is None:
            return {}
        if spot.allows:
            return self._object(place, spot)
        if "object" in spot.seen:
            out: dict[str, Any] = {"type": "object"}
            inner = self._value(place, spot, "*")
            if inner:
                out["additionalProperties"] = inner
            return out
        if "array" in spot.seen:
            return {"type": "array", "items": self.node((*place, "[]"))}
        return self._observed(place, spot.seen)

    def _object(self, place: Path_, spot: _Place) -> dict:
        required = set(spot.allows[0][0])
        keys: list[str] = []
        for req, opt in spot.allows:
            required &= set(req)
            keys.extend(k for k in (*req, *opt) if k not in keys)
        properties = {key: self._value(place, spot, key) for key in keys}
        out: dict[str, Any] = {"type": "object", "properties": properties,
                               "additionalProperties": False}
        if required:
            out["required"] = [k for k in keys if k in required]
        return out

    def _value(self, place: Path_, spot: _Place, key: str) -> dict:
        child = (*place, key)
        refined = REFINEMENTS.get((self.kind, child))
        if refined is not None:
            return refined
        reads = spot.reads.get(key, {})
        if "text" in reads:
            return TEXT
        if "strings" in reads:
            return TEXTS
        if "string" in reads:
            return {"type": "string"}
        for read in ("number", "integer"):
            if read in reads:
                out: dict[str, Any] = {"type": read}
                if reads[read].get("minimum") is not None:
                    out["minimum"] = reads[read]["minimum"]
                return out
        if "items" in reads:
            return {"type": "array", "items": self.node((*child, "[]"))}
        if "mapping" in reads:
            inner = self.node(child)
            return inner if inner.get("type") == "object" else {"type": "object"}
        if child in self.places:
            return self.node(child)
        self.untyped.append(f"{self.kind}: {'.'.join(child)}")
        return {}

    def _observed(self, place: Path_, seen: set[str]) -> dict:
        self.untyped.append(f"{self.kind}: {'.'.join(place) or '(file)'}")
        types = sorted(seen - {"null"})
        if "integer" in types and "number" in types:
            types.remove("integer")
        return {"type": types[0]} if len(types) == 1 else {"type": types} if types else {}


def derive(root: Path, check: Callable[[Path], object] | None = None) -> Derived:
    """The JSON Schema of every kind of file in the playbooks folder `root`."""
    if check is None:
        from coach.core.practice.validation import check_folder as check
    schemas: dict[str, dict] = {}
    untyped: list[str] = []
    for kind, places in sorted(observe(root, check).items()):
        builder = _Builder(kind, places)
        body = builder.node(())
        schemas[kind] = {
            "$schema": SCHEMA_DIALECT,
            "title": f"coach playbooks: {kind}",
            "description": "Derived from the loader by `coach schema`; see playbooks/README.md."
                           " Regenerate with `coach schema --link` after a loader change.",
            **body,
            "$defs": DEFS,
        }
        untyped.extend(builder.untyped)
    return Derived(schemas, sorted(set(untyped)))
