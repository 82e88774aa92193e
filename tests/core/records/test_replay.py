"""Sample transcripts replayed against the playbooks: differences are named, with file:line."""

from pathlib import Path

from coach.core.paths import default_playbooks, default_transcripts
from coach.core.records.replay import replay_samples
from coach.core.records.transcript import TranscriptWriter


def _session(folder: Path, *, recorded_cause: str, step_to: str) -> None:
    with TranscriptWriter.open(folder, "counter", "S001", "test") as w:
        w.event("statement", text="那边有私募老师帮我操盘，赚了分成")
        w.event(
            "classification",
            text="那边有私募老师帮我操盘，赚了分成",
            leading=recorded_cause,
            causes=[{"id": recorded_cause, "score": 0.9}],
            ambiguous=False,
        )
        w.event("step", cause="quick_profit", step="listen", technique="listen_and_clarify")
        w.event(
            "reaction",
            cause="quick_profit",
            step="listen",
            technique="listen_and_clarify",
            reaction="accepts",
            to=step_to,
        )


def test_a_faithful_sample_replays_clean(tmp_path):
    _session(tmp_path, recorded_cause="quick_profit", step_to="empathize")
    result = replay_samples(default_playbooks(), tmp_path)
    assert result["sessions"] == 1 and result["statements"] == 1
    assert result["failures"] == []


def test_a_changed_classification_is_reported(tmp_path):
    _session(tmp_path, recorded_cause="poached", step_to="empathize")
    failures = replay_samples(default_playbooks(), tmp_path)["failures"]
    assert len(failures) == 1
    assert "was ['poached'], now ['quick_profit']" in failures[0]
    assert ".jsonl:3:" in failures[0]


def test_a_path_that_no_longer_exists_is_reported(tmp_path):
    _session(tmp_path, recorded_cause="quick_profit", step_to="gone")
    failures = replay_samples(default_playbooks(), tmp_path)["failures"]
    assert any("no longer leads to 'gone'" in f for f in failures)


def test_the_checked_in_samples_replay_clean():
    samples = default_transcripts() / "samples"
    result = replay_samples(default_playbooks(), samples)
    assert result["sessions"] >= 3
    assert result["failures"] == []
