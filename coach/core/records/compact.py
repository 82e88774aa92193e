"""Closed days of transcripts compacted into Parquet, so a report over a million sessions does not
open a million files.

Layout, beside the day folders the writer makes:

    <folder>/<yyyy-mm-dd>/<session>.jsonl             the crash-safe write path (kept as it is)
    <folder>/.compacted/<yyyy-mm-dd>.<mtime>.parquet   that day's report rows (events.COLUMNS)

`<mtime>` is the day folder's modification time (ns) when the day was read. A folder's time
changes whenever a file is added to it or removed, so a Parquet file answers for its day only
while the two agree; otherwise the day is read again (and re-compacted). Each compaction writes a
temporary file, fsyncs it and renames it into place (atomic), then removes older files of that
day: a process killed at any point leaves either the old answer, or the new one, or both with
only the current one used. Never half a day, never a session twice.

A day is closed once it is before today and neither the folder nor any file in it has changed
for QUIET seconds (a visit still open past midnight keeps its day open).
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coach.core.records.events import iter_rows, write_ndjson
from coach.core.records.sqlfiles import load_rows, sql, visits
from coach.core.records.transcript_read import SAMPLES, iter_transcripts

COMPACTED = ".compacted"
QUIET = 3600.0
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARQUET = re.compile(r"^(\d{4}-\d{2}-\d{2})\.(\d+)\.parquet$")


@dataclass(slots=True)
class Sources:
    """Where a report's rows come from: Parquet files, and files to read as they are."""

    parquet: list[Path] = field(default_factory=list)
    live: list[tuple[Path, str, str | None]] = field(default_factory=list)  # path, source, day
    problems: list[str] = field(default_factory=list)  # folders that could not be listed
    compacted: list[str] = field(default_factory=list)  # days compacted by this run


def _is_day(name: str) -> date | None:
    if not _DAY.match(name):
        return None
    try:
        return date.fromisoformat(name)
    except ValueError:
        return None


def _existing(store: Path) -> dict[str, dict[int, Path]]:
    found: dict[str, dict[int, Path]] = {}
    with contextlib.suppress(OSError), os.scandir(store) as entries:
        for entry in entries:
            if (m := _PARQUET.match(entry.name)) is not None:
                found.setdefault(m.group(1), {})[int(m.group(2))] = Path(entry.path)
    return found


_TMP = re.compile(r"^\.tmp-\d{4}-\d{2}-\d{2}-(\d+)\.(ndjson|parquet)$")


def _clear_leftovers(store: Path) -> None:
    """Remove the temporary files of compactions that were killed (their process is gone)."""
    with contextlib.suppress(OSError), os.scandir(store) as entries:
        for entry in entries:
            if (m := _TMP.match(entry.name)) is None:
                continue
            try:
                os.kill(int(m.group(1)), 0)
            except ProcessLookupError:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
            except (OSError, OverflowError):
                continue  # alive under another user, or not a pid: leave it


def _files(folder: Path, day_dir: Path, problems: list[str]) -> list[tuple[Path, str, str]]:
    day = day_dir.name
    return [(p, p.relative_to(folder).as_posix(), day)
            for p in iter_transcripts(day_dir, samples=True, problems=problems)]


def _quiet(day_dir: Path, files: list[tuple[Path, str, str]], now: float, quiet: float) -> bool:
    limit = now - quiet
    try:
        if day_dir.stat().st_mtime > limit:
            return False
        return all(os.lstat(p).st_mtime <= limit for p, _, _ in files)
    except OSError:
        return False


def _fsync(path: Path, directory: bool = False) -> None:
    if os.name != "posix" and directory:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def compact_day(folder: Path, day_dir: Path, mtime_ns: int,
                files: list[tuple[Path, str, str]]) -> Path:
    """Write the day's rows to `.compacted/<day>.<mtime_ns>.parquet` atomically; returns it."""
    import duckdb

    from coach.core.records.transcript import make_private_dirs

    store = folder / COMPACTED
    make_private_dirs(store)
    day = day_dir.name
    tag = f".tmp-{day}-{os.getpid()}"
    rows_file, tmp = store / f"{tag}.ndjson", store / f"{tag}.parquet"
    final = store / f"{day}.{mtime_ns}.parquet"
    try:
        write_ndjson(iter_rows(files), rows_file)
        con = duckdb.connect()
        try:
            con.execute("SET enable_progress_bar = false")
            con.execute("SET preserve_insertion_order = false")
            load_rows(con, "events", rows_file)
            visits(con)  # every session, every mode: filters apply when the day is read
            con.execute(sql("compact_day.sql"), {"out": str(tmp)})
        finally:
            con.close()
        os.chmod(tmp, 0o600)
        _fsync(tmp)
        os.replace(tmp, final)
        _fsync(store, directory=True)
    finally:
        for leftover in (rows_file, tmp):
            with contextlib.suppress(OSError):
                leftover.unlink()
    for stamp, old in _existing(store).get(day, {}).items():
        if stamp != mtime_ns:
            with contextlib.suppress(OSError):
                old.unlink()
    return final


def sources(folder: Path, *, today: date | None = None, compact: bool = True,
            now: float | None = None, quiet: float = QUIET) -> Sources:
    """Decide, day by day, what a report reads; compact closed days on the way when `compact`.

    The checked-in samples and the `.compacted` store itself are never read as transcripts."""
    folder = Path(folder)
    today = today or date.today()
    now = time.time() if now is None else now
    out = Sources()
    existing = _existing(folder / COMPACTED)
    if compact:
        _clear_leftovers(folder / COMPACTED)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        out.problems.append(f"{folder}: {err.strerror or err}")
        return out
    for entry in entries:
        name = entry.name
        if name in (SAMPLES, COMPACTED):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if not is_dir:
            if name.endswith(".jsonl"):
                out.live.append((path, name, None))
            continue
        day = _is_day(name)
        if day is None or day >= today:
            out.live.extend(_files(folder, path, out.problems) if day else
                            [(p, p.relative_to(folder).as_posix(), None)
                             for p in iter_transcripts(path, samples=True, problems=out.problems)])
            continue
        try:
            mtime_ns = path.stat().st_mtime_ns
        except OSError as err:
            out.problems.append(f"{path}: {err.strerror or err}")
            continue
        current = existing.get(name, {}).get(mtime_ns)
        if current is not None:
            out.parquet.append(current)
            continue
        files = _files(folder, path, out.problems)
        if compact and _quiet(path, files, now, quiet):
            try:
                out.parquet.append(compact_day(folder, path, mtime_ns, files))
                out.compacted.append(name)
                continue
            except Exception as err:  # noqa: BLE001 - any failure: read the day as it is
                out.problems.append(f"{folder / COMPACTED}: {name}: {err}")
        out.live.extend(files)
    return out
