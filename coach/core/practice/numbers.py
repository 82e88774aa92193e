"""Commission figures a trainee quotes, and whether they agree with the client's numbers.

"一年也就差100元" is a yearly difference, "一个月不到9块" a monthly one, "每笔最低5元" the
minimum per trade, "万2.5" and "0.012%" rates, and "一分钱都省不下" a difference of nothing.
Each figure is checked against the commission the calculator (`coach.core.visit.calc.commission`)
works out from the persona's profile; rates must be one the conversation knows of (ours,
theirs, the standard rate, the cap, a bundle tier).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from coach.core.content.model import Firm
from coach.core.visit.calc import CalcError, CommissionResult, parse_amount, parse_rate

FigureKind = Literal["yearly_diff", "monthly_diff", "difference", "minimum", "rate"]

_NUM = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
_CN_NUM = "零〇一二两三四五六七八九十百千"
# 万 followed by a Chinese numeral is a rate only where a rate can end: "万一免五", "给您万三。",
# not "万一您在那边……" (in case).
_RATE_END = r"(?=免|的|佣|费|手|[，。,.！!？?、；;\s]|$)"
_RATE = re.compile(
    rf"(?<![\d{_CN_NUM}.])(?:万分之{_NUM}|千分之{_NUM}|万\d+(?:\.\d+)?|万[一二两三四五六七八九](?:点[一二三四五六七八九])?{_RATE_END})(?:免五|免5)?"
    rf"|\d+(?:\.\d+)?\s*[%‰‱]"
    r"|(?<![\d.])0\.000\d+"
)
_AMOUNT = re.compile(rf"{_NUM}(?:万|千)?(?:元|块钱|块)|\d+(?:\.\d+)?(?:万|千)(?![分\d])")
_NOTHING = re.compile(
    r"一分钱都省不|一分钱也省不|省不下一分|省不下钱|省不了|没有差别|没差别|没区别|没有区别|"
    r"都一样|完全一样|一模一样|一分不差|差额是?0|相差0|差0元"
)
_DIFF_WORDS = re.compile(r"差|省|多花|多付|少花|少付|便宜|节约")
_MONTH_WORDS = re.compile(r"一个月|每个月|每月|月均|一月|摊到")
_YEAR_WORDS = re.compile(r"一年|每年|全年|年")
_MIN_WORDS = re.compile(r"最低|起步|至少|最少|保底收")
_CONTEXT = 8
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
# 免五: the five-yuan minimum per trade waived, and the words that explain it.
_WAIVED = re.compile(
    r"免五|免5|免收?(?:每笔)?(?:最低)?(?:5|五)(?:元|块)(?:的?(?:最低|起步|门槛)(?:收费|佣金)?)?|"
    r"不收(?:每笔)?(?:最低)?(?:5|五)(?:元|块)|(?:5|五)(?:元|块)(?:的)?(?:最低|起步)?(?:收费|佣金)?(?:也)?免(?:了|掉|收)?"
)


@dataclass(frozen=True, slots=True)
class Figure:
    kind: FigureKind
    text: str  # as the trainee wrote it
    value: float  # yuan, or a rate as a fraction
    expected: float | None  # what it should have been (None: nothing to compare with)
    correct: bool | None
    start: int = 0  # where it stands in the reply as written
    end: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "text": self.text,
            "value": self.value,
            "expected": self.expected,
            "correct": self.correct,
        }

    def as_json(self) -> dict[str, object]:
        """The shape `coach classify` gives its figures, plus the check against the numbers."""
        return {
            "name": self.kind,
            "value": self.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "expected": self.expected,
            "correct": self.correct,
        }


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to `_CONTEXT` characters either side, within the sentence."""
    left = max(text.rfind(c, 0, start) for c in "，,。；;！!？?\n") + 1
    rights = [i for i in (text.find(c, end) for c in "，,。；;！!？?\n") if i != -1]
    right = min(rights) if rights else len(text)
    return text[max(left, start - _CONTEXT) : start], text[end : min(right, end + _CONTEXT)]


def _close(value: float, expected: float, *, absolute: float, relative: float) -> bool:
    return abs(value - expected) <= max(absolute, relative * abs(expected))


def _plain(reply: str) -> tuple[str, list[int]]:
    """NFKC text without thousands separators, and where each of its characters came from."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(reply):
        for c in unicodedata.normalize("NFKC", ch):
            chars.append(c)
            origin.append(i)
    text = "".join(chars)
    keep = [i for i in range(len(text)) if not _THOUSANDS.match(text, i)]
    return "".join(text[i] for i in keep), [origin[i] for i in keep]


def extract(
    reply: str,
    result: CommissionResult | None,
    firm: Firm | None,
) -> tuple[Figure, ...]:
    """The commission figures in a reply, each checked when there is something to check it by.

    Each amount is read in its own stretch of text, between the figures either side of it, so
    "最低5元一年200元" and "最低5元，一年200元" read alike. "免五" (no minimum per trade) is a
    condition of a rate, never a minimum of five yuan quoted.
    """
    text, origin = _plain(reply)

    def where(start: int, end: int) -> tuple[int, int]:
        if start >= end or not origin:
            return (0, 0)
        return (origin[start], origin[end - 1] + 1)

    figures: list[Figure] = []
    taken: list[tuple[int, int]] = []
    known_rates = _known_rates(result, firm)
    for m in _RATE.finditer(text):
        try:
            rate = parse_rate(m.group().replace(" ", ""))
        except CalcError:
            continue
        taken.append(m.span())
        ok = any(abs(rate.value - r) <= 1e-9 + 1e-6 * r for r in known_rates) if known_rates else None
        figures.append(Figure("rate", m.group(), rate.value, None, ok, *where(*m.span())))
    amounts = [m for m in _AMOUNT.finditer(text) if not any(s <= m.start() < e for s, e in taken)]
    waived = [m.span() for m in _WAIVED.finditer(text)]
    bounds = sorted([*taken, *(m.span() for m in amounts), *waived])
    minimum = firm.min_commission if firm else 5.0
    for m in amounts:
        if any(s <= m.start() and m.end() <= e for s, e in waived):
            continue  # "免收5元最低" explains 免五, it quotes no minimum
        try:
            value = parse_amount(m.group())
        except CalcError:
            continue
        left = max((e for s, e in bounds if e <= m.start()), default=0)
        right = min((s for s, e in bounds if s >= m.end()), default=len(text))
        before, after = _context(text, m.start(), m.end())
        before = before[max(0, len(before) - (m.start() - left)):]
        after = after[: right - m.end()]
        around = before + after
        span = where(*m.span())
        if _MIN_WORDS.search(before) or (_MIN_WORDS.search(around) and value == minimum):
            figures.append(Figure("minimum", m.group(), value, minimum, value == minimum, *span))
        elif _DIFF_WORDS.search(around):
            figures.append(_difference(m.group(), value, around, result, span))
    for m in _NOTHING.finditer(text):
        figures.append(_difference(m.group(), 0.0, m.group() + "一年", result, where(*m.span())))
    figures.sort(key=lambda f: (f.start, f.end))
    return tuple(figures)


def _difference(text: str, value: float, around: str, result: CommissionResult | None,
                span: tuple[int, int] = (0, 0)) -> Figure:
    if result is None:
        return Figure("difference", text, value, None, None, *span)
    yearly = abs(result.yearly_diff)
    monthly = abs(result.monthly_diff)
    if _MONTH_WORDS.search(around):
        ok = _close(value, monthly, absolute=1.0, relative=0.15)
        return Figure("monthly_diff", text, value, round(monthly, 2), ok, *span)
    if _YEAR_WORDS.search(around):
        ok = _close(value, yearly, absolute=5.0, relative=0.1)
        return Figure("yearly_diff", text, value, round(yearly, 2), ok, *span)
    ok = _close(value, yearly, absolute=5.0, relative=0.1) or _close(
        value, monthly, absolute=1.0, relative=0.15
    )
    return Figure("difference", text, value, round(yearly, 2), ok, *span)


def _known_rates(result: CommissionResult | None, firm: Firm | None) -> list[float]:
    rates: list[float] = []
    if result is not None:
        rates += [result.our_rate.value, result.their_rate.value, result.effective_rate]
        rates.append(result.terms.cap_rate)
    if firm is not None:
        rates += [firm.standard_rate, firm.cap_rate, *(t.rate for t in firm.tiers)]
    return rates
