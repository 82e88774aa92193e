"""Amounts, counts and rates as people type and say them: 10万, 1.5亿, 五十万, 50w, 万2.5, 0.025%, 千1, 万1免五.

Bad input raises `CalcError`, whose `message(lang)` is a sentence to show the staff member.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from coach.core.content.variables import format_rate
from coach.core.errors import CoachError


class CalcError(CoachError, ValueError):
    """Input a calculator cannot use; `message(lang)` says what to type instead."""


@dataclass(frozen=True, slots=True)
class Rate:
    """A commission rate as typed: `value` is a fraction of turnover (万2.5 -> 0.00025)."""

    value: float
    waives_minimum: bool = False  # 免五: no 5-yuan minimum per trade
    text: str = ""

    def __str__(self) -> str:
        return format_rate(self.value) + ("免五" if self.waives_minimum else "")


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


def parse_number(text: str) -> float | None:
    """A number in Arabic or Chinese numerals with 十/百/千/万/亿 (1.5亿, 五十万); None if not one."""
    return _number(text)


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
        f"看不懂佣金率“{raw}”：请写成 万2.5、0.025%、2.5‱、千1、3‰ 或 0.00025；"
        "不收每笔最低佣金的，在后面加“免五”，如 万1免五。",
        f"Cannot read the rate '{raw}': write 万2.5, 0.025%, 2.5‱, 千1, 3‰ or 0.00025; "
        "add 免五 when the per-trade minimum is waived, e.g. 万1免五.",
    )


def parse_rate(text: str) -> Rate:
    """A rate as staff type it: 万2.5, 万分之2.5, 0.025%, 2.5‱, 千1, 3‰, 0.00025, 万1免五."""
    raw = text
    s = _normalise(text)
    waiver = _WAIVER.search(s)
    if waiver:
        s = s[: waiver.start()]
        if not s.strip():
            raise CalcError(
                f"“{raw}”只说了不收最低佣金，还缺费率本身：请写成 万1免五 这样。",
                f"'{raw}' only says the minimum is waived; give the rate too, e.g. 万1免五.",
            )
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
