"""Amounts and rates in an English sentence said the English way.

The calculators compute in yuan and format the way counter staff speak Chinese (120万元, 万2.5,
千分之3); an English sentence built from those values read "At 200万元 a year". This turns
every such figure into CNY and percent, leaving the numbers themselves untouched.
"""

from __future__ import annotations

import re

_MONEY = re.compile(r"(-?[\d,]+(?:\.\d+)?)(亿|万)?元")
_WAN_RATE = re.compile(r"万(\d+(?:\.\d+)?)")
_QIAN_RATE = re.compile(r"千分之(\d+(?:\.\d+)?)")
_SCALE = {"亿": 100_000_000, "万": 10_000, None: 1}


def _money(match: re.Match[str]) -> str:
    yuan = float(match.group(1).replace(",", "")) * _SCALE[match.group(2)]
    if abs(yuan - round(yuan)) < 0.005:
        return f"CNY {round(yuan):,}"
    return f"CNY {yuan:,.2f}"


def _percent(value: float) -> str:
    return f"{value:.6g}%"


def english_units(sentence: str) -> str:
    """CNY for 元/万元/亿元 amounts, percent for 万N and 千分之N rates."""
    sentence = _MONEY.sub(_money, sentence)
    sentence = _QIAN_RATE.sub(lambda m: _percent(float(m.group(1)) / 10), sentence)
    return _WAN_RATE.sub(lambda m: _percent(float(m.group(1)) / 100), sentence)
