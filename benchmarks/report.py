"""`make bench`, records at scale: `coach report` over 1,000,000 sessions (target ≤ 10 s).

A year of a large branch network: 999,000 sessions over the 365 days before today, stored as
`coach compact` leaves closed days (one Parquet file per day under .compacted/, written here
straight from SQL, benchmarks/report_sessions.sql), plus 1,000 of today's sessions as JSONL
files read as they are. Timed: the whole `coach report --json` command (start-up included), the
same with --misses, and `coach compact` over one real day of 2,740 JSONL session files.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

BIN = Path(sys.executable).parent
SESSIONS = int(os.environ.get("BENCH_SESSIONS", 1_000_000))
TODAY_FILES = 1_000
DAYS = 365
DAY_FILES = 2_740


def _session_lines(sid: str, day: str, i: int) -> str:
    """One counter session as the counter app writes it (start, statement, steps, outcome)."""
    t = f"{day}T10:{i // 60 % 60:02d}:{i % 60:02d}.000+08:00"
    cause = ("relocation", "poor_service", "competitor_commission")[i % 3]
    events = [
        {"kind": "start", "session": sid, "mode": "counter", "staff": f"S{i % 60}",
         "version": "bench", "app": "0.1.0"},
        {"kind": "statement", "text": "客户说的话"},
        {"kind": "classification", "text": "客户说的话", "leading": cause,
         "causes": [{"id": cause, "score": 0.9}], "ambiguous": False, "chosen": cause},
        {"kind": "step", "cause": cause, "step": "listen", "technique": "listen_and_clarify"},
        {"kind": "reaction", "cause": cause, "step": "listen", "technique": "listen_and_clarify",
         "reaction": "accepts", "to": "math"},
        {"kind": "step", "cause": cause, "step": "math", "technique": "commission_math"},
        {"kind": "outcome", "cause": cause, "outcome": ("retained", "lost")[i % 2],
         "step": "math", "technique": "commission_math", "deciding_step": "math",
         "deciding_technique": "commission_math"},
    ]
    return "".join(json.dumps({"t": t, **e}, ensure_ascii=False) + "\n" for e in events)


def _write_day(folder: Path, day: str, count: int, prefix: str) -> None:
    target = folder / day
    target.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        sid = f"{prefix}{i:06d}"
        (target / f"{sid}.jsonl").write_text(_session_lines(sid, day, i), encoding="utf-8")


def _bulk(folder: Path, sessions: int, today: date) -> None:
    """Closed days as compacted Parquet, named after their (empty) day folders' times."""
    import duckdb

    from coach.core.records.compact import COMPACTED
    from coach.core.records.sqlfiles import statements

    sql = (Path(__file__).with_name("report_sessions.sql")).read_text(encoding="utf-8")
    con = duckdb.connect()
    statements(con, sql, {"sessions": sessions, "days": DAYS, "today": today})
    staging = folder / ".staging"
    con.execute(f"COPY (SELECT * FROM bench_rows ORDER BY day, source, seq) TO '{staging}' "
                "(FORMAT parquet, COMPRESSION zstd, PARTITION_BY (day), WRITE_PARTITION_COLUMNS true)")
    con.close()
    store = folder / COMPACTED
    store.mkdir()
    old = time.time() - 2 * 86400
    for part in sorted(staging.iterdir()):
        day = part.name.split("=", 1)[1]
        day_dir = folder / day
        day_dir.mkdir(exist_ok=True)
        os.utime(day_dir, (old, old))
        [data] = list(part.glob("*.parquet"))
        data.rename(store / f"{day}.{day_dir.stat().st_mtime_ns}.parquet")
        part.rmdir()
    staging.rmdir()


def _time(args: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time of the command; its CPU time (user + system) is kept in `_time.cpu`, since on
    a shared machine the wall time also measures the neighbours."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([str(BIN / "coach"), *args], capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    _time.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, done


def main() -> int:
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "transcripts"
        folder.mkdir()
        start = time.perf_counter()
        _bulk(folder, SESSIONS - TODAY_FILES, today)
        _write_day(folder, today.isoformat(), TODAY_FILES, "today")
        print(f"generated {SESSIONS:,} sessions in {time.perf_counter() - start:.1f} s "
              f"({SESSIONS - TODAY_FILES:,} in {DAYS} days of Parquet, "
              f"{TODAY_FILES:,} of today's JSONL files)")
        for extra in ([], ["--misses"]):
            elapsed, done = _time(["report", "--json", "--transcripts", str(folder), *extra])
            status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
            if done.returncode:
                print(done.stderr.decode(errors="replace")[-3000:])
            counted = f"{json.loads(done.stdout)['sessions']:,}" if done.returncode == 0 else "?"
            print(f"coach report --json {' '.join(extra)}: {SESSIONS:,} sessions "
                  f"({counted} counter) in {elapsed:.2f} s, CPU {_time.cpu:.2f} s (target ≤ 10 s) "
                  f"[{status}]")
        # One real day of JSONL files, closed, compacted by the command a nightly job runs.
        day = (today - timedelta(days=DAYS + 1)).isoformat()
        _write_day(folder, day, DAY_FILES, "d")
        old = datetime.now().timestamp() - 2 * 86400
        for path in [folder / day, *(folder / day).iterdir()]:
            os.utime(path, (old, old))
        elapsed, done = _time(["compact", "--transcripts", str(folder), "--lang", "en"])
        status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
        print(f"coach compact: one day of {DAY_FILES:,} JSONL files in {elapsed:.2f} s, "
              f"CPU {_time.cpu:.2f} s [{status}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
