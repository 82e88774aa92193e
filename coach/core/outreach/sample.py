"""A realistic, fictional monthly export in which every indicator fires for some clients.

Branches try `coach watch` on it before wiring up their own export, and the tests and the
benchmark use it. The first clients take each profile in turn, so even a small sample shows
every indicator; the rest are mostly steady.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from coach.core.outreach.columns import COLUMNS

PROFILES = (
    "transfer_out", "commission_drop", "empty_position", "trades_drop", "month_loss",
    "complaint", "fee_request", "contact_drop", "dormant", "heavy_loss", "steady",
)
_RATE = 0.00025
_MIN_FEE = 5.0


def last_month(today: date | None = None) -> str:
    today = today or date.today()
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year:04d}-{month:02d}"


def _months(end: str, count: int) -> list[tuple[int, int]]:
    year, month = (int(p) for p in end.split("-"))
    out = []
    for _ in range(count):
        out.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def _profile(i: int, rng: random.Random) -> str:
    if i < len(PROFILES) - 1:
        return PROFILES[i]
    return rng.choice(PROFILES[:-1]) if rng.random() < 0.3 else "steady"


def _client_rows(i: int, months: list[tuple[int, int]], rng: random.Random) -> Iterator[list]:
    profile = _profile(i, rng)
    assets = round(rng.lognormvariate(12.6, 1.0), 2)  # median about 30万
    if profile == "heavy_loss":
        assets = rng.uniform(2_000_000, 4_000_000)
    large = assets >= 1_000_000
    trades_base = rng.randint(6, 40)
    size = max(3_000.0, assets * rng.uniform(0.05, 0.2))
    contacts_base = rng.randint(1, 4)  # a manager keeps a steady rhythm with each client
    products = rng.choice((1, 1, 1, 2, 2, 3))  # shares; some also funds or bonds
    n = len(months)
    last_trade: date | None = None
    for k, (year, month) in enumerate(months):
        from_end = n - 1 - k  # 0 is the month looked at
        trades = max(0, round(trades_base * rng.uniform(0.8, 1.2)))
        trade_size = size
        transfer = 0.0
        position_days = rng.randint(12, 22)
        pnl = assets * rng.uniform(-0.03, 0.035)
        complaints = fee_requests = 0
        contacts = contacts_base
        if profile == "transfer_out" and from_end in (4, 1):
            transfer = round(assets * 0.22, 2)
        elif profile == "commission_drop" and from_end == 0:
            trade_size = size * 0.4
        elif profile == "empty_position" and from_end <= 1:
            trades, position_days = 0, 0
        elif profile == "trades_drop" and from_end == 0:
            trades = max(1, trades_base // 5)
            trade_size = size * 4
        elif profile == "month_loss" and from_end == 0:
            pnl = -assets * 0.6
        elif profile == "complaint" and from_end == 1:
            complaints = 1
        elif profile == "fee_request" and from_end == 0:
            fee_requests = 1
        elif profile == "contact_drop" and from_end <= 1:
            contacts = 0
        elif profile == "dormant" and from_end < 8:
            trades, position_days, pnl = 0, rng.choice((0, 30)), 0.0
        elif profile == "heavy_loss":
            pnl = -assets * rng.uniform(0.03, 0.06)
            trades = max(1, trades // 4)
        assets = max(0.0, assets + pnl - transfer)
        commission = trades * max(_MIN_FEE, trade_size * _RATE) if trades else 0.0
        if trades:
            last_trade = date(year, month, rng.randint(1, 28))
        yield [
            f"C{i + 1:07d}", f"{year:04d}-{month:02d}", f"{assets:.2f}", f"{transfer:.2f}",
            f"{commission:.2f}", trades, position_days, f"{pnl:.2f}", complaints, fee_requests,
            contacts, int(large), f"{trades * trade_size:.2f}", products if trades else 0,
            last_trade.isoformat() if last_trade else "",
        ]


def write_sample(path: Path, clients: int, *, end: str | None = None, seed: int = 7) -> int:
    """Write `clients` fictional clients over 12 months ending with `end`; returns rows written.

    A `.parquet` name writes Parquet (through DuckDB), anything else CSV.
    """
    rng = random.Random(seed)
    months = _months(end or last_month(), 12)
    parquet = path.suffix.lower() in (".parquet", ".pq")
    target = path.with_name(path.name + ".csv.tmp") if parquet else path
    rows = 0
    with target.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow([c.name for c in COLUMNS])
        for i in range(clients):
            for row in _client_rows(i, months, rng):
                out.writerow(row)
                rows += 1
    if parquet:
        import duckdb

        try:
            duckdb.execute(
                "COPY (SELECT * FROM read_csv($src, header = true, all_varchar = true)) "
                "TO '" + str(path).replace("'", "''") + "' (FORMAT parquet)",
                {"src": str(target)},
            )
        finally:
            target.unlink(missing_ok=True)
    return rows
