from __future__ import annotations

from datetime import date
from pathlib import Path

from walkthrough_factories import make_firm

from coach.core.records.transcript import TranscriptWriter
from coach.core.records.trials import due_trials, trial_end, trial_event


def _session(folder: Path, sid: str, staff: str, start: date, **extra: object) -> Path:
    with TranscriptWriter.open(folder, "counter", staff, "v", session_id=sid) as writer:
        writer.event(
            "trial",
            **trial_event(
                today=start,
                firm=make_firm(),
                cause="poor_service",
                staff=staff,
                client=str(extra.get("client", "王先生 13812345678")),
            ),
        )
    return writer.path


def test_trial_ends_after_the_firm_trial_days() -> None:
    assert trial_end(date(2025, 6, 1), make_firm()) == date(2025, 6, 8)
    assert trial_end(date(2025, 6, 1), make_firm(trial_days=14)) == date(2025, 6, 15)
    assert trial_end(date(2025, 6, 1), None) == date(2025, 6, 8)


def test_trial_event_has_dates_services_and_a_masked_client() -> None:
    data = trial_event(
        today=date(2025, 6, 1),
        firm=make_firm(),
        cause="heavy_loss",
        staff="S9",
        client="李女士13812345678",
    )
    assert data == {
        "cause": "heavy_loss",
        "start": "2025-06-01",
        "end": "2025-06-08",
        "services": ["专属顾问", "盘前短信"],
        "client": "李女士138****5678",
        "staff": "S9",
    }


def test_due_trials_lists_those_ending_by_tomorrow_earliest_first(tmp_path: Path) -> None:
    _session(tmp_path, "late", "S2", date(2025, 6, 1))  # ends 6-08: due today
    _session(tmp_path, "early", "S1", date(2025, 5, 20))  # ended 5-27: overdue
    _session(tmp_path, "tomorrow", "S3", date(2025, 6, 2))  # ends 6-09: tomorrow
    _session(tmp_path, "future", "S4", date(2025, 6, 5))  # ends 6-12: not yet
    due = due_trials(tmp_path, date(2025, 6, 8))
    assert [t.session for t in due] == ["early", "late", "tomorrow"]
    assert [t.days_left(date(2025, 6, 8)) for t in due] == [-12, 0, 1]
    first = due[0]
    assert first.staff == "S1" and first.cause == "poor_service"
    assert first.services == ("专属顾问", "盘前短信")
    assert first.client == "王先生 138****5678"
    assert first.as_dict(date(2025, 6, 8))["days_left"] == -12


def test_damaged_files_do_not_hide_other_trials(tmp_path: Path) -> None:
    _session(tmp_path, "ok", "S1", date(2025, 6, 1))
    (tmp_path / "broken.jsonl").write_text('oops\n{"kind": "start"}\n', encoding="utf-8")
    assert [t.session for t in due_trials(tmp_path, date(2025, 6, 8))] == ["ok"]
