"""Did the calls work? Reactivation by the reactivation guide's measures of success.

Recorded outcomes say what the client answered; the next months' account data say what they
did: trading resumed, more volume, more kinds of product, more often, more commission.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.core.outreach.attempts import Attempt
from coach.core.outreach.watch import SQL, load_checked

MEASURES = (
    ("resumed", "恢复交易", "trading resumed"),
    ("more_volume", "交易量变大", "more volume"),
    ("more_products", "交易品种变多", "more kinds of product"),
    ("more_often", "交易频率变快", "trades more often"),
    ("more_commission", "利润贡献增加", "more commission"),
)


@dataclass(frozen=True, slots=True)
class Reactivation:
    attempts: int
    by_outcome: dict[str, int]
    by_channel: dict[str, int]
    contacted: int
    measured: int = 0  # contacted clients with data before and after the first contact
    counts: dict[str, int | None] | None = None  # None: no account data given


def reactivation(attempts: Sequence[Attempt], accounts: Path | None = None) -> Reactivation:
    by_outcome = Counter(a.outcome for a in attempts)
    by_channel = Counter(a.channel for a in attempts)
    contacted = len({a.client for a in attempts})
    if accounts is None:
        return Reactivation(len(attempts), dict(by_outcome), dict(by_channel), contacted)
    con = load_checked(accounts)
    try:
        con.execute("CREATE TEMP TABLE attempts (client VARCHAR, day DATE)")
        con.executemany("INSERT INTO attempts VALUES (?, ?)",
                        [(a.client, a.day) for a in attempts])
        cursor = con.execute((SQL / "reactivation.sql").read_text(encoding="utf-8"))
        names = [d[0] for d in cursor.description]
        row = dict(zip(names, cursor.fetchone(), strict=True))
    finally:
        con.close()
    counts: dict[str, int | None] = {key: int(row[key]) for key, _, _ in MEASURES}
    if not row["volume_known"]:
        counts["more_volume"] = None
    if not row["products_known"]:
        counts["more_products"] = None
    return Reactivation(len(attempts), dict(by_outcome), dict(by_channel), contacted,
                        int(row["measured"]), counts)
