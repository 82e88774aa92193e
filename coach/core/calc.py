"""The commission and bundle calculators: the client's own numbers, ready to say.

Counter staff meet "the other broker charges less" with arithmetic: at the client's real volume
the difference is usually a few yuan a month, and with small trades the 5-yuan minimum per trade
makes a lower rate change nothing at all. These functions take numbers as staff type them
(万2.5, 0.025%, 10万, 50w), compute, and give back frozen results whose `values()` feed the
playbook templates (see coach.core.variables) and whose `sentence(lang)` is the line to say.

Fee rules (from the firm profile, defaults when none is loaded): per trade the commission is
rate x trade size, at least `min_commission` (5 yuan) unless the offer waives it (免五); a rate
above the cap (3‰) is not allowed and is reported as an error, not silently capped.

Bad input raises `CalcError`, whose `message(lang)` is a sentence to show the staff member.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from coach.core.errors import CoachError
from coach.core.model import Firm, Tier
from coach.core.variables import format_money, format_rate

DEFAULT_MIN_COMMISSION = 5.0
DEFAULT_CAP_RATE = 0.003


class CalcError(CoachError, ValueError):
    """Input a calculator cannot use; `message(lang)` says what to type instead."""


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


@dataclass(frozen=True, slots=True)
class Rate:
    """A commission rate as typed: `value` is a fraction of turnover (万2.5 -> 0.00025)."""

    value: float
    waives_minimum: bool = False  # 免五: no 5-yuan minimum per trade
    text: str = ""

    def __str__(self) -> str:
        return format_rate(self.value) + ("免五" if self.waives_minimum else "")


# ---------------------------------------------------------------- parsing

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_NUMBER_TOKEN = re.compile(
    r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九](?:点[零〇一二两三四五六七八九]+)?|[十百千万亿]"
)


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().replace(" ", "").replace(",", "")


def _cn_digit_value(token: str) -> float:
    if token[0].isdigit():
        return float(token)
    whole, _, frac = token.partition("点")
    value = float(_CN_DIGITS[whole])
    if frac:
        value += float("0." + "".join(str(_CN_DIGITS[c]) for c in frac))
    return value


def _number(text: str) -> float | None:
    """A number in Arabic or Chinese numerals with 十/百/千/万/亿 (1.5亿, 五十万, 两万五); None if not one."""
    tokens = _NUMBER_TOKEN.findall(text)
    if not tokens or "".join(tokens) != text:
        return None
    total = section = 0.0
    number: float | None = None
    last_unit = 0
    for token in tokens:
        if token in _CN_SMALL_UNITS:
            unit = _CN_SMALL_UNITS[token]
            section += (1.0 if number is None else number) * unit
            number, last_unit = None, unit
        elif token in _CN_BIG_UNITS:
            unit = _CN_BIG_UNITS[token]
            if number is None and section == 0 and total == 0:
                return None  # a unit with no number before it: "万"
            if unit == 100_000_000:
                total = (total + section + (number or 0.0)) * unit
            else:
                total += (section + (number or 0.0)) * unit
            section, number, last_unit = 0.0, None, unit
        elif token in ("零", "〇"):
            last_unit = 0  # "一百零五": the zero only marks a gap
        else:
            if number is not None:
                return None  # two numbers in a row
            number = _cn_digit_value(token)
    if number is not None and last_unit and number < 10 and number == int(number):
        # "两万五" is 25,000 and "1万5" 15,000: a lone digit after a unit counts in the unit below.
        number *= last_unit / 10
    return total + section + (number or 0.0)


_AMOUNT_SUFFIXES = ("人民币", "元", "块钱", "块", "圆", "rmb")


def parse_amount(text: str) -> float:
    """Yuan as typed: "10万", "1.5亿", "100000", "50w", "5千", "100,000元", "五十万"."""
    raw = text
    s = _normalise(text).lower()
    s = s.removeprefix("¥").removeprefix("rmb")
    for suffix in _AMOUNT_SUFFIXES:
        s = s.removesuffix(suffix)
    s = s.replace("w", "万").replace("k", "千")
    value = _number(s) if s else None
    if value is None:
        raise CalcError(
            f"看不懂金额“{raw}”：请写成 100000、10万、1.5亿 或 50w。",
            f"Cannot read the amount '{raw}': write 100000, 10万, 1.5亿 or 50w.",
        )
    if value <= 0:
        raise CalcError(f"金额“{raw}”必须大于零。", f"The amount '{raw}' must be above zero.")
    return value


def parse_count(text: str) -> int:
    """A number of trades: "20", "20笔", "二十次"."""
    raw = text
    s = _normalise(text)
    for suffix in ("笔", "次", "单"):
        s = s.removesuffix(suffix)
    value = _number(s) if s else None
    if value is None or value != int(value) or value < 1:
        raise CalcError(
            f"交易笔数“{raw}”要是一个正整数，比如 20。",
            f"The number of trades '{raw}' must be a whole number above zero, e.g. 20.",
        )
    return int(value)


_WAIVER = re.compile(r"(?:免五|免5元?|免最低(?:5元|五元)?|不设最低|无最低)$")
_RATE_FORMS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"^万分之(?P<n>.+)$"), 1e-4),
    (re.compile(r"^万(?P<n>.+)$"), 1e-4),
    (re.compile(r"^千分之(?P<n>.+)$"), 1e-3),
    (re.compile(r"^千(?P<n>.+)$"), 1e-3),
    (re.compile(r"^(?P<n>.+)‱$"), 1e-4),
    (re.compile(r"^(?P<n>.+)‰$"), 1e-3),
    (re.compile(r"^(?P<n>.+)%$"), 1e-2),
)


def _bad_rate(raw: str) -> CalcError:
    return CalcError(
        f"看不懂佣金率“{raw}”：请写成 万2.5、0.025%、2.5‱、千1、3‰ 或 0.00025。",
        f"Cannot read the rate '{raw}': write 万2.5, 0.025%, 2.5‱, 千1, 3‰ or 0.00025.",
    )


def parse_rate(text: str) -> Rate:
    """A rate as staff type it: 万2.5, 万分之2.5, 0.025%, 2.5‱, 千1, 3‰, 0.00025, 万1免五."""
    raw = text
    s = _normalise(text)
    waiver = _WAIVER.search(s)
    if waiver:
        s = s[: waiver.start()]
    value: float | None = None
    for pattern, scale in _RATE_FORMS:
        m = pattern.match(s)
        if m:
            n = _number(m.group("n"))
            value = None if n is None else n * scale
            break
    else:
        try:
            value = float(s)
        except ValueError:
            value = None
        if value is not None and math.isfinite(value) and value >= 0.01:
            # A bare 2.5 or 0.25 is a guess at 万2.5 or 0.25%: ask rather than guess.
            raise CalcError(
                f"佣金率“{raw}”单位不明：是万{value:g}还是{value:g}%？请带上单位，如 万2.5 或 0.025%。",
                f"The rate '{raw}' has no unit: 万{value:g} or {value:g}%? Add one, e.g. 万2.5 or 0.025%.",
            )
    if value is None or not math.isfinite(value):
        raise _bad_rate(raw)
    if value <= 0:
        raise CalcError(f"佣金率“{raw}”必须大于零。", f"The rate '{raw}' must be above zero.")
    return Rate(value=value, waives_minimum=bool(waiver), text=raw)


def _as_rate(rate: float | str | Rate) -> Rate:
    if isinstance(rate, Rate):
        return rate
    if isinstance(rate, str):
        return parse_rate(rate)
    if not math.isfinite(rate) or rate <= 0:
        raise CalcError(f"佣金率{rate}必须大于零。", f"The rate {rate} must be above zero.")
    return Rate(value=float(rate))


def _as_terms(terms: Firm | FeeTerms | tuple[float, float] | None) -> FeeTerms:
    if isinstance(terms, FeeTerms):
        return terms
    if isinstance(terms, tuple):
        return FeeTerms(min_commission=terms[0], cap_rate=terms[1])
    return FeeTerms.from_firm(terms)


def wan(yuan: float) -> str:
    """Large amounts the way they are spoken: 100000 -> 10万元, 150000000 -> 1.5亿元."""
    if yuan >= 100_000_000:
        return f"{yuan / 100_000_000:.4g}亿元"
    if yuan >= 10_000:
        return f"{yuan / 10_000:.4g}万元"
    return format_money(yuan)


def _under(yuan: float) -> str:
    """A small monthly amount, rounded the way people say it: 4.17 -> 不到5元."""
    if abs(yuan - round(yuan)) < 0.005:
        return format_money(yuan)
    return f"不到{format_money(math.ceil(yuan))}"


# ---------------------------------------------------------------- commission


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
    def break_even_size(self) -> float:
        """Trade size from which their rate is no longer swallowed by the minimum."""
        if self.their_rate.waives_minimum:
            return 0.0
        return self.terms.min_commission / self.their_rate.value

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
            "break_even_size": round(self.break_even_size, 2),
            "min_commission": self.terms.min_commission,
            "cap_rate": self.terms.cap_rate,
        }

    def values(self) -> dict[str, str]:
        """Template variables for the playbook lines (coach.core.variables). Differences are
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
        }

    def sentence(self, lang: str = "zh") -> str:
        """The line to say, with the client's numbers."""
        return self._sentence_en() if lang == "en" else self._sentence_zh()

    def _sentence_zh(self) -> str:
        v = self.values()
        basis = (
            f"按您一年交易{wan(self.turnover)}、每年{self.trades}笔算，每笔大约{v['trade_size']}"
        )
        minimum = format_money(self.terms.min_commission)
        if self.minimum_equalises:
            return (
                f"{basis}。这样的单笔金额，不论是我们{v['our_rate']}还是对方{v['their_rate']}，"
                f"每笔都只收最低的{minimum}，一年都是{v['our_cost']}，费率再低也省不下一分钱；"
                f"每笔要超过{wan(self.break_even_size)}，低费率才开始起作用。"
            )
        diff = self.yearly_diff
        if diff <= 0.005:
            cheaper = "一样" if abs(diff) <= 0.005 else f"反而比对方少{format_money(-diff)}"
            return (
                f"{basis}，我们{v['our_rate']}一年是{v['our_cost']}，"
                f"对方{v['their_rate']}一年是{v['their_cost']}，算下来我们{cheaper}。"
            )
        note = ""
        if self.their_at_minimum:
            note = f"（对方每笔也要收最低{minimum}）"
        elif self.our_at_minimum:
            note = f"（我们这边每笔按最低{minimum}收）"
        return (
            f"{basis}，我们{v['our_rate']}一年是{v['our_cost']}，"
            f"对方{v['their_rate']}一年是{v['their_cost']}{note}，"
            f"一年相差{v['yearly_diff']}，一个月{_under(self.monthly_diff)}。"
        )

    def _sentence_en(self) -> str:
        v = self.values()
        basis = (
            f"At {v['turnover']} a year in {self.trades} trades, about {v['trade_size']} a trade"
        )
        minimum = format_money(self.terms.min_commission)
        if self.minimum_equalises:
            return (
                f"{basis}, both our {v['our_rate']} and their {v['their_rate']} come to the "
                f"{minimum} minimum per trade: {v['our_cost']} a year either way, so the lower "
                f"rate saves nothing until a trade exceeds {format_money(self.break_even_size)}."
            )
        diff = self.yearly_diff
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
    fees = _as_terms(terms)
    ours, theirs = _as_rate(our_rate), _as_rate(their_rate)
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


# ---------------------------------------------------------------- bundle


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
        }

    def sentence(self, lang: str = "zh") -> str:
        v = self.values()
        if lang == "en":
            head = f"Pooled, the {self.accounts} accounts trade {v['pooled_turnover']} a year"
            if self.tier is None:
                text = f"{head}, below the first bundle tier, so the standard {v['bundle_rate']} applies"
            else:
                text = (
                    f"{head}, which reaches the '{self.tier.name}' tier at {v['bundle_rate']}: "
                    f"{v['bundle_saving']} a year less than the standard {format_rate(self.standard_rate)}"
                )
            if self.next_tier:
                text += (
                    f"; another {format_money(self.needed_for_next)} reaches '{self.next_tier.name}' "
                    f"at {format_rate(self.next_tier.rate)}"
                )
            return text + "."
        head = f"{self.accounts}个账户合在一起，一年交易{wan(self.pooled)}"
        if self.tier is None:
            text = f"{head}，还没到捆绑的第一档，目前按标准佣金{v['bundle_rate']}"
        else:
            text = (
                f"{head}，能享受“{self.tier.name}”档的{v['bundle_rate']}，"
                f"比标准{format_rate(self.standard_rate)}一年少付{v['bundle_saving']}"
            )
        if self.next_tier:
            text += (
                f"；再多{wan(self.needed_for_next)}的交易量，"
                f"就能到“{self.next_tier.name}”档的{format_rate(self.next_tier.rate)}"
            )
        return text + "。"


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
    amounts = tuple(parse_amount(t) if isinstance(t, str) else float(t) for t in turnovers)
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
