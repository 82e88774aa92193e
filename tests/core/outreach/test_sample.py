"""The sample export is realistic enough to show every indicator and both segments."""

from __future__ import annotations

import csv

from coach.core.content.warning_file import INDICATOR_PARAMS, default_rules
from coach.core.outreach.sample import PROFILES, last_month, write_sample
from coach.core.outreach.watch import watch


def test_small_sample_fires_every_indicator_and_both_segments(tmp_path):
    path = tmp_path / "sample.csv"
    rows = write_sample(path, len(PROFILES), end="2026-11")
    assert rows == len(PROFILES) * 12
    result = watch(path, default_rules())
    assert result.bad_count == 0 and result.month == "2026-11"
    fired = {f.id for flag in result.flagged for f in flag.fired}
    assert set(INDICATOR_PARAMS) <= fired
    assert {f.segment for f in result.flagged} == {"at_risk", "dormant", "heavy_loss"}


def test_sample_is_reproducible_and_fictional(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    write_sample(a, 30, end="2026-11")
    write_sample(b, 30, end="2026-11")
    assert a.read_bytes() == b.read_bytes()
    with a.open(encoding="utf-8") as f:
        clients = {row["client"] for row in csv.DictReader(f)}
    assert all(c.startswith("C") and c[1:].isdigit() for c in clients)


def test_sample_as_parquet(tmp_path):
    path = tmp_path / "sample.parquet"
    write_sample(path, 12, end="2026-11")
    assert watch(path, default_rules()).clients == 12
    assert not list(tmp_path.glob("*.tmp"))


def test_last_month_wraps_the_year():
    from datetime import date

    assert last_month(date(2027, 1, 15)) == "2026-12"
    assert last_month(date(2026, 12, 7)) == "2026-11"
