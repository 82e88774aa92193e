"""The role-play scripts the practice tests replay (tests/core/practice/scripts), in one place for
every test folder: a module of its own, since `from conftest import` finds whichever conftest
came first when several test folders run together."""

from __future__ import annotations

from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent / "core" / "practice" / "scripts"


def script(name: str) -> list[str]:
    """The non-empty lines of scripts/NAME.txt: one reply each."""
    return [line for line in (SCRIPTS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
            if line]
