"""Transcript events as flat rows: the one table every report query reads (`sql/*.sql`).

A session's JSONL file becomes a handful of rows with fixed columns (COLUMNS), the same whether
they come from today's files read as they are or from a closed day compacted into Parquet
(coach.core.records.compact). Only what reports read is kept: the session start, the first
`step` of each cause (later steps change nothing in a report), reactions, outcomes, overrides,
classifications and practice scorecards. Compaction then sums each session's steps, reactions and
outcomes into one `visit` row (sql/visits.sql, the same query a report runs on today's rows:
cause = the leading cause, second, outcome = the result, technique) and keeps classifications
only when they said `other`. A file that cannot be read becomes one `skipped` row
naming it and why, so the warning outlives compaction. Every row carries its session's id, day,
mode and staff, so queries filter rows without joining them to their session.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from coach.core.records.transcript import TranscriptError
from coach.core.records.transcript_read import Session, read_transcript

# name -> DuckDB type; the order is the table's column order.
COLUMNS: dict[str, str] = {
    "session": "VARCHAR",
    "source": "VARCHAR",  # the file the row came from
    "day": "DATE",  # the session's start day
    "mode": "VARCHAR",
    "staff": "VARCHAR",
    "seq": "INTEGER",  # event number in the file
    "t": "VARCHAR",
    "kind": "VARCHAR",
    "cause": "VARCHAR",
    "outcome": "VARCHAR",
    "technique": "VARCHAR",  # reaction/step technique; an outcome's deciding technique
    "text": "VARCHAR",  # statement text; a skipped file's reason (Chinese)
    "note": "VARCHAR",  # a skipped file's reason (English)
    "classifier": "VARCHAR",  # the classifier's leading cause (classification, override)
    "chosen": "VARCHAR",  # the cause the staff member took
    "via": "VARCHAR",
    "persona": "VARCHAR",
    "score": "INTEGER",
    "passed": "BOOLEAN",
    "second": "VARCHAR",  # a `visit` row's second cause (compacted days)
}
KINDS = frozenset(
    {"start", "step", "reaction", "outcome", "override", "classification", "scorecard"}
)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _s(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _day(text: str) -> str | None:
    day = text[:10]
    return day if _DAY.match(day) else None


def _score(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and -(2**31) < value < 2**31:
        return value
    if isinstance(value, float) and value == value and abs(value) < 2**31:
        return round(value)
    return None


def session_rows(session: Session, source: str, folder_day: str | None = None) -> list[dict]:
    """The rows of one session (see the module docstring for what is kept)."""
    start = session.start
    day = _day(_s(start.get("t"))) or folder_day
    base = {"session": session.id, "source": source, "day": day,
            "mode": _s(start.get("mode")), "staff": _s(start.get("staff"))}
    # Exactly one `start` row per session (made up when the file has none): the report counts
    # sessions on these rows alone.
    first = next((i for i, e in enumerate(session.events) if e.get("kind") == "start"), -1)
    rows: list[dict] = [{**base, "seq": first, "t": _s(start.get("t")), "kind": "start",
                         "cause": ""}]
    stepped: set[str] = set()
    for seq, event in enumerate(session.events):
        kind = event.get("kind")
        if kind not in KINDS or kind == "start":
            continue
        cause = _s(event.get("cause"))
        if kind == "step":
            if cause in stepped:
                continue
            stepped.add(cause)
        row = {**base, "seq": seq, "t": _s(event.get("t")), "kind": kind, "cause": cause}
        if kind == "outcome":
            row["outcome"] = _s(event.get("outcome"))
            row["technique"] = _s(event.get("deciding_technique"))
        elif kind in ("step", "reaction"):
            row["technique"] = _s(event.get("technique"))
        elif kind == "override":
            row |= {"text": _s(event.get("text")), "classifier": _s(event.get("classifier")),
                    "chosen": _s(event.get("chosen")), "via": _s(event.get("via"))}
        elif kind == "classification":
            row |= {"text": _s(event.get("text")), "classifier": _s(event.get("leading")),
                    "chosen": _s(event.get("chosen"))}
        elif kind == "scorecard":
            passed = event.get("passed")
            row |= {"persona": _s(event.get("persona")), "score": _score(event.get("score")),
                    "passed": passed if isinstance(passed, bool) else None}
        rows.append(row)
    return rows


def skipped_row(source: str, zh: str, en: str, folder_day: str | None = None) -> dict:
    return {"session": "", "source": source, "day": folder_day, "seq": 0, "kind": "skipped",
            "text": zh, "note": en}


def file_rows(path: Path, source: str, folder_day: str | None = None) -> list[dict]:
    """Rows of one transcript file read with the project's bounded reader; a file that cannot
    be read (torn in the middle, binary, too big, not a regular file, empty) is one `skipped`
    row with its reason."""
    try:
        events = read_transcript(path)
    except TranscriptError as err:
        return [skipped_row(source, err.message("zh"), err.message("en"), folder_day)]
    if not events:
        return [skipped_row(source, f"{path}：空文件，已跳过", f"{path}: empty, skipped", folder_day)]
    sid = next(
        (str(e["session"]) for e in events if e.get("kind") == "start" and e.get("session")),
        path.stem,
    )
    return session_rows(Session(path=path, id=sid, events=tuple(events)), source, folder_day)


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def write_ndjson(rows: Iterable[Mapping[str, Any]], out: Path) -> int:
    """Rows as newline-delimited JSON with every column present (DuckDB reads it in one go)."""
    count = 0
    empty = dict.fromkeys(COLUMNS)
    with open(out, "w", encoding="utf-8") as handle:
        for row in rows:
            line = json.dumps(empty | dict(row), ensure_ascii=False)
            if not line.isascii():
                try:
                    line.encode("utf-8")
                except UnicodeEncodeError:  # a lone surrogate: kept as visible text, \udc80
                    line = json.dumps({k: _plain(v) for k, v in (empty | dict(row)).items()},
                                      ensure_ascii=False)
            handle.write(line)
            handle.write("\n")
            count += 1
    return count


def iter_rows(paths: Iterable[tuple[Path, str, str | None]]) -> Iterator[dict]:
    for path, source, day in paths:
        yield from file_rows(path, source, day)
