"""Labelled statements (`phrasings.yaml`, and files like it for `coach test --data`): text,
causes (the leading one first), tags.

One reader, `read_labelled`, with a strictness switch: strict, it reads with positions and
names every problem (`coach validate`, the loader, `coach test --data`); lenient, it reads with
libyaml, keeps the valid statements and says nothing (start-up). `load_phrasings` and
`read_phrasings` are those two settings by their older names.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from coach.core.content.model import CAUSE_IDS, Labelled
from coach.core.content.problems import Problem, did_you_mean
from coach.core.content.yamlpos import EXPANSION, MIN_EXPANDED, YList, YMap, load_yaml

PHRASINGS_FILE = "phrasings.yaml"


def read_labelled(path: Path, *, strict: bool) -> tuple[tuple[Labelled, ...], list[Problem]]:
    """The labelled statements of a file and, when `strict`, the problems found (with
    file:line:column). A missing file holds none; lenient reading reports nothing."""
    if strict:
        return _strict(Path(path))
    return _lenient(Path(path)), []


def read_phrasings(path: Path) -> tuple[Labelled, ...]:
    """The valid statements only, fast (`read_labelled(strict=False)`): for start-up."""
    return read_labelled(path, strict=False)[0]


def load_phrasings(path: Path) -> tuple[tuple[Labelled, ...], list[Problem]]:
    """The statements and their problems (`read_labelled(strict=True)`): for validation."""
    return read_labelled(path, strict=True)


def quick_entries(path: Path) -> list[object] | None:
    """The entries of a list-shaped labelled file, read fast (libyaml, no positions), for
    compiling; None when it cannot be read or its aliases expand past the validating loader's
    cap (which names the problem: yaml-too-large). Only a regular file inside its folder."""
    import yaml

    from coach.core.files import Refused, read_regular

    try:
        source = read_regular(path, root=Path(path).parent).decode("utf-8")
        data = yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (Refused, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(data, list):
        return []
    # Aliases share one string many times over; a model would learn each copy.
    budget = max(MIN_EXPANDED, EXPANSION * len(source))
    for entry in data:
        budget -= len(entry.get("text") or "") if isinstance(entry, dict) else 1
        if budget < 0:
            return None
    return data


def _lenient(path: Path) -> tuple[Labelled, ...]:
    statements = []
    for entry in quick_entries(path) or ():
        if not isinstance(entry, dict):
            continue
        text, causes = entry.get("text"), entry.get("causes")
        causes = [causes] if isinstance(causes, str) else causes
        if (
            isinstance(text, str)
            and text.strip()
            and isinstance(causes, list)
            and causes
            and all(c in CAUSE_IDS for c in causes)
        ):
            tags = entry.get("tags") or []
            tags = [tags] if isinstance(tags, str) else tags if isinstance(tags, list) else []
            statements.append(Labelled(text, tuple(causes), tuple(map(str, tags))))
    return tuple(statements)


def _strict(path: Path) -> tuple[tuple[Labelled, ...], list[Problem]]:
    if not path.exists():
        return (), []
    tree, problems = load_yaml(path)
    if any(p.is_error for p in problems):
        return (), problems
    where = str(path)
    if tree is None:
        return (), problems
    if not isinstance(tree, YList):
        problems.append(Problem(where, 1, 1, "error", "wrong-type",
                                "the file should be a list of statements ('- text: ...')",
                                "start each statement with '- text:' and give its 'causes'"))
        return (), problems
    statements: list[Labelled] = []
    for index, entry in enumerate(tree):
        pos = tree.at(index)
        if not isinstance(entry, YMap):
            problems.append(Problem(where, pos.line, pos.col, "error", "wrong-type",
                                    "each statement is a mapping with 'text' and 'causes'",
                                    "write it as '- text: ...' followed by '  causes: [...]'"))
            continue
        found = _statement(entry, where, problems)
        if found is not None:
            statements.append(found)
    return tuple(statements), problems


def _statement(entry: YMap, where: str, problems: list[Problem]) -> Labelled | None:
    for key in entry:
        if key not in ("text", "causes", "tags"):
            pos = entry.key_at(key)
            problems.append(Problem(where, pos.line, pos.col, "error", "unknown-key",
                                    f"unknown key '{key}' in a statement",
                                    did_you_mean(str(key), ("text", "causes", "tags"))))
    text, causes = entry.get("text"), entry.get("causes")
    if not isinstance(text, str) or not text.strip():
        pos = entry.pos
        problems.append(Problem(where, pos.line, pos.col, "error", "missing-field",
                                "a statement has no 'text'", "add 'text: \"...\"'"))
        return None
    if isinstance(causes, str):
        causes = [causes]
    if not isinstance(causes, Sequence) or not causes:
        pos = entry.pos
        problems.append(Problem(where, pos.line, pos.col, "error", "missing-field",
                                "a statement has no 'causes'", "add 'causes: [cause_id]'"))
        return None
    for i, cause in enumerate(causes):
        if cause not in CAUSE_IDS:
            pos = entry.at("causes")
            if isinstance(entry["causes"], YList):
                pos = entry["causes"].at(i)
            problems.append(Problem(where, pos.line, pos.col, "error", "unknown-cause",
                                    f"'{cause}' is not one of the eleven cause ids",
                                    did_you_mean(str(cause), CAUSE_IDS)))
            return None
    tags = entry.get("tags") or []
    tags = [tags] if isinstance(tags, str) else list(tags) if isinstance(tags, Sequence) else []
    return Labelled(text, tuple(map(str, causes)), tuple(map(str, tags)))
