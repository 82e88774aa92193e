"""`coach report` filters, staff and week tables, --misses, and `coach compact`."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest
import yaml

import coach.cli.report as report_cli
from coach.cli import main
from coach.core.records.transcript import TranscriptWriter


def _visit(folder: Path, sid: str, day: str, staff: str, outcome: str) -> None:
    clock = lambda: datetime.fromisoformat(day + "T10:00:00+08:00")  # noqa: E731
    with TranscriptWriter.open(folder, "counter", staff, "v", session_id=sid, clock=clock) as w:
        w.event("classification", text=f"说法{sid}", leading="other", chosen="relocation")
        w.event("step", cause="relocation", step="s", technique="empathy")
        w.event("outcome", cause="relocation", outcome=outcome, deciding_technique="empathy")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    _visit(tmp_path, "a", "2026-11-02", "S1", "retained")
    _visit(tmp_path, "b", "2026-11-03", "S2", "lost")
    _visit(tmp_path, "c", "2026-11-12", "S1", "lost")
    return tmp_path


def test_json_has_staff_weeks_and_filters(folder: Path, capsys) -> None:
    assert main(["report", "--json", "--transcripts", str(folder), "--since", "2026-11-03"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sessions"] == 2 and data["since"] == "2026-11-03" and data["until"] is None
    assert {r["staff"]: r["lost"] for r in data["by_staff"]} == {"S1": 1, "S2": 1}
    assert [r["week"] for r in data["by_week"]] == ["2026-W45", "2026-W46"]
    assert "misses" not in data


def test_staff_filter_is_not_who_runs_it(folder: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COACH_STAFF", "S1")  # the user's own id does not filter the report
    assert main(["report", "--json", "--transcripts", str(folder)]) == 0
    assert json.loads(capsys.readouterr().out)["sessions"] == 3
    assert main(["report", "--json", "--staff", "S2", "--transcripts", str(folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sessions"] == 1 and data["staff"] == "S2"


def test_a_bad_date_is_exit_2(folder: Path, capsys) -> None:
    assert main(["report", "--transcripts", str(folder), "--until", "11/30"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_tables_by_staff_and_week(folder: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(report_cli, "load_labels", lambda folder, lang: {})
    assert main(["report", "--transcripts", str(folder), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "By staff member" in out and "By week" in out and "2026-W46" in out


def test_misses_print_phrasings_items(folder: Path, capsys) -> None:
    assert main(["report", "--misses", "--transcripts", str(folder)]) == 0
    out = capsys.readouterr().out
    items = yaml.safe_load(out)
    assert [i["text"] for i in items] == ["说法a", "说法b", "说法c"]
    assert all(i["causes"] == ["relocation"] for i in items)
    assert "员工选了 relocation" in out


def test_compact_command(folder: Path, capsys) -> None:
    old = datetime(2026, 11, 20).timestamp()
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            os.utime(Path(root) / name, (old, old))
    assert main(["compact", "--transcripts", str(folder), "--lang", "en"]) == 0
    assert "compacted 3 day(s): 2026-11-02, 2026-11-03, 2026-11-12" in capsys.readouterr().out
    assert main(["compact", "--transcripts", str(folder), "--lang", "en"]) == 0
    assert "nothing to compact; 3 day(s) in Parquet" in capsys.readouterr().out
    assert main(["report", "--json", "--transcripts", str(folder)]) == 0
    assert json.loads(capsys.readouterr().out)["sessions"] == 3
    assert main(["compact", "--transcripts", str(folder / "nope")]) == 2
