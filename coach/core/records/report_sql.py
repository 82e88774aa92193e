"""`coach report` as SQL: DuckDB over closed days in Parquet and today's files read as they are.

The queries are the files in `sql/` (sessions, visits, rows, seconds, overrides, misses, practice,
skipped), over one `events` table (coach.core.records.events.COLUMNS), so the same SQL can run on
a bigger engine over the same Parquet layout. The counting rules are those of
coach.core.records.report (which stays the reference written in Python; tests hold the two to the
same answers). DuckDB is imported only here.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from coach.core.records.compact import Sources, sources
from coach.core.records.events import COLUMNS, iter_rows, write_ndjson
from coach.core.records.report import Override, Report, Row
from coach.core.records.sqlfiles import load_rows, visits
from coach.core.records.sqlfiles import sql as _sql


@dataclass(frozen=True, slots=True)
class PracticeWeek:
    """A trainee's scored practice sessions in one ISO week."""

    staff: str
    week: str
    sessions: int
    average: float
    best: int
    worst: int
    passed: int

    def as_dict(self) -> dict[str, Any]:
        return {"staff": self.staff, "week": self.week, "sessions": self.sessions,
                "average": self.average, "best": self.best, "worst": self.worst,
                "passed": self.passed}


@dataclass(frozen=True, slots=True)
class Miss:
    """A statement the counter got wrong: `label` is the staff member's cause ("" to fill in)."""

    text: str
    label: str
    classifier: str
    why: str  # "override" | "other"
    times: int
    first_seen: str

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "label": self.label, "classifier": self.classifier,
                "why": self.why, "times": self.times, "first_seen": self.first_seen}


@dataclass(frozen=True, slots=True)
class Filters:
    since: date | None = None
    until: date | None = None
    staff: str | None = None  # as written in the transcripts (masked)
    modes: tuple[str, ...] = ("counter",)


@dataclass(frozen=True, slots=True)
class FullReport:
    report: Report
    by_staff: tuple[Row, ...]
    by_week: tuple[Row, ...]
    practice: tuple[PracticeWeek, ...]
    filters: Filters
    misses: tuple[Miss, ...] | None = None
    warnings: tuple[str, ...] = ()
    compacted: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        out = self.report.as_dict()
        f = self.filters
        out |= {
            "since": f.since.isoformat() if f.since else None,
            "until": f.until.isoformat() if f.until else None,
            "staff": f.staff,
            "by_staff": [row.as_dict("staff") for row in self.by_staff],
            "by_week": [row.as_dict("week") for row in self.by_week],
            "practice": [p.as_dict() for p in self.practice],
        }
        if self.misses is not None:
            out["misses"] = [m.as_dict() for m in self.misses]
        return out


def _load_events(con: Any, found: Sources, scratch: Path) -> None:
    rows_file = scratch / "live.ndjson"
    write_ndjson(iter_rows(found.live), rows_file)
    load_rows(con, "live", rows_file)
    names = ", ".join(COLUMNS)
    if found.parquet:
        # A view cannot take parameters: the file list is written as SQL string literals.
        files = ", ".join("'" + str(p).replace("'", "''") + "'" for p in found.parquet)
        con.execute(
            f"CREATE TEMP VIEW events AS SELECT {names} FROM read_parquet([{files}]) "
            f"UNION ALL SELECT {names} FROM live"
        )
    else:
        con.execute(f"CREATE TEMP VIEW events AS SELECT {names} FROM live")


def _rows(con: Any) -> dict[str, list[Row]]:
    seconds: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for dim, key, second, n in con.execute(_sql("seconds.sql")).fetchall():
        seconds.setdefault((dim, key), []).append((second, int(n)))
    out: dict[str, list[Row]] = {"cause": [], "technique": [], "staff": [], "week": [],
                                 "total": []}
    for dim, key, retained, trial, transfer, lost, unfinished, sessions in con.execute(
        _sql("rows.sql")
    ).fetchall():
        second = tuple(sorted(seconds.get((dim, key), ()), key=lambda kv: (-kv[1], kv[0])))
        out[dim].append(Row(key=key or "", retained=retained, trial=trial,
                            transfer_within_firm=transfer, lost=lost, unfinished=unfinished,
                            sessions=sessions, second=second))
    return out


def run_report(folder: Path, filters: Filters = Filters(), *, misses: bool = False,
               compact: bool = True, today: date | None = None, lang: str = "zh") -> FullReport:
    """The report over `folder`; closed days are compacted on the way unless `compact=False`."""
    import duckdb

    found = sources(folder, today=today, compact=compact)
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute("SET preserve_insertion_order = false")  # results are ordered explicitly
        with tempfile.TemporaryDirectory(prefix="coach-report-") as scratch:
            _load_events(con, found, Path(scratch))
            visits(con, filters.since, filters.until, filters.staff, filters.modes)
            counted = int(con.execute(
                "SELECT count(*) FROM counted WHERE kind = 'start'").fetchone()[0])
            rows = _rows(con)
            overrides = tuple(Override(*map(str, r))
                              for r in con.execute(_sql("overrides.sql")).fetchall())
            practice = tuple(
                PracticeWeek(staff or "", week, int(n), float(avg), int(best), int(worst),
                             int(passed))
                for staff, week, n, avg, best, worst, passed
                in con.execute(_sql("practice.sql")).fetchall())
            missed = None
            if misses:
                missed = tuple(Miss(text, label or "", classifier or "", why, int(times),
                                    first or "")
                               for text, label, classifier, why, times, first
                               in con.execute(_sql("misses.sql")).fetchall())
            skipped = con.execute(_sql("skipped.sql")).fetchall()
    finally:
        con.close()
    by_cause = sorted(rows["cause"], key=lambda r: (-r.results - r.unfinished, r.key))
    by_technique = sorted(rows["technique"], key=lambda r: (-r.results, r.key))
    by_staff = sorted(rows["staff"], key=lambda r: (-r.results - r.unfinished, r.key))
    by_week = sorted(rows["week"], key=lambda r: r.key)
    total = rows["total"][0] if rows["total"] else Row(key="*")
    report = Report(sessions=counted, by_cause=tuple(by_cause), by_technique=tuple(by_technique),
                    total=total, modes=filters.modes, overrides=overrides)
    warnings = [zh if lang != "en" else en for _, zh, en in skipped] + found.problems
    return FullReport(report, tuple(by_staff), tuple(by_week), practice, filters, missed,
                      tuple(warnings), tuple(found.compacted))

