"""`coach watch` as a branch manager runs it: sample, the list, JSON, CSV, plan, records."""

from __future__ import annotations

import csv
import json

import pytest

from coach.cli import main


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "accounts.csv"
    assert main(["watch", "--sample", "40", "--to", str(path), "--month", "2026-11"]) == 0
    return path


def test_sample_refuses_to_overwrite(sample, capsys):
    before = sample.read_bytes()
    assert main(["watch", "--sample", "5", "--to", str(sample)]) == 2
    assert "不覆盖" in capsys.readouterr().err
    assert sample.read_bytes() == before


def test_table_in_chinese_by_default(sample, capsys):
    capsys.readouterr()
    assert main(["watch", str(sample)]) == 0
    out = capsys.readouterr().out
    assert "流失预警" in out and "休眠客户" in out and "大亏客户" in out


def test_json_contract(sample, capsys, tmp_path):
    capsys.readouterr()
    assert main(["watch", str(sample), "--json", "--transcripts", str(tmp_path / "t")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["month"] == "2026-11" and data["rows"] == 480 and data["clients"] == 40
    first = data["flagged"][0]
    assert {"client", "segment", "risk", "indicators", "cause", "outreach", "summary"} <= set(first)
    assert {"id", "family", "figures", "text"} <= set(first["indicators"][0])
    assert data["bad_rows"] == [] and data["bad_row_count"] == 0


def test_csv_output(sample, tmp_path):
    out = tmp_path / "list.csv"
    assert main(["watch", str(sample), "--csv", str(out)]) == 0
    with out.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert rows and rows[0]["rank"] == "1" and rows[0]["outreach"]


def test_plan_and_recorded_attempts(sample, tmp_path, capsys):
    transcripts = tmp_path / "t"
    capsys.readouterr()
    args = ["watch", str(sample), "--plan", "--week", "2026-12-07", "--json",
            "--transcripts", str(transcripts)]
    assert main(args) == 0
    plan = json.loads(capsys.readouterr().out)["plan"]
    first = plan[0]["client"]
    assert main(["watch", "--record", first, "--channel", "phone", "--outcome", "do_not_contact",
                 "--transcripts", str(transcripts)]) == 0
    capsys.readouterr()
    assert main(args) == 0
    again = json.loads(capsys.readouterr().out)["plan"]
    assert first not in {c["client"] for c in again}


def test_bad_rows_go_to_stderr_with_line_numbers(sample, capsys):
    lines = sample.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("2026-", "2026-1", 1)  # month 2026-1MM: not a date
    lines.insert(5, "C9,\x1b[31mboom,1")
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["watch", str(sample)]) == 0
    captured = capsys.readouterr()
    assert "第 4 行" in captured.err and "第 6 行" in captured.err
    assert "\x1b" not in captured.err and "\\x1b" in captured.err


def test_missing_file_and_no_file(tmp_path, capsys):
    assert main(["watch", str(tmp_path / "none.csv")]) == 2
    assert "读不到" in capsys.readouterr().err
    assert main(["watch"]) == 2
    assert "--sample" in capsys.readouterr().err


def test_columns_in_english(capsys):
    assert main(["watch", "--columns", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "transfer_out" in out and "required" in out
