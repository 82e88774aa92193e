"""The `coach classify` contract: other programs rely on it."""

import json
import os
import subprocess
import sys

from coach.cli import main
from coach.core.content.model import CAUSE_IDS

COACH = [sys.executable, "-m", "coach"]


def test_json_line_per_text_argument(capsys):
    assert main(["classify", "--json", "搬家了，太远", "那边开户送油"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert set(first) >= {"text", "causes", "ranking", "ambiguous"}
    assert first["text"] == "搬家了，太远"
    assert first["causes"][0] == {"id": "relocation", "score": first["causes"][0]["score"]}
    assert [r["id"] for r in first["ranking"]][0] == "relocation"
    assert sorted(r["id"] for r in first["ranking"]) == sorted(CAUSE_IDS)
    assert all({"id", "score", "matched"} <= set(r) for r in first["ranking"])
    assert json.loads(lines[1])["causes"][0]["id"] == "signup_gifts"


def test_stdin_lines_including_bad_input_each_get_an_answer():
    lines = ["佣金不降我就走", "", "\x01\x02控制字符", "😀😀😀", "a" * 100_000, "[bold]x[/bold]"]
    proc = subprocess.run(
        [*COACH, "classify", "--json"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    answers = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(answers) == len(lines)
    assert answers[0]["causes"][0]["id"] == "fee_cut_ultimatum"
    assert answers[1]["causes"][0]["id"] == "other"
    assert answers[5]["text"] == "[bold]x[/bold]"
    assert "Traceback" not in proc.stderr


def test_streams_one_answer_per_line_as_it_is_read():
    proc = subprocess.Popen(
        [*COACH, "classify", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "0"},
    )
    try:
        assert proc.stdin and proc.stdout
        proc.stdin.write("搬家，太远\n".encode())
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())  # answered while stdin is still open
        assert first["causes"][0]["id"] == "relocation"
        proc.stdin.write("那边给我万一免五\n".encode())
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["causes"][0]["id"] == "competitor_commission"
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 0


def test_table_shows_client_text_literally(capsys):
    assert main(["classify", "[bold]不降佣金我就走[/bold] [@click=app.quit]"]) == 0
    out = capsys.readouterr().out
    assert "[bold]不降佣金我就走[/bold] [@click=app.quit]" in out
    assert "降佣要求" in out


def test_english_names_with_lang_en(capsys):
    assert main(["classify", "--lang", "en", "搬家了，太远"]) == 0
    assert "Relocation" in capsys.readouterr().out
