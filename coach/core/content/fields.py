"""Typed reads of a position-tracked YAML mapping: each misfit becomes a `Problem` at the
value's own line and column, and the caller gets a usable default.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path

from coach.core.content.model import (
    Pos,
    Text,
)
from coach.core.content.problems import Problem, choices_hint, has_errors
from coach.core.content.yamlpos import Value, YList, YMap, load_yaml


def kind_of(value: Value) -> str:
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


def type_hint(value: Value, expected: str) -> str:
    if expected.startswith("text") and isinstance(value, bool | int | float):
        return "put the value in quotes: YAML reads yes/no/on/off as true/false and 123 as a number"
    if isinstance(value, YMap) and not expected.startswith("a mapping"):
        return "a ':' followed by a space starts a mapping: put text containing ': ' in quotes"
    if expected.startswith("a list"):
        return "write each item on its own line starting with '- '"
    return ""


# Who watches the reads: `coach.core.workbench.schema` derives the JSON Schemas from what the
# loaders allow and how they read each key, so schema and loader cannot drift. None in normal use.
# Called as watcher(node, read, key, detail): read is "allow" or an accessor's name.
Watcher = Callable[[YMap, str, "str | None", dict], None]
WATCHER: ContextVar[Watcher | None] = ContextVar("coach_fields_watcher", default=None)


def _watch(node: YMap, read: str, key: str | None, **detail: object) -> None:
    watcher = WATCHER.get()
    if watcher is not None:
        watcher(node, read, key, detail)


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
        _watch(self.node, "allow", None, required=required, optional=optional)
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
            f"'{label}' in {self.what} should be {expected}, not {kind_of(value)}",
            type_hint(value, expected),
        )

    def string(self, key: str) -> str:
        _watch(self.node, "string", key)
        value = self.node.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.wrong(self.node.at(key), value, key, "text")
            return ""
        return value.strip()

    def text(self, key: str) -> Text:
        """Plain text (Chinese) or `{zh: ..., en: ...}`."""
        _watch(self.node, "text", key)
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
        _watch(self.node, "strings", key)
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
        _watch(self.node, "number", key, minimum=minimum)
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
        _watch(self.node, "integer", key, minimum=minimum)
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
        _watch(self.node, "mapping", key)
        value = self.node.get(key)
        if value is None:
            return None
        if not isinstance(value, YMap):
            self.wrong(self.node.at(key), value, key, "a mapping (key: value lines)")
            return None
        return value

    def items(self, key: str, what: str) -> Iterator[tuple[int, YMap]]:
        """The mappings in a list under `key` (e.g. the steps), with their index."""
        _watch(self.node, "items", key)
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
                    f"each item of '{key}' should be a {what} (key: value lines), not {kind_of(item)}",
                    "indent the fields of an item under its '- '",
                )


def label(node: YMap, kind: str) -> str:
    ident = node.get("id")
    return f"{kind} '{ident}'" if isinstance(ident, str) and ident else f"the {kind} at line {node.pos.line}"


def read_mapping(path: Path, problems: list[Problem], top: str) -> YMap | None:
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
                f"the file should hold a mapping starting with '{top}', not {kind_of(tree)}",
                f"start the file with '{top}' on the first line, no '- ' in front",
            )
        )
        return None
    return tree


def missing_file(path: Path, problems: list[Problem]) -> bool:
    try:
        if path.exists():
            return False
    except OSError as error:  # the folder cannot be searched: that is the problem to report
        problems.append(Problem(str(path), 0, 0, "error", "unreadable",
                                f"cannot read the file: {error.strerror or error}"))
        return True
    problems.append(
        Problem(str(path), 0, 0, "error", "missing-file", f"{path.name} is missing",
                "every playbooks folder needs it; copy it from the bundled playbooks")
    )
    return True


def duplicate(seen: dict[str, Pos], ident: str, node: YMap, kind: str, f: Fields) -> None:
    if ident in seen:
        f.error(
            node.at("id"),
            "duplicate-id",
            f"the {kind} id '{ident}' is used twice (first on line {seen[ident].line})",
            "ids must be unique: rename or remove one of them",
        )
    elif ident:
        seen[ident] = node.at("id")
