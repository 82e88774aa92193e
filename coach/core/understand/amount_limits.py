"""The plausible range of every number a calculator takes, with the sentence that says so.

A number the client could not mean (a 400-digit turnover, 10^26 trades a year, a rate of
1e-320) must be refused with a clear message rather than overflow, print as "万1e-316" or
be called "not greater than zero". The bounds are wide: they stop nonsense, not big clients.
"""

from __future__ import annotations

import math

from coach.core.errors import CoachError

MAX_INPUT_CHARS = 40  # "1,000,000,000元" or "万分之二点五免五" fit many times over
MAX_AMOUNT = 1e12  # yuan: 1万亿元, beyond any one client's yearly turnover
MAX_TRADES = 100_000  # a year: 400 trades on each of 250 trading days
MIN_RATE = 1e-6  # 万0.01: no commission rate is lower than that
MAX_RATE = 0.1  # 10%: far above any cap (3‰); between the cap and this, the cap check speaks


class CalcError(CoachError, ValueError):
    """Input a calculator cannot use; `message(lang)` says what to type instead.
    (Defined here, where the bounds are, and re-exported by `amounts`.)"""


def _error(zh: str, en: str) -> CalcError:
    return CalcError(zh, en)


def check_length(raw: str, what_zh: str, what_en: str) -> None:
    if len(raw) > MAX_INPUT_CHARS:
        raise _error(
            f"{what_zh}太长（{len(raw)}个字符）：请只写数字和单位，如 10万。",
            f"The {what_en} is too long ({len(raw)} characters): type just the number and unit, e.g. 10万.",
        )


def check_amount(value: float, raw: str) -> float:
    if not math.isfinite(value) or value > MAX_AMOUNT:
        raise _error(
            f"金额“{raw}”超出合理范围：最多1万亿元。",
            f"The amount '{raw}' is out of range: at most 1万亿 (10^12) yuan.",
        )
    return value


def check_count(value: float, raw: str) -> float:
    if not math.isfinite(value) or value > MAX_TRADES:
        raise _error(
            f"交易笔数“{raw}”超出合理范围：一年最多{MAX_TRADES:,}笔。",
            f"The number of trades '{raw}' is out of range: at most {MAX_TRADES:,} a year.",
        )
    return value


def check_rate(value: float, raw: str) -> float:
    if math.isfinite(value) and 0 < value < MIN_RATE:
        raise _error(
            f"佣金率“{raw}”太低，不像真实的费率：最低万0.01（0.0001%）。",
            f"The rate '{raw}' is too low to be real: at least 万0.01 (0.0001%).",
        )
    if not math.isfinite(value) or value > MAX_RATE:
        raise _error(
            f"佣金率“{raw}”太高，不像真实的费率：最高10%。",
            f"The rate '{raw}' is too high to be real: at most 10%.",
        )
    return value


MAX_ACCOUNTS = 50  # family accounts pooled in one bundle


def check_accounts(count: int) -> None:
    if count > MAX_ACCOUNTS:
        raise _error(
            f"一次最多合并{MAX_ACCOUNTS}个账户（这里有{count}个）。",
            f"At most {MAX_ACCOUNTS} accounts can be pooled at once ({count} given).",
        )
