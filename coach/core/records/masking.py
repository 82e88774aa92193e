"""Mask personal numbers before anything reaches a transcript.

A client at the counter may read out a phone number, an ID card or an account number; the
transcript must never hold them in full. `mask` keeps the first three and the last four digits
(138****5678, 110***********123X) so a colleague can still recognise a number the client repeats,
and keeps the text's length, so character offsets (classifier matches) stay valid.

Staff type numbers in every form an input method gives, so matching runs on a digit view of the
text (`coach.core.records.digits`): any Unicode decimal digit (full-width, Arabic-Indic, circled),
Chinese numerals (一三八, 幺, 壹叁捌, 〇) and runs joined by light separators (spaces of any width,
NBSP, zero-width characters, dashes, dots, brackets). Each digit remembers the character it came
from, and only those characters are starred.

What is masked: mainland mobile numbers (1[3-9] + 9 digits, with or without +86), landlines with
an area code (010-1234-5678, (0755)1234567: the area code is kept), 18-digit ID cards (last
character may be X), 15-digit old IDs, bank cards and securities account numbers (runs of 10 or
more digits), Shanghai securities accounts (A/B + 9 digits).

What is left alone: money and rates (100000, 50万, 1.5亿, 0.00025, 万2.5), short numbers
(95521), dates (2025-06-01), 400/800 service numbers, a run of 10+ digits followed by a money unit
(1500000000元) or written as a list of round amounts (100000 200000), and decimals.
"""

from __future__ import annotations

import re

from coach.core.records.digits import Run, digit_runs

_MOBILE = re.compile(r"1[3-9]\d{9}")
_SERVICE = re.compile(r"[48]00\d{7}")  # 400/800 hotlines belong to firms, not to clients
_MONEY_AFTER = re.compile(r"\s*(?:元|块|圆|万|亿|千|百|美元|港元|股|[wWkK](?![A-Za-z]))")
_MONEY_BEFORE = re.compile(r"[¥￥$＄]\s*$")
_ID_CHECK = set("XxＸｘ")
_SH_PREFIX = set("ABＡＢ")


def _hide(run: Run, keep_head: int, keep_tail: int, hidden: set[int]) -> None:
    """Star the digits of `run` except the first `keep_head` and the last `keep_tail`."""
    positions = run.positions
    if len(positions) <= keep_head + keep_tail:
        return
    hidden.update(positions[keep_head : len(positions) - keep_tail])


def _is_amount(text: str, run: Run) -> bool:
    """A run written as money: a unit after it, a currency sign before it, or round groups."""
    if _MONEY_AFTER.match(text, run.end) or _MONEY_BEFORE.search(text, 0, run.start):
        return True
    groups = run.groups
    return len(groups) > 1 and all(len(g) >= 3 and g.endswith("00") for g in groups)


def _joined_like_an_identifier(run: Run) -> bool:
    """Groups joined by separators read as one number only in the shapes identifiers take:
    one kind of separator, groups of three digits or more (a date has groups of two)."""
    groups = run.groups
    if len(groups) == 1:
        return True
    if len(set(run.gaps)) != 1:
        return False
    return all(len(g) >= 3 for g in groups[:-1]) and len(groups[-1]) >= 1


def _landline(run: Run) -> tuple[int, int] | None:
    """(area code length, local length) when the run is a landline with its area code."""
    digits = run.digits
    if not digits.startswith("0") or len(digits) < 10 or len(digits) > 12 or digits[1] == "0":
        return None
    area = 3 if digits[1] in "12" else 4
    local = digits[area:]
    if 7 <= len(local) <= 8 and local[0] != "0":
        if len(run.groups) == 1 or len(run.groups[0]) == area:
            return area, len(local)
    return None


def _hidden_in(text: str, run: Run) -> set[int]:
    """Indices of `text` to star for one run of digits."""
    hidden: set[int] = set()
    digits, n = run.digits, len(run.digits)
    check = run.check_char(text)
    if n == 17 and check is not None:  # 18-digit ID card ending in X
        _hide(run.with_check(check), 3, 4, hidden)
        return hidden
    if n == 9 and run.start > 0 and text[run.start - 1] in _SH_PREFIX and len(run.groups) == 1:
        _hide(run, 0, 4, hidden)  # Shanghai account A123456789
        return hidden
    for prefix in ("86", "0086"):  # +86 138 1234 5678
        if n == len(prefix) + 11 and digits.startswith(prefix) and _MOBILE.fullmatch(digits[len(prefix):]):
            _hide(run.tail(11), 3, 4, hidden)
            return hidden
    if n == 11 and _MOBILE.fullmatch(digits):
        _hide(run, 3, 4, hidden)
        return hidden
    if (n == 18 or (n == 15 and _joined_like_an_identifier(run))) and not _is_amount(text, run):
        _hide(run, 3, 4, hidden)  # ID card (18) or old ID card (15)
        return hidden
    if (shape := _landline(run)) is not None:
        area, _ = shape
        _hide(run.tail(n - area), 0, 4, hidden)
        return hidden
    if n < 10 or _SERVICE.fullmatch(digits):
        return hidden
    if not _joined_like_an_identifier(run) or _is_amount(text, run):
        return hidden
    groups = run.groups
    in_fours = len(groups) > 2 and all(len(g) == 4 for g in groups[:-1])
    _hide(run, 4 if in_fours else 3, 4, hidden)
    return hidden


def mask(text: str) -> str:
    """Return `text` with personal numbers starred; same length, everything else untouched."""
    if not text:
        return text
    hidden: set[int] = set()
    for run in digit_runs(text):
        if len(run.digits) >= 9:
            hidden |= _hidden_in(text, run)
    if not hidden:
        return text
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))
