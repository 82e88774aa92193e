"""Session transcripts: one JSONL file per session, written so that a crash loses nothing.

Layout: `<folder>/<yyyy-mm-dd>/<session-id>.jsonl`; the session id sorts by time
(`20250601T093012-a1b2c3`: start time + 6 random hex digits). Checked-in sample transcripts live
under `<folder>/samples/`; `coach test` replays them, reports and trial lists leave them out.

Every line is one JSON object (UTF-8, not ASCII-escaped) with `t` (ISO 8601 local time with
offset, milliseconds) and `kind`. Each event is flushed and fsynced before `event()` returns.
Every string in an event's data, nested ones included, passes through `coach.core.records.masking.mask`
first: phone, ID-card and account numbers never reach the disk.

Event kinds and their fields (apart from `t` and `kind`):

    start           session, mode ("counter" | "practice"), staff, version (playbooks hash), app
    statement       text (what the client said, masked), cause? (when typed for a known cause)
    classification  text, leading, causes [{id, score}], ambiguous, chosen? (cause the staff took)
    override        text, classifier (its leading cause), chosen, via ("pick" = F5 | "second" = F2)
    answer          text, cause, step, asks [names], leading: a statement with no cause in it
                    that answers the step's question (CounterSession.answer), after its statement
    step            cause, step, technique                (a step shown)
    reaction        cause, step, technique, reaction, to, to_cause?   (engine Record.as_event())
    switch          from_cause, from_step, to_cause, return_step ("" if none),
                    reason ("another_cause" | "queued" | "resume")
    calculator      name ("commission" | "bundle"), inputs {..}, values {..} (template variables),
                    sentence
    trial           cause, start, end (YYYY-MM-DD), services [..], client (masked), staff
                    (coach.core.records.trials.trial_event builds it)
    outcome         cause, outcome (retained | trial | transfer_within_firm | lost), step,
                    technique, deciding_step, deciding_technique   (Walkthrough.outcome_data()),
                    early? (finished before a terminal step), note?
    back            cause, step, technique   (the staff member went back to this step)
    unfinished      cause, step, technique, reason ("quit" | "hangup": the terminal went away)   (closed mid-visit, no outcome)
    reply, persona, scorecard   practice mode; free-form data

Reading them back is `coach.core.records.transcript_read`.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from coach import __version__
from coach.core.errors import CoachError
from coach.core.records.masking import mask

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_SESSION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")
_RESERVED = frozenset({"t", "kind"})


class TranscriptError(CoachError):
    """A transcript cannot be written or read; `message(lang)` for the screen."""


def _now() -> datetime:
    return datetime.now().astimezone()


def new_session_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, Mapping):
        return {str(k): _masked(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def make_private_dirs(directory: Path) -> None:
    """Create `directory` and any missing parents with mode 0700, each new one made durable in
    its parent (fsync of the parent folder), so a crash cannot lose the folder of a session."""
    directory = Path(directory)
    missing: list[Path] = []
    probe = directory
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # another writer made it meanwhile
        _fsync_dir(folder.parent)
    if not directory.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(directory))


def _encoded(line: str) -> bytes:
    """UTF-8 for the disk; a lone surrogate (undecodable bytes from argv or stdin) is written
    as a visible escape instead of failing the write."""
    return line.encode("utf-8", errors="backslashreplace")


class TranscriptWriter:
    """Appends one session's events, each durable before `event()` returns.

    Any failure to write (a full disk, an I/O error) is a `TranscriptError`: the caller shows
    it once and carries on. A failed event is cut off again so that later readers do not find
    a torn line in the middle of the file."""

    def __init__(self, path: Path, session_id: str, fd: int, clock: Callable[[], datetime]):
        self.path = path
        self.session_id = session_id
        self._fd: int | None = fd
        self._clock = clock

    @classmethod
    def open(
        cls,
        folder: Path,
        mode: str,
        staff: str,
        version: str,
        session_id: str | None = None,
        *,
        clock: Callable[[], datetime] = _now,
    ) -> TranscriptWriter:
        """Create `folder/<date>/<session-id>.jsonl` and write the `start` event."""
        started = clock()
        sid = session_id or new_session_id(started)
        if not _SESSION_ID.match(sid):
            raise TranscriptError(
                f"会话编号“{sid}”只能包含字母、数字、-、_ 和 .",
                f"Session id '{sid}' may only hold letters, digits, '-', '_' and '.'.",
            )
        day = Path(folder) / f"{started:%Y-%m-%d}"
        path = day / f"{sid}.jsonl"
        try:
            make_private_dirs(day)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | _NOFOLLOW, 0o600)
        except OSError as err:
            raise TranscriptError(
                f"无法写入会话记录目录 {day}：{err.strerror or err}",
                f"Cannot write transcripts to {day}: {err.strerror or err}",
            ) from err
        writer = cls(path, sid, fd, clock)
        # Identifiers we made ourselves are written as they are: a hex hash may well hold ten
        # digits in a row, and masking it would break matching a transcript to its playbooks.
        start = {"session": sid, "mode": mode, "staff": mask(staff), "version": version}
        try:
            writer._write("start", {**start, "app": __version__}, at=started)
            _fsync_dir(day)
        except (TranscriptError, OSError) as err:
            # No empty session file: the file exists only with its first event in it.
            writer.close()
            with contextlib.suppress(OSError):
                path.unlink()
            if isinstance(err, TranscriptError):
                raise
            raise TranscriptError(
                f"无法写入会话记录 {path}：{err.strerror or err}",
                f"Cannot write transcript {path}: {err.strerror or err}",
            ) from err
        return writer

    def event(self, kind: str, /, **data: Any) -> dict[str, Any]:
        """Append one event (strings masked); returns what was written."""
        return self._write(kind, _masked(data))

    def _write(
        self, kind: str, data: Mapping[str, Any], *, at: datetime | None = None
    ) -> dict[str, Any]:
        if self._fd is None:
            raise TranscriptError("会话记录已关闭。", "The transcript is already closed.")
        if not kind:
            raise TranscriptError("事件类型不能为空。", "An event needs a kind.")
        clash = _RESERVED & data.keys()
        if clash:
            raise TranscriptError(
                f"事件字段不能叫 {', '.join(sorted(clash))}。",
                f"Event fields may not be named {', '.join(sorted(clash))}.",
            )
        when = at or self._clock()
        record = {"t": when.isoformat(timespec="milliseconds"), "kind": kind}
        record.update(data)
        try:
            line = json.dumps(record, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as err:
            raise TranscriptError(
                f"事件“{kind}”含有无法记录的数据：{err}",
                f"Event '{kind}' holds data that cannot be recorded: {err}",
            ) from err
        data = _encoded(line + "\n")
        fd = self._fd
        size = -1
        try:
            size = os.fstat(fd).st_size
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        except OSError as err:
            if size >= 0:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, size)  # no torn event left in the middle of the file
            raise TranscriptError(
                f"无法写入会话记录 {self.path}：{err.strerror or err}",
                f"Cannot write transcript {self.path}: {err.strerror or err}",
            ) from err
        return record

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    @property
    def closed(self) -> bool:
        return self._fd is None

    def __enter__(self) -> TranscriptWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _fsync_dir(directory: Path) -> None:
    """Make the new file's directory entry durable too (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
