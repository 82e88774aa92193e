"""Problems found in playbook files, as values with real positions.

A problem names the file, the 1-based line and column, a short kebab-case code and a message a
trainer understands, plus a hint saying how to fix it. Line 0 means the position is unknown (a
missing file, a folder where a file should be): a made-up line number is worse than none.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from coach.core.content.model import Pos
from coach.core.text import terminal_safe

Level = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int
    col: int
    level: Level
    code: str
    message: str
    hint: str = ""

    @classmethod
    def at(
        cls, pos: Pos, code: str, message: str, hint: str = "", *, level: Level = "error"
    ) -> Problem:
        return cls(pos.path, pos.line, pos.col, level, code, message, hint)

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    @property
    def where(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.col}"

    def __str__(self) -> str:
        # file names and messages quote content: shown, never acted on by the terminal
        return terminal_safe(f"{self.where}: {self.level} {self.code}: {self.message}",
                             keep_newlines=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "level": self.level,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.code, self.message)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice a misspelt `word` most likely meant, if any is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`did you mean 'tips'?` for a misspelt key or id, or "" when nothing is close."""
    guess = closest(word, choices)
    return f"did you mean '{guess}'?" if guess else ""


def choices_hint(word: str, choices: Iterable[str], *, what: str) -> str:
    """A did-you-mean when one is close, always followed by the valid choices."""
    options = sorted(set(choices))
    guess = did_you_mean(word, options)
    listing = f"{what}: {', '.join(options)}" if options else f"no {what} are defined"
    return f"{guess} {listing}" if guess else listing


def count(problems: Iterable[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = warnings = 0
    for problem in problems:
        if problem.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.is_error for problem in problems)


def summary(problems: Sequence[Problem], files: int, lang: str = "zh") -> str:
    """One line for the end of a report: `2 errors, 1 warning in 14 files`."""
    errors, warnings = count(problems)
    if lang == "en":

        def plural(n: int, word: str) -> str:
            return f"{n} {word}" if n == 1 else f"{n} {word}s"

        if not errors and not warnings:
            return f"no problems in {plural(files, 'file')}"
        return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"
    if not errors and not warnings:
        return f"未发现问题（共 {files} 个文件）"
    return f"发现 {errors} 个错误、{warnings} 个警告（共 {files} 个文件）"


def format_text(problems: Iterable[Problem]) -> str:
    """Each problem on one line, its hint indented on the next: what `coach validate` prints."""
    lines: list[str] = []
    for problem in problems:
        lines.append(str(problem))
        if problem.hint:
            lines.append(terminal_safe(f"  hint: {problem.hint}", keep_newlines=False))
    return "\n".join(lines)


def to_json(problems: Iterable[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)
