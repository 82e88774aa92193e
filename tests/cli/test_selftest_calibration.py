"""`coach test` shows how far the confidence can be trusted."""

import json

from coach.cli import main


def test_coach_test_prints_the_reliability_table_and_ece(capsys):
    main(["test", "--lang", "en"])
    out = capsys.readouterr().out
    assert "reliability (cross-validation" in out and "ECE " in out


def test_coach_test_json_carries_the_calibration(capsys):
    main(["test", "--json"])
    report = json.loads(capsys.readouterr().out)
    [cv] = report["calibration"]
    assert cv["source"] == "cross-validation" and cv["total"] >= 1000
    assert 0 <= cv["ece"] < 0.05
    assert sum(b["count"] for b in cv["buckets"]) == cv["total"]
