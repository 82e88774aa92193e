"""Reading files that someone else may have put in a folder: regular files only, of a bounded
size, inside the folder they were listed from.

A playbooks folder is written by trainers, but anything can end up in it: a symlink to
/etc/shadow (validate would echo its lines), to /dev/urandom (read without end) or a FIFO (the
read never returns). Every content read goes through `read_regular`, which opens without
blocking, checks what it opened (not what the name pointed at a moment before) and stops at the
size limit, `COACH_MAX_FILE_MB` (5 MB unless set).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_ENV = "COACH_MAX_FILE_MB"
DEFAULT_MAX_MB = 5.0
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Refused(Exception):
    """Why a file was not read: `code` for the problem list, `message` for people."""

    path: str
    code: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def max_file_bytes() -> int:
    """The size limit per file: COACH_MAX_FILE_MB megabytes (5 when unset or not a number)."""
    raw = os.environ.get(MAX_FILE_ENV, "").strip()
    try:
        megabytes = float(raw) if raw else DEFAULT_MAX_MB
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    if not megabytes > 0 or megabytes > 1 << 20:
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1024 * 1024)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def inside(root: Path, path: Path) -> bool:
    """Whether `path`, symlinks followed, is `root` or lies within it."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def check_inside(root: Path, path: Path) -> None:
    """Raise `Refused` when `path` leads out of `root` (a symlink to elsewhere)."""
    if not inside(root, path):
        raise Refused(str(path), "outside-folder",
                      "this is a link to a file outside the folder; it is not read",
                      "copy the file into the folder instead of linking to it")


def read_regular(path: Path, *, limit: int | None = None, root: Path | None = None,
                 follow_links: bool = True) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (COACH_MAX_FILE_MB by default).

    Raises `Refused` for anything else: a folder, a FIFO, a device, a file too large, a file
    that cannot be opened, (with `root`) one that a symlink places outside `root`, or (without
    `follow_links`) a symlink at all.
    """
    where = str(path)
    limit = max_file_bytes() if limit is None else limit
    if root is not None:
        check_inside(root, path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise Refused(where, "not-a-file", "this is a folder, not a file",
                      "rename or move the folder") from None
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_links:
            raise Refused(where, "symlink", "this is a symbolic link, not a file",
                          "replace the link with the file itself") from None
        raise Refused(where, "unreadable",
                      f"cannot read the file: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(where, "not-a-file", f"this is {_kind(info.st_mode)}, not a regular file",
                          "only plain files are read; remove it or replace it with a copy")
        too_large = Refused(where, "too-large",
                            f"the file is larger than {limit / 1048576:g} MB and is not read",
                            f"split it, or raise the limit with {MAX_FILE_ENV}")
        if info.st_size > limit:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, min(_CHUNK, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # the file grew while we read it
                raise too_large
        return b"".join(chunks)
    except OSError as error:
        raise Refused(where, "unreadable", f"cannot read the file: {error.strerror or error}") from None
    finally:
        os.close(fd)


def list_folder(folder: Path, suffix: str) -> list[Path]:
    """The entries of `folder` whose names end in `suffix`, sorted; `Refused` when the folder
    cannot be listed (a folder we may not read is an error, not an empty folder)."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(suffix))
    except NotADirectoryError:
        raise Refused(str(folder), "not-a-folder", "this is not a folder") from None
    except FileNotFoundError:
        raise Refused(str(folder), "missing-file", "the folder is missing") from None
    except OSError as error:
        raise Refused(str(folder), "unreadable-folder",
                      f"cannot read the folder: {error.strerror or error}",
                      "check its permissions (chmod u+rx)") from None
    return [Path(folder) / name for name in names]
