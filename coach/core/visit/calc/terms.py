"""The fee rules a calculation runs under, and amounts put the way they are spoken."""

from __future__ import annotations

import math
from dataclasses import dataclass

from coach.core.content.model import Firm
from coach.core.content.variables import format_money
from coach.core.understand.amounts import CalcError, Rate, parse_rate

DEFAULT_MIN_COMMISSION = 5.0
DEFAULT_CAP_RATE = 0.003


@dataclass(frozen=True, slots=True)
class FeeTerms:
    """The fee rules a calculation runs under; `from_firm(None)` gives the defaults."""

    min_commission: float = DEFAULT_MIN_COMMISSION
    cap_rate: float = DEFAULT_CAP_RATE

    @classmethod
    def from_firm(cls, firm: Firm | None) -> FeeTerms:
        if firm is None:
            return cls()
        return cls(min_commission=firm.min_commission, cap_rate=firm.cap_rate)


def as_rate(rate: float | str | Rate) -> Rate:
    if isinstance(rate, Rate):
        return rate
    if isinstance(rate, str):
        return parse_rate(rate)
    if not math.isfinite(rate) or rate <= 0:
        raise CalcError(f"佣金率{rate}必须大于零。", f"The rate {rate} must be above zero.")
    return Rate(value=float(rate))


def as_terms(terms: Firm | FeeTerms | tuple[float, float] | None) -> FeeTerms:
    if isinstance(terms, FeeTerms):
        return terms
    if isinstance(terms, tuple):
        return FeeTerms(min_commission=terms[0], cap_rate=terms[1])
    return FeeTerms.from_firm(terms)


def under(yuan: float) -> str:
    """A small monthly amount, rounded the way people say it: 4.17 -> 不到5元."""
    if abs(yuan - round(yuan)) < 0.005:
        return format_money(yuan)
    return f"不到{format_money(math.ceil(yuan))}"
