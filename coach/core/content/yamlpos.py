"""Safe YAML loading that remembers where every key and value sits.

Checks that run long after parsing (a `next` naming a missing step, an unknown cause) must still
point a trainer at `file:line:column`. So the loader returns plain `dict`/`list` subclasses that
carry positions: `YMap.pos` / `YList.pos` for the container, `YMap.key_at(key)` and
`YMap.at(key)` for a key and its value, `YList.at(i)` for an item, and `at_offset(...)` for a
character inside a one-line string (where a `{variable}` sits). Positions are 1-based
(PyYAML marks are 0-based).

Only plain data is built: mappings, sequences, strings, numbers, booleans and null. Any other
tag (`!!python/object:...`, `!custom`) is reported as a problem at the tag and never
constructed. Syntax errors, duplicate keys, bad encodings and control characters are problems
too; nothing here raises on bad input.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from coach.core.content.model import Pos
from coach.core.content.problems import Problem
from coach.core.files import Refused, read_regular

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CPARSER = _BaseLoader is not yaml.SafeLoader

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_MAP_TAG = _TAG + "map"
_SEQ_TAG = _TAG + "seq"
_MERGE_TAG = _TAG + "merge"
_MAX_DEPTH = 100
# Aliases let a small file stand for a huge one (`*a` ten times, each of ten `*b`, ...): the
# data is shared while loading, but every later step (checks, the classifier's compile) pays
# for each copy. The expanded size is counted as the tree is built and capped.
MIN_EXPANDED = 1_000_000  # characters; or EXPANSION times the file, whichever is larger
EXPANSION = 4

# Characters YAML forbids (control characters other than tab and line breaks, surrogates, ...).
_BAD_CHAR = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Scalar = str | int | float | bool | None
_NOWHERE = Pos("")


def _offset_pos(lines: list[str], pos: Pos, value: object, offset: int) -> Pos:
    """The column of character `offset` in a string value written on one line, else `pos`."""
    if not isinstance(value, str) or pos.line <= 0 or pos.line > len(lines):
        return pos
    source = lines[pos.line - 1]
    col = pos.col - 1
    quote = 1 if source[col : col + 1] in ("'", '"') else 0
    start = col + quote
    if source[start : start + len(value)] != value:
        return pos  # folded, escaped or block text: the start of the value is the best we know
    return Pos(pos.path, pos.line, pos.col + quote + offset)


class YMap(dict[str, Any]):
    """A mapping from a YAML file: a plain dict that knows where it and its entries are."""

    __slots__ = ("pos", "key_pos", "value_pos", "_lines")

    def __init__(self, pos: Pos = _NOWHERE, lines: list[str] | None = None) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}
        self.value_pos: dict[str, Pos] = {}
        self._lines = lines or []

    def at(self, key: str) -> Pos:
        """Where the value of `key` starts (the key, then the mapping, when there is none)."""
        return self.value_pos.get(key) or self.key_pos.get(key) or self.pos

    def key_at(self, key: str) -> Pos:
        return self.key_pos.get(key) or self.pos

    def at_offset(self, key: str, offset: int) -> Pos:
        return _offset_pos(self._lines, self.at(key), self.get(key), offset)

    def key_at_offset(self, key: str, offset: int) -> Pos:
        return _offset_pos(self._lines, self.key_at(key), key, offset)


class YList(list[Any]):
    """A sequence from a YAML file: a plain list that knows where it and its items are."""

    __slots__ = ("pos", "item_pos", "_lines")

    def __init__(self, pos: Pos = _NOWHERE, lines: list[str] | None = None) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []
        self._lines = lines or []

    def at(self, index: int) -> Pos:
        if 0 <= index < len(self.item_pos):
            return self.item_pos[index]
        return self.pos

    def at_offset(self, index: int, offset: int) -> Pos:
        value = self[index] if 0 <= index < len(self) else None
        return _offset_pos(self._lines, self.at(index), value, offset)


Value = YMap | YList | Scalar


class _TooLarge(Exception):
    def __init__(self, pos: Pos, size: int, limit: int) -> None:
        super().__init__(pos, size, limit)
        self.pos, self.size, self.limit = pos, size, limit


class PosLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader (libyaml when available) that builds position-tracked plain data.

    PyYAML composes the node graph; `build()` walks it, so that no tag ever reaches a
    constructor other than the plain scalar ones.
    """

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text)
        self.path = path
        self.lines = text.splitlines() or [""]
        self.problems: list[Problem] = []
        self._built: dict[int, Value] = {}
        self._open: set[int] = set()
        self._sizes: dict[int, int] = {}  # node id -> characters it expands to, aliases counted
        self.max_expanded = max(MIN_EXPANDED, EXPANSION * len(text))

    def pos(self, node: yaml.Node) -> Pos:
        mark = node.start_mark
        return Pos(self.path, mark.line + 1, mark.column + 1)

    def problem(self, node: yaml.Node, code: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem.at(self.pos(node), code, message, hint))

    def build(self) -> Value:
        node = self.get_single_node()
        return None if node is None else self.value(node, 0)

    def value(self, node: yaml.Node, depth: int) -> Value:
        key = id(node)
        if key in self._built:  # an alias: the same value again
            return self._built[key]
        if key in self._open:
            self.problem(node, "yaml-syntax", "an alias refers to itself (a loop in the data)")
            return None
        if depth > _MAX_DEPTH:
            self.problem(node, "yaml-syntax", f"the data is nested more than {_MAX_DEPTH} levels deep")
            return None
        self._open.add(key)
        try:
            result = self._value(node, depth)
        finally:
            self._open.discard(key)
        self._built[key] = result
        size = self._measure(node)
        if size > self.max_expanded:
            raise _TooLarge(self.pos(node), size, self.max_expanded)
        return result

    def _measure(self, node: yaml.Node) -> int:
        """Characters `node` expands to, each alias counted in full (children are built)."""
        if isinstance(node, yaml.ScalarNode):
            size = len(node.value) + 1
        elif isinstance(node, yaml.SequenceNode):
            size = 1 + sum(self._sizes.get(id(child), 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            size = 1 + sum(self._sizes.get(id(k), 1) + self._sizes.get(id(v), 1)
                           for k, v in node.value)
        else:
            size = 1
        self._sizes[id(node)] = size
        return size

    def _value(self, node: yaml.Node, depth: int) -> Value:
        if isinstance(node, yaml.ScalarNode) and node.tag in _SCALAR_TAGS:
            if node.tag in (_TAG + "str", _TAG + "timestamp"):
                return node.value  # dates stay text: nothing in a playbook is a date object
            return self.yaml_constructors[node.tag](self, node)
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
            return self.mapping(node, depth)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
            items = YList(self.pos(node), self.lines)
            for child in node.value:
                items.append(self.value(child, depth + 1))
                items.item_pos.append(self.pos(child))
            return items
        self.unsafe(node)
        return None

    def unsafe(self, node: yaml.Node) -> None:
        tag = str(node.tag)
        shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
        self.problem(
            node,
            "unsafe-tag",
            f"the tag '{shown}' is not allowed: playbooks hold plain text, numbers and lists",
            "remove the tag (the word starting with '!') and write the value as plain YAML;"
            " 请删除以 ! 开头的标签",
        )

    def mapping(self, node: yaml.MappingNode, depth: int) -> YMap:
        result = YMap(self.pos(node), self.lines)
        merged: list[YMap] = []
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _MERGE_TAG:
                source = self.value(value_node, depth + 1)
                sources = source if isinstance(source, YList) else [source]
                for item in sources:
                    if isinstance(item, YMap):
                        merged.append(item)
                    elif item is not None:
                        self.problem(value_node, "wrong-type", "'<<' must merge a mapping")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "wrong-type", "a key must be plain text, not a list or mapping")
                continue
            if key_node.tag not in _SCALAR_TAGS:
                self.unsafe(key_node)
                continue
            key = key_node.value  # keys stay as written: `yes:` is the text 'yes', not True
            if key in result.key_pos:
                first = result.key_pos[key]
                self.problem(
                    key_node,
                    "duplicate-key",
                    f"the key '{key}' appears twice in this mapping (first on line {first.line})",
                    "keep only one of them; 同一层级的键不能重复",
                )
                continue
            result[key] = self.value(value_node, depth + 1)
            result.key_pos[key] = self.pos(key_node)
            result.value_pos[key] = self.pos(value_node)
        for source in merged:  # `<<: *defaults`: explicit keys win, as in YAML
            for key, item in source.items():
                if key not in result.key_pos:
                    result[key] = item
                    result.key_pos[key] = source.key_at(key)
                    result.value_pos[key] = source.at(key)
        return result


def _line_col(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _syntax_problem(error: yaml.YAMLError, text: str, path: str) -> Problem:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or "invalid YAML"
        if error.context and error.problem and error.context_mark is not None:
            cm = error.context_mark
            message += f" ({error.context} started at line {cm.line + 1}, column {cm.column + 1})"
        hint = "check indentation, colons and quotes around this place; 检查缩进、冒号和引号"
        if mark is not None:
            return Problem(path, mark.line + 1, mark.column + 1, "error", "yaml-syntax", message, hint)
        return Problem(path, 0, 0, "error", "yaml-syntax", message, hint)
    if isinstance(error, yaml.reader.ReaderError):
        index = error.position
        if _CPARSER:  # libyaml counts bytes
            index = len(text.encode("utf-8")[:index].decode("utf-8", errors="ignore"))
        line, col = _line_col(text, index)
        return Problem(path, line, col, "error", "bad-character", f"YAML cannot read this: {error.reason}")
    return Problem(path, 0, 0, "error", "yaml-syntax", str(error))


def parse_yaml(text: str, path: str) -> tuple[Value, list[Problem]]:
    """Position-tracked data from YAML text; `path` is only used to label positions."""
    bad = _BAD_CHAR.search(text)
    if bad:
        line, col = _line_col(text, bad.start())
        return None, [
            Problem(
                path,
                line,
                col,
                "error",
                "bad-character",
                f"the control character U+{ord(bad.group()):04X} is not allowed in YAML",
                "is this a binary file? playbooks are plain UTF-8 text",
            )
        ]
    loader = PosLoader(text, path)
    try:
        tree = loader.build()
    except yaml.YAMLError as error:
        return None, [_syntax_problem(error, text, path)]
    except RecursionError:
        return None, [Problem(path, 1, 1, "error", "yaml-syntax", "the data is nested too deeply")]
    except _TooLarge as large:
        return None, [Problem.at(
            large.pos, "yaml-too-large",
            f"aliases (*name) expand this data to more than {large.limit:,} characters",
            "write the text out where it is needed instead of repeating an alias;"
            " 请不要大量重复引用同一锚点",
        )]
    finally:
        loader.dispose()
    return tree, loader.problems


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """A file's text as UTF-8 (a BOM is allowed), or the problem that prevents reading it.

    Only a regular file within the size limit, and within its own folder (no symlink out of the
    playbooks), is read (`coach.core.files.read_regular`): a FIFO, a device, a huge file or a
    link to /etc/shadow is a problem naming the file, never a hang and never its lines echoed.
    """
    where = str(path)
    if path.is_dir():
        return None, [
            Problem(where, 0, 0, "error", "not-a-file", "this is a folder, not a YAML file",
                    "rename or move the folder")
        ]
    try:
        data = read_regular(path, root=path.parent)
    except Refused as refused:
        return None, [Problem(where, 0, 0, "error", refused.code, refused.message, refused.hint)]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8-sig", errors="replace")
        line, col = _line_col(good, len(good))
        return None, [
            Problem(
                where,
                line,
                col,
                "error",
                "not-utf8",
                f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be read)",
                "save the file as UTF-8 (if your editor saved it as GBK, choose UTF-8);"
                " 请用 UTF-8 编码另存",
            )
        ]


def load_yaml(path: Path) -> tuple[Value, list[Problem]]:
    """Read and parse one YAML file; (None, problems) when it cannot be read or parsed.

    An empty file gives (None, []): whether that is acceptable is the caller's call.
    """
    text, problems = read_text(path)
    if text is None:
        return None, problems
    return parse_yaml(text, str(path))
