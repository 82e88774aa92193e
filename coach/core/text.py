"""Text normalisation for matching, keeping the way back to the original characters.

Counter staff type fast, in whatever their input method gives: full-width letters, Traditional
characters, stray spaces, homophone slips (用金 for 佣金). Matching runs on a normalised form;
explanations point at the client's own characters, so every normalised character remembers the
index of the original character it came from.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Characters that end a clause: negation and contrast do not reach across them.
CLAUSE_BREAK = "|"
_BREAKS = set("，,。.；;！!？?、：:\n\r\t…~～")
_DROP_CATEGORIES = ("C",)  # control and format characters, zero-width joiners...
# Look-alike characters that slip in by handwriting input or old habit, and variant forms:
# 证劵 for 证券 (劵 juàn is not a homophone, so the pinyin channel cannot catch it).
_LOOKALIKES = str.maketrans({"劵": "券", "帐": "账", "㐅": "x"})


@cache
def _t2s():
    """OpenCC's Traditional-to-Simplified converter, built once."""
    import opencc

    return opencc.OpenCC("t2s")


@dataclass(frozen=True, slots=True)
class Normalized:
    """`text` is what matching sees; `origin[i]` is the index in the original of `text[i]`."""

    original: str
    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span behind normalised `text[start:end]`."""
        if start >= end or not self.origin:
            return (0, 0)
        return (self.origin[start], self.origin[end - 1] + 1)


def normalize(text: str) -> str:
    """The normalised form only: NFKC, case folded, Simplified, no spaces, clause breaks as `|`."""
    return normalize_tracked(text).text


def clause_bounds(norm: str, start: int, end: int) -> tuple[int, int]:
    """The clause of normalised `norm` around `norm[start:end]`: from after the clause break
    before it to the next one (or the text's ends)."""
    left = norm.rfind(CLAUSE_BREAK, 0, start) + 1
    right = norm.find(CLAUSE_BREAK, end)
    return left, (len(norm) if right == -1 else right)


def _pieces(text: str):
    """(original index, normalised piece): NFKC and case folding one character at a time,
    or the whole text at once when that cannot change its length (the usual case)."""
    whole = unicodedata.normalize("NFKC", text)
    if len(whole) == len(text):
        folded = whole.casefold()
        if len(folded) == len(text):
            return enumerate(folded)
    return (
        (i, c) for i, ch in enumerate(text) for c in unicodedata.normalize("NFKC", ch).casefold()
    )


_BREAK_TABLE = str.maketrans(dict.fromkeys(_BREAKS, CLAUSE_BREAK))
_NUMERIC_MARK = re.compile(r"[.,]")
_NUMBER_MARK = re.compile(r"(?<=\d)[.,](?=\d)")  # a point or comma inside a number


# Blocks whose characters never combine with a neighbour under NFKC (no combining marks, no
# Hangul jamo, no vowel signs that compose with what precedes them): a text made only of them
# normalises one character at a time. `tests/core/test_text.py` checks this against Unicode.
SIMPLE_BLOCKS = (
    (0x20, 0x7E), (0xA0, 0x24F), (0x2000, 0x206F), (0x2100, 0x218F), (0x2460, 0x24FF),
    (0x3000, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF),
)


def _in_simple_block(ch: str) -> bool:
    point = ord(ch)
    return any(low <= point <= high for low, high in SIMPLE_BLOCKS) and not unicodedata.combining(ch)


def _on_its_own(ch: str) -> str | None:
    """What normalising makes of one character whatever its neighbours ("" when dropped, "."
    and "," kept for the numbers), or None when that depends on them or takes the careful path."""
    if not _in_simple_block(ch):
        return None
    compat = unicodedata.normalize("NFKC", ch)
    if len(compat) != 1 or not _in_simple_block(compat):
        return None
    folded = compat.casefold()
    if len(folded) != 1 or (folded.isdigit() and not folded.isdecimal()):
        return None  # (a digit is then what `\d` matches: see _NUMBER_MARK)
    if folded in "\n\r\t":
        return CLAUSE_BREAK
    if not folded.isprintable():
        return None
    if folded == " ":
        return ""
    if folded in _BREAKS and folded not in ".,":
        return CLAUSE_BREAK
    return folded


class _Chars(dict):
    """character -> `_on_its_own(character)`, worked out the first time it is met; what it
    becomes is also checked against OpenCC (see `_UNCHANGED`)."""

    def __missing__(self, ch: str) -> str | None:
        value = self[ch] = _on_its_own(ch)
        if value and value not in _UNCHANGED and _t2s().convert(value) == value:
            _UNCHANGED.add(value)
        return value


# Characters OpenCC leaves as they are: Simplified, or no Chinese at all. A text made only of
# them is left as it is (OpenCC's phrases rewrite Traditional characters), so converting it is
# skipped, the usual case. Filled as characters are met.
_UNCHANGED: set[str] = set()


_CHARS = _Chars()


def normalize_tracked(text: str) -> Normalized:
    """`text` normalised for matching, each character remembering where it came from."""
    mapped = list(map(_CHARS.__getitem__, text))
    if None not in mapped:
        return _normalize_simple(text, mapped)
    whole = unicodedata.normalize("NFKC", text)
    if len(whole) == len(text):
        folded = whole.casefold()
        # Printable: nothing to drop but plain spaces (the only printable whitespace), so the
        # character loop below reduces to a few whole-string operations.
        if len(folded) == len(text) and folded.isprintable():
            return _normalize_printable(text, folded)
    return _normalize_each(text)


def _normalize_printable(text: str, folded: str) -> Normalized:
    """`normalize_tracked` for a text whose folded form is all printable (the usual case)."""
    if " " in folded:
        origin = tuple([i for i, c in enumerate(folded) if c != " "])
        folded = folded.replace(" ", "")
    else:
        origin = tuple(range(len(folded)))
    joined = folded.translate(_BREAK_TABLE)
    if "." in folded or "," in folded:
        last = len(folded) - 1
        chars = None
        for m in _NUMERIC_MARK.finditer(folded):
            at = m.start()
            if 0 < at < last and folded[at - 1].isdigit() and folded[at + 1].isdigit():
                if chars is None:
                    chars = list(joined)
                chars[at] = "." if text[origin[at]] in ".．" else ","
        if chars is not None:
            joined = "".join(chars)
    return Normalized(text, _simplified(joined), origin)


def _normalize_simple(text: str, mapped: list[str]) -> Normalized:
    """`normalize_tracked` for a text whose every character normalises on its own."""
    joined = "".join(mapped)
    if len(joined) == len(text):
        origin = tuple(range(len(text)))
    else:  # spaces dropped
        origin = tuple([i for i, piece in enumerate(mapped) if piece])
    if "." in joined or "," in joined:
        numbers = _NUMBER_MARK.search(joined)
        marked = joined
        joined = joined.replace(".", CLAUSE_BREAK).replace(",", CLAUSE_BREAK)
        if numbers is not None:
            chars = list(joined)
            for m in _NUMBER_MARK.finditer(marked):
                at = m.start()
                chars[at] = "." if text[origin[at]] in ".．" else ","
            joined = "".join(chars)
    return Normalized(text, _simplified(joined), origin)


def _simplified(joined: str) -> str:
    """Traditional characters made Simplified (length kept), then the look-alikes."""
    if _UNCHANGED.issuperset(joined):
        simplified = joined
    else:
        simplified = _t2s().convert(joined)
    if len(simplified) != len(joined):
        # OpenCC may rewrite a phrase to a different length; fall back to one character at a time.
        convert = _t2s().convert
        simplified = "".join(c if len(s := convert(c)) != 1 else s for c in joined)
    if "劵" in simplified or "帐" in simplified or "㐅" in simplified:  # _LOOKALIKES
        return simplified.translate(_LOOKALIKES)
    return simplified


def _normalize_each(text: str) -> Normalized:
    """`normalize_tracked` one character at a time: any text, however unusual."""
    chars: list[str] = []
    origin: list[int] = []
    numeric: list[int] = []  # where a "." or "," stood: between digits it is part of a number
    for i, c in _pieces(text):
        if c.isspace() and c not in "\n\r\t":
            continue
        if c in _BREAKS:
            if c in ".,":
                numeric.append(len(chars))
            c = CLAUSE_BREAK
        elif not c.isprintable() and unicodedata.category(c).startswith(_DROP_CATEGORIES):
            continue
        chars.append(c)
        origin.append(i)
    for at in numeric:  # 万0.85 and 100,000 are numbers, not two clauses
        if 0 < at < len(chars) - 1 and chars[at - 1].isdigit() and chars[at + 1].isdigit():
            chars[at] = "." if text[origin[at]] in ".．" else ","
    return Normalized(text, _simplified("".join(chars)), tuple(origin))


# ---------------------------------------------------------------- pinyin


@cache
def _pinyin_table() -> dict[int, str]:
    """pypinyin's single-character table (code point -> 'xíng,háng,...').

    Loaded from its data module directly: importing the `pypinyin` package also loads the
    2.5 MB phrase dictionary, a quarter of a second that `coach classify` cannot afford.
    """
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or spec.origin is None:  # pragma: no cover - a declared dependency
        raise ModuleNotFoundError("pypinyin")
    path = Path(spec.origin).parent / "pinyin_dict.py"
    module_spec = importlib.util.spec_from_file_location("_coach_pinyin_dict", path)
    assert module_spec is not None and module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module.pinyin_dict


_TONES = str.maketrans(
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm"
)


def _fold_syllable(syllable: str) -> str:
    """Toneless syllable: an input method types no tones, so 用 (yòng) stands in for 佣 (yōng)."""
    return syllable.translate(_TONES)


class PinyinCoder:
    """Maps each Han character to one code character standing for its toneless syllable.

    The coded string has the same length as the input, so a match found in it has the same
    span as in the text, and homophones (佣/用, 费/飞, 搬/班) code identically.
    """

    _BASE = 0xF0000  # supplementary private use area: never in client text after NFKC

    def __init__(self, table: tuple[str, str] | None = None) -> None:
        """`table` is a `pinyin_table()` kept from an earlier run: coding is then one
        `str.translate`, and pypinyin's data (50 ms to load) is never read."""
        self._translation = str.maketrans(*table) if table and table[0] else None
        self._table = {} if self._translation is not None else _pinyin_table()
        self._codes: dict[str, str] = {}
        self._cache: dict[str, str] = {}

    def __getstate__(self) -> dict[str, dict[str, str]]:
        # pypinyin's table is data of the installed package, not of this coder: never pickled
        return {"codes": self._codes, "cache": self._cache}

    def __setstate__(self, state: dict[str, dict[str, str]]) -> None:
        self._translation = None
        self._table = _pinyin_table()
        self._codes = state["codes"]
        self._cache = state["cache"]

    def code(self, ch: str) -> str:
        if self._translation is not None:
            return ch.translate(self._translation)
        cached = self._cache.get(ch)
        if cached is not None:
            return cached
        readings = self._table.get(ord(ch))
        if readings is None:
            coded = ch
        else:
            syllable = _fold_syllable(readings.split(",", 1)[0])
            coded = self._codes.setdefault(syllable, chr(self._BASE + len(self._codes)))
        self._cache[ch] = coded
        return coded

    def encode(self, text: str) -> str:
        if self._translation is not None:
            return text.translate(self._translation)
        return "".join(map(self.code, text))


def pinyin_table() -> tuple[str, str]:
    """(characters, codes): each Han character pypinyin knows and its toneless syllable's code
    character, so coding a text at run time is one `str.translate`."""
    coder = PinyinCoder()
    chars = []
    codes = []
    for point in sorted(coder._table):
        ch = chr(point)
        code = coder.code(ch)
        if code != ch:
            chars.append(ch)
            codes.append(code)
    return "".join(chars), "".join(codes)


# ---------------------------------------------------------------- terminal output

# What a terminal would act on instead of showing: C0 controls (ESC starts every CSI/OSC
# sequence, CR overwrites the line, BEL rings), DEL, C1 controls (0x9B is a one-byte CSI) and the
# bidirectional overrides that reorder what is displayed. Newline and tab are layout.
UNSAFE_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{UNSAFE_CONTROLS}]")
_UNSAFE_OR_BREAK = re.compile(f"[{UNSAFE_CONTROLS}\n\t]")


def _visible(m: re.Match[str]) -> str:
    """One visible character per control character, so offsets into the text stay valid."""
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␛ ␇ ␍ ␊ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls and direction overrides: �


def terminal_safe(text: str, *, keep_newlines: bool = True) -> str:
    """`text` with every control character shown as a visible symbol instead of acting on the
    terminal: client text and content reach the screen as written, never as escape sequences.
    The length is kept (one symbol per character), so match offsets still apply.

    `keep_newlines=False` also shows newline and tab (for one-line cells and log lines).
    """
    pattern = _UNSAFE if keep_newlines else _UNSAFE_OR_BREAK
    return pattern.sub(_visible, text) if pattern.search(text) else text
