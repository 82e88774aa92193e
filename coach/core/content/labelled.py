"""Labelled statements (`phrasings.yaml`): text, causes (the leading one first), tags.

The content layer reads them; `coach.core.understand` learns from them. Two readers: a strict
one with positions for `coach validate` and the loader, and a fast lenient one for start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from coach.core.content.model import CAUSE_IDS, Labelled
from coach.core.content.problems import Problem, did_you_mean
from coach.core.content.yamlpos import YList, YMap, load_yaml

PHRASINGS_FILE = "phrasings.yaml"


def read_phrasings(path: Path) -> tuple[Labelled, ...]:
    """The valid statements only, read with libyaml and no positions: for `coach classify`,
    whose start-up matters; `load_phrasings` (what `coach validate` uses) names the problems."""
    import yaml

    from coach.core.files import Refused, read_regular

    try:
        text = read_regular(path, root=Path(path).parent).decode("utf-8")
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (Refused, UnicodeDecodeError, yaml.YAMLError):
        return ()
    statements = []
    for entry in data if isinstance(data, list) else ():
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
            statements.append(Labelled(text, tuple(causes)))
    return tuple(statements)


def load_phrasings(path: Path) -> tuple[tuple[Labelled, ...], list[Problem]]:
    """The labelled statements of a phrasings file; a missing file is simply none."""
    path = Path(path)
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
