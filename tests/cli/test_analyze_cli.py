"""The `coach analyze` contract: one JSON object per reply, detected labels only, best first."""

from __future__ import annotations

import json
import subprocess
import sys

from coach.cli import main

COACH = [sys.executable, "-m", "coach"]
KEYS = {"text", "techniques", "violations", "asked_question", "figures"}


def _check_shape(answer: dict) -> None:
    assert KEYS <= set(answer)
    assert isinstance(answer["asked_question"], bool)
    for kind in ("techniques", "violations"):
        scores = [item["score"] for item in answer[kind]]
        assert scores == sorted(scores, reverse=True), "best first"
        for item in answer[kind]:
            assert set(item) == {"id", "score", "matched"}
            assert 0.5 <= item["score"] <= 1.0, "only labels at or above their threshold"
            assert item["matched"], "a decision shows its words"
            for m in item["matched"]:
                assert set(m) == {"start", "end", "text"}
                assert answer["text"][m["start"]:m["end"]] == m["text"]


def test_one_json_object_per_text(capsys) -> None:
    replies = ["那种小公司您也敢把钱放过去？迟早关门。",
               "王先生您好，请坐，您先别急，方便说说那边报给您的佣金是多少吗？"]
    assert main(["analyze", "--json", *replies]) == 0
    answers = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [a["text"] for a in answers] == replies
    for answer in answers:
        _check_shape(answer)
    assert [v["id"] for v in answers[0]["violations"]] == ["disparage_competitor"]
    assert answers[0]["techniques"] == []
    assert "listen_and_clarify" in [t["id"] for t in answers[1]["techniques"]]
    assert answers[1]["violations"] == []
    assert answers[1]["asked_question"] is True


def test_figures_carry_their_place(capsys) -> None:
    reply = "您一笔一万块，两边都按每笔最低5元收，一年差不了几块钱。"
    assert main(["analyze", "--json", reply]) == 0
    answer = json.loads(capsys.readouterr().out)
    minimum = [f for f in answer["figures"] if f["name"] == "minimum"]
    assert minimum and reply[minimum[0]["start"]:minimum[0]["end"]] == minimum[0]["text"] == "5元"


def test_stdin_streams_and_bad_input_never_breaks_it() -> None:
    lines = ["您先消消气，这事确实是我们做得不好。", "", "\x01\x02控制字符\x1b[31m", "😀😀😀",
             "a" * 10_000_000, "[bold]你爱转不转[/bold]"]
    proc = subprocess.run(
        [*COACH, "analyze", "--json"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    answers = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(answers) == len(lines)
    for answer in answers:
        _check_shape(answer)
    assert "apology" in [t["id"] for t in answers[0]["techniques"]]
    assert answers[1] == {"text": "", "techniques": [], "violations": [], "asked_question": False,
                          "figures": []}
    huge = answers[4]
    assert huge["techniques"] == huge["violations"] == [] and "error" in huge
    assert "line 5" in proc.stderr and "10,000,000" in proc.stderr
    assert [v["id"] for v in answers[5]["violations"]] == ["rude_words"]


def test_the_table_shows_text_literally() -> None:
    proc = subprocess.run(
        [*COACH, "analyze", "[red]别信他们[/red]，他们就是骗人的\x1b[2J"],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "[red]别信他们[/red]" in proc.stdout
    assert "\x1b[2J" not in proc.stdout
    assert "disparage_competitor" in proc.stdout
