"""Random walks: every path ends in an outcome, every line fills, every step is reached."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.core.content.library import load_library
from coach.core.content.model import Playbook, Step, Text
from coach.core.workbench.walks import sample_values, walk, walk_library, walk_playbook

REPO = Path(__file__).resolve().parents[3]


def test_every_shipped_playbook_is_walked_whole() -> None:
    report = walk_library(load_library(REPO / "playbooks").library)
    assert report.ok
    assert len(report.playbooks) == 11
    s, sn, r, rn = report.totals()
    assert (s, r) == (sn, rn) and sn > 50 and rn > 100
    for coverage in report.playbooks:
        assert set(coverage.outcomes) >= {"lost", "trial"}, coverage.cause


def test_a_walk_is_decided_by_its_seed() -> None:
    library = load_library(REPO / "playbooks").library
    values = sample_values(library.firm)
    playbook = library.playbooks["competitor_commission"]
    paths = {walk(playbook, seed, values).path() for seed in range(30)}
    assert len(paths) > 3  # the seeds take different paths...
    assert walk(playbook, 7, values) == walk(playbook, 7, values)  # ...and each one always the same


def test_the_sample_client_fills_the_calculator_lines() -> None:
    library = load_library(REPO / "playbooks").library
    values = sample_values(library.firm)
    assert values.commission["yearly_diff"].endswith("元")
    assert values.bundle["bundle_tier"]
    assert values.trial["trial_end"] == "2026年1月12日"


def step(ident: str, nxt: dict[str, str] | None = None, outcome: str = "", say: str = "好的。",
         technique: str = "empathy", calculator: str = "") -> Step:
    return Step(ident, technique, (say,), next=nxt or {}, outcome=outcome, calculator=calculator)


def book(*steps: Step, start: str = "a") -> Playbook:
    return Playbook("other", Text("t"), Text(""), start, {s.id: s for s in steps})


def test_a_line_that_does_not_fill_on_a_path_fails_that_walk() -> None:
    library = load_library(REPO / "playbooks").library
    values = sample_values(library.firm)
    playbook = book(
        step("a", {"accepts": "math", "objects": "end"}),
        step("math", {"accepts": "end"}, calculator="commission"),
        step("end", outcome="retained", say="一年能省{yearly_diff}。"),
    )
    coverage = walk_playbook(playbook, values, list(range(50)))
    assert not coverage.ok
    failing = coverage.failures[0]
    assert failing.path() == "a (objects) → end"
    assert failing.problems == ("step 'end': {yearly_diff} (年差额) has no value on this path",)
    assert walk(playbook, failing.seed, values) == failing  # replayed by its seed alone


def test_a_loop_without_outcome_and_an_unreachable_step() -> None:
    values = sample_values(None)
    playbook = book(step("a", {"objects": "b"}), step("b", {"objects": "a"}),
                    step("island", outcome="lost"))
    coverage = walk_playbook(playbook, values, [1])
    assert coverage.unreachable == ("island",)
    assert coverage.failures[0].problems == ("no outcome after 30 moves",)
    assert coverage.failures[0].outcome == ""


def test_coverage_counts_what_was_taken(tmp_path: Path) -> None:
    values = sample_values(None)
    playbook = book(step("a", {"accepts": "b", "objects": "c"}), step("b", outcome="retained"),
                    step("c", outcome="lost"))
    one = walk_playbook(playbook, values, [0])
    assert one.walks == 1 and len(one.steps_taken) == 2 and len(one.reactions_taken) == 1
    many = walk_playbook(playbook, values, list(range(100)))
    assert many.reactions_taken == frozenset({("a", "accepts"), ("a", "objects")})
    assert many.walks == 20  # stops once everything is taken (after a floor of walks)
    assert many.to_json()["reactions_missed"] == []


@pytest.fixture
def books(tmp_path: Path) -> Path:
    copy = tmp_path / "books"
    shutil.copytree(REPO / "playbooks", copy)
    return copy


def test_an_empty_firm_field_shows_in_every_walk_using_it(books: Path) -> None:
    firm = books / "firm.yaml"
    firm.write_text(firm.read_text("utf-8").replace("hotline: 400-000-6699\n", ""), "utf-8")
    report = walk_library(load_library(books).library, walks=30)
    assert not report.ok
    problems = [p for c in report.playbooks for w in c.failures for p in w.problems]
    assert any("{hotline} (客服热线) has no value" in p for p in problems)
