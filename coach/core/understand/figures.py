"""The client's own numbers in a statement: rates, turnover, assets, losses, years.

`coach classify --json` reports them as `figures`; the counter app fills the commission
calculator and the lines' variables with them (each marked as taken from the client's words).
Rates are fractions (万2.5 -> 0.00025), amounts yuan (二十多万 -> 200000, a monthly turnover
times 12 for the year), ratios fractions (三成 -> 0.3). Whose rate it is comes from the words just
before it: 你们/这边 ours, 人家/那边/别家/a named broker theirs, 降到/给我…就 the one asked for.
Numbers are read by `coach.core.understand.amounts`; spans point into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.core.text import Normalized, normalize_tracked
from coach.core.understand.amounts import parse_number

_NUM = r"(?:\d+(?:[.,]\d+)*|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
_CN_OR_DIGIT = "0123456789零〇一二两三四五六七八九十百千万亿几"

_RATE = re.compile(
    rf"(?P<form>万分之|千分之|万|千)(?P<n>{_NUM})(?P<waive>免五|免5)?"
    rf"|(?P<pn>\d+(?:\.\d+)?)(?P<unit>%|‰|‱)(?P<waive2>免五|免5)?"
)
_WAIVE_ALONE = re.compile(r"免五|免5|不收最低|没有最低|无最低")
_AMOUNT = re.compile(
    rf"(?P<n>{_NUM})(?P<more>多|来|余)?(?P<unit>亿|万|w|千|k)?(?P<more2>多|来|余)?(?P<yuan>元|块钱|块|rmb)?"
)
_COUNT = re.compile(rf"(?P<n>{_NUM})(?P<more>多|来)?(?P<unit>笔|次|单)")
_YEARS = re.compile(rf"(?P<n>{_NUM})(?P<more>多)?年")
_TENTHS = re.compile(r"(?P<n>[一二三四五六七八九])成")
_PERCENT = re.compile(r"(?P<n>\d+(?:\.\d+)?)%")
_HALF = re.compile(r"一半|大半")

OURS = ("你们", "这边", "这里", "你这", "贵司", "你家", "咱们", "在这")
THEIRS = ("人家", "那边", "对面", "别家", "别的", "其他", "隔壁", "他们", "那家", "楼下", "新开",
          "华泰", "中信", "国泰", "招商", "东财", "东方财富", "平安", "银河", "广发", "海通",
          "申万", "兴业", "中金", "国信", "长江", "方正", "同花顺", "富途", "老虎", "网上", "手机开户")
ASKED = ("降到", "降成", "调到", "调成", "降为", "给我降", "改成", "也要", "我要", "能不能", "能否",
         "做到")
LOSS = ("亏", "赔", "损失", "套", "缩水", "跌", "回撤", "蒸发", "折了")
TURNOVER = ("交易额", "成交额", "成交", "交易量", "流水", "买卖", "进出", "周转", "换手", "交易")
ASSETS = ("资产", "资金", "本金", "市值", "放了", "放在", "存了", "账户里", "户里", "仓位", "总共", "有")
TRADE_VERBS = ("做", "炒", "操作")
PER_TRADE = ("每笔", "一笔", "每次", "一次", "单笔")
TENURE = ("开户", "在你们", "在这", "做了", "炒了", "老客户", "待了", "呆了", "客户")
MONTHLY = ("每月", "一个月", "每个月", "月均", "一月")
WEEKLY = ("每周", "一周", "每个星期", "一个星期", "每星期")
YEARLY = ("一年", "每年", "年均", "全年")


@dataclass(frozen=True, slots=True)
class Figure:
    name: str  # our_rate | their_rate | asked_rate | no_minimum | annual_turnover | ...
    value: float | bool
    text: str  # as the client wrote it
    start: int  # span in the original text
    end: int

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "value": self.value, "text": self.text,
                "start": self.start, "end": self.end}


def _before(norm: str, start: int, reach: int = 14) -> str:
    """The words before a number, back to the start of its clause (at most `reach`)."""
    left = norm.rfind("|", 0, start) + 1
    return norm[max(left, start - reach) : start]


def _period_context(norm: str, start: int) -> str:
    """The words that say over what time a count runs: its own clause, or when that names no
    period the clause before ("一年交易200万，100笔左右": the 100 trades are a year's too)."""
    own = _before(norm, start)
    if _has(YEARLY + MONTHLY + WEEKLY, own):
        return own
    left = norm.rfind("|", 0, start)
    return _before(norm, left) + own if left > 0 else own


def _has(words: tuple[str, ...], text: str) -> bool:
    return any(w in text for w in words)


def _last(words: tuple[str, ...], text: str) -> int:
    return max((text.rfind(w) + len(w) for w in words if w in text), default=-1)


def _value(text: str) -> float | None:
    try:
        return parse_number(text.replace(",", ""))
    except (ValueError, OverflowError):
        return None


# A statement holding none of these characters holds no figure: most are answered at once
# (低: 不收最低, 没有最低, the waiver said without 免五).
_TRIGGERS = frozenset("0123456789０１２３４５６７８９零〇一二两兩三四五六七八九十百千万萬亿億免半%‰‱低")
_TRIGGER = re.compile("[" + "".join(sorted(_TRIGGERS)) + "]")
# What each kind of figure cannot be found without (a regex over a statement lacking it is
# skipped: most statements have a numeral or two and none of these).
_RATE_NEEDS = re.compile("[万千%‰‱]")
_AMOUNT_NEEDS = re.compile("[亿万w千k元块]|rmb")  # a unit or a currency word
_COUNT_NEEDS = re.compile("[笔次单]")


def extract_figures(text: str, tracked: Normalized | None = None) -> list[Figure]:
    """Every figure the statement gives, in the order written (`tracked`: the text already
    normalised, when the caller has it)."""
    if _TRIGGER.search(text) is None:  # no character of _TRIGGERS
        return []
    if tracked is None or tracked.original != text:
        tracked = normalize_tracked(text)
    norm = tracked.text
    found: list[tuple[int, int, str, float | bool]] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(s: int, e: int, name: str, value: float | bool) -> None:
        found.append((s, e, name, value))
        taken.append((s, e))

    for m in _RATE.finditer(norm) if _RATE_NEEDS.search(norm) else ():
        s, e = m.span()
        if m.group("form"):
            if s > 0 and norm[s - 1] in _CN_OR_DIGIT:
                continue  # 十万, 五千: an amount, not 万N / 千N
            n = _value(m.group("n"))
            scale = 1e-4 if m.group("form").startswith("万") else 1e-3
        else:
            n = _value(m.group("pn"))
            scale = {"%": 1e-2, "‰": 1e-3, "‱": 1e-4}[m.group("unit")]
            if m.group("unit") == "%" and (n is None or n >= 1):
                continue  # 40%: a share, not a commission rate
        if n is None or n <= 0:
            continue
        rate = n * scale
        if rate >= 0.01:
            continue
        add(s, e, _whose(norm, s), round(rate, 10))
        if m.group("waive") or m.group("waive2"):
            add(e - 2, e, "no_minimum", True)
    for m in _WAIVE_ALONE.finditer(norm):
        if free(*m.span()):
            add(*m.span(), "no_minimum", True)
    for m in _TENTHS.finditer(norm) if "成" in norm else ():
        if _has(LOSS, _before(norm, m.start()) + norm[m.end() : m.end() + 3]):
            add(*m.span(), "loss_ratio", round(_value(m.group("n")) / 10, 4))
    for m in _HALF.finditer(norm):
        if free(*m.span()) and _has(LOSS, _before(norm, m.start()) + norm[m.end() : m.end() + 3]):
            add(*m.span(), "loss_ratio", 0.5)
    for m in _PERCENT.finditer(norm) if "%" in norm else ():
        if free(*m.span()) and _has(LOSS, _before(norm, m.start()) + norm[m.end() : m.end() + 4]):
            n = _value(m.group("n"))
            if n is not None and 0 < n <= 100:
                add(*m.span(), "loss_ratio", round(n / 100, 4))
    for m in _COUNT.finditer(norm) if _COUNT_NEEDS.search(norm) else ():
        if not free(*m.span()):
            continue
        n = _value(m.group("n"))
        before = _period_context(norm, m.start())
        if n is None or n <= 0:
            continue
        if _has(MONTHLY, before):
            n *= 12
        elif _has(WEEKLY, before):
            n *= 52
        elif not _has(YEARLY, before):
            continue
        add(*m.span(), "trades_per_year", float(n))
    for m in _YEARS.finditer(norm) if "年" in norm else ():
        if not free(*m.span()) or norm[m.end() : m.end() + 1] in ("前", "级"):
            continue
        n = _value(m.group("n"))
        context = _before(norm, m.start()) + norm[m.end() : m.end() + 4]
        if n is not None and 0 < n < 80 and _has(TENURE, context) and not _has(LOSS, context):
            add(*m.span(), "years_with_us", float(n))
    # a match without a unit or a currency word is passed over: without either, none counts
    for m in _AMOUNT.finditer(norm) if _AMOUNT_NEEDS.search(norm) else ():
        s, e = m.span()
        if not (m.group("unit") or m.group("yuan")) or not free(s, e):
            continue
        if m.group("unit") in ("千", "k") and not m.group("yuan"):
            continue  # 千 alone is as often a rate or a count as an amount
        n = _value(m.group("n") + (m.group("unit") or "").replace("w", "万").replace("k", "千"))
        if n is None or n <= 0:
            continue
        name = _amount_name(norm, s, e)
        if name is None:
            continue
        if name == "annual_turnover" and _has(MONTHLY, _before(norm, s)):
            n *= 12
        add(s, e, name, float(n))
    found.sort()
    out = []
    for s, e, name, value in found:
        start, end = tracked.span(s, e)
        out.append(Figure(name, value, text[start:end], start, end))
    return out


def _whose(norm: str, start: int) -> str:
    before = _before(norm, start, 16)
    marks = {
        "asked_rate": _last(ASKED, before),
        "their_rate": _last(THEIRS, before),
        "our_rate": _last(OURS, before),
    }
    after = norm[start : start + 16]
    if "就" in after and ("不" in before or "降" in before):
        return "asked_rate"  # 不降到万1我就走
    best = max(marks, key=lambda k: marks[k])
    return best if marks[best] >= 0 else "their_rate"


def _amount_name(norm: str, s: int, e: int) -> str | None:
    before = _before(norm, s)
    after = norm[e : e + 4].split("|", 1)[0]
    if _has(PER_TRADE, before):
        return "trade_size"
    if _has(LOSS, before[-6:]) or _has(LOSS, after[:2]):
        return "loss_amount"
    if _has(TURNOVER, before) or _has(TURNOVER, after):
        return "annual_turnover"
    if _has(TRADE_VERBS, before[-3:]) and _has(YEARLY + MONTHLY, before):
        return "annual_turnover"  # 一年做两百万, 一个月炒五十万: trading as the verb, a period before
    if _has(ASSETS, before) or _has(("资产", "资金", "市值"), after):
        return "assets"
    if _has(LOSS, before):
        return "loss_amount"
    return None


def calculator_fields(figures: list[Figure]) -> dict[str, str]:
    """The commission calculator's fields the client's figures fill, as staff would type them:
    turnover and trades a year, our rate and theirs (the rate asked for when no other broker's
    was named). The last figure of a name wins."""
    from coach.core.content.variables import format_rate

    fields: dict[str, str] = {}
    asked = ""
    rates = [f for f in figures if f.name.endswith("_rate")]
    waived = {  # a rate said with 免五 (万1免五): no 5-yuan minimum on it
        id(r) for r in rates for w in figures
        if w.name == "no_minimum" and r.start <= w.start and w.end <= r.end
    }
    for f in figures:
        if f.name == "annual_turnover":
            fields["turnover"] = str(round(float(f.value)))
        elif f.name == "trades_per_year":
            fields["trades"] = str(round(float(f.value)))
        elif f.name in ("our_rate", "their_rate"):
            fields[f.name] = format_rate(float(f.value)) + ("免五" if id(f) in waived else "")
        elif f.name == "asked_rate":
            asked = format_rate(float(f.value)) + ("免五" if id(f) in waived else "")
    if asked and "their_rate" not in fields:
        fields["their_rate"] = asked
    return fields
