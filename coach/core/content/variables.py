"""Template variables: which exist, who provides them, and how a line is filled in.

Lines to say are written as `{name}` templates. The validator uses `VARIABLES` to reject names
nobody provides; the engine renders with what is known so far, showing a readable placeholder
(【年交易额】) for values a calculator has not yet produced, never a raw `{turnover}` or a crash.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from coach.core.content.model import Firm, Text

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
    """Yuan as said at the counter: 1250 -> 1,250元; round sums in 万: 1200000 -> 120万元."""
    if abs(yuan) >= 10_000:
        wan = yuan / 10_000
        if abs(wan * 100 - round(wan * 100)) < 1e-6:
            return f"{wan:,.2f}".rstrip("0").rstrip(".") + "万元"
    if abs(yuan - round(yuan)) < 0.005:
        return f"{round(yuan):,}元"
    return f"{yuan:,.2f}元"


def wan(yuan: float) -> str:
    """Large amounts the way they are spoken: 100000 -> 10万元, 150000000 -> 1.5亿元."""
    if yuan >= 100_000_000:
        return f"{yuan / 100_000_000:.4g}亿元"
    if yuan >= 10_000:
        return f"{yuan / 10_000:.4g}万元"
    return format_money(yuan)


def branch_for(firm: Firm | None, text: str) -> str:
    """Our branch in the area the client names ("搬到江北了" -> 江北营业部), or "" when none is."""
    if firm is None:
        return ""
    named = [b for b in firm.branches if b.area and b.area in text]
    return max(named, key=lambda b: len(b.area)).name if named else ""


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
        branch=firm.branches[0].name if firm.branches else "",
    )
    return values
