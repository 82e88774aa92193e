"""The SQL report (DuckDB over Parquet and today's files) against the Python reference."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from walkthrough_factories import play

from coach.core.records.compact import COMPACTED, sources
from coach.core.records.report import build_report
from coach.core.records.report_sql import Filters, run_report
from coach.core.records.transcript import TranscriptWriter
from coach.core.records.transcript_read import load_sessions

TZ = timezone(timedelta(hours=8))
OLD = datetime(2026, 11, 2, 10, 0, tzinfo=TZ).timestamp()


def age(folder: Path, when: float = OLD) -> None:
    """Make every day folder and file look untouched for days (closed)."""
    for root, dirs, files in os.walk(folder):
        for name in files + dirs:
            os.utime(Path(root) / name, (when, when), follow_symlinks=False)


def mixed(folder: Path, day: str = "") -> Path:
    play(folder, "a", "competitor_commission", ["accepts", "accepts"], day=day)
    play(folder, "b", "competitor_commission", ["objects", "accepts"], day=day, staff="S2")
    play(folder, "c", "competitor_commission", ["insists", "insists"], day=day)
    play(folder, "d", "competitor_commission", ["insists", "accepts"], day=day, staff="S2")
    play(folder, "e", "relocation", ["accepts"], day=day)
    play(folder, "f", "poor_service", ["objects"], day=day)
    play(folder, "g", "relocation", ["insists"], day=day, mode="practice")
    play(folder, "multi", "competitor_commission",
         ["switch:poor_service", "accepts", "accept_offer", "accepts"], day=day)
    return folder


def python_answer(folder: Path, modes: tuple[str, ...] = ("counter",)) -> dict:
    return build_report(load_sessions(folder).sessions, modes=modes).as_dict()


@pytest.mark.parametrize("modes", [("counter",), ("practice",), ()])
def test_today_files_give_the_python_answer(tmp_path: Path, modes) -> None:
    mixed(tmp_path)
    with TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="old") as w:
        w.event("reaction", cause="heavy_loss", step="s1", technique="apology", reaction="accepts")
        w.event("outcome", cause="heavy_loss", outcome="retained")
        w.event("outcome", cause="heavy_loss", outcome="bogus")
    full = run_report(tmp_path, Filters(modes=modes))
    assert full.report.as_dict() == python_answer(tmp_path, modes)
    assert not (tmp_path / COMPACTED).exists()  # today is never compacted


def test_closed_days_are_compacted_once_and_give_the_same_answer(tmp_path: Path) -> None:
    mixed(tmp_path, day="2026-11-02")
    mixed(tmp_path / "x", day="2026-11-03")  # another folder: ids repeat, files do not
    for day in (tmp_path / "x").iterdir():
        day.rename(tmp_path / day.name)
    (tmp_path / "x").rmdir()
    play(tmp_path, "today", "relocation", ["accepts"])
    expected = python_answer(tmp_path)
    age(tmp_path)
    first = run_report(tmp_path)
    assert first.compacted == ("2026-11-02", "2026-11-03")
    assert first.report.as_dict() == expected
    stored = sorted(p.name for p in (tmp_path / COMPACTED).iterdir())
    assert [name.split(".")[0] for name in stored] == ["2026-11-02", "2026-11-03"]
    again = run_report(tmp_path)
    assert again.compacted == () and again.report.as_dict() == expected
    found = sources(tmp_path)
    assert len(found.parquet) == 2 and [s for _, s, _ in found.live] == [
        p.relative_to(tmp_path).as_posix() for p in tmp_path.glob(f"{date.today()}/*.jsonl")]


def test_a_file_added_to_a_compacted_day_is_counted_once(tmp_path: Path) -> None:
    mixed(tmp_path, day="2026-11-02")
    age(tmp_path)
    assert run_report(tmp_path).compacted == ("2026-11-02",)
    play(tmp_path, "late", "relocation", ["insists"], day="2026-11-02")
    expected = python_answer(tmp_path)
    assert run_report(tmp_path, compact=False).report.as_dict() == expected  # read as it is
    age(tmp_path, OLD + 60)  # (a folder's time put back exactly as it was would hide the change)
    full = run_report(tmp_path)
    assert full.compacted == ("2026-11-02",) and full.report.as_dict() == expected
    assert len(list((tmp_path / COMPACTED).iterdir())) == 1  # the older Parquet is gone


def test_a_day_still_being_written_is_not_compacted(tmp_path: Path) -> None:
    mixed(tmp_path, day="2026-11-02")  # files just written: a visit may still be open
    full = run_report(tmp_path)
    assert full.compacted == () and full.report.sessions == 7


def test_damaged_files_are_named_before_and_after_compaction(tmp_path: Path) -> None:
    mixed(tmp_path, day="2026-11-02")
    day = tmp_path / "2026-11-02"
    (day / "binary.jsonl").write_bytes(b"\x00\xff\n{}\n")
    (day / "torn.jsonl").write_bytes(b'{"kind": "start"}\nnot json\n{"kind": "outcome"}\n')
    (day / "empty.jsonl").write_bytes(b"")
    os.symlink(day / "a.jsonl", day / "link.jsonl")
    expected = python_answer(tmp_path)
    for compact in (False, True):
        age(tmp_path)
        full = run_report(tmp_path, compact=compact, lang="en")
        text = "\n".join(full.warnings)
        assert "binary.jsonl:1" in text and "torn.jsonl:2" in text
        assert "empty.jsonl: empty" in text and "link.jsonl" in text and "symbolic link" in text
        assert full.report.as_dict() == expected
    assert full.compacted == ("2026-11-02",)


def test_filters_by_day_and_staff(tmp_path: Path) -> None:
    mixed(tmp_path, day="2026-11-02")
    play(tmp_path, "n1", "relocation", ["insists"], day="2026-11-10")
    play(tmp_path, "n2", "relocation", ["accepts"], day="2026-11-11", staff="S2")
    report = run_report(tmp_path, Filters(since=date(2026, 11, 10))).report
    assert report.sessions == 2 and report.total.lost == 1
    report = run_report(tmp_path, Filters(until=date(2026, 11, 10))).report
    assert report.sessions == 8
    full = run_report(tmp_path, Filters(staff="S2"))
    assert full.report.sessions == 3
    assert [(r.key, r.sessions) for r in full.by_staff] == [("S2", 3)]
    weeks = {r.key: r.sessions for r in run_report(tmp_path).by_week}
    assert weeks == {"2026-W45": 7, "2026-W46": 2}


def test_by_staff_counts_each_visit_once(tmp_path: Path) -> None:
    full = run_report(mixed(tmp_path))
    rows = {r.key: r for r in full.by_staff}
    assert (rows["S1"].sessions, rows["S2"].sessions) == (5, 2)
    assert rows["S2"].retained == 1 and rows["S2"].trial == 1
    assert sum(r.results + r.unfinished for r in full.by_staff) == full.report.total.results + 1


def _practice(folder: Path, sid: str, staff: str, day: str, score: int) -> None:
    clock = lambda: datetime.fromisoformat(day + "T09:00:00+08:00")  # noqa: E731
    with TranscriptWriter.open(folder, "practice", staff, "v", session_id=sid, clock=clock) as w:
        w.event("persona", id="p", causes=["relocation"], difficulty="easy", seed=1, opening="")
        w.event("scorecard", persona="p", difficulty="easy", score=score, passed=score >= 60)
        w.event("outcome", cause="relocation", outcome="retained", persona="p")


def test_practice_scores_per_trainee_and_week(tmp_path: Path) -> None:
    _practice(tmp_path, "p1", "T1", "2026-11-02", 40)
    _practice(tmp_path, "p2", "T1", "2026-11-03", 80)
    _practice(tmp_path, "p3", "T1", "2026-11-10", 90)
    _practice(tmp_path, "p4", "T2", "2026-11-10", 55)
    with TranscriptWriter.open(tmp_path, "practice", "T2", "v", session_id="gave-up") as w:
        w.event("persona", id="p", causes=["relocation"], difficulty="easy", seed=1, opening="")
    full = run_report(tmp_path)
    assert full.report.sessions == 0  # counter sessions only, as before
    got = [(p.staff, p.week, p.sessions, p.average, p.best, p.worst, p.passed)
           for p in full.practice]
    assert got == [("T1", "2026-W45", 2, 60.0, 80, 40, 1), ("T1", "2026-W46", 1, 90.0, 90, 90, 1),
                   ("T2", "2026-W46", 1, 55.0, 55, 55, 0)]
    assert [p.staff for p in run_report(tmp_path, Filters(staff="T2")).practice] == ["T2"]


def test_misses_are_overrides_and_other(tmp_path: Path) -> None:
    from coach.cli.report_misses import miss_item
    from coach.core.content.labelled import load_phrasings

    with TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="o1") as w:
        w.event("classification", text="他说太贵", leading="poor_service", chosen="competitor_commission")
        w.event("override", text="他说太贵", classifier="poor_service",
                chosen="competitor_commission", via="pick")
    with TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="o2") as w:
        w.event("override", text="他说太贵", classifier="poor_service",
                chosen="competitor_commission", via="second")
        w.event("classification", text="嗯……我再想想\x1b[2J", leading="other", chosen="other")
        w.event("classification", text="就是不想用了", leading="other", chosen="relocation")
    with TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="o3") as w:
        w.event("classification", text="搬家了", leading="relocation", chosen="relocation")
        w.event("classification", text="other then overridden", leading="other", chosen="other")
        w.event("override", text="other then overridden", classifier="other",
                chosen="quick_profit", via="pick")
    misses = run_report(tmp_path, misses=True).misses
    assert [(m.text, m.label, m.why, m.times) for m in misses] == [
        ("他说太贵", "competitor_commission", "override", 2),
        ("嗯……我再想想\x1b[2J", "", "other", 1),
        ("就是不想用了", "relocation", "other", 1),
        ("other then overridden", "quick_profit", "override", 1),
    ]
    items = yaml.safe_load("".join(miss_item(m) for m in misses))
    assert items[0] == {"text": "他说太贵", "causes": ["competitor_commission"],
                        "tags": ["counter", "override"]}
    assert items[1]["text"] == "嗯……我再想想␛[2J" and items[1]["causes"] == []
    assert "\x1b" not in miss_item(misses[1])  # shown, never raw
    assert run_report(tmp_path).misses is None  # only computed when asked
    # once labelled, the items paste into phrasings.yaml as they are
    pasted = tmp_path / "phrasings.yaml"
    pasted.write_text("".join(miss_item(m) for m in misses).replace("causes: []",
                                                                     "causes: [other]"),
                      encoding="utf-8")
    statements, problems = load_phrasings(pasted)
    assert problems == [] and len(statements) == 4
    assert statements[0].causes == ("competitor_commission",)


def test_undecodable_text_is_shown_not_fatal(tmp_path: Path) -> None:
    day = tmp_path / "2026-11-02"
    day.mkdir()
    (day / "s.jsonl").write_text(
        '{"t": "2026-11-02T10:00:00+08:00", "kind": "start", "session": "s", "mode": "counter"}\n'
        '{"t": "2026-11-02T10:00:01+08:00", "kind": "override", "text": "bad \\udc80 byte",'
        ' "classifier": "other", "chosen": "relocation", "via": "pick"}\n', encoding="utf-8")
    for compact in (False, True):
        age(tmp_path)
        full = run_report(tmp_path, compact=compact, misses=True)
        assert [o.text for o in full.report.overrides] == ["bad \\udc80 byte"]
        assert [m.label for m in full.misses] == ["relocation"]
    assert full.compacted == ("2026-11-02",)
