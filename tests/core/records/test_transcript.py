from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.core.records.transcript import TranscriptError, TranscriptWriter
from coach.core.records.transcript_read import (
    TranscriptCorruptError,
    iter_transcripts,
    load_sessions,
    read_transcript,
)

TZ = timezone(timedelta(hours=8))


def clock_at(start: datetime):
    ticks = iter(start + timedelta(seconds=i) for i in range(1000))
    return lambda: next(ticks)


def test_open_creates_a_dated_session_file_with_a_start_event(tmp_path: Path) -> None:
    clock = clock_at(datetime(2025, 6, 1, 9, 30, 12, tzinfo=TZ))
    with TranscriptWriter.open(tmp_path, "counter", "S001", "abc123", clock=clock) as writer:
        sid = writer.session_id
    assert writer.path == tmp_path / "2025-06-01" / f"{sid}.jsonl"
    assert sid.startswith("20250601T093012-")
    [start] = read_transcript(writer.path)
    assert start["kind"] == "start"
    assert start["t"] == "2025-06-01T09:30:12.000+08:00"
    assert (start["session"], start["mode"], start["staff"], start["version"]) == (
        sid,
        "counter",
        "S001",
        "abc123",
    )


def test_session_ids_sort_by_start_time(tmp_path: Path) -> None:
    ids = []
    for hour in (15, 9, 11):
        clock = clock_at(datetime(2025, 6, 1, hour, 0, 0, tzinfo=TZ))
        with TranscriptWriter.open(tmp_path, "counter", "S1", "v", clock=clock) as w:
            ids.append((hour, w.session_id))
    assert [h for h, _ in sorted(ids, key=lambda p: p[1])] == [9, 11, 15]


def test_events_are_one_json_object_per_line_unescaped_and_masked(tmp_path: Path) -> None:
    with TranscriptWriter.open(tmp_path, "counter", "S001", "a1b2", session_id="s-1") as writer:
        writer.event("statement", text="我电话13812345678，要转到别家，一年交易100000元")
        writer.event(
            "calculator",
            name="commission",
            inputs={"turnover": "10万", "note": "卡号6222021234567890123"},
            lines=["身份证11010519491231002X"],
            yearly_diff=50.0,
        )
    raw = writer.path.read_text(encoding="utf-8")
    assert "13812345678" not in raw and "6222021234567890123" not in raw
    assert "11010519491231002X" not in raw
    assert "我电话138****5678" in raw  # Chinese written as is, not \\u escapes
    lines = raw.splitlines()
    assert len(lines) == 3
    statement = json.loads(lines[1])
    assert statement["kind"] == "statement"
    assert statement["text"] == "我电话138****5678，要转到别家，一年交易100000元"
    calc = json.loads(lines[2])
    assert calc["inputs"] == {"turnover": "10万", "note": "卡号622************0123"}
    assert calc["lines"] == ["身份证110***********002X"]
    assert calc["yearly_diff"] == 50.0


def test_every_event_is_fsynced_before_it_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    writer = TranscriptWriter.open(tmp_path, "counter", "S001", "v", session_id="s-2")
    after_open = len(synced)
    assert after_open >= 1  # the start event
    for i in range(3):
        writer.event("step", cause="relocation", step=f"s{i}", technique="empathy")
        assert len(synced) == after_open + i + 1
        # already on disk, before close
        assert len(writer.path.read_text(encoding="utf-8").splitlines()) == i + 2
    writer.close()


def test_a_torn_last_line_is_ignored(tmp_path: Path) -> None:
    with TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="torn") as writer:
        writer.event("statement", text="佣金太高")
    with writer.path.open("ab") as handle:
        handle.write(b'{"t": "2025-06-01", "kind": "outcome", "outc')
    events = read_transcript(writer.path)
    assert [e["kind"] for e in events] == ["start", "statement"]


def test_a_torn_multibyte_character_on_the_last_line_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"kind": "start"}\n{"kind": "statement", "text": "\xe4\xbd')
    assert read_transcript(path) == [{"kind": "start"}]


def test_a_complete_last_line_without_newline_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"kind": "start"}\n{"kind": "outcome", "outcome": "lost"}', encoding="utf-8")
    assert [e["kind"] for e in read_transcript(path)] == ["start", "outcome"]


def test_damage_in_the_middle_is_a_typed_error_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"kind": "start"}\nnot json\n{"kind": "outcome"}\n', encoding="utf-8")
    with pytest.raises(TranscriptCorruptError) as err:
        read_transcript(path)
    assert err.value.line == 2
    assert f"{path}:2:" in err.value.message()


def test_load_sessions_skips_damaged_files_with_a_warning(tmp_path: Path) -> None:
    with TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="good"):
        pass
    (tmp_path / "bad.jsonl").write_text('[1]\n{"kind": "start"}\n', encoding="utf-8")
    loaded = load_sessions(tmp_path)
    assert [s.id for s in loaded.sessions] == ["good"]
    assert loaded.sessions[0].mode == "counter" and loaded.sessions[0].staff == "S1"
    assert len(loaded.warnings) == 1 and "bad.jsonl:1" in loaded.warnings[0]


def test_iter_transcripts_finds_sessions_recursively_and_samples_on_request(tmp_path: Path) -> None:
    (tmp_path / "samples").mkdir()
    (tmp_path / "samples" / "case.jsonl").write_text('{"kind": "start"}\n', encoding="utf-8")
    with TranscriptWriter.open(tmp_path, "practice", "S1", "v", session_id="p-1") as writer:
        pass
    (tmp_path / "notes.txt").write_text("not a transcript", encoding="utf-8")
    assert list(iter_transcripts(tmp_path)) == [writer.path]
    found = list(iter_transcripts(tmp_path, samples=True))
    assert set(found) == {tmp_path / "samples" / "case.jsonl", writer.path}
    assert list(iter_transcripts(tmp_path / "samples")) == [tmp_path / "samples" / "case.jsonl"]
    assert list(iter_transcripts(tmp_path / "missing")) == []


def test_misuse_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError):
        TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="../escape")
    writer = TranscriptWriter.open(tmp_path, "counter", "S1", "v", session_id="ok")
    with pytest.raises(TranscriptError):
        writer.event("statement", kind="x")
    with pytest.raises(TranscriptError):
        writer.event("calculator", value=object())
    writer.close()
    writer.close()
    with pytest.raises(TranscriptError):
        writer.event("statement", text="late")
    assert len(read_transcript(writer.path)) == 1


def test_version_hash_is_recorded_unmasked(tmp_path: Path) -> None:
    with TranscriptWriter.open(
        tmp_path, "counter", "13812345678", "123456789012", session_id="v"
    ) as w:
        pass
    [start] = read_transcript(w.path)
    assert start["version"] == "123456789012"
    assert start["staff"] == "138****5678"
