"""Each fired indicator as one line a branch manager reads before picking up the phone."""

from __future__ import annotations

from coach.core.content.variables import wan
from coach.core.outreach.watch import Fired, Flagged


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _times(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def describe(fired: Fired, lang: str = "zh") -> str:
    g = fired.figures.get
    zh = lang != "en"
    match fired.id:
        case "transfer_out":
            share = g("out_total", 0) / g("assets", 1) if g("assets") else 1.0
            return (f"近期转出{g('out_times', 0):.0f}次，共{wan(g('out_total', 0))}，占月末资产{_pct(share)}"
                    if zh else f"moved out {g('out_times', 0):.0f} times, {g('out_total', 0):,.0f} yuan, "
                    f"{_pct(share)} of assets")
        case "commission_drop":
            base, now = g("commission_base", 0), g("commission", 0)
            drop = 1 - now / base if base else 0
            return (f"本月佣金{wan(now)}，此前月均{wan(base)}，下降{_pct(drop)}" if zh
                    else f"commission {now:,.0f} yuan against {base:,.0f} before, down {_pct(drop)}")
        case "empty_position":
            return (f"连续{g('empty_months', 0):.0f}个月空仓" if zh
                    else f"no position for {g('empty_months', 0):.0f} months")
        case "trades_drop":
            return (f"本月交易{g('trades', 0):.0f}笔，此前月均{_times(g('trades_avg', 0))}笔" if zh
                    else f"{g('trades', 0):.0f} trades against {_times(g('trades_avg', 0))} a month before")
        case "month_loss":
            loss, start = -g("pnl", 0), g("start_assets", 0)
            share = loss / start if start else 1.0
            return (f"本月亏损{wan(loss)}，占月初资产{_pct(share)}" if zh
                    else f"lost {loss:,.0f} yuan this month, {_pct(share)} of assets")
        case "complaint":
            return (f"本月或上月投诉{g('recent_complaints', 0):.0f}次" if zh
                    else f"{g('recent_complaints', 0):.0f} complaint(s) this month or last")
        case "fee_request":
            return (f"本月或上月提出降佣等要求{g('recent_fee_requests', 0):.0f}次" if zh
                    else f"asked for a lower commission {g('recent_fee_requests', 0):.0f} time(s)")
        case "contact_drop":
            return (f"本月联系{g('contacts', 0):.0f}次，此前月均{_times(g('contacts_avg', 0))}次" if zh
                    else f"{g('contacts', 0):.0f} contacts against {_times(g('contacts_avg', 0))} a month before")
        case "heavy_loss":
            return (f"资产从一年内最高{wan(g('peak_assets', 0))}降到{wan(g('assets', 0))}，"
                    f"一年累计亏损{wan(-g('year_pnl', 0))}" if zh
                    else f"assets down from {g('peak_assets', 0):,.0f} to {g('assets', 0):,.0f} yuan, "
                    f"{-g('year_pnl', 0):,.0f} lost over the year")
    return fired.name.get(lang)


def summary(flagged: Flagged, lang: str = "zh") -> list[str]:
    """The lines for one client: idle months first for the dormant, then each indicator."""
    lines = []
    if flagged.segment == "dormant" and flagged.idle_months is not None:
        lines.append(f"已{flagged.idle_months}个月没有交易" if lang != "en"
                     else f"no trade for {flagged.idle_months} months")
    lines += [describe(f, lang) for f in flagged.fired]
    return lines
