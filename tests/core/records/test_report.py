from __future__ import annotations

from pathlib import Path

import pytest
from walkthrough_factories import play

from coach.core.records.report import build_report
from coach.core.records.transcript import TranscriptWriter
from coach.core.records.transcript_read import load_sessions


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    play(tmp_path, "a", "competitor_commission", ["accepts", "accepts"])  # math kept
    play(tmp_path, "b", "competitor_commission", ["objects", "accepts"])  # brand kept
    play(tmp_path, "c", "competitor_commission", ["insists", "insists"])  # lost after trial step
    play(tmp_path, "d", "competitor_commission", ["insists", "accepts"])  # trial
    play(tmp_path, "e", "relocation", ["accepts"])  # transfer
    play(tmp_path, "f", "poor_service", ["objects"])  # unfinished
    play(tmp_path, "g", "relocation", ["insists"], mode="practice")  # role-play: not counted
    return tmp_path


def test_outcomes_by_cause(folder: Path) -> None:
    report = build_report(load_sessions(folder).sessions)
    assert report.sessions == 6
    rows = {r.key: r for r in report.by_cause}
    commission = rows["competitor_commission"]
    assert (commission.sessions, commission.retained, commission.trial, commission.lost) == (
        4,
        2,
        1,
        1,
    )
    assert commission.retention_rate == pytest.approx(0.75)
    relocation = rows["relocation"]
    assert (relocation.transfer_within_firm, relocation.lost, relocation.retention_rate) == (
        1,
        0,
        1.0,
    )
    service = rows["poor_service"]
    assert (service.unfinished, service.results, service.retention_rate) == (1, 0, None)
    assert report.total.results == 5 and report.total.lost == 1


def test_outcomes_by_the_technique_that_decided_them(folder: Path) -> None:
    rows = {r.key: r for r in build_report(load_sessions(folder).sessions).by_technique}
    assert rows["commission_math"].retained == 1
    assert rows["brand_strength"].retained == 1
    assert (rows["one_week_trial"].trial, rows["one_week_trial"].lost) == (1, 1)
    assert rows["transfer_within_firm"].transfer_within_firm == 1


def test_practice_sessions_count_only_when_asked(folder: Path) -> None:
    sessions = load_sessions(folder).sessions
    assert build_report(sessions, modes=("practice",)).by_cause[0].lost == 1
    assert build_report(sessions, modes=()).sessions == 7


def test_the_last_outcome_for_a_cause_in_a_session_counts(tmp_path: Path) -> None:
    with TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="redo") as w:
        w.event(
            "outcome", cause="relocation", outcome="lost", deciding_technique="transfer_within_firm"
        )
        w.event("outcome", cause="relocation", outcome="retained", deciding_technique="empathy")
    report = build_report(load_sessions(tmp_path).sessions)
    [row] = report.by_cause
    assert (row.retained, row.lost) == (1, 0)
    assert [r.key for r in report.by_technique] == ["empathy"]


def test_older_outcome_events_fall_back_to_the_last_reaction(tmp_path: Path) -> None:
    with TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="old") as w:
        w.event("reaction", cause="heavy_loss", step="s1", technique="apology", reaction="accepts")
        w.event("outcome", cause="heavy_loss", outcome="retained")
    [row] = build_report(load_sessions(tmp_path).sessions).by_technique
    assert (row.key, row.retained) == ("apology", 1)


def test_a_two_cause_visit_counts_once_under_its_leading_cause(tmp_path: Path) -> None:
    play(
        tmp_path,
        "multi",
        "competitor_commission",
        ["switch:poor_service", "accepts", "accept_offer", "accepts"],
    )
    report = build_report(load_sessions(tmp_path).sessions)
    assert [(r.key, r.retained, r.second) for r in report.by_cause] == [
        ("competitor_commission", 1, (("poor_service", 1),))
    ]
    assert len(report.by_technique) == 1
    data = report.as_dict()
    assert data["total"]["retained"] == 1 and data["total"]["retention_rate"] == 1.0
    assert data["by_cause"][0]["second_causes"] == {"poor_service": 1}


def test_unfinished_visits_are_apart_from_the_rate(tmp_path: Path) -> None:
    from coach.core.records.transcript import TranscriptWriter

    with TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="kept") as w:
        w.event("step", cause="relocation", step="s", technique="empathy")
        w.event("outcome", cause="relocation", outcome="retained", deciding_technique="empathy")
    for sid in ("left1", "left2"):
        with TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id=sid) as w:
            w.event("step", cause="relocation", step="s", technique="empathy")
            w.event("unfinished", cause="relocation", step="s", technique="empathy", reason="quit")
    report = build_report(load_sessions(tmp_path).sessions)
    assert report.total.unfinished == 2 and report.total.results == 1
    assert report.total.retention_rate == 1.0
    assert report.as_dict()["unfinished"] == 2


def test_overrides_are_listed(tmp_path: Path) -> None:
    from coach.core.records.transcript import TranscriptWriter

    with TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="o") as w:
        w.event("override", text="他说太贵", classifier="poor_service", chosen="competitor_commission", via="pick")
    [override] = build_report(load_sessions(tmp_path).sessions).overrides
    assert (override.text, override.classifier, override.chosen, override.via) == (
        "他说太贵", "poor_service", "competitor_commission", "pick"
    )
