"""Finding a trainee's phrases in a reply, fuzzily, and knowing when a denial turns them around.

A cue counts when it is said, not when it is denied: "我不是要向您道歉" is no apology and
"不保证赚钱" no promise of returns, while "不得不向您道歉" (double negation), "对不起" (the 不 is
part of the word) and "服务不周，向您道歉" (不 belongs to another word) still count. Denials are
looked for in the cue's own clause only, and a contrast word ("但是") starts a new scope:

- before the cue, within a few characters: 不/没/别/无/未/非 and their compounds, plus
  rhetorical ones (谁能, 哪有, 怎么可能); words in which 不/没 is part of another word
  (不好意思, 不管, 不满, 没关系, 不用担心...) are blanked first, and an even number of
  denials cancels out;
- after the cue: "是不可能的", "做不到", "谁也不敢说" ... ("保证赚钱是不可能的").

The denial's own span is reported, so that "不可能" used to deny a promise is not mistaken for
arguing with the client.

Matching runs on `coach.core.text.normalize_tracked` text (NFKC, case, Simplified, clause
breaks as "|") through three channels: the characters themselves, their pinyin (for cues of
three or more characters: 到歉 for 道歉), and rapidfuzz partial alignment (five or more).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from coach.core.text import CLAUSE_BREAK, Normalized, PinyinCoder, clause_bounds, normalize

FUZZY_MIN_LEN = 5
FUZZY_CUTOFF = 80.0
PINYIN_MIN_LEN = 3
NEG_GAP = 4  # characters allowed between a denial and the cue it governs

# Words in which 不/没/无/别 is a part, not a denial of what follows.
_NEUTRAL = re.compile(
    "|".join(
        sorted(
            """不好意思 对不起 了不起 不管 不论 无论 不仅 不但 不光 不少 不错 不过 不断 不停 不久
            不妨 不如 不然 不得不 不能不 不会不 不可不 没有不 无不 不客气 不用担心 不要担心 不必担心
            别担心 别着急 不着急 不要着急 不用着急 别急 没关系 没问题 不满 不便 不足 不周 不到位
            不愉快 不舒服 不开心 不方便 不放心 不安 不容易 不公平 不顺 不好受 不痛快 没想到 没多久
            无微不至 不一样 不同 不少客户 没能 没有及时 没及时 没做好 没有做好 没做到 没照顾好
            没照顾到 没联系 没有联系 没通知 没有通知 没告诉 没有告诉 没跟您 没有跟您 没给您
            没有给您 没人联系 没人管 没人理 不理想 不了解 不清楚 无所谓 别客气 不谢 毫无疑问""".split(),
            key=len,
            reverse=True,
        )
    )
)
# Denials before a cue; longest first so that 不是 counts once.
_NEG_BEFORE = re.compile(
    "|".join(
        sorted(
            """没有人能 没人能 谁也不能 谁都不能 谁也不敢 谁都不敢 怎么可能 哪里能 哪有 哪能 怎能
            岂能 谁能 谁敢 并不是 并不 并非 绝不 决不 从不 从没 从来没 不是 不会 不能 不要 不用
            不必 不该 不敢 不想 不可能 没有 没 不 别 无需 无法 未 非 不可""".split(),
            key=len,
            reverse=True,
        )
    )
)
# Denials after a cue, at the start of what follows it in the clause.
_NEG_AFTER = re.compile(
    r".{0,3}?(?:是不可能的|不可能|是做不到的|做不到|谁也不敢|谁都不敢|没人敢|我不敢|不敢说|"
    r"是违规的|违规|是骗人的|不现实|这种话我不会说|我不会说|我说不了|是不存在的|不存在)"
)
_CONTRAST = re.compile(r"但是|可是|不过|然而|只是|而是")
_NEG_WINDOW = 10


@dataclass(frozen=True, slots=True)
class Phrase:
    """One phrase to look for, on behalf of `owner` (a technique, violation or principle id)."""

    owner: str
    text: str  # as written in the YAML file
    key: str  # normalised


@dataclass(frozen=True, slots=True)
class Found:
    owner: str
    phrase: str
    start: int  # offsets into the normalised text
    end: int
    channel: str  # "char" | "pinyin" | "fuzzy"
    score: float
    negated: bool
    denial: tuple[int, int] | None  # where the denying words are, when negated


def phrases(owner: str, texts: Iterable[str]) -> list[Phrase]:
    out = []
    for text in texts:
        key = normalize(text).replace(CLAUSE_BREAK, "")
        if key:
            out.append(Phrase(owner, text, key))
    return out


def denial(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the words that deny `text[start:end]`, or None when it is said plainly."""
    left, right = clause_bounds(text, start, end)
    scope_start = left
    for m in _CONTRAST.finditer(text, left, start):
        scope_start = m.end()
    window_start = max(scope_start, start - _NEG_WINDOW)
    before = text[window_start:start]
    blanked = _NEUTRAL.sub(lambda m: "#" * len(m.group()), before)
    found = list(_NEG_BEFORE.finditer(blanked))
    # The denial nearest the cue must be close to it; an even number of denials cancels out.
    if found and len(before) - found[-1].end() <= NEG_GAP:
        if len(found) % 2 == 1:
            return (window_start + found[0].start(), window_start + found[-1].end())
        return None
    after = _NEG_AFTER.match(text, end, right)
    if after:
        return (after.start(), after.end())
    return None


def _clauses(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for part in text.split(CLAUSE_BREAK):
        if part:
            out.append((start, part))
        start += len(part) + 1
    return out


def _fuzzy(key: str, text: str) -> list[tuple[int, int, str, float]]:
    """A slipped or missing character, within one clause at a time."""
    spans: list[tuple[int, int, str, float]] = []
    for offset, clause in _clauses(text):
        if len(clause) >= len(key):
            aligned = fuzz.partial_ratio_alignment(key, clause, score_cutoff=FUZZY_CUTOFF)
            if aligned is not None:
                spans.append((offset + aligned.dest_start, offset + aligned.dest_end, "fuzzy", aligned.score))
        elif len(clause) == len(key) - 1:
            score = fuzz.ratio(key, clause, score_cutoff=FUZZY_CUTOFF)
            if score:
                spans.append((offset, offset + len(clause), "fuzzy", score))
    return spans


class PhraseMatcher:
    """A compiled set of phrases; `find(normalized)` gives every occurrence, denied or not."""

    def __init__(self, items: Sequence[Phrase], coder: PinyinCoder | None = None, *,
                 fuzzy: bool = True) -> None:
        """`fuzzy=False` leaves out the alignment channel (the costliest): for phrases that
        only explain a decision taken elsewhere."""
        self.items = list(items)
        self._coder = coder or PinyinCoder()
        self._codes = [self._coder.encode(p.key) for p in self.items]
        self._fuzzy = fuzzy
        # one pass over a reply finds every phrase (and every homophone of one): an
        # Aho-Corasick automaton of the phrases, and one of the codes of those long enough
        self._by_key = _automaton((p.key, i) for i, p in enumerate(self.items))
        self._by_code = _automaton(
            (code, i) for i, (p, code) in enumerate(zip(self.items, self._codes, strict=True))
            if len(p.key) >= PINYIN_MIN_LEN and code != p.key
        )

    def find(self, norm: Normalized, coded: str | None = None) -> list[Found]:
        text = norm.text
        spans: dict[int, list[tuple[int, int, str, float]]] = {}
        for end, (length, owners) in _matches(self._by_key, text):
            for i in owners:
                spans.setdefault(i, []).append((end + 1 - length, end + 1, "char", 100.0))
        if self._by_code is not None:
            if coded is None:
                coded = self._coder.encode(text)
            if coded != text:
                pinyin: dict[int, list[tuple[int, int, str, float]]] = {}
                for end, (length, owners) in _matches(self._by_code, coded):
                    start = end + 1 - length
                    for i in owners:
                        if i in spans:  # said in its own characters: no homophone needed
                            continue
                        key = self.items[i].key
                        same = sum(a == b for a, b in zip(text[start : end + 1], key, strict=False))
                        if same * 2 >= len(key):  # a slip, not a different word that sounds alike
                            pinyin.setdefault(i, []).append((start, end + 1, "pinyin", 90.0))
                spans.update(pinyin)
        if self._fuzzy:
            for i, phrase in enumerate(self.items):
                if i not in spans and len(phrase.key) >= FUZZY_MIN_LEN:
                    found = _fuzzy(phrase.key, text)
                    if found:
                        spans[i] = found
        out: list[Found] = []
        for i in sorted(spans):
            phrase = self.items[i]
            for start, end, channel, score in spans[i]:
                denied = denial(text, start, end)
                out.append(Found(phrase.owner, phrase.text, start, end, channel, score,
                                 denied is not None, denied))
        return out


def _automaton(words: Iterable[tuple[str, int]]):  # noqa: ANN202
    """An Aho-Corasick automaton from each distinct string to (its length, the phrases it
    stands for), or None when there is none."""
    import ahocorasick

    owners: dict[str, list[int]] = {}
    for word, i in words:
        if word:
            owners.setdefault(word, []).append(i)
    if not owners:
        return None
    automaton = ahocorasick.Automaton()
    for word, found in owners.items():
        automaton.add_word(word, (len(word), tuple(found)))
    automaton.make_automaton()
    return automaton


def _matches(automaton, text: str):  # noqa: ANN001, ANN202
    """(end index, value) of every occurrence, overlapping ones included; none without one."""
    return () if automaton is None else automaton.iter(text)
