"""A store of compiled objects, so `coach classify` starts in a fraction of the time.

Compiling reads causes.yaml with positions, trains the learned channel and builds the keyword
index: most of a cold start. The store knows nothing of what it keeps: a caller names the
object, gives a key (from the files or content it is compiled from), a builder, and a pair of
functions turning the object into plain data and back.

Nothing read from the cache can run code: the file is one line of JSON and the raw IEEE bytes
of the float arrays it points to (copied back, bounds checked), behind a header holding the
SHA-256 of the rest, checked before parsing. The
folder must belong to the user and be writable by nobody else, else it is not used at all; a
file is written under a random name opened with O_EXCL | O_NOFOLLOW, then renamed into place.
Any problem reading (missing, corrupt, foreign, malformed) means compiling afresh and replacing
the file; any problem writing means running uncached. The cache is an optimisation only.
"""

from __future__ import annotations

import array
import hashlib
import json
import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

MAGIC = b"coach-cache 3\n"
MAX_BYTES = 256 * 1024 * 1024  # a cache file larger than this is not ours
# {"$f64": [start, length]}: a float array, little-endian IEEE doubles, kept as raw bytes after
# the JSON (at `start` of what follows its line): read back by copying, with no text to parse
_ARRAY = "$f64"
_TEXTS = "$texts"  # {"$texts": "a\x1fb"}: a long list of strings, none holding the separator
_SEPARATOR = "\x1f"  # not printable: never in normalised text, whose n-grams these lists hold


class Texts:
    """A long list of strings to store: written as one string, so reading it back is one JSON
    string and a split rather than a JSON string per item (the models' n-grams: 50 ms of a cold
    start). A list holding the separator is stored as a plain list."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[str]) -> None:
        self.items = list(items)

    def __iter__(self):  # noqa: ANN204 - read like the list it stands for, before storing
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def cache_dir() -> Path | None:
    """COACH_CACHE, else $XDG_CACHE_HOME/coach or ~/.cache/coach; COACH_CACHE=off disables."""
    chosen = os.environ.get("COACH_CACHE")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "coach"


def file_key(files: list[Path]) -> str:
    """A key from the names and bytes of files. Only regular files are read (a FIFO or a device
    in their place must not hang or flood a start); one missing or refused counts as such."""
    from coach.core.files import Refused, read_regular

    digest = hashlib.sha256()
    for path in files:
        digest.update(str(Path(path).name).encode())
        try:
            digest.update(read_regular(Path(path)))
        except Refused:
            digest.update(b"-")
    return digest.hexdigest()[:32]


def safe_folder(folder: Path, *, create: bool) -> bool:
    """Whether `folder` may hold the cache: a real folder (not a link) of this user that no one
    else can write. Created 0700 when missing and `create` is set."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        if not create:
            return False
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(folder, 0o700)
            info = os.lstat(folder)
        except OSError:
            return False
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def encode(data: object) -> bytes:
    """The file's bytes: magic, the payload's SHA-256, the payload: JSON on one line, then the
    float arrays' bytes it points to."""
    blobs: list[bytes] = []
    size = 0

    def out(value: object) -> object:
        nonlocal size
        if isinstance(value, array.array) and value.typecode == "d":
            copy = array.array("d", value)
            if sys.byteorder != "little":
                copy.byteswap()
            raw = copy.tobytes()
            blobs.append(raw)
            size += len(raw)
            return {_ARRAY: [size - len(raw), len(raw)]}
        return _array_out(value)

    # compact JSON holds no line break (json escapes it inside strings): the first ends it
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=out)
    body = payload.encode("utf-8") + b"\n" + b"".join(blobs)
    return MAGIC + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


def decode(raw: bytes) -> object:
    """The data back from `encode`; ValueError when the header or hash does not match."""
    if not raw.startswith(MAGIC):
        raise ValueError("not a coach cache file")
    head = len(MAGIC)
    digest, body = raw[head : head + 64], raw[head + 65 :]
    if raw[head + 64 : head + 65] != b"\n" or hashlib.sha256(body).hexdigest().encode() != digest:
        raise ValueError("cache file does not match its hash")
    end = body.find(b"\n")
    text, tail = (body, memoryview(b"")) if end < 0 else (body[:end], memoryview(body)[end + 1 :])
    return json.loads(text.decode("utf-8"), object_hook=lambda obj: _array_in(obj, tail))


def _array_out(value: object) -> object:
    if isinstance(value, Texts):
        items = value.items
        joined = _SEPARATOR.join(items)
        if not joined or any(_SEPARATOR in item for item in items):  # [] and [""]: as they are
            return items
        return {_TEXTS: joined}
    raise TypeError(f"cannot store {type(value).__name__} in the cache")


def _array_in(obj: dict, tail: memoryview) -> object:
    if len(obj) == 1 and _TEXTS in obj:
        joined = obj[_TEXTS]
        if not isinstance(joined, str) or not joined:
            raise ValueError("not a list of strings")
        return joined.split(_SEPARATOR)
    if len(obj) == 1 and _ARRAY in obj:
        where = obj[_ARRAY]
        if not (isinstance(where, list) and len(where) == 2
                and all(type(x) is int and x >= 0 for x in where)):
            raise ValueError("not a float array's place")
        start, length = where
        if length % 8 or start + length > len(tail):
            raise ValueError("a float array outside the file, or of odd length")
        values = array.array("d")
        values.frombytes(tail[start : start + length])
        if sys.byteorder != "little":
            values.byteswap()
        return values
    return obj


def _read(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(MAX_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def _write(folder: Path, path: Path, raw: bytes) -> None:
    partial = folder / f".{path.name}.{secrets.token_hex(8)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(partial, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
        os.replace(partial, path)
    except OSError:
        try:
            os.unlink(partial)
        except OSError:
            pass


def cached(
    name: str,
    key: str,
    build: Callable[[], T],
    to_data: Callable[[T], object],
    from_data: Callable[[object], T],
) -> T:
    """The object `name` under `key`: rebuilt from the cache when it is there and sound, else
    built (and stored for next time)."""
    folder = cache_dir()
    if folder is None or not safe_folder(folder, create=True):
        return build()
    path = folder / f"{name}-{key}.json"
    raw = _read(path)
    if raw is not None:
        try:
            return from_data(decode(raw))
        except Exception:  # noqa: BLE001 - whatever is wrong with it, compile afresh below
            pass
    built = build()
    try:
        _write(folder, path, encode(to_data(built)))
    except (TypeError, ValueError):
        pass  # data the cache cannot hold: run uncached
    return built
