"""Early warning: the guide's churn indicators and the dormant segment over monthly account data.

DuckDB runs the SQL next to this module over the export as it is (CSV or Parquet); bad rows are
named by line and skipped, the rest is processed. DuckDB is imported only here, so the counter
app never pays for it.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.core.content.model import Text
from coach.core.content.warning_file import INDICATOR_PARAMS, Indicator, WarningRules
from coach.core.errors import CoachError
from coach.core.outreach.columns import COLUMNS, OPTIONAL, REQUIRED, canonical

SQL = Path(__file__).with_name("sql")
MAX_BAD_LISTED = 1000


class WatchError(CoachError):
    """The export cannot be read at all (missing file, wrong kind of file, missing columns)."""


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class Fired:
    """One indicator that fired for a client, with the figures that made it fire."""

    id: str
    family: str
    name: Text
    figures: dict[str, float]


@dataclass(frozen=True, slots=True)
class Flagged:
    client: str
    month: str
    segment: str  # at_risk | dormant | heavy_loss
    risk: float
    assets: float
    fired: tuple[Fired, ...]
    cause: str
    outreach: str
    idle_months: int | None = None


@dataclass(frozen=True, slots=True)
class WatchResult:
    month: str | None
    rows: int
    clients: int
    flagged: tuple[Flagged, ...]
    bad_rows: tuple[BadRow, ...]
    bad_count: int

    def segment(self, name: str) -> tuple[Flagged, ...]:
        return tuple(f for f in self.flagged if f.segment == name)


def month_index(text: str) -> int:
    """'2026-11' → year * 12 + month - 1, the index the SQL windows run over."""
    try:
        year, month = (int(p) for p in text.strip().replace("/", "-").split("-")[:2])
    except ValueError:
        raise WatchError(f"月份写法不对：{text}（应为 2026-11）",
                         f"not a month: {text} (write 2026-11)") from None
    if not 1 <= month <= 12 or not 1900 <= year <= 9999:
        raise WatchError(f"月份不存在：{text}", f"no such month: {text}")
    return year * 12 + month - 1


def _sql(name: str) -> str:
    return (SQL / name).read_text(encoding="utf-8")


def _check_file(path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except OSError as e:
        raise WatchError(f"读不到账户数据文件：{path}（{e.strerror}）",
                         f"cannot read the account export {path}: {e.strerror}") from None
    if not stat.S_ISREG(mode):
        raise WatchError(f"{path} 不是普通文件", f"{path} is not a regular file")


def _load(con: Any, path: Path) -> None:
    import duckdb

    parquet = path.suffix.lower() in (".parquet", ".pq")
    try:
        con.execute(_sql("read_parquet.sql" if parquet else "read_csv.sql"), {"path": str(path)})
    except duckdb.Error as e:
        first = str(e).splitlines()[0]
        raise WatchError(f"读不了 {path.name}：{first}", f"cannot read {path.name}: {first}") from None
    found: dict[str, str] = {}
    for (header,) in con.execute(
        "SELECT column_name FROM (DESCRIBE raw_file) WHERE column_name <> 'line'"
    ).fetchall():
        name = canonical(header)
        if name and name not in found:
            found[name] = header
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        zh = "、".join(c.zh for c in COLUMNS if c.name in missing)
        raise WatchError(
            f"{path.name} 缺少这些列：{zh}（{', '.join(missing)}）；列的说明见 coach watch --columns",
            f"{path.name} lacks the columns {', '.join(missing)}; see coach watch --columns",
        )
    for name, header in found.items():
        if header != name:
            con.execute(f'ALTER TABLE raw_file RENAME COLUMN "{header.replace(chr(34), "")}" TO {name}')
    for name in OPTIONAL:
        if name not in found:
            con.execute(f"ALTER TABLE raw_file ADD COLUMN {name} VARCHAR")


def _params(rules: WarningRules, month: int | None) -> dict[str, object]:
    def ind(ident: str) -> Indicator:
        # An indicator left out of warning.yaml keeps the guide's thresholds but never fires.
        found = rules.get(ident)
        if found is None:
            ints, floats = INDICATOR_PARAMS[ident]
            found = Indicator(ident, "", Text(ident), 0, "other", "", ints, floats)
        return found

    t, c, e = ind("transfer_out"), ind("commission_drop"), ind("empty_position")
    tr, ml = ind("trades_drop"), ind("month_loss")
    cp, fr, ct = ind("complaint"), ind("fee_request"), ind("contact_drop")
    d = rules.dormant
    return {
        "month": month,
        "transfer_months": t.months["months"], "transfer_min_times": t.months["min_times"],
        "transfer_share": t.shares["share"],
        "commission_months": c.months["months"], "commission_large_months": c.months["large_months"],
        "commission_drop": c.shares["drop"],
        "empty_months": e.months["months"],
        "trades_months": tr.months["months"], "trades_drop": tr.shares["drop"],
        "loss_share": ml.shares["share"],
        "complaint_months": cp.months["months"], "fee_months": fr.months["months"],
        "contact_months": ct.months["months"],
        "idle_months": d.idle_months, "min_assets": d.min_assets, "heavy_share": d.heavy_loss_share,
    }


# Which figures of the SQL row explain each indicator.
FIGURES = {
    "transfer_out": ("out_times", "out_total", "assets"),
    "commission_drop": ("commission", "commission_base"),
    "empty_position": ("empty_months",),
    "trades_drop": ("trades", "trades_avg"),
    "month_loss": ("pnl", "start_assets"),
    "complaint": ("recent_complaints",),
    "fee_request": ("recent_fee_requests",),
    "contact_drop": ("contacts", "contacts_avg"),
}


def _flag(row: dict[str, Any], rules: WarningRules) -> Flagged | None:
    fired = tuple(
        Fired(i.id, i.family, i.name,
              {k: float(row[k]) for k in FIGURES[i.id] if row.get(k) is not None})
        for i in rules.indicators if row.get(i.id)
    )
    weight = {i.id: i.weight for i in rules.indicators}
    risk = sum(weight[f.id] for f in fired)
    lead = max(
        (i for i in rules.indicators if row.get(i.id)),
        key=lambda i: i.weight, default=None,
    )
    cause = lead.cause if lead else "other"
    outreach = lead.outreach if lead else rules.dormant.outreach
    d = rules.dormant
    if row["dormant"]:
        segment, outreach = "dormant", d.outreach
        if row["heavy_loss"]:
            cause, outreach = "heavy_loss", d.heavy_loss_outreach
    elif row["heavy_loss"]:
        segment, cause, outreach = "heavy_loss", "heavy_loss", d.heavy_loss_outreach
        fired += (Fired("heavy_loss", "dormant", Text("大亏客户", "Heavy loss over the year"),
                        {"assets": float(row["assets"]), "peak_assets": float(row["peak_assets"]),
                         "year_pnl": float(row["year_pnl"])}),)
    elif fired:
        segment = "at_risk"
    else:
        return None
    idle = row.get("idle_months")
    return Flagged(str(row["client"]), str(row["month"]), segment, risk, float(row["assets"]),
                   fired, cause, outreach, int(idle) if idle is not None else None)


def load_checked(path: Path):
    """A DuckDB connection holding the export's rows as `checked_rows`, each with its reasons."""
    import duckdb

    _check_file(path)
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        _load(con, path)
        con.execute(_sql("checked.sql"))
    except duckdb.Error as e:
        con.close()
        first = str(e).splitlines()[0]
        raise WatchError(f"读不了 {path.name}：{first}", f"cannot read {path.name}: {first}") from None
    except BaseException:
        con.close()
        raise
    return con


def watch(path: Path, rules: WarningRules, month: str | None = None) -> WatchResult:
    """Read the export, name its bad rows, and flag the clients of `month` (default: the latest)."""
    con = load_checked(path)
    try:
        rows = int(con.execute("SELECT count(*) FROM raw_file").fetchone()[0])
        bad_count = int(con.execute(
            "SELECT count(*) FROM checked_rows WHERE reason <> ''").fetchone()[0])
        bad = tuple(BadRow(int(line), reason) for line, reason in con.execute(
            "SELECT line, reason FROM checked_rows WHERE reason <> '' ORDER BY line LIMIT $n",
            {"n": MAX_BAD_LISTED}).fetchall())
        index = month_index(month) if month else None
        seen_month, clients = con.execute(_sql("target.sql"), {"month": index}).fetchone()
        cursor = con.execute(_sql("indicators.sql"), _params(rules, index))
        names = [d[0] for d in cursor.description]
        flagged: list[Flagged] = []
        for values in cursor.fetchall():
            if (f := _flag(dict(zip(names, values, strict=True)), rules)) is not None:
                flagged.append(f)
    finally:
        con.close()
    order = {"at_risk": 0, "heavy_loss": 1, "dormant": 2}
    flagged.sort(key=lambda f: (order[f.segment], -f.risk, -f.assets, f.client))
    return WatchResult(seen_month, rows, int(clients), tuple(flagged), bad, bad_count)
