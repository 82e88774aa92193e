"""Mask personal numbers before anything reaches a transcript.

A client at the counter may read out a phone number, an ID card or an account number; the
transcript must never hold them in full. `mask` keeps the first three and the last four digits
(138****5678, 110***********123X) so a colleague can still recognise a number the client repeats,
and keeps the text's length, so character offsets (classifier matches) stay valid.

What is masked: mainland mobile numbers (1[3-9] + 9 digits, also written 138-1234-5678 or
138 1234 5678), landlines with an area code (010-12345678, (0755)1234567: area code kept),
18-digit ID cards (last character may be X), 15-digit old IDs, bank cards and securities account
numbers (runs of 10-19 digits, also 6222 0212 3456 7890 in groups of four), Shanghai securities
accounts (A/B + 9 digits). Full-width digits are recognised as well.

What is left alone: money and rates (100000, 50万, 1.5亿, 0.00025, 万2.5), short numbers
(95521), dates, and a run of 10+ digits followed by a money unit (1500000000元).
"""

from __future__ import annotations

import re

_D = "0-9０-９"  # ASCII and full-width digits
_DIGIT = f"[{_D}]"
# A number must not continue a longer token: no digit or Latin letter right before or after,
# and no decimal point joining it to a fraction (0.00025000000001 is not an account).
_START = f"(?<![{_D}A-Za-zＡ-Ｚａ-ｚ])(?<![{_D}][.．])"
_END = f"(?![{_D}A-Za-zＡ-Ｚａ-ｚ])(?![.．][{_D}])"
_SEP = "[-－ ]"

_ID18 = re.compile(f"{_START}{_DIGIT}{{17}}[{_D}XxＸｘ]{_END}")
_MOBILE = re.compile(
    f"{_START}[1１][3-9３-９]{_DIGIT}{_SEP}?{_DIGIT}{{4}}{_SEP}?{_DIGIT}{{4}}{_END}"
)
_LANDLINE = re.compile(
    f"{_START}(?P<area>[(（]?[0０][1-9１-９]{_DIGIT}{{1,2}}[)）]?){_SEP}?"
    f"(?<=[-－ )）])(?P<local>[1-9１-９]{_DIGIT}{{6,7}}){_END}"
)
_GROUPED = re.compile(
    f"{_START}{_DIGIT}{{4}}(?:{_SEP}{_DIGIT}{{4}}){{3}}(?:{_SEP}?{_DIGIT}{{1,3}})?{_END}"
)
_SH_ACCOUNT = re.compile(f"(?<![{_D}A-Za-zＡ-Ｚａ-ｚ])[ABＡＢ]{_DIGIT}{{9}}{_END}")
_RUN = re.compile(f"{_START}{_DIGIT}{{10,19}}{_END}(?!\\s*(?:元|块|圆|万|亿|千|百|[wWkK]))")

_MASKABLE = set("0123456789０１２３４５６７８９XxＸｘ")


def _keep(number: str, head: int = 3, tail: int = 4) -> str:
    """Star every digit of `number` except the first `head` and the last `tail` ones."""
    positions = [i for i, ch in enumerate(number) if ch in _MASKABLE]
    hidden = set(positions[head : len(positions) - tail]) if len(positions) > head + tail else set()
    return "".join("*" if i in hidden else ch for i, ch in enumerate(number))


def _landline(m: re.Match[str]) -> str:
    return m.group(0)[: m.start("local") - m.start()] + _keep(m.group("local"), 0, 4)


def mask(text: str) -> str:
    """Return `text` with personal numbers starred; same length, everything else untouched."""
    if not text or not any(ch in _MASKABLE for ch in text):
        return text
    text = _ID18.sub(lambda m: _keep(m.group(0)), text)
    text = _MOBILE.sub(lambda m: _keep(m.group(0)), text)
    text = _LANDLINE.sub(_landline, text)
    text = _GROUPED.sub(lambda m: _keep(m.group(0), 4, 4), text)
    text = _SH_ACCOUNT.sub(lambda m: _keep(m.group(0), 0, 4), text)
    return _RUN.sub(lambda m: _keep(m.group(0)), text)
