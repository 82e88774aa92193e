"""Each fired indicator as one line a branch manager reads before picking up the phone.

One sentence pattern per indicator and language; the figures behind it are computed once, and
amounts are written the way each language reads them (万 in Chinese, yuan with separators in
English)."""

from __future__ import annotations

from collections.abc import Callable

from coach.core.content.variables import wan
from coach.core.outreach.watch import Fired, Flagged

SENTENCES: dict[str, tuple[str, str]] = {
    "transfer_out": ("近期转出{out_times}次，共{out_total}，占月末资产{share}",
                     "moved out {out_times} times, {out_total}, {share} of assets"),
    "commission_drop": ("本月佣金{commission}，此前月均{commission_base}，下降{drop}",
                        "commission {commission} against {commission_base} before, down {drop}"),
    "empty_position": ("连续{empty_months}个月空仓", "no position for {empty_months} months"),
    "trades_drop": ("本月交易{trades}笔，此前月均{trades_avg}笔",
                    "{trades} trades against {trades_avg} a month before"),
    "month_loss": ("本月亏损{loss}，占月初资产{share}", "lost {loss} this month, {share} of assets"),
    "complaint": ("本月或上月投诉{recent_complaints}次",
                  "{recent_complaints} complaint(s) this month or last"),
    "fee_request": ("本月或上月提出降佣等要求{recent_fee_requests}次",
                    "asked for a lower commission {recent_fee_requests} time(s)"),
    "contact_drop": ("本月联系{contacts}次，此前月均{contacts_avg}次",
                     "{contacts} contacts against {contacts_avg} a month before"),
    "heavy_loss": ("资产从一年内最高{peak_assets}降到{assets}，一年累计亏损{year_loss}",
                   "assets down from {peak_assets} to {assets}, {year_loss} lost over the year"),
}
IDLE = ("已{months}个月没有交易", "no trade for {months} months")


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _times(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _count(x: float) -> str:
    return f"{x:.0f}"


def _share(part: float, whole: float) -> str:
    return _pct(part / whole) if whole else _pct(1.0)


def _figures(fired: Fired, money: Callable[[float], str]) -> dict[str, str]:
    """The named values one indicator's sentence may use, already written out."""
    g = fired.figures.get
    base, now = g("commission_base", 0), g("commission", 0)
    loss = -g("pnl", 0)
    return {
        "out_times": _count(g("out_times", 0)),
        "out_total": money(g("out_total", 0)),
        "share": (_share(g("out_total", 0), g("assets", 0)) if fired.id == "transfer_out"
                  else _share(loss, g("start_assets", 0))),
        "commission": money(now),
        "commission_base": money(base),
        "drop": _pct(1 - now / base if base else 0),
        "empty_months": _count(g("empty_months", 0)),
        "trades": _count(g("trades", 0)),
        "trades_avg": _times(g("trades_avg", 0)),
        "loss": money(loss),
        "recent_complaints": _count(g("recent_complaints", 0)),
        "recent_fee_requests": _count(g("recent_fee_requests", 0)),
        "contacts": _count(g("contacts", 0)),
        "contacts_avg": _times(g("contacts_avg", 0)),
        "peak_assets": money(g("peak_assets", 0)),
        "assets": money(g("assets", 0)),
        "year_loss": money(-g("year_pnl", 0)),
    }


def describe(fired: Fired, lang: str = "zh") -> str:
    sentence = SENTENCES.get(fired.id)
    if sentence is None:
        return fired.name.get(lang)
    zh = lang != "en"
    money = wan if zh else (lambda x: f"{x:,.0f} yuan")
    return sentence[0 if zh else 1].format(**_figures(fired, money))


def summary(flagged: Flagged, lang: str = "zh") -> list[str]:
    """The lines for one client: idle months first for the dormant, then each indicator."""
    lines = []
    if flagged.segment == "dormant" and flagged.idle_months is not None:
        lines.append(IDLE[lang == "en"].format(months=flagged.idle_months))
    lines += [describe(f, lang) for f in flagged.fired]
    return lines
