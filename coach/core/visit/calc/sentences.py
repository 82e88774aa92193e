"""The lines to say for a calculation, in Chinese and in English, with the client's numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.core.content.variables import format_money, format_rate, wan
from coach.core.visit.calc.terms import under

if TYPE_CHECKING:
    from coach.core.visit.calc.bundle import BundleResult
    from coach.core.visit.calc.commission import CommissionResult


def commission_sentence(r: CommissionResult, lang: str = "zh") -> str:
    return _commission_en(r) if lang == "en" else _commission_zh(r)


def _commission_zh(r: CommissionResult) -> str:
    v = r.values()
    basis = (
        f"按您一年交易{wan(r.turnover)}、每年{r.trades}笔算，每笔大约{v['trade_size']}"
    )
    minimum = format_money(r.terms.min_commission)
    if r.minimum_equalises:
        text = (
            f"{basis}。这样的单笔金额，不论是我们{v['our_rate']}还是对方{v['their_rate']}，"
            f"每笔都只收最低的{minimum}，一年都是{v['our_cost']}，眼下费率低一点也省不下钱"
        )
        start = r.break_even_size
        if start:
            # where our fee per trade rises above the minimum: computed, never written down
            text += f"；等每笔超过{wan(start)}，两边才会拉开差距"
        return text + "。"
    diff = r.yearly_diff
    if diff <= 0.005:
        cheaper = "一样" if abs(diff) <= 0.005 else f"反而比对方少{format_money(-diff)}"
        return (
            f"{basis}，我们{v['our_rate']}一年是{v['our_cost']}，"
            f"对方{v['their_rate']}一年是{v['their_cost']}，算下来我们{cheaper}。"
        )
    note = ""
    if r.their_at_minimum:
        note = f"（对方每笔也要收最低{minimum}）"
    elif r.our_at_minimum:
        note = f"（我们这边每笔按最低{minimum}收）"
    return (
        f"{basis}，我们{v['our_rate']}一年是{v['our_cost']}，"
        f"对方{v['their_rate']}一年是{v['their_cost']}{note}，"
        f"一年相差{v['yearly_diff']}，一个月{under(r.monthly_diff)}。"
    )


def _commission_en(r: CommissionResult) -> str:
    v = r.values()
    basis = (
        f"At {v['turnover']} a year in {r.trades} trades, about {v['trade_size']} a trade"
    )
    minimum = format_money(r.terms.min_commission)
    if r.minimum_equalises:
        text = (
            f"{basis}, both our {v['our_rate']} and their {v['their_rate']} come to the "
            f"{minimum} minimum per trade: {v['our_cost']} a year either way, so the lower "
            "rate saves nothing at this size"
        )
        start = r.break_even_size
        if start:
            text += f"; the two sides only part once a trade exceeds {format_money(start)}"
        return text + "."
    diff = r.yearly_diff
    if diff <= 0.005:
        cheaper = "the same" if abs(diff) <= 0.005 else f"{format_money(-diff)} cheaper with us"
        return (
            f"{basis}, we charge {v['our_cost']} a year at {v['our_rate']} and they charge "
            f"{v['their_cost']} at {v['their_rate']}: {cheaper}."
        )
    return (
        f"{basis}, we charge {v['our_cost']} a year at {v['our_rate']} and they charge "
        f"{v['their_cost']} at {v['their_rate']}: {v['yearly_diff']} a year, "
        f"{v['monthly_diff']} a month."
    )

def bundle_sentence(r: BundleResult, lang: str = "zh") -> str:
    v = r.values()
    if lang == "en":
        head = f"Pooled, the {r.accounts} accounts trade {v['pooled_turnover']} a year"
        if not r.discounted:
            text = f"{head}, below the first bundle tier, so the standard {v['bundle_rate']} applies"
        else:
            text = (
                f"{head}, which reaches the '{r.tier.name}' tier at {v['bundle_rate']}: "
                f"{v['bundle_saving']} a year less than the standard {format_rate(r.standard_rate)}"
            )
        if r.next_tier:
            text += (
                f"; another {format_money(r.needed_for_next)} reaches '{r.next_tier.name}' "
                f"at {format_rate(r.next_tier.rate)}"
            )
        return text + "."
    head = (f"{r.accounts}个账户合在一起，一年交易{wan(r.pooled)}" if r.accounts > 1
            else f"这个账户一年交易{wan(r.pooled)}")
    if not r.discounted:
        text = f"{head}，还没到捆绑的优惠档，目前按标准佣金{v['bundle_rate']}"
    else:
        text = (
            f"{head}，能享受“{r.tier.name}”档的{v['bundle_rate']}，"
            f"比标准{format_rate(r.standard_rate)}一年少付{v['bundle_saving']}"
        )
    if r.next_tier:
        text += (
            f"；再多{wan(r.needed_for_next)}的交易量，"
            f"就能到“{r.next_tier.name}”档的{format_rate(r.next_tier.rate)}"
        )
    return text + "。"
