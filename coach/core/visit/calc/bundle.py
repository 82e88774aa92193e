"""The bundled-commission calculator: family accounts pooled to reach a better tier."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from coach.core.content.model import Firm, Tier
from coach.core.content.variables import flags, format_money, format_rate
from coach.core.understand.amounts import CalcError, parse_amount
from coach.core.visit.calc.sentences import bundle_sentence

# Accounts are separated by spaces, 、 ； + / or a comma, full-width or not. A comma is a
# thousands separator only between digits with exactly three after it (1,200,000), never after
# a unit: "200万,300万,600万" is three accounts, "200万，300万,600万" too.
_ACCOUNT_SPLIT = re.compile(r"[\s、;；+，/]+|,(?!(?<=\d,)\d{3}(?:\D|$))")


def split_turnovers(text: str) -> list[str]:
    """The accounts in one typed line, each as typed."""
    return [part for part in _ACCOUNT_SPLIT.split(text.strip()) if part]


@dataclass(frozen=True, slots=True)
class BundleResult:
    turnovers: tuple[float, ...]  # each account's yearly turnover
    standard_rate: float
    tier: Tier | None  # the best tier the pooled volume reaches; None: below every tier
    next_tier: Tier | None  # the next tier up, if any

    @property
    def pooled(self) -> float:
        return sum(self.turnovers)

    @property
    def accounts(self) -> int:
        return len(self.turnovers)

    @property
    def rate(self) -> float:
        return self.tier.rate if self.tier else self.standard_rate

    @property
    def discounted(self) -> bool:
        """The pooled volume reaches a tier below the standard rate (a saving to speak of)."""
        return self.tier is not None and self.saving >= 0.005

    @property
    def saving(self) -> float:
        """Yuan a year saved on the pooled volume against the standard rate."""
        return max(0.0, self.pooled * (self.standard_rate - self.rate))

    @property
    def needed_for_next(self) -> float:
        """More yearly volume needed to reach the next tier (0 when there is none)."""
        return max(0.0, self.next_tier.min_turnover - self.pooled) if self.next_tier else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "turnovers": list(self.turnovers),
            "accounts": self.accounts,
            "pooled_turnover": self.pooled,
            "tier": self.tier.name if self.tier else None,
            "rate": self.rate,
            "standard_rate": self.standard_rate,
            "saving": round(self.saving, 2),
            "next_tier": self.next_tier.name if self.next_tier else None,
            "next_rate": self.next_tier.rate if self.next_tier else None,
            "needed_for_next": round(self.needed_for_next, 2),
        }

    def values(self) -> dict[str, str]:
        return {
            "pooled_turnover": format_money(self.pooled),
            "accounts": str(self.accounts),
            "bundle_tier": self.tier.name if self.tier else "标准",
            "bundle_rate": format_rate(self.rate),
            "bundle_saving": format_money(self.saving),
            **flags("bundle", {"bundle_saves" if self.discounted else "bundle_below_tier"}),
        }

    def sentence(self, lang: str = "zh") -> str:
        """The line to say, with the pooled numbers."""
        return bundle_sentence(self, lang)


def bundle(turnovers: Sequence[float | str], firm: Firm | None) -> BundleResult:
    """Pool family accounts' yearly turnover and find the commission tier they reach together."""
    if firm is None or not firm.tiers:
        raise CalcError(
            "公司资料（firm.yaml）里没有捆绑佣金档位，无法计算。",
            "The firm profile (firm.yaml) has no bundle tiers to compute with.",
        )
    if not turnovers:
        raise CalcError(
            "请至少输入一个账户的年交易额。", "Give at least one account's yearly turnover."
        )
    parts = [p for t in turnovers for p in (split_turnovers(t) if isinstance(t, str) else [t])]
    if not parts:
        raise CalcError(
            "请至少输入一个账户的年交易额。", "Give at least one account's yearly turnover."
        )
    amounts = tuple(parse_amount(t) if isinstance(t, str) else float(t) for t in parts)
    if any(not math.isfinite(a) or a <= 0 for a in amounts):
        raise CalcError(
            "每个账户的年交易额都必须大于零。", "Every account's turnover must be above zero."
        )
    pooled = sum(amounts)
    tiers = sorted(firm.tiers, key=lambda t: t.min_turnover)
    reached = [t for t in tiers if t.min_turnover <= pooled]
    above = [t for t in tiers if t.min_turnover > pooled]
    return BundleResult(
        turnovers=amounts,
        standard_rate=firm.standard_rate,
        tier=reached[-1] if reached else None,
        next_tier=above[0] if above else None,
    )
