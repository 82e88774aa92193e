"""`coach practice`: the JSON contract, the listing, and clear errors (never a traceback)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from practice_scripts import SCRIPTS

from coach.cli import main

REPO = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["practice", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--list", "--json")
    assert code == 0
    rows = json.loads(out)
    ids = {row["id"] for row in rows}
    assert {"poor_service_fan", "stubborn_li", "fee_cut_chen"} <= ids
    for row in rows:
        assert set(row) >= {"id", "causes", "difficulty", "background"}
        assert row["difficulty"] in ("easy", "normal", "hard")
        assert bool(row["causes"]) != bool(row["outreach"])  # at the counter, or a call
    calls = {row["id"]: row["outreach"] for row in rows if row["outreach"]}
    assert calls == {"call_dormant_he": "dormant_call", "call_dormant_lao_li": "dormant_call",
                     "call_heavy_loss_tang": "heavy_loss_call"}


def test_list_text_is_one_line_per_persona(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 15
    assert lines[0].startswith("call_dormant_he") and "电话回访:dormant_call" in lines[0]
    assert any(line.startswith("competitor_commission_jiang") and "蒋女士" in line for line in lines)


def test_scripted_session_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "--persona", "poor_service_fan", "--replies",
                         str(SCRIPTS / "poor_service_fan.txt"), "--json", "--seed", "5",
                         "--transcripts", str(tmp_path), "--staff", "S007")
    assert code == 0, err
    card = json.loads(out)
    assert 0 <= card["score"] <= 100 and card["score"] >= 80
    assert card["outcome"] == "retained"
    assert "apology" in card["techniques"] and card["violations"] == []
    assert isinstance(card["missed_techniques"], list)
    assert len(card["version"]) == 12
    turn = card["turns"][0]
    for key in ("reply", "techniques", "violations", "asked_question", "persona", "mood"):
        assert key in turn
    assert turn["asked_question"] is True
    assert Path(card["transcript"]).is_file()


def test_poor_replies_score_low_and_name_the_violations(capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    code, out, _ = run(capsys, "--persona", "competitor_commission_jiang", "--replies",
                       str(SCRIPTS / "poor.txt"), "--json", "--seed", "5", "--no-record",
                       "--transcripts", str(tmp_path))
    assert code == 0
    card = json.loads(out)
    assert card["score"] < 40 and card["outcome"] == "lost"
    assert {"argue_with_client", "disparage_competitor", "promise_returns"} <= set(card["violations"])
    assert not tmp_path.exists() or not any(tmp_path.rglob("*.jsonl"))


def test_same_seed_same_output(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("--persona", "stubborn_li", "--replies", str(SCRIPTS / "stubborn_li.txt"), "--json",
            "--seed", "9", "--no-record", "--difficulty", "hard")
    first = json.loads(run(capsys, *argv)[1])
    second = json.loads(run(capsys, *argv)[1])
    assert first == second
    assert first["difficulty"] == "hard" and first["seed"] == 9


def test_replies_from_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("您好，请坐。\n\n这件事是我们没做好，向您道歉。\n"))
    code, out, _ = run(capsys, "--persona", "poor_service_fan", "--replies", "-", "--json", "--no-record")
    assert code == 0
    assert [t["reply"] for t in json.loads(out)["turns"]] == ["您好，请坐。", "这件事是我们没做好，向您道歉。"]


def test_readable_chinese_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--persona", "other_zhao", "--replies", str(SCRIPTS / "poor.txt"),
                       "--seed", "1", "--no-record")
    assert code == 0
    assert "得分" in out and "违规" in out and "可以这样说" in out


def test_unknown_persona_suggests_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--persona", "poor_servce_fan", "--replies", "-", "--json")
    assert code == 2 and out == ""
    assert "poor_servce_fan" in err and "poor_service_fan" in err


def test_unreadable_replies_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--persona", "poor_service_fan", "--replies", str(tmp_path / "nope.txt"))
    assert code == 2 and "nope.txt" in err and "Traceback" not in err


def test_replies_need_a_persona(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--replies", "-")
    assert code == 2 and "--persona" in err


def test_broken_scoring_file_is_a_message(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "playbooks"
    shutil.copytree(REPO / "playbooks", root)
    (root / "scoring.yaml").write_text("checks: [\n", encoding="utf-8")
    code, _, err = run(capsys, "--playbooks", str(root), "--persona", "poor_service_fan",
                       "--replies", str(SCRIPTS / "poor.txt"), "--no-record")
    assert code == 1 and "scoring.yaml" in err


def test_the_real_command(tmp_path: Path) -> None:
    """As benchmarks run it: a subprocess, JSON on stdout, nothing on stderr."""
    result = subprocess.run(
        [sys.executable, "-m", "coach", "practice", "--persona", "fee_cut_chen", "--replies",
         str(SCRIPTS / "poor.txt"), "--json", "--transcripts", str(tmp_path)],
        capture_output=True, text=True, encoding="utf-8", cwd=REPO, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout)["persona"] == "fee_cut_chen"


def test_a_disk_full_is_one_notice_and_the_scorecard_still_prints(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from coach.core.records import transcript

    real = transcript.os.fsync
    calls = {"n": 0}

    def fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] > 5:  # the session starts, then the disk fills up
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(transcript.os, "fsync", fsync)
    code, out, err = run(capsys, "--persona", "poor_service_fan", "--replies",
                         str(SCRIPTS / "poor_service_fan.txt"), "--json", "--transcripts", str(tmp_path))
    assert code == 0
    assert "score" in json.loads(out)
    assert err.count("No space left") + err.count("设备上没有空间") == 1, err
    assert "Traceback" not in err


def test_undecodable_staff_id_is_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coach", "practice", "--persona", "poor_service_fan", "--replies",
         str(SCRIPTS / "poor_service_fan.txt"), "--json", "--transcripts", str(tmp_path),
         "--staff", b"S\xff".decode("utf-8", "surrogateescape")],
        capture_output=True, text=True, errors="replace", cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "score" in json.loads(result.stdout)


def test_an_empty_replies_file_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n  \n", encoding="utf-8")
    code, out, err = run(capsys, "--persona", "poor_service_fan", "--replies", str(empty), "--json",
                         "--no-record")
    assert code == 2 and out == ""
    assert str(empty) in err


def test_running_out_of_replies_is_unfinished_not_lost(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text("您好，请问有什么可以帮您？\n", encoding="utf-8")
    code, out, err = run(capsys, "--persona", "stubborn_li", "--replies", str(one), "--json",
                         "--no-record", "--seed", "1")
    assert code == 0, err
    card = json.loads(out)
    assert card["outcome"] == "unfinished"
    trial = next(c for c in card["checks"] if c["id"] == "trial_before_letting_go")
    assert trial["applies"] is False


def test_the_summary_shows_the_clients_last_words_and_explains_the_marks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "--persona", "poor_service_fan", "--replies",
                       str(SCRIPTS / "poor_service_fan.txt"), "--no-record", "--seed", "5")
    assert code == 0
    assert "客户最后说：" in out
    assert "- 不适用" in out and "✗ 未做到" in out


def test_a_scripted_call(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "--persona", "call_heavy_loss_tang", "--replies",
                         str(SCRIPTS / "own_words" / "call_heavy_loss_tang.txt"), "--json",
                         "--seed", "5", "--transcripts", str(tmp_path))
    assert code == 0, err
    card = json.loads(out)
    assert card["passed"] and card["outcome"] == "appointment" and card["violations"] == []
    assert card["outreach"] == "heavy_loss_call" and card["causes"] == []
    assert {"call_opening", "respect_wish", "good_call_outcome"} <= {c["id"] for c in card["checks"]}
    events = [json.loads(line) for line in Path(card["transcript"]).read_text().splitlines()]
    assert any(e.get("kind") == "persona" and e.get("outreach") == "heavy_loss_call" for e in events)


def test_a_poor_call_names_the_pressure(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    replies = tmp_path / "poor-call.txt"
    replies.write_text("喂，跟您说个事，今天必须定下来，错过就没了。\n"
                       "跟着我们做，保证赚钱。\n", encoding="utf-8")
    code, out, _ = run(capsys, "--persona", "call_dormant_he", "--replies", str(replies),
                       "--no-record")
    assert code == 0
    assert "未达合格线" in out and "施压逼迫" in out and "承诺收益" in out
    code, out, _ = run(capsys, "--persona", "call_dormant_he", "--replies", str(replies),
                       "--no-record", "--lang", "en")
    assert code == 0
    assert "below the pass mark" in out and "Pressure" in out


def test_list_in_english_marks_the_calls(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--list", "--lang", "en")
    assert code == 0
    assert "call:heavy_loss_call" in out and "Ms Tang" in out
