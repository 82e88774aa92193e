"""Client text, transcripts and content never reach the terminal as escape sequences: every
human-readable output shows ESC, OSC and CSI introducers as visible symbols."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.records.transcript import TranscriptWriter

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
HOSTILE = "\x1b]0;PWNED\x07\x1b[2J\x9b2J"


def _no_controls(text: str) -> None:
    for ch in ("\x1b", "\x07", "\x9b"):
        assert ch not in text, repr(text)


def test_classify_table_mode(capsys) -> None:
    assert main(["classify", HOSTILE + "佣金太高了"]) == 0
    out, err = capsys.readouterr()
    _no_controls(out + err)
    assert "␛]0;PWNED␇␛[2J" in out


def test_classify_json_escapes_by_itself(capsys) -> None:
    assert main(["classify", "--json", HOSTILE]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out  # json escapes C0 (C1 is left to readers)
    assert "\\u001b" in out


def test_practice_summary(capsys, tmp_path: Path) -> None:
    replies = tmp_path / "replies.txt"
    replies.write_text(f"您好{HOSTILE}，请问是什么原因呢？\n{HOSTILE}\n", encoding="utf-8")
    code = main(["practice", "--persona", "poor_service_fan", "--replies", str(replies),
                 "--no-record", "--seed", "1"])
    out, err = capsys.readouterr()
    assert code == 0, err
    _no_controls(out + err)


def test_trials_and_report(capsys, tmp_path: Path) -> None:
    with TranscriptWriter.open(tmp_path, "counter", "S1" + HOSTILE, "v", session_id="s1") as w:
        w.event("trial", cause="poor_service" + HOSTILE, start="2025-06-01", end="2025-06-08",
                services=["顾问" + HOSTILE], client="王先生" + HOSTILE, staff="S1" + HOSTILE)
        w.event("step", cause="poor_service" + HOSTILE, step="x")
        w.event("outcome", cause="poor_service" + HOSTILE, outcome="retained",
                deciding_technique="apology" + HOSTILE)
    assert main(["trials", "--all", "--transcripts", str(tmp_path), "--today", "2025-06-08"]) == 0
    out, err = capsys.readouterr()
    _no_controls(out + err)
    assert "S1␛]0;PWNED␇" in out  # the staff id, shown, never acted on
    assert main(["report", "--transcripts", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    _no_controls(out + err)
    assert "PWNED" in out


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "playbooks"
    shutil.copytree(MINI, copy)
    return copy


def test_validate_refuses_escapes_in_yaml_and_shows_names_safely(root: Path, capsys) -> None:
    techniques = root / "techniques.yaml"
    text = techniques.read_text(encoding="utf-8")
    techniques.write_text('# x\n' + text.replace("techniques:", 'note: "\\e]0;PWNED\\a"\ntechniques:', 1),
                          encoding="utf-8")
    (root / "cases" / (HOSTILE.replace("/", "") + ".yaml")).write_text("cause: [\n", encoding="utf-8")
    assert main(["validate", str(root)]) == 1
    out, err = capsys.readouterr()
    _no_controls(out + err)
    line = techniques.read_text(encoding="utf-8").splitlines().index('note: "\\e]0;PWNED\\a"') + 1
    assert f"techniques.yaml:{line}:7: error bad-character:" in out and "U+001B" in out
    assert "cases/␛]0;PWNED␇␛[2J" in out
