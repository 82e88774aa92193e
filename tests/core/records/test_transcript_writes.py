"""Write failures are one typed error, never a crash; no empty session files; private modes
(issue 14 item 2)."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from coach.core.records import transcript
from coach.core.records.transcript import TranscriptError, TranscriptWriter
from coach.core.records.transcript_read import read_transcript


def disk_full(*_args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failing_fsync_is_a_transcript_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="s-1")
    monkeypatch.setattr(transcript.os, "fsync", disk_full)
    with pytest.raises(TranscriptError) as caught:
        writer.event("step", cause="relocation", step="a", technique="empathy")
    assert "No space left" in caught.value.message("en")
    monkeypatch.undo()
    # what had been written before stays readable, the torn event is not left behind
    assert [e["kind"] for e in read_transcript(writer.path)] == ["start"]


def test_a_failing_write_is_a_transcript_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="s-1")
    monkeypatch.setattr(transcript.os, "write", disk_full)
    with pytest.raises(TranscriptError):
        writer.event("step", cause="relocation", step="a", technique="empathy")


def test_no_empty_session_file_when_the_first_event_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transcript.os, "fsync", disk_full)
    with pytest.raises(TranscriptError):
        TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="s-1")
    assert [p for p in tmp_path.rglob("*.jsonl")] == []


def test_undecodable_text_is_recorded_not_a_crash(tmp_path: Path) -> None:
    staff = b"S\xff".decode("utf-8", "surrogateescape")  # what `--staff $'S\\xff'` gives Python
    with TranscriptWriter.open(tmp_path, "counter", staff, "v", session_id="s-1") as writer:
        writer.event("statement", text="坏字节\udcff和\ud800")
    raw = writer.path.read_bytes()
    raw.decode("utf-8")  # valid UTF-8 on disk
    start, statement = (json.loads(line) for line in raw.splitlines())
    assert start["staff"].startswith("S") and statement["text"].startswith("坏字节")


def test_files_are_private_and_folders_too(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "transcripts"
    with TranscriptWriter.open(folder, "counter", "S1", "v", session_id="s-1") as writer:
        pass
    assert stat.S_IMODE(writer.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(writer.path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_new_folder_is_made_durable_in_its_parent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[str] = []
    real = transcript._fsync_dir
    monkeypatch.setattr(transcript, "_fsync_dir", lambda d: (synced.append(str(d)), real(d)))
    with TranscriptWriter.open(tmp_path / "t", "counter", "S1", "v", session_id="s-1") as writer:
        pass
    assert str(tmp_path) in synced  # the parent of the new `t` folder
    assert str(writer.path.parent) in synced  # the new file's own folder
    assert os.path.exists(writer.path)
