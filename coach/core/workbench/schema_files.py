"""Where the derived schemas live: `<kind>.schema.json` files in the playbooks' `schema/` folder,
and the first line of each content file naming its own (`# yaml-language-server: $schema=...`),
which a YAML language server reads to complete keys and flag errors as a trainer types."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from coach.core.workbench.schema import SCHEMA_FOLDER, Derived, kind_of

HEADER_PREFIX = "# yaml-language-server: $schema="


def header_for(kind: str, *, nested: bool) -> str:
    return f"{HEADER_PREFIX}{'../' if nested else ''}{SCHEMA_FOLDER}/{kind}.schema.json"


def render(schema: Mapping[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write(derived: Derived, folder: Path) -> list[Path]:
    """Write `<kind>.schema.json` files; returns the ones whose content changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for kind, schema in derived.schemas.items():
        path = folder / f"{kind}.schema.json"
        text = render(schema)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def stale(derived: Derived, folder: Path) -> list[str]:
    """Schema files that differ from (or are missing next to) what the loader says now."""
    out = []
    for kind, schema in derived.schemas.items():
        path = folder / f"{kind}.schema.json"
        if not path.exists() or path.read_text(encoding="utf-8") != render(schema):
            out.append(str(path))
    return out


def content_files(root: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(Path(root).rglob("*.yaml")):
        kind = kind_of(root, path)
        if kind is not None:
            yield path, kind


def missing_headers(root: Path) -> list[tuple[Path, str]]:
    """Content files whose first line does not name their schema, with the line they need."""
    out = []
    for path, kind in content_files(root):
        line = header_for(kind, nested=len(path.relative_to(root).parts) > 1)
        with open(path, encoding="utf-8", errors="replace") as f:
            first = f.readline().rstrip("\n")
        if first != line:
            out.append((path, line))
    return out


def link(root: Path) -> list[Path]:
    """Give each content file its schema line (replacing a stale one); returns those changed."""
    changed = []
    for path, line in missing_headers(root):
        text = path.read_text(encoding="utf-8")
        if text.startswith(HEADER_PREFIX):
            text = text.split("\n", 1)[1] if "\n" in text else ""
        path.write_text(line + "\n" + text, encoding="utf-8")
        changed.append(path)
    return changed
