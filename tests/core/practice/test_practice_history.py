"""Practice sessions are transcripts; a trainee's past scores are read back from them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coach.core.content.model import Library
from coach.core.practice.history import past_scores, progress
from coach.core.practice.personas import Persona
from coach.core.practice.record import PracticeRecorder
from coach.core.practice.scoring import score
from coach.core.practice.scoring_config import ScoringConfig
from coach.core.practice.simulation import Session
from coach.core.records.transcript_read import iter_transcripts, read_transcript


def record(folder: Path, persona: Persona, library: Library, config: ScoringConfig,
           replies: list[str], staff: str) -> int:
    session = Session(persona, library, seed=3, staff=staff)
    recorder = PracticeRecorder.start(folder, session, staff=staff)
    session.play(replies, on_turn=recorder.reply)
    card = score(session, config)
    recorder.finish(card)
    return card.score


def test_a_practice_session_is_written_as_a_transcript(
    tmp_path: Path, library: Library, personas: dict[str, Persona], config: ScoringConfig,
    script: Callable[[str], list[str]],
) -> None:
    record(tmp_path, personas["poor_service_fan"], library, config, script("poor_service_fan"), "S007")
    [path] = list(iter_transcripts(tmp_path))
    events = read_transcript(path)
    kinds = [e["kind"] for e in events]
    assert kinds[:2] == ["start", "persona"]
    assert kinds[-2:] == ["scorecard", "outcome"]
    assert "reply" in kinds
    assert events[0]["mode"] == "practice" and events[0]["version"] == library.version
    assert events[-1]["outcome"] == "retained"


def test_phone_numbers_in_replies_are_masked(
    tmp_path: Path, library: Library, personas: dict[str, Persona], config: ScoringConfig,
) -> None:
    record(tmp_path, personas["poor_service_fan"], library, config,
           ["您好，有事打我电话13812345678。"], "S007")
    [path] = list(iter_transcripts(tmp_path))
    assert "13812345678" not in path.read_text(encoding="utf-8")


def test_past_scores_per_trainee(
    tmp_path: Path, library: Library, personas: dict[str, Persona], config: ScoringConfig,
    script: Callable[[str], list[str]], poor_script: list[str],
) -> None:
    good = record(tmp_path, personas["poor_service_fan"], library, config, script("poor_service_fan"), "S007")
    bad = record(tmp_path, personas["other_zhao"], library, config, poor_script, "S007")
    record(tmp_path, personas["other_zhao"], library, config, poor_script, "S999")
    mine = past_scores(tmp_path, "S007")
    assert [(p.persona, p.score) for p in mine] == [("poor_service_fan", good), ("other_zhao", bad)]
    assert all(p.version == library.version for p in mine)
    summary = progress(mine)
    assert summary is not None and summary.best == good and summary.sessions == 2
    assert len(past_scores(tmp_path)) == 3
    assert past_scores(tmp_path / "missing", "S007") == []
