"""One bad transcript never hides the others (issue 14 item 3): only regular files are read,
lines are bounded in length, nesting and number size, and every skipped file is named."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from coach.core.records.transcript import TranscriptWriter
from coach.core.records.transcript_read import TranscriptFolderError, load_sessions


def good(folder: Path) -> None:
    with TranscriptWriter.open(folder, "counter", "S1", "v", session_id="good") as writer:
        writer.event("step", cause="relocation", step="a", technique="empathy")


def loaded_within(folder: Path, seconds: float = 20):
    box: dict = {}
    thread = threading.Thread(target=lambda: box.setdefault("loaded", load_sessions(folder)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert "loaded" in box, "reading the folder hung"
    return box["loaded"]


@pytest.mark.parametrize(
    "line",
    [
        b'{"kind": "step", "n": ' + b"9" * 5000 + b"}",
        b"[" * 100_000,
        b'{"kind": "step", "x": "' + b"a" * 2_000_000 + b'"}',
    ],
    ids=["5000-digit integer", "100000 nested brackets", "2 MB line"],
)
def test_a_hostile_line_skips_its_file_by_name(tmp_path: Path, line: bytes) -> None:
    good(tmp_path)
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(line + b"\n" + b'{"kind": "start"}\n')
    loaded = loaded_within(tmp_path)
    assert [s.id for s in loaded.sessions] == ["good"]
    assert len(loaded.warnings) == 1 and f"{bad}:1" in loaded.warnings[0]


def test_a_symlink_to_dev_zero_is_refused_unread(tmp_path: Path) -> None:
    good(tmp_path)
    (tmp_path / "zero.jsonl").symlink_to("/dev/zero")
    loaded = loaded_within(tmp_path)
    assert [s.id for s in loaded.sessions] == ["good"]
    assert any("zero.jsonl" in w for w in loaded.warnings)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_a_fifo_does_not_hang(tmp_path: Path) -> None:
    good(tmp_path)
    os.mkfifo(tmp_path / "pipe.jsonl")
    loaded = loaded_within(tmp_path)
    assert [s.id for s in loaded.sessions] == ["good"]
    assert any("pipe.jsonl" in w for w in loaded.warnings)


def test_binary_and_empty_files_are_named(tmp_path: Path) -> None:
    good(tmp_path)
    (tmp_path / "binary.jsonl").write_bytes(b"\x00\xff\xfe garbage\n\x89PNG\n")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    loaded = loaded_within(tmp_path)
    assert [s.id for s in loaded.sessions] == ["good"]
    assert any("binary.jsonl:1" in w for w in loaded.warnings)
    assert any("empty.jsonl" in w for w in loaded.warnings)


def test_a_missing_folder_is_an_error_when_strict(tmp_path: Path) -> None:
    with pytest.raises(TranscriptFolderError):
        load_sessions(tmp_path / "nope", strict=True)
    (tmp_path / "file").write_text("x")
    with pytest.raises(TranscriptFolderError):
        load_sessions(tmp_path / "file", strict=True)
