"""A digit view of text: every run of digits, in whatever form it was typed, with the index of
the character each digit came from.

Masking must catch a phone number however the input method wrote it: 138.1234.5678,
１３８ １２３４ ５６７８, 一三八一二三四五六七八, 幺三八…, 壹叁捌…, with NBSP or zero-width
characters between the digits. Matching the forms one regular expression at a time leaks
whichever form nobody thought of; here they are all reduced to ASCII digits first, and the
original characters are found again through `Run.positions`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Chinese numerals that name one digit (not 十/百/千/万, which make amounts): everyday, the
# 幺/两 of read-out phone numbers, the financial forms of cheques, and 〇/○ of written years.
_CHINESE_DIGITS = {
    **dict.fromkeys("〇○零", "0"),
    "一": "1", "幺": "1", "壹": "1",
    "二": "2", "两": "2", "貳": "2", "贰": "2", "兩": "2",
    "三": "3", "叁": "3", "參": "3", "叄": "3",
    "四": "4", "肆": "4",
    "五": "5", "伍": "5",
    "六": "6", "陆": "6", "陸": "6",
    "七": "7", "柒": "7",
    "八": "8", "捌": "8",
    "九": "9", "玖": "9",
}

# Characters between digits that do not end a number, by kind: spaces of every width, dashes,
# dots, brackets. Zero-width and other invisible format characters are not even a gap.
_GAP_KIND = {
    **dict.fromkeys(" \u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t", "s"),
    **dict.fromkeys("-－‐‑‒–—―−﹣_", "-"),
    **dict.fromkeys(".．。·・", "."),
    **dict.fromkeys("()（）[]【】", "("),
    "/": "/",
}
_INVISIBLE = set("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
_MAX_GAP = 3  # "138 - 1234": a longer gap separates two numbers


def digit_of(ch: str) -> str | None:
    """The ASCII digit `ch` stands for, or None."""
    if "0" <= ch <= "9":
        return ch
    if (d := _CHINESE_DIGITS.get(ch)) is not None:
        return d
    if ch.isascii():
        return None
    value = unicodedata.digit(ch, None)  # full-width, Arabic-Indic, circled, ...
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Run:
    """Digits that read as one number: `digits` in ASCII, `positions[i]` the index in the text
    of `digits[i]`; `groups` the digits between gaps, `gaps` the kind of each gap."""

    digits: str
    positions: tuple[int, ...]
    groups: tuple[str, ...]
    gaps: tuple[str, ...]

    @property
    def start(self) -> int:
        return self.positions[0]

    @property
    def end(self) -> int:
        return self.positions[-1] + 1

    def tail(self, count: int) -> Run:
        """The last `count` digits as a run of one group (what follows a kept prefix)."""
        return Run(self.digits[-count:], self.positions[-count:], (self.digits[-count:],), ())

    def check_char(self, text: str) -> int | None:
        """The index of an ID card's check letter X right after the digits, if there is one."""
        at = self.end
        if at < len(text) and text[at] in "XxＸｘ":
            after = text[at + 1 : at + 2]
            if not (after.isascii() and after.isalnum()):
                return at
        return None

    def with_check(self, at: int) -> Run:
        groups = (*self.groups[:-1], self.groups[-1] + "X")
        return Run(self.digits + "X", (*self.positions, at), groups, self.gaps)


def _gap_kind(gap: str) -> str | None:
    """The kind of a gap between two digits ('' for none), or None when it ends the number."""
    kinds = []
    for ch in gap:
        if ch in _INVISIBLE:
            continue
        kind = _GAP_KIND.get(ch)
        if kind is None:
            return None
        kinds.append(kind)
    if len(kinds) > _MAX_GAP:
        return None
    return "".join(sorted(set(kinds)))


def _raw_runs(text: str):
    """Maximal stretches of digits joined by short gaps: (digits, positions, gap kinds)."""
    digits: list[str] = []
    positions: list[int] = []
    gaps: list[str] = []  # gaps[i]: the kind of gap before digits[i + 1]
    last = -1
    for i, ch in enumerate(text):
        d = digit_of(ch)
        if d is None:
            continue
        kind = _gap_kind(text[last + 1 : i]) if digits else None
        if digits and kind is None:
            yield digits, positions, gaps
            digits, positions, gaps = [], [], []
        elif digits:
            gaps.append(kind or "")
        digits.append(d)
        positions.append(i)
        last = i
    if digits:
        yield digits, positions, gaps


def _split(digits: list[str], positions: list[int], gaps: list[str]) -> list[Run]:
    """Cut a raw stretch into runs: at decimal points, and into groups at visible gaps.

    Dots join groups when every gap is a dot and there are two or more (138.1234.5678), or when
    one dot stands between long sides; otherwise each dot is a decimal point, and the integer and fraction digits around it are
    not part of any run (0.00025000000001 is a rate, not an account).
    """
    dotted = [i for i, g in enumerate(gaps) if "." in g]
    decimal = bool(dotted) and not (len(dotted) >= 2 and all(g == "." for g in gaps if g))
    groups: list[list[int]] = [[0]]
    kinds: list[str] = []
    for i, kind in enumerate(gaps):
        if kind:
            groups.append([i + 1])
            kinds.append(kind)
        else:
            groups[-1].append(i + 1)
    if decimal and len(dotted) == 1 and gaps[dotted[0]] == ".":
        # One dot between long sides is a separator typed once, not a decimal point: money has
        # at most a few decimals, and rates a short integer part (138.12345678, 13812.345678).
        at = kinds.index(".")
        if len(groups[at]) >= 3 and len(groups[at + 1]) >= 4 and len(digits) >= 10:
            decimal = False
    runs: list[Run] = []
    current: list[list[int]] = []
    current_kinds: list[str] = []
    for g, members in enumerate(groups):
        kind_before = kinds[g - 1] if g > 0 else ""
        if decimal and "." in kind_before:  # this group is a fraction, the last one an integer
            if current[:-1]:
                runs.append(_run(digits, positions, current[:-1], current_kinds[:-1]))
            current, current_kinds = [], []
            continue
        if current:
            current_kinds.append(kind_before)
        current.append(members)
    if current:
        runs.append(_run(digits, positions, current, current_kinds))
    return runs


def _run(digits: list[str], positions: list[int], groups: list[list[int]], kinds: list[str]) -> Run:
    flat = [i for members in groups for i in members]
    return Run(
        "".join(digits[i] for i in flat),
        tuple(positions[i] for i in flat),
        tuple("".join(digits[i] for i in members) for members in groups),
        tuple(kinds),
    )


def digit_runs(text: str) -> list[Run]:
    """Every run of digits in `text`, however written, with where each digit came from."""
    runs: list[Run] = []
    for digits, positions, gaps in _raw_runs(text):
        runs.extend(_split(digits, positions, gaps))
    return runs
