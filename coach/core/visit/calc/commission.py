"""The commission calculator: what the client pays here and there at their own volume."""

from __future__ import annotations

import math
from dataclasses import dataclass

from coach.core.content.model import Firm
from coach.core.content.variables import flags, format_money, format_rate
from coach.core.understand.amounts import CalcError, Rate, parse_amount, parse_count
from coach.core.visit.calc.sentences import commission_sentence
from coach.core.visit.calc.terms import FeeTerms, as_rate, as_terms


@dataclass(frozen=True, slots=True)
class CommissionResult:
    turnover: float  # yuan a year
    trades: int  # trades a year
    our_rate: Rate
    their_rate: Rate
    terms: FeeTerms
    trade_size: float
    our_per_trade: float
    their_per_trade: float
    our_cost: float  # yuan a year
    their_cost: float
    our_at_minimum: bool  # our rate x trade size is below the minimum: the client pays the minimum
    their_at_minimum: bool

    @property
    def yearly_diff(self) -> float:
        """What the client would save a year by leaving (negative: leaving costs more)."""
        return self.our_cost - self.their_cost

    @property
    def monthly_diff(self) -> float:
        return self.yearly_diff / 12

    @property
    def effective_rate(self) -> float:
        """What our commission really is for this client's trade size (minimum included)."""
        return self.our_cost / self.turnover

    @property
    def their_effective_rate(self) -> float:
        return self.their_cost / self.turnover

    @property
    def minimum_equalises(self) -> bool:
        """Both sides pay the per-trade minimum: the lower rate saves the client nothing."""
        return self.our_at_minimum and self.their_at_minimum

    @property
    def minimum_binds(self) -> bool:
        return self.our_at_minimum or self.their_at_minimum

    @property
    def break_even_size(self) -> float | None:
        """The trade size above which the client pays less there than here; 0 when any trade
        does (their offer waives the minimum), None when no trade size ever does.

        Computed from both rates and the minimum, never taken from a sentence: at 万2.5 against
        万1 (both with the 5-yuan minimum) saving starts once our fee per trade rises above the
        minimum, at 2万 a trade, not where theirs does (5万)."""
        return saving_starts_at(self.our_rate, self.their_rate, self.terms.min_commission)

    def as_dict(self) -> dict[str, object]:
        """The numbers for `--json` and the transcript's `calculator` event."""
        return {
            "turnover": self.turnover,
            "trades": self.trades,
            "trade_size": round(self.trade_size, 2),
            "our_rate": self.our_rate.value,
            "their_rate": self.their_rate.value,
            "our_waives_minimum": self.our_rate.waives_minimum,
            "their_waives_minimum": self.their_rate.waives_minimum,
            "our_per_trade": round(self.our_per_trade, 2),
            "their_per_trade": round(self.their_per_trade, 2),
            "our_cost": round(self.our_cost, 2),
            "their_cost": round(self.their_cost, 2),
            "yearly_diff": round(self.yearly_diff, 2),
            "monthly_diff": round(self.monthly_diff, 2),
            "effective_rate": self.effective_rate,
            "their_effective_rate": self.their_effective_rate,
            "our_at_minimum": self.our_at_minimum,
            "their_at_minimum": self.their_at_minimum,
            "minimum_equalises": self.minimum_equalises,
            "break_even_size": (
                None if self.break_even_size is None else round(self.break_even_size, 2)
            ),
            "min_commission": self.terms.min_commission,
            "cap_rate": self.terms.cap_rate,
        }

    def values(self) -> dict[str, str]:
        """Template variables for the playbook lines (coach.core.content.variables). Differences are
        given without sign, as they are spoken ("相差50元"); `yearly_diff` the number keeps it."""
        return {
            "turnover": format_money(self.turnover),
            "trades": str(self.trades),
            "trade_size": format_money(self.trade_size),
            "our_rate": str(self.our_rate),
            "their_rate": str(self.their_rate),
            "our_cost": format_money(self.our_cost),
            "their_cost": format_money(self.their_cost),
            "yearly_diff": format_money(abs(self.yearly_diff)),
            "monthly_diff": format_money(abs(self.monthly_diff)),
            "effective_rate": format_rate(self.effective_rate),
            **flags("commission", self.conditions()),
        }

    def conditions(self) -> set[str]:
        """The `when:` conditions (coach.core.content.variables.CONDITIONS) these numbers meet."""
        diff = self.yearly_diff
        met = {"client_saves" if diff > 0.005 else "we_are_cheaper" if diff < -0.005
               else "saves_nothing"}
        if self.minimum_equalises:
            met.add("minimum_equalises")
        if self.their_rate.waives_minimum:
            met.add("their_no_minimum")
        if self.our_at_minimum:
            met.add("our_minimum_binds")
        return met

    def sentence(self, lang: str = "zh") -> str:
        """The line to say, with the client's numbers."""
        return commission_sentence(self, lang)


def per_trade_fee(rate: Rate, size: float, minimum: float) -> float:
    """What one trade of `size` yuan costs at `rate` under the per-trade minimum."""
    raw = rate.value * size
    return raw if rate.waives_minimum else max(raw, minimum)


def saving_starts_at(ours: Rate, theirs: Rate, minimum: float) -> float | None:
    """The smallest trade size above which a trade costs less at `theirs` than at `ours`.

    Both fees are piecewise linear in the trade size (flat at the minimum, then rate x size), so
    their difference is linear between the two points where each leaves its minimum: walk those
    pieces and solve on the first one where the difference turns positive. 0: from the first
    yuan; None: never (their rate is not lower and their minimum not smaller)."""
    knees = sorted({0.0, *(minimum / r.value for r in (ours, theirs) if not r.waives_minimum)})

    def slope(rate: Rate, size: float) -> float:
        return rate.value if rate.waives_minimum or rate.value * size > minimum else 0.0

    for i, start in enumerate(knees):
        end = knees[i + 1] if i + 1 < len(knees) else None
        probe = start + 1.0 if end is None else (start + end) / 2
        gap = per_trade_fee(ours, start, minimum) - per_trade_fee(theirs, start, minimum)
        if gap > 1e-9:
            return start
        rise = slope(ours, probe) - slope(theirs, probe)
        if rise > 1e-15:
            root = start - gap / rise
            if end is None or root < end:
                return root
    return None


def _check_cap(rate: Rate, terms: FeeTerms, whose_zh: str, whose_en: str) -> None:
    if rate.value > terms.cap_rate + 1e-12:
        raise CalcError(
            f"{whose_zh}佣金率{format_rate(rate.value)}超过了{format_rate(terms.cap_rate)}的上限，请核对。",
            f"{whose_en} rate {format_rate(rate.value)} is above the {format_rate(terms.cap_rate)} "
            "cap; please check it.",
        )


def commission(
    turnover: float | str,
    trades: int | str,
    our_rate: float | str | Rate,
    their_rate: float | str | Rate,
    terms: Firm | FeeTerms | tuple[float, float] | None = None,
) -> CommissionResult:
    """Compare a year's commission here and at the other broker for the client's volume.

    `terms` is the firm profile, `FeeTerms`, a `(min_commission, cap_rate)` pair, or None for
    the defaults (5 yuan, 3‰). Strings are parsed as staff type them.
    """
    yuan = parse_amount(turnover) if isinstance(turnover, str) else float(turnover)
    count = parse_count(trades) if isinstance(trades, str) else trades
    if not math.isfinite(yuan) or yuan <= 0:
        raise CalcError("年交易额必须大于零。", "The yearly turnover must be above zero.")
    if int(count) != count or count < 1:
        raise CalcError(
            "交易笔数要是一个正整数。", "The number of trades must be a whole number above zero."
        )
    fees = as_terms(terms)
    ours, theirs = as_rate(our_rate), as_rate(their_rate)
    _check_cap(ours, fees, "我们的", "Our")
    _check_cap(theirs, fees, "对方的", "Their")
    size = yuan / count

    def per_trade(rate: Rate) -> tuple[float, bool]:
        raw = rate.value * size
        if rate.waives_minimum or raw >= fees.min_commission:
            return raw, False
        return fees.min_commission, True

    our_each, our_min = per_trade(ours)
    their_each, their_min = per_trade(theirs)
    return CommissionResult(
        turnover=yuan,
        trades=int(count),
        our_rate=ours,
        their_rate=theirs,
        terms=fees,
        trade_size=size,
        our_per_trade=our_each,
        their_per_trade=their_each,
        our_cost=our_each * count,
        their_cost=their_each * count,
        our_at_minimum=our_min,
        their_at_minimum=their_min,
    )
