"""A whole playbooks folder checked: what the loader reports, plus the checks of the parts above.

Content knows nothing of practice mode; practice hands its persona check in as an extra
(`coach.core.practice.validation`), so `coach validate` sees every problem sorted by position.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.core.content.library import load_library
from coach.core.content.model import Library
from coach.core.content.problems import Problem
from coach.core.content.replies import replies_check

# An extra check over the folder and its loaded library: its problems and the files it read.
FolderCheck = Callable[[Path, Library], tuple[list[Problem], list[Path]]]


@dataclass(frozen=True, slots=True)
class Report:
    problems: list[Problem]  # sorted by path, line, column
    files: tuple[str, ...]  # the files checked


def check_folder(root: Path, extra: Sequence[FolderCheck] = ()) -> Report:
    """Every problem of a playbooks folder, and which files were checked."""
    root = Path(root)
    result = load_library(root)
    problems = list(result.problems)
    files = list(result.files)
    for check in (replies_check, *extra):
        found, read = check(root, result.library)
        problems.extend(found)
        files.extend(str(p) for p in read)
    return Report(sorted(problems, key=Problem.sort_key), tuple(files))


def validate(root: Path, extra: Sequence[FolderCheck] = ()) -> list[Problem]:
    """Everything `load_library` reports plus the extras' problems, sorted by position."""
    return check_folder(root, extra).problems
