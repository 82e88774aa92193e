"""A store of compiled objects, so `coach classify` starts in a fraction of the time.

Compiling reads causes.yaml with positions, learns the phrasing centroids and builds the keyword
indexes: most of a cold start. The store knows nothing of what it keeps: a caller names the
object, lists the files it is compiled from (content and its own source) and hands a builder.
The result is kept under the user's cache folder, keyed by the bytes of those files, so any
change to either compiles afresh. The cache is an optimisation only: when it cannot be read or
written, nothing breaks.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path | None:
    """COACH_CACHE, else $XDG_CACHE_HOME/coach or ~/.cache/coach; COACH_CACHE=off disables."""
    chosen = os.environ.get("COACH_CACHE")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "coach"


def _key(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.name).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"-")
    return digest.hexdigest()[:24]


def cached(name: str, files: list[Path], build: Callable[[], T]) -> T:
    """The object `name` compiled from `files`: from the cache when it is there, else built."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{_key(files)}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass  # not there yet, or from another version: compile below
    built = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with open(partial, "wb") as f:
            pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except OSError:
        pass  # a read-only home: run uncached
    return built
