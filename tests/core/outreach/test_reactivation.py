"""Reactivation is measured on the month before the first contact against the latest after."""

from __future__ import annotations

import json
from datetime import date

from exports import rows, write

from coach.cli import main
from coach.core.outreach.attempts import Attempt, record
from coach.core.outreach.reactivation import reactivation

QUIET = {"trades": 0, "commission": 0, "turnover": 0, "products": 0}
BUSY = {"trades": 12, "commission": 150, "turnover": 600_000, "products": 2}


def _export(tmp_path):
    # C1 went quiet from 2026-03 and is contacted in 2026-06; from 2026-08 it trades again.
    c1 = rows("C1", **{f"m{i}": dict(QUIET) for i in range(4, 9)},
              **{f"m{i}": dict(BUSY) for i in range(0, 4)})
    c2 = rows("C2", **{f"m{i}": dict(QUIET) for i in range(0, 9)})  # contacted, still quiet
    return write(tmp_path / "export.csv", c1 + c2)


def test_measures_count_what_clients_did_after_the_call(tmp_path):
    attempts = [Attempt("C1", "phone", "appointment", date(2026, 6, 10)),
                Attempt("C1", "visit", "resumed_trading", date(2026, 6, 20)),
                Attempt("C2", "sms", "no_answer", date(2026, 6, 11))]
    result = reactivation(attempts, _export(tmp_path))
    assert result.attempts == 3 and result.contacted == 2 and result.measured == 2
    assert result.counts == {"resumed": 1, "more_volume": 1, "more_products": 1,
                             "more_often": 1, "more_commission": 1}
    assert result.by_outcome == {"appointment": 1, "resumed_trading": 1, "no_answer": 1}


def test_without_accounts_only_the_outcomes(tmp_path):
    result = reactivation([Attempt("C1", "phone", "declined", date(2026, 6, 10))])
    assert result.counts is None and result.by_channel == {"phone": 1}


def test_report_outreach_json(tmp_path, capsys):
    transcripts = tmp_path / "t"
    record(transcripts, Attempt("C1", "phone", "appointment", date(2026, 6, 10)))
    assert main(["report", "--outreach", "--json", "--transcripts", str(transcripts),
                 "--accounts", str(_export(tmp_path))]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["measures"]["resumed"] == 1 and data["by_outcome"] == {"appointment": 1}


def test_report_outreach_table_in_chinese(tmp_path, capsys):
    transcripts = tmp_path / "t"
    record(transcripts, Attempt("C1", "phone", "appointment", date(2026, 6, 10)))
    assert main(["report", "--outreach", "--transcripts", str(transcripts),
                 "--accounts", str(_export(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "恢复交易" in out and "约好面谈" in out
