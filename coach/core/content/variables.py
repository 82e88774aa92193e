"""Template variables: which exist, who provides them, and how a line is filled in.

Lines to say are written as `{name}` templates. The validator uses `VARIABLES` to reject names
nobody provides; the engine renders with what is known so far, showing a readable placeholder
(【年交易额】) for values a calculator has not yet produced, never a raw `{turnover}` or a crash.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from coach.core.content.model import Firm, Text, Variant

Source = Literal["always", "commission", "bundle", "trial"]


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    source: Source  # "always" or the calculator/step that provides it
    label: Text


def _v(name: str, source: Source, zh: str, en: str) -> tuple[str, Variable]:
    return name, Variable(name, source, Text(zh, en))


VARIABLES: Mapping[str, Variable] = dict(
    [
        _v("client", "always", "客户称呼", "client"),
        _v("staff", "always", "员工", "staff"),
        _v("firm_name", "always", "公司名称", "firm name"),
        _v("firm_short", "always", "公司简称", "firm short name"),
        _v("hotline", "always", "客服热线", "hotline"),
        _v("app", "always", "手机APP", "mobile app"),
        _v("standard_rate", "always", "标准佣金", "standard rate"),
        _v("cap_rate", "always", "佣金上限", "commission cap"),
        _v("min_commission", "always", "最低佣金", "minimum commission"),
        _v("trial_days", "always", "体验天数", "trial days"),
        _v("trial_services", "always", "体验服务", "trial services"),
        _v("branch", "always", "就近营业部", "nearest branch"),
        _v("evidence_period", "always", "统计期间", "evidence period"),
        _v("in_touch_clients", "always", "常联系客户数", "clients in touch"),
        _v("in_touch_drawdown", "always", "常联系客户平均回撤", "drawdown of clients in touch"),
        _v("others_clients", "always", "少联系客户数", "other clients"),
        _v("others_drawdown", "always", "少联系客户平均回撤", "drawdown of the others"),
        _v("evidence_note", "always", "统计来源", "evidence source"),
        _v("turnover", "commission", "年交易额", "yearly turnover"),
        _v("trades", "commission", "年交易笔数", "trades a year"),
        _v("trade_size", "commission", "每笔金额", "trade size"),
        _v("our_rate", "commission", "我司佣金率", "our rate"),
        _v("their_rate", "commission", "对方佣金率", "their rate"),
        _v("our_cost", "commission", "我司年佣金", "our yearly cost"),
        _v("their_cost", "commission", "对方年佣金", "their yearly cost"),
        _v("yearly_diff", "commission", "年差额", "yearly difference"),
        _v("monthly_diff", "commission", "月差额", "monthly difference"),
        _v("effective_rate", "commission", "实际费率", "effective rate"),
        _v("pooled_turnover", "bundle", "合并交易额", "pooled turnover"),
        _v("accounts", "bundle", "账户数", "accounts"),
        _v("bundle_tier", "bundle", "捆绑档位", "bundle tier"),
        _v("bundle_rate", "bundle", "捆绑佣金率", "bundle rate"),
        _v("bundle_saving", "bundle", "捆绑节省", "bundle saving"),
        _v("trial_end", "trial", "体验结束日", "trial end date"),
    ]
)

@dataclass(frozen=True, slots=True)
class Condition:
    """A case of the client's figures a step can have its own lines for (`when: - if: NAME`).

    Calculator conditions arrive as values named `when.NAME` ("1" or "": a new calculation
    resets them all); the others are read from the values themselves."""

    name: str
    source: Source
    label: Text

    def holds(self, values: Mapping[str, str]) -> bool:
        if self.name == "branch_known":
            return bool(values.get("branch"))
        if self.name == "no_branch":
            return not values.get("branch")
        return values.get(WHEN + self.name) == "1"


WHEN = "when."


def _c(name: str, source: Source, zh: str, en: str) -> tuple[str, Condition]:
    return name, Condition(name, source, Text(zh, en))


CONDITIONS: Mapping[str, Condition] = dict(
    [
        _c("client_saves", "commission", "客户换过去确实能省钱", "the client would save by leaving"),
        _c("saves_nothing", "commission", "两边一年一样多", "both sides cost the same a year"),
        _c("we_are_cheaper", "commission", "我们反而更便宜", "we are cheaper"),
        _c("minimum_equalises", "commission", "两边每笔都按最低收费", "both sides pay the minimum"),
        _c("their_no_minimum", "commission", "对方免五（不收最低佣金）", "their offer waives the minimum"),
        _c("our_minimum_binds", "commission", "我们这边每笔按最低收费", "our fee is at the minimum"),
        _c("bundle_saves", "bundle", "合并后能到优惠档", "the pooled volume reaches a discount"),
        _c("bundle_below_tier", "bundle", "合并后还没到优惠档", "the pooled volume reaches no discount"),
        _c("branch_known", "always", "客户说的地方有我们的营业部", "we have a branch where the client lives"),
        _c("no_branch", "always", "客户说的地方没有我们的营业部", "no branch of ours where the client lives"),
        _c("answered", "always", "这一步要问的（asks），客户已经说过", "the client already said what the step asks"),
    ]
)


def flags(source: Source, true: set[str]) -> dict[str, str]:
    """Every condition of `source` as a value: "1" for those in `true`, "" for the rest."""
    return {WHEN + c.name: "1" if c.name in true else "" for c in CONDITIONS.values()
            if c.source == source}


def active_variant(variants: tuple[Variant, ...], values: Mapping[str, str]) -> Variant | None:
    """The first variant whose condition holds, or None (the step's own lines then)."""
    for variant in variants:
        condition = CONDITIONS.get(variant.condition)
        if condition is not None and condition.holds(values):
            return variant
    return None


# `{name}`; `{{` and `}}` are literal braces, as in str.format.
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


# The address opening a sentence, "{client}，…"; "谢谢{client}，…" is not a vocative.
_VOCATIVE = re.compile(r"(?:^|(?<=[。！？!?；;“\"\s]))\{\s*client\s*\}\s*[，,]\s*")


def template_names(template: str) -> list[tuple[str, int]]:
    """The variable names a template uses, each with its character offset."""
    return [(m.group(1).strip(), m.start()) for m in _FIELD.finditer(template) if m.group(1) is not None]


def render(template: str, values: Mapping[str, str], lang: str = "zh") -> str:
    """Fill a template; unknown or not-yet-known variables become a bracketed label."""

    def fill(m: re.Match[str]) -> str:
        whole = m.group(0)
        if whole == "{{":
            return "{"
        if whole == "}}":
            return "}"
        name = m.group(1).strip()
        if name in values and values[name] != "":
            return str(values[name])
        var = VARIABLES.get(name)
        label = var.label.get(lang) if var else name
        return f"【{label}】" if lang != "en" else f"[{label}]"

    if values.get("client", "您") in ("", "您"):
        # No name known: "{client}，您好" must not come out as "您，您好"; drop the vocative.
        template = _VOCATIVE.sub("", template)
    return _FIELD.sub(fill, template)


def format_rate(rate: float) -> str:
    """Rates as counter staff say them: 0.00025 -> 万2.5, 0.003 -> 千3 (3‰)."""
    if rate >= 0.001:
        return f"千分之{rate * 1000:.4g}"
    return f"万{rate * 10000:.4g}"


def format_money(yuan: float) -> str:
    """Yuan as said at the counter: 1250 -> 1,250元; round sums in 万 or 亿: 1200000 -> 120万元,
    100000000 -> 1亿元."""
    if abs(yuan) >= 100_000_000:
        yi = yuan / 100_000_000
        if abs(yi * 10_000 - round(yi * 10_000)) < 1e-6:
            return f"{yi:,.4f}".rstrip("0").rstrip(".") + "亿元"
    if abs(yuan) >= 10_000:
        wan = yuan / 10_000
        if abs(wan * 100 - round(wan * 100)) < 1e-6:
            return f"{wan:,.2f}".rstrip("0").rstrip(".") + "万元"
    if abs(yuan - round(yuan)) < 0.005:
        return f"{round(yuan):,}元"
    return f"{yuan:,.2f}元"


def _four_figures(value: float) -> str:
    """`value` to four significant figures, never in exponent form (9999.5 -> 10000, not 1e+04)."""
    if not math.isfinite(value) or value <= 0:
        return f"{value:g}"
    magnitude = math.floor(math.log10(value))
    decimals = max(0, 3 - magnitude)
    text = f"{round(value, 3 - magnitude):.{decimals}f}"
    return text.rstrip("0").rstrip(".") if decimals else text


# Where a unit starts, allowing for rounding: 9999.6万 is said as 1亿, not 10000万.
_UNITS = ((1e12, "万亿元"), (1e8, "亿元"), (1e4, "万元"))


def wan(yuan: float) -> str:
    """Large amounts the way they are spoken: 100000 -> 10万元, 150000000 -> 1.5亿元."""
    for size, unit in _UNITS:
        if yuan >= size * 0.99995:
            return f"{_four_figures(yuan / size)}{unit}"
    return format_money(yuan)


def branch_for(firm: Firm | None, text: str) -> str:
    """Our branch in the area or city the client names ("搬到江北了" -> 江北营业部, "搬去深圳"
    -> our Shenzhen branch), or "" when we have none there: never a branch picked at random."""
    if firm is None:
        return ""
    named = [(b.area, b) for b in firm.branches if b.area and b.area in text]
    named += [(b.city, b) for b in firm.branches if b.city and b.city in text]
    return max(named, key=lambda pair: len(pair[0]))[1].name if named else ""


def firm_values(firm: Firm | None, *, client: str = "", staff: str = "") -> dict[str, str]:
    """The variables that are always known, from the firm profile and the session."""
    values = {"client": client or "您", "staff": staff or ""}
    if firm is None:
        return values
    values.update(
        firm_name=firm.name,
        firm_short=firm.short_name,
        hotline=firm.hotline,
        app=firm.app,
        standard_rate=format_rate(firm.standard_rate),
        cap_rate=format_rate(firm.cap_rate),
        min_commission=format_money(firm.min_commission),
        trial_days=str(firm.trial_days),
        trial_services="、".join(firm.trial_services),
    )
    if firm.evidence is not None:
        e = firm.evidence
        values.update(
            evidence_period=e.period,
            in_touch_clients=str(e.in_touch_clients),
            in_touch_drawdown=f"{e.in_touch_drawdown * 100:.0f}%",
            others_clients=str(e.others_clients),
            others_drawdown=f"{e.others_drawdown * 100:.0f}%",
            evidence_note=(
                "firm.yaml 里的是示例数据，换成本营业部的真实统计之前，不要拿给客户看"
                if e.example else e.source or "营业部统计"
            ),
        )
    return values
