"""Contact attempts: appended safely, read back, bad lines named, unknown values refused."""

from __future__ import annotations

import stat
from datetime import date

import pytest

from coach.core.errors import CoachError
from coach.core.outreach.attempts import Attempt, attempts_path, blocked, load_attempts, record


def test_record_and_load(tmp_path):
    path = record(tmp_path, Attempt("C1", "phone", "appointment", date(2026, 12, 8), "S1", "周三来"))
    record(tmp_path, Attempt("C2", "sms", "do_not_contact", date(2026, 12, 8)))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    found, warnings = load_attempts(tmp_path)
    assert [a.client for a in found] == ["C1", "C2"] and warnings == []
    assert found[0].note == "周三来"
    assert blocked(found) == {"C2"}


@pytest.mark.parametrize("attempt", [
    Attempt("C1", "fax", "appointment", date(2026, 12, 8)),
    Attempt("C1", "phone", "won", date(2026, 12, 8)),
])
def test_unknown_channel_or_outcome_is_refused(tmp_path, attempt):
    with pytest.raises(CoachError):
        record(tmp_path, attempt)
    assert not attempts_path(tmp_path).exists()


def test_bad_lines_are_named_and_skipped(tmp_path):
    record(tmp_path, Attempt("C1", "phone", "declined", date(2026, 12, 8)))
    path = attempts_path(tmp_path)
    with path.open("a", encoding="utf-8") as f:
        f.write("{not json\n" + "[" * 100_000 + "\n" + '{"client": "C2"}\n')
    found, warnings = load_attempts(tmp_path)
    assert [a.client for a in found] == ["C1"]
    assert [w.split(":")[-2] for w in warnings] == ["2", "3", "4"]


def test_write_error_is_a_coach_error(tmp_path):
    folder = tmp_path / "outreach"
    folder.write_text("a file where the folder should be")
    with pytest.raises(CoachError):
        record(tmp_path, Attempt("C1", "phone", "declined", date(2026, 12, 8)))
