"""Tiny monthly exports for the early-warning tests: one steady client, changed where asked."""

from __future__ import annotations

import csv
from pathlib import Path

from coach.core.content.warning_file import default_rules
from coach.core.outreach.columns import COLUMNS
from coach.core.outreach.watch import Flagged, watch

STEADY = {"assets": 100_000, "transfer_out": 0, "commission": 100, "trades": 10,
          "position_days": 20, "pnl": 0, "complaints": 0, "fee_requests": 0, "contacts": 2,
          "large_client": 0, "last_trade": ""}
END = (2026, 11)


def month_of(from_end: int) -> str:
    year, month = END
    index = year * 12 + month - 1 - from_end
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def rows(client: str = "C1", months: int = 12, **changes: dict[str, object]) -> list[dict]:
    """`changes` maps 'm0' (the month looked at), 'm1' (the month before)... to new values."""
    out = []
    for from_end in range(months - 1, -1, -1):
        row = {"client": client, "month": month_of(from_end), **STEADY}
        row.update(changes.get(f"m{from_end}", {}))
        out.append(row)
    return out


def write(path: Path, all_rows: list[dict], columns: list[str] | None = None) -> Path:
    columns = columns or [c.name for c in COLUMNS]
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, columns, extrasaction="ignore")
        out.writeheader()
        out.writerows(all_rows)
    return path


def flag_of(tmp_path: Path, client_rows: list[dict]) -> Flagged | None:
    result = watch(write(tmp_path / "export.csv", client_rows), default_rules())
    return next((f for f in result.flagged if f.client == client_rows[0]["client"]), None)


def fired(tmp_path: Path, client_rows: list[dict]) -> set[str]:
    flag = flag_of(tmp_path, client_rows)
    return {f.id for f in flag.fired} if flag else set()
