"""The columns of the monthly account export that `coach watch` reads.

One row per client per month. Headers may be the English names or the Chinese ones below;
extra columns are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    zh: str
    required: bool
    meaning_zh: str
    meaning_en: str


COLUMNS: tuple[Column, ...] = (
    Column("client", "客户号", True, "客户编号（内部参考号，不要放姓名和证件号）",
           "client reference (an internal number, never a name or ID number)"),
    Column("month", "月份", True, "所属月份，如 2026-11", "the month, e.g. 2026-11"),
    Column("assets", "月末资产", True, "月末账户总资产（元）", "account assets at month end (yuan)"),
    Column("transfer_out", "资金转出", True, "当月转出资金合计（元）", "money transferred out in the month (yuan)"),
    Column("commission", "佣金", True, "当月贡献的佣金（元）", "commission paid in the month (yuan)"),
    Column("trades", "交易笔数", True, "当月成交笔数", "trades in the month"),
    Column("position_days", "持仓天数", True, "当月有持仓的天数（0 即整月空仓）",
           "days holding a position in the month (0: no position all month)"),
    Column("pnl", "盈亏", True, "当月盈亏（元，亏损为负）", "profit and loss in the month (yuan, loss negative)"),
    Column("complaints", "投诉次数", False, "当月投诉次数", "complaints in the month"),
    Column("fee_requests", "降佣要求", False, "当月提出降佣或其他优惠要求的次数",
           "requests for a lower commission or other concessions"),
    Column("contacts", "联系次数", False, "当月员工联系客户的次数", "contacts by staff in the month"),
    Column("large_client", "大客户", False, "是否大客户（1/0、是/否）", "large-client flag (1/0, yes/no)"),
    Column("turnover", "成交金额", False, "当月成交金额（元）", "turnover in the month (yuan)"),
    Column("products", "交易品种数", False, "当月交易过的品种数（股票、基金、债券……）",
           "kinds of product traded in the month (shares, funds, bonds...)"),
    Column("last_trade", "最后交易日", False, "最后一次交易的日期，如 2026-05-18",
           "date of the last trade, e.g. 2026-05-18"),
)

REQUIRED = tuple(c.name for c in COLUMNS if c.required)
OPTIONAL = tuple(c.name for c in COLUMNS if not c.required)
ALIASES = {c.zh: c.name for c in COLUMNS}


def canonical(header: str) -> str | None:
    """The column a header names (English or Chinese, any case and spacing), or None."""
    key = header.strip().lower().replace(" ", "_")
    if key in REQUIRED or key in OPTIONAL:
        return key
    return ALIASES.get(header.strip())
