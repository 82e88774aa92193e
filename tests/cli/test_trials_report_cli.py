from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import coach.cli.report as report_cli
from coach.cli import main
from coach.core.records.transcript import TranscriptWriter


def _trial(folder: Path, sid: str, start: str, staff: str = "S1") -> None:
    with TranscriptWriter.open(folder, "counter", staff, "v", session_id=sid) as w:
        end = date.fromisoformat(start).toordinal() + 7
        w.event(
            "trial",
            cause="poor_service",
            start=start,
            end=date.fromordinal(end).isoformat(),
            services=["专属顾问"],
            client="王先生 13812345678",
            staff=staff,
        )


@pytest.fixture
def trials_dir(tmp_path: Path) -> Path:
    _trial(tmp_path, "overdue", "2025-05-20")
    _trial(tmp_path, "today", "2025-06-01", staff="S2")
    _trial(tmp_path, "later", "2025-06-10")
    return tmp_path


def test_trials_lists_the_due_ones_in_chinese(trials_dir: Path, capsys) -> None:
    code = main(["trials", "--transcripts", str(trials_dir), "--today", "2025-06-08"])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    assert "2 位" in lines[0]
    assert lines[1].startswith("2025-05-27  已过期12天  会话 overdue")
    assert lines[2].startswith("2025-06-08  今天到期  会话 today  员工 S2")
    assert "客户 王先生 138****5678" in lines[2] and "服务：专属顾问" in lines[2]
    assert "later" not in out


def test_trials_all_and_json(trials_dir: Path, capsys) -> None:
    main(["trials", "--all", "--json", "--transcripts", str(trials_dir), "--today", "2025-06-08"])
    data = json.loads(capsys.readouterr().out)
    assert data["today"] == "2025-06-08"
    assert [t["session"] for t in data["trials"]] == ["overdue", "today", "later"]
    assert data["trials"][2]["days_left"] == 9


def test_trials_with_nothing_due_says_so(tmp_path: Path, capsys) -> None:
    assert main(["trials", "--transcripts", str(tmp_path)]) == 0
    assert "没有需要回访" in capsys.readouterr().out
    assert main(["trials", "--transcripts", str(tmp_path), "--lang", "en"]) == 0
    assert "No trials" in capsys.readouterr().out


def test_trials_warns_about_damaged_files_on_stderr(trials_dir: Path, capsys) -> None:
    (trials_dir / "bad.jsonl").write_text("garbage\n{}\n", encoding="utf-8")
    code = main(["trials", "--json", "--transcripts", str(trials_dir), "--today", "2025-06-08"])
    out, err = capsys.readouterr()
    assert code == 0 and "bad.jsonl:1" in err
    assert len(json.loads(out)["trials"]) == 2


def test_trials_bad_date_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["trials", "--transcripts", str(tmp_path), "--today", "6/8"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def _outcome(
    folder: Path, sid: str, cause: str, outcome: str, technique: str, mode: str = "counter"
) -> None:
    with TranscriptWriter.open(folder, mode, "S1", "v", session_id=sid) as w:
        w.event("step", cause=cause, step="s", technique=technique)
        w.event("outcome", cause=cause, outcome=outcome, deciding_technique=technique)


@pytest.fixture
def outcomes_dir(tmp_path: Path) -> Path:
    _outcome(tmp_path, "a", "competitor_commission", "retained", "commission_math")
    _outcome(tmp_path, "b", "competitor_commission", "lost", "one_week_trial")
    _outcome(tmp_path, "c", "relocation", "transfer_within_firm", "transfer_within_firm")
    _outcome(tmp_path, "p", "relocation", "lost", "graceful_exit", mode="practice")
    return tmp_path


def test_report_json(outcomes_dir: Path, capsys) -> None:
    assert main(["report", "--json", "--transcripts", str(outcomes_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sessions"] == 3
    rows = {r["cause"]: r for r in data["by_cause"]}
    assert rows["competitor_commission"] == {
        "cause": "competitor_commission",
        "sessions": 2,
        "retained": 1,
        "trial": 0,
        "transfer_within_firm": 0,
        "lost": 1,
        "unfinished": 0,
        "retention_rate": 0.5,
        "second_causes": {},
    }
    assert rows["relocation"]["transfer_within_firm"] == 1
    assert {r["technique"] for r in data["by_technique"]} == {
        "commission_math",
        "one_week_trial",
        "transfer_within_firm",
    }


def test_report_mode_all_counts_practice(outcomes_dir: Path, capsys) -> None:
    main(["report", "--json", "--mode", "all", "--transcripts", str(outcomes_dir)])
    assert json.loads(capsys.readouterr().out)["sessions"] == 4


def test_report_table_uses_names_from_the_playbooks(
    outcomes_dir: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(
        report_cli,
        "load_labels",
        lambda folder, lang: {"competitor_commission": "[bold]佣金竞争[/bold]"},
    )
    assert main(["report", "--transcripts", str(outcomes_dir)]) == 0
    out = capsys.readouterr().out
    assert "共 3 个会话，3 个结果，挽留率 67%" in out
    assert "[bold]佣金竞争[/bold] (competitor_commission)" in out  # YAML text is never markup
    assert "relocation" in out and "100%" in out and "50%" in out
    assert "按决定结果的话术技巧" in out and "commission_math" in out


def test_report_on_an_empty_folder(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(report_cli, "load_labels", lambda folder, lang: {})
    assert main(["report", "--transcripts", str(tmp_path)]) == 0
    assert "还没有会话记录" in capsys.readouterr().out


def test_report_on_a_missing_folder_is_an_error(tmp_path: Path, capsys) -> None:
    assert main(["report", "--transcripts", str(tmp_path / "nope")]) == 2
    assert "nope" in capsys.readouterr().err


def test_report_names_every_skipped_file(outcomes_dir: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(report_cli, "load_labels", lambda folder, lang: {})
    (outcomes_dir / "binary.jsonl").write_bytes(b"\x00\xff\n{}\n")
    (outcomes_dir / "deep.jsonl").write_bytes(b"[" * 100_000 + b"\n{}\n")
    assert main(["report", "--json", "--transcripts", str(outcomes_dir)]) == 0
    out, err = capsys.readouterr()
    assert "binary.jsonl:1" in err and "deep.jsonl:1" in err
    assert json.loads(out)["sessions"] == 3


def test_report_lists_overrides_with_escapes_visible(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(report_cli, "load_labels", lambda folder, lang: {})
    with TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="o") as w:
        w.event("override", text="太贵\x1b]0;PWNED\x07\x1b[2J", classifier="poor_service",
                chosen="competitor_commission", via="pick")
    assert main(["report", "--overrides", "--transcripts", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "poor_service → 员工选 competitor_commission（F5）" in out
    assert "\x1b" not in out and "\\x1b]0;PWNED\\x07" in out
