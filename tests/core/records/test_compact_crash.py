"""Compaction killed with SIGKILL at random points never loses or double-counts a session."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from test_report_sql import age, mixed, play, python_answer

from coach.core.records.compact import COMPACTED
from coach.core.records.report_sql import run_report

DAYS = [f"2026-10-{d:02d}" for d in range(1, 13)]


def _compact(folder: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "coach", "compact", "--transcripts",
                             str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_kill_9_during_compaction(tmp_path: Path) -> None:
    for day in DAYS:
        mixed(tmp_path / day / "_", day=day)
        for sub in (tmp_path / day / "_").iterdir():  # each day's own folder, ids per day
            for f in sub.iterdir():
                f.rename(tmp_path / sub.name / f"{day}-{f.name}")
            sub.rmdir()
        (tmp_path / day / "_").rmdir()
    stamp = datetime(2026, 11, 1).timestamp()
    age(tmp_path, stamp)
    start = time.monotonic()
    _compact(tmp_path).wait(timeout=120)
    whole = time.monotonic() - start
    assert len(list((tmp_path / COMPACTED).glob("*.parquet"))) == len(DAYS)
    rng = random.Random(12)
    kills = 0
    for round_ in range(8):
        # a late file in a few days makes them compact again, so there is work to interrupt
        for day in rng.sample(DAYS, 4):
            play(tmp_path, f"late-{round_}-{day}", "relocation", ["accepts"], day=day)
        stamp += 120
        age(tmp_path, stamp)
        process = _compact(tmp_path)
        time.sleep(rng.uniform(0.2, whole))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            kills += 1
        process.wait(timeout=60)
        full = run_report(tmp_path, compact=False)  # what a report sees right after the kill
        assert full.report.as_dict() == python_answer(tmp_path)
    print(f"{kills} kills, whole run {whole:.2f} s")
    assert kills >= 3, "the kills should land while compaction runs"
    full = run_report(tmp_path)
    assert full.report.as_dict() == python_answer(tmp_path)
    assert full.report.sessions == len(DAYS) * 7 + 8 * 4
    left = sorted(p.name for p in (tmp_path / COMPACTED).iterdir())
    assert all(not name.startswith(".tmp") for name in left), left  # killed runs cleaned up
    assert len(left) >= len(DAYS)
