"""Contact attempts and their outcomes, one JSON line each, appended as they happen.

The week's plan counts them against the contact limits, a "do not contact" answer takes the
client off every later plan, and `coach report --outreach` measures reactivation from them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coach.core.errors import CoachError

ATTEMPTS_FILE = "attempts.jsonl"
OUTCOMES = ("resumed_trading", "appointment", "declined", "do_not_contact", "no_answer")
OUTCOME_NAMES = {
    "resumed_trading": ("恢复交易", "resumed trading"),
    "appointment": ("约好面谈", "appointment made"),
    "declined": ("婉拒", "declined"),
    "do_not_contact": ("不要再联系", "do not contact"),
    "no_answer": ("未接通", "no answer"),
}
MAX_LINE = 4096


@dataclass(frozen=True, slots=True)
class Attempt:
    client: str
    channel: str
    outcome: str
    day: date
    staff: str = ""
    note: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"client": self.client, "channel": self.channel, "outcome": self.outcome,
                "day": self.day.isoformat(), "staff": self.staff, "note": self.note}


def attempts_path(transcripts: Path) -> Path:
    return transcripts / "outreach" / ATTEMPTS_FILE


def record(transcripts: Path, attempt: Attempt) -> Path:
    """Append one attempt (file 0600, folder 0700, flushed to disk before returning)."""
    from coach.core.content.firm_file import CHANNELS

    if attempt.channel not in CHANNELS:
        raise CoachError(f"联系方式只能是 {'、'.join(CHANNELS)}",
                         f"the channel must be one of {', '.join(CHANNELS)}")
    if attempt.outcome not in OUTCOMES:
        raise CoachError(f"结果只能是 {'、'.join(OUTCOMES)}",
                         f"the outcome must be one of {', '.join(OUTCOMES)}")
    path = attempts_path(transcripts)
    line = (json.dumps(attempt.as_dict(), ensure_ascii=False) + "\n").encode("utf-8")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as e:
        raise CoachError(f"记录没有写进 {path}：{e.strerror}",
                         f"the attempt was not written to {path}: {e.strerror}") from None
    return path


def _parse(line: str) -> Attempt | None:
    if len(line) > MAX_LINE:
        return None
    try:
        raw = json.loads(line)
        return Attempt(str(raw["client"]), str(raw["channel"]), str(raw["outcome"]),
                       date.fromisoformat(str(raw["day"])), str(raw.get("staff", "")),
                       str(raw.get("note", "")))
    except (ValueError, KeyError, TypeError, RecursionError):
        return None


def load_attempts(transcripts: Path) -> tuple[list[Attempt], list[str]]:
    """Every readable attempt, and a warning per line that is not one."""
    path = attempts_path(transcripts)
    if not path.is_file():
        return [], []
    attempts: list[Attempt] = []
    warnings: list[str] = []
    with path.open(encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            found = _parse(line)
            if found is None:
                warnings.append(f"{path}:{number}: not a contact attempt; skipped")
            else:
                attempts.append(found)
    return attempts, warnings


def blocked(attempts: Iterable[Attempt]) -> set[str]:
    """Clients who asked not to be contacted again."""
    return {a.client for a in attempts if a.outcome == "do_not_contact"}
