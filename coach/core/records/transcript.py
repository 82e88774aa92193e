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
    unfinished      cause, step, technique, reason ("quit")   (closed mid-visit, no outcome)
    reply, persona, scorecard   practice mode; free-form data

Reading: `read_transcript` ignores a torn last line (the process died mid-write) and raises
`TranscriptCorruptError` for a bad line anywhere else, since that is not what a crash leaves
behind. `load_sessions` reads a whole folder, skips corrupt files and returns a warning for each,
so one damaged file never hides every other session from a report.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
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


class TranscriptCorruptError(TranscriptError):
    """A line before the last one is not a JSON event: the file was damaged, not torn."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(
            f"{path}:{line}: 会话记录损坏（{reason}）",
            f"{path}:{line}: corrupt transcript ({reason})",
        )
        self.path = path
        self.line = line


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


# ---------------------------------------------------------------- reading


# Bounds for reading: one hostile or damaged file must not hang, exhaust memory or crash a
# report. Real events are a few hundred bytes, nested three levels deep.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_LINE_BYTES = 256 * 1024
MAX_DEPTH = 32
MAX_INT_DIGITS = 30


class TranscriptFolderError(TranscriptError):
    """The transcript folder itself is missing or unreadable: an error, not "nothing found"."""


def check_folder(folder: Path) -> None:
    """Raise `TranscriptFolderError` unless `folder` is a readable directory."""
    folder = Path(folder)
    try:
        if not folder.is_dir():
            reason_zh, reason_en = "目录不存在", "no such folder"
            if folder.exists():
                reason_zh, reason_en = "不是目录", "not a folder"
            raise TranscriptFolderError(
                f"会话记录目录 {folder}：{reason_zh}", f"Transcript folder {folder}: {reason_en}"
            )
        with os.scandir(folder):
            pass
    except OSError as err:
        raise TranscriptFolderError(
            f"无法读取会话记录目录 {folder}：{err.strerror or err}",
            f"Cannot read the transcript folder {folder}: {err.strerror or err}",
        ) from err


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"number of {len(digits)} digits")
    return int(digits)


def _too_deep(raw: bytes) -> bool:
    """Nesting deeper than MAX_DEPTH (strings skipped); only lines with many brackets are
    scanned, so ordinary events cost nothing."""
    if raw.count(b"[") + raw.count(b"{") <= MAX_DEPTH:
        return False
    depth = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


def _parse_line(raw: bytes) -> Any:
    """One JSON line within the bounds; ValueError naming what is wrong otherwise."""
    if len(raw) > MAX_LINE_BYTES:
        raise ValueError(f"line longer than {MAX_LINE_BYTES} bytes")
    if _too_deep(raw):
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(raw.decode("utf-8"), parse_int=_bounded_int)
    except RecursionError as err:
        raise ValueError("nested too deeply") from err


def _read_regular(path: Path) -> bytes:
    """The bytes of `path` if it is a regular file within MAX_FILE_BYTES: a symlink, a FIFO or
    a device (/dev/zero) is refused without being read, so it can neither hang nor fill memory."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        reason = "符号链接" if err.errno == errno.ELOOP else (err.strerror or str(err))
        reason_en = "a symbolic link" if err.errno == errno.ELOOP else (err.strerror or str(err))
        raise TranscriptError(
            f"无法读取会话记录 {path}：{reason}", f"Cannot read transcript {path}: {reason_en}"
        ) from err
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise TranscriptError(
                f"{path}：不是普通文件，已跳过", f"{path}: not a regular file, skipped"
            )
        if info.st_size > MAX_FILE_BYTES:
            raise TranscriptError(
                f"{path}：文件超过 {MAX_FILE_BYTES // 1024 // 1024} MB，已跳过",
                f"{path}: larger than {MAX_FILE_BYTES // 1024 // 1024} MB, skipped",
            )
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_FILE_BYTES:
                raise TranscriptError(
                    f"{path}：文件超过 {MAX_FILE_BYTES // 1024 // 1024} MB，已跳过",
                    f"{path}: larger than {MAX_FILE_BYTES // 1024 // 1024} MB, skipped",
                )
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as err:
        raise TranscriptError(
            f"无法读取会话记录 {path}：{err.strerror or err}",
            f"Cannot read transcript {path}: {err.strerror or err}",
        ) from err
    finally:
        os.close(fd)


def read_transcript(path: Path) -> list[dict[str, Any]]:
    """The events of one session file; a torn last line is ignored, damage elsewhere raises
    `TranscriptCorruptError`. Only regular files are read, within bounds on size, line length,
    nesting and number length (see MAX_*)."""
    path = Path(path)
    data = _read_regular(path)
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the file ends with a newline, as every complete event does
    events: list[dict[str, Any]] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        last = number == len(lines)
        try:
            event = _parse_line(raw)
        except ValueError as err:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            if last and not isinstance(err, UnicodeDecodeError | json.JSONDecodeError):
                raise TranscriptCorruptError(path, number, str(err)) from err
            if last:
                break  # torn write: the process stopped in the middle of this line
            raise TranscriptCorruptError(path, number, str(err)) from err
        if not isinstance(event, dict) or not isinstance(event.get("kind"), str):
            if last:
                break
            raise TranscriptCorruptError(path, number, "not an event object with a kind")
        events.append(event)
    return events


SAMPLES = "samples"


def iter_transcripts(
    folder: Path, *, samples: bool = False, problems: list[str] | None = None
) -> Iterator[Path]:
    """Every `*.jsonl` under `folder`, in name order; symlinked folders are not followed (the
    files themselves are checked when read). A subfolder that cannot be listed is named in
    `problems` when given.

    The checked-in regression samples (`<folder>/samples/`) are not real sessions: reports and
    trial follow-ups leave them out unless asked; `coach test` reads that folder directly.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return iter(())

    def unreadable(err: OSError) -> None:
        if problems is not None:
            problems.append(f"{err.filename}: {err.strerror or err}")

    paths: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        base = Path(root)
        if not samples and base == folder and SAMPLES in dirs:
            dirs.remove(SAMPLES)
        paths.extend(base / name for name in files if name.endswith(".jsonl"))
    return iter(sorted(paths))


@dataclass(frozen=True, slots=True)
class Session:
    path: Path
    id: str
    events: tuple[dict[str, Any], ...]

    @property
    def start(self) -> Mapping[str, Any]:
        for event in self.events:
            if event.get("kind") == "start":
                return event
        return {}

    @property
    def mode(self) -> str:
        return str(self.start.get("mode", ""))

    @property
    def staff(self) -> str:
        return str(self.start.get("staff", ""))


@dataclass(frozen=True, slots=True)
class Loaded:
    sessions: tuple[Session, ...]
    warnings: tuple[str, ...]  # one per file skipped, `path:line: reason`


def load_sessions(folder: Path, *, lang: str = "zh", strict: bool = False) -> Loaded:
    """All sessions under `folder`; every file skipped (damaged, not a regular file, too big,
    empty) and every folder that cannot be listed gets a warning naming it and why.
    `strict`: a missing or unreadable `folder` raises `TranscriptFolderError`."""
    if strict:
        check_folder(folder)
    sessions: list[Session] = []
    warnings: list[str] = []
    for path in iter_transcripts(folder, problems=warnings):
        try:
            events = read_transcript(path)
        except TranscriptError as err:
            warnings.append(err.message(lang))
            continue
        if not events:
            warnings.append(f"{path}：空文件，已跳过" if lang != "en" else f"{path}: empty, skipped")
            continue
        sid = next(
            (str(e["session"]) for e in events if e.get("kind") == "start" and e.get("session")),
            path.stem,
        )
        sessions.append(Session(path=path, id=sid, events=tuple(events)))
    return Loaded(sessions=tuple(sessions), warnings=tuple(warnings))
