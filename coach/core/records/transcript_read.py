"""Reading session transcripts back: one bad file never hides the others.

`read_transcript` ignores a torn last line (the process died mid-write) and raises
`TranscriptCorruptError` for a bad line anywhere else, since that is not what a crash leaves
behind. `load_sessions` reads a whole folder, skips corrupt files and returns a warning for each,
so one damaged file never hides every other session from a report. Only regular files are
read (`coach.core.files.read_regular`, symlinks refused), within bounds on size, line length,
nesting and number length.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.core.files import Refused, read_regular
from coach.core.records.transcript import TranscriptError


class TranscriptCorruptError(TranscriptError):
    """A line before the last one is not a JSON event: the file was damaged, not torn."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(
            f"{path}:{line}: 会话记录损坏（{reason}）",
            f"{path}:{line}: corrupt transcript ({reason})",
        )
        self.path = path
        self.line = line

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


_REASONS_ZH = {"symlink": "符号链接，已跳过", "not-a-file": "不是普通文件，已跳过",
               "too-large": f"文件超过 {MAX_FILE_BYTES // 1024 // 1024} MB，已跳过"}


def _read_regular(path: Path) -> bytes:
    """The bytes of `path` if it is a regular file within MAX_FILE_BYTES: a symlink, a FIFO or
    a device (/dev/zero) is refused without being read, so it can neither hang nor fill memory."""
    try:
        return read_regular(path, limit=MAX_FILE_BYTES, follow_links=False)
    except Refused as refused:
        zh = _REASONS_ZH.get(refused.code, "无法读取")
        raise TranscriptError(f"{path}：{zh}", f"{path}: {refused.message}, skipped") from None


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
