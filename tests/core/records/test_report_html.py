"""`coach report --html`: one self-contained page; rendered in headless Chromium, offline, it
shows the charts (their colours in the screenshot, their marks in the DOM)."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

import coach.cli.report as report_cli
from coach.cli import main
from coach.core.records.transcript import TranscriptWriter

CHROMIUM = next((found for name in ("chromium", "chromium-browser", "google-chrome")
                 if (found := shutil.which(name))), None)


def _visit(folder: Path, sid: str, day: str, staff: str, cause: str, outcome: str,
           technique: str) -> None:
    clock = lambda: datetime.fromisoformat(day + "T10:00:00+08:00")  # noqa: E731
    with TranscriptWriter.open(folder, "counter", staff, "v", session_id=sid, clock=clock) as w:
        w.event("step", cause=cause, step="s", technique=technique)
        if outcome:
            w.event("outcome", cause=cause, outcome=outcome, deciding_technique=technique)


def _practice(folder: Path, sid: str, staff: str, day: str, score: int) -> None:
    clock = lambda: datetime.fromisoformat(day + "T09:00:00+08:00")  # noqa: E731
    with TranscriptWriter.open(folder, "practice", staff, "v", session_id=sid, clock=clock) as w:
        w.event("scorecard", persona="p", difficulty="easy", score=score, passed=score >= 60)


@pytest.fixture
def page(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "t"
    plan = [("competitor_commission", "retained", "commission_math"),
            ("competitor_commission", "lost", "one_week_trial"),
            ("relocation", "transfer_within_firm", "transfer_within_firm"),
            ("poor_service", "", "apology")]
    for week, day in enumerate(("2026-11-02", "2026-11-09", "2026-11-16")):
        for i, (cause, outcome, technique) in enumerate(plan * 3):
            staff = "S1" if i % 2 else "</script><b>S2"
            _visit(folder, f"{day}-{i}", day, staff, cause, outcome, technique)
        _practice(folder, f"p{week}", "T1", day, 40 + 20 * week)
        _practice(folder, f"q{week}", "T2", day, 70 + 5 * week)
    monkeypatch.setattr(report_cli, "load_labels", lambda folder, lang: {})
    out = tmp_path / "report.html"
    assert main(["report", "--transcripts", str(folder), "--html", str(out)]) == 0
    return out


def test_the_page_is_self_contained(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert "<script src=" not in html and "cdn.jsdelivr" not in html
    assert "vegaEmbed" in html and len(html) > 200_000  # the libraries are inline
    assert "</script><b>" not in html  # data cannot close the script it sits in
    for title in ("按原因", "练习得分"):
        assert title in html or json.dumps(title)[1:-1] in html


def _chromium(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: nothing may come from the network
         "--virtual-time-budget=10000", *args],
        capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed "
                    "(Debian: apt-get install chromium; .ci/run installs it when it can)")
def test_chromium_draws_the_charts(page: Path, tmp_path: Path) -> None:
    image = pytest.importorskip("PIL.Image", reason="Pillow reads the screenshot")
    dom = _chromium("--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert dom.stdout.count("mark-rect") >= 4  # cause, technique, staff and week bars
    assert dom.stdout.count("mark-line") >= 2  # weekly rate and practice scores
    assert "S2" in dom.stdout and "T1" in dom.stdout
    shot = tmp_path / "shot.png"
    done = _chromium("--window-size=1000,2600", f"--screenshot={shot}", page.as_uri())
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    picture = image.open(shot).convert("RGB")
    counts = {c: n for n, c in picture.getcolors(maxcolors=1 << 20)}
    colours = {"retained": (0x2E, 0x7D, 0x32), "lost": (0xD3, 0x2F, 0x2F),
               "transfer": (0x19, 0x76, 0xD2), "unfinished": (0xBD, 0xBD, 0xBD),
               "weekly visits": (0x90, 0xCA, 0xF9),
               "second trainee's scores": (0xF5, 0x85, 0x18)}  # Vega's second category colour
    for name, rgb in colours.items():
        assert counts.get(rgb, 0) > 100, f"no {name} in the picture"
    assert len(counts) > 50  # lines, points, text: more than a blank page
