"""The keyword channels of the classifier: where the words of `causes.yaml` occur in a statement.

- characters: every keyword in the normalised text, found in one pass of an Aho-Corasick
  automaton (pyahocorasick) over all keywords at once;
- pinyin: the same over the text coded by toneless syllable (用金 -> 佣金), with a table from
  character to syllable code computed at compile time (no pinyin dictionary at run time);
- fuzzy: rapidfuzz partial alignment of longer keywords, for a slipped or missing character,
  run only for keywords whose characters the text nearly all holds;
- patterns: each cause's regular expressions, indexed by the characters a match can start with.

The index compiles from the causes once and turns into plain data (`to_data`/`from_data`) for
the compiled cache: strings, numbers and lists, nothing that runs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from itertools import chain

from coach.core.content.model import Cause
from coach.core.text import CLAUSE_BREAK, normalize, pinyin_table
from coach.core.understand.lexicon import first_chars, required_literals

FUZZY_CUTOFF = 79.0
FUZZY_MIN_LEN = 5  # shorter keywords share too many characters with ordinary words
PINYIN_FACTOR = 0.85  # a homophone match counts a little less than the characters themselves
PINYIN_SHORT_FACTOR = 0.6  # two syllables collide by chance more often (新股申购 ~ 股神)
FUZZY_FACTOR = 0.7


@dataclass(frozen=True, slots=True)
class Entry:
    cause: str
    keyword: str  # as written in causes.yaml (a pattern: its name), for the explanation
    key: str  # what is searched for: the normalised keyword, or the pattern's expression
    weight: float
    # how far the labelled statements bear the keyword out as the client's reason (see
    # `reliability`): it weighs in choosing the reason that leads, not in finding a reason
    trust: float = 1.0


@dataclass(slots=True)
class Hit:
    entry: Entry
    start: int  # normalised offsets
    end: int
    channel: str  # "char" | "pinyin" | "fuzzy" | "pattern"
    factor: float


_NOTHING = re.compile(r"(?!)")


def pattern_name(cause: str, index: int) -> str:
    """What a pattern is called in explanations and JSON: short, stable, not its expression."""
    return f"{cause}:pattern{index + 1}"


class KeywordIndex:
    """Every keyword and pattern of the causes, ready to search a normalised text."""

    def __init__(
        self,
        entries: list[Entry],
        patterns: list[Entry],
        pinyin: tuple[str, str],
        starts: list[str | None] | None = None,
        required: list[list[list[str]]] | None = None,
    ) -> None:
        """`starts[i]`: the characters pattern i can start with (None: any), when known;
        `required[i]`: sets of strings of which a match of pattern i holds one each."""
        import ahocorasick

        self.entries = entries
        self.patterns = patterns
        self._pinyin_data = pinyin
        self._pinyin = str.maketrans(pinyin[0], pinyin[1]) if pinyin[0] else {}
        if required is None:
            required = [[sorted(group) for group in required_literals(p.key)] for p in patterns]
        self._required_data = required
        self._needs, holders, groups = _literal_index(required)
        # One automaton over the text coded by syllable finds everything at once: a keyword as
        # written (the text's own characters equal it), a homophone slip (they only sound
        # alike), and the strings patterns need. One pass, not one per kind of evidence.
        # A one-character string a pattern needs is looked up among the text's characters.
        by_code: dict[str, tuple[list[int], list[tuple[str, tuple[int, ...]]]]] = {}
        self._homophones: list[bool] = []  # whether a homophone can stand in (Han characters)
        for i, entry in enumerate(entries):
            code = entry.key.translate(self._pinyin)
            self._homophones.append(code != entry.key)
            by_code.setdefault(code, ([], []))[0].append(i)
        self._single: dict[str, tuple[int, ...]] = {}
        for literal, gids in holders.items():
            if len(literal) == 1:
                self._single[literal] = gids
            else:
                by_code.setdefault(literal.translate(self._pinyin), ([], []))[1].append(
                    (literal, gids))
        self._single_chars = frozenset(self._single)
        automaton = ahocorasick.Automaton()
        for code, (found, literals) in by_code.items():
            automaton.add_word(code, (len(code), tuple(found), tuple(literals)))
        if by_code:
            automaton.make_automaton()
        self._automaton = automaton
        self._literals = bool(holders)
        # fuzzy candidates: keyword index -> its distinct characters, of which a text must hold
        # all but one. So it holds at least one of any two: each keyword is posted under its
        # two rarest (among the keywords), and a text looks up only the keywords posted under
        # its characters.
        self._fuzzy: dict[int, frozenset[str]] = {}
        self._fuzzy_by_char: dict[str, list[int]] = {}
        seen = Counter(chain.from_iterable(set(e.key) for e in entries))
        for i, entry in enumerate(entries):
            if len(entry.key) >= FUZZY_MIN_LEN:
                distinct = frozenset(entry.key)
                self._fuzzy[i] = distinct
                for ch in sorted(distinct, key=lambda c: (seen[c], c))[:2]:
                    self._fuzzy_by_char.setdefault(ch, []).append(i)
        # compiled on first use: a run classifying one statement compiles only what it needs
        self._regexes: list[re.Pattern[str] | None] = [None] * len(patterns)
        if starts is None:
            starts = [None if (f := first_chars(p.key)) is None else "".join(sorted(f))
                      for p in patterns]
        self._starts = starts
        self._first = [None if first is None else frozenset(first) for first in starts]
        # a pattern is a candidate when every set of strings it needs is present: posted under
        # one of those sets (the one of longest strings, likely the rarest), it is checked in
        # full only when that one is present; those needing none always are candidates
        self._unneeded = [i for i, need in enumerate(self._needs) if not need]
        self._gate: dict[int, list[int]] = {}
        longest = [min(map(len, group)) for group in groups]
        for i, need in enumerate(self._needs):
            if need:
                gid = max(sorted(need), key=longest.__getitem__)
                self._gate.setdefault(gid, []).append(i)

    @classmethod
    def compile(cls, causes: Mapping[str, Cause]) -> KeywordIndex:
        entries: list[Entry] = []
        patterns: list[Entry] = []
        for cause in causes.values():
            for keyword, weight in cause.keywords.items():
                key = normalize(keyword).replace(CLAUSE_BREAK, "")
                if key:
                    entries.append(Entry(cause.id, keyword, key, float(weight)))
            for i, (pattern, weight) in enumerate(cause.patterns.items()):
                patterns.append(Entry(cause.id, pattern_name(cause.id, i), pattern, float(weight)))
        return cls(entries, patterns, pinyin_table())

    def trusted(self, trust: Mapping[tuple[str, str], float]) -> KeywordIndex:
        """The same index with each keyword's and pattern's trust, by (cause, keyword or
        pattern name); those not named are trusted fully."""
        def scaled(items: list[Entry]) -> list[Entry]:
            return [replace(e, trust=round(trust.get((e.cause, e.keyword), 1.0), 6))
                    for e in items]

        return KeywordIndex(scaled(self.entries), scaled(self.patterns), self._pinyin_data,
                            self._starts, self._required_data)

    # ------------------------------------------------------------ storage

    def to_data(self) -> dict[str, object]:
        def rows(items: list[Entry]) -> list[list[object]]:
            return [[e.cause, e.keyword, e.key, e.weight, e.trust] for e in items]

        return {
            "entries": rows(self.entries),
            "patterns": rows(self.patterns),
            "starts": list(self._starts),
            "required": self._required_data,
            "pinyin": list(self._pinyin_data),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> KeywordIndex:
        """Back from `to_data`; raises ValueError on anything malformed (a bad regex too)."""
        try:
            entries = [_entry(row) for row in data["entries"]]  # type: ignore[union-attr]
            patterns = [_entry(row) for row in data["patterns"]]  # type: ignore[union-attr]
            chars, codes = data["pinyin"]  # type: ignore[misc]
            starts = list(data["starts"])  # type: ignore[call-overload]
            required = data.get("required")  # type: ignore[union-attr]
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"not a keyword index: {error}") from error
        if not (isinstance(chars, str) and isinstance(codes, str) and len(chars) == len(codes)):
            raise ValueError("not a keyword index: bad pinyin table")
        if len(starts) != len(patterns) or not all(s is None or isinstance(s, str) for s in starts):
            raise ValueError("not a keyword index: bad pattern starts")
        if required is not None and not _is_required(required, len(patterns)):
            raise ValueError("not a keyword index: bad pattern requirements")
        return cls(entries, patterns, (chars, codes), starts, required)

    # ------------------------------------------------------------ matching

    def find(self, norm: str, *, fuzzy: bool = True, decisive: float | None = None) -> list[Hit]:
        """Every piece of keyword and pattern evidence in a normalised text, nested duplicates
        dropped. `fuzzy=False` skips the (slowest) fuzzy channel, and so does exact evidence
        for one cause of at least `decisive` weight: a slip elsewhere would not change it."""
        entries = self.entries
        hits: list[Hit] = []
        slips: list[Hit] = []
        exact: set[tuple[int, int]] = set()  # (keyword, start) found as written or as a slip
        present: set[int] = set()  # the string sets of patterns present
        if self._automaton.kind == 2:  # ahocorasick.AHOCORASICK: made
            homophones = self._homophones
            for end, (length, found, literals) in self._automaton.iter(norm.translate(self._pinyin)):
                start = end + 1 - length
                piece = norm[start : end + 1]
                for i in found:
                    entry = entries[i]
                    if piece == entry.key:
                        hits.append(Hit(entry, start, end + 1, "char", 1.0))
                    elif homophones[i] and _plausible_slip(piece, entry.key):
                        factor = PINYIN_FACTOR if length > 2 else PINYIN_SHORT_FACTOR
                        slips.append(Hit(entry, start, end + 1, "pinyin", factor))
                    else:
                        continue
                    exact.add((i, start))
                for literal, gids in literals:
                    if piece == literal:
                        present.update(gids)
            hits.extend(slips)
        chars = set(norm)
        if fuzzy and decisive is not None:
            sums: dict[str, float] = {}
            for h in hits:
                sums[h.entry.cause] = sums.get(h.entry.cause, 0.0) + h.entry.weight * h.factor
            fuzzy = not sums or max(sums.values()) < decisive
        if fuzzy and self._fuzzy:
            hits.extend(self._find_fuzzy(norm, chars, exact))
        regexes = self._regexes
        for i in self._candidates(chars, present):
            entry = self.patterns[i]
            regex = regexes[i]
            if regex is None:
                try:
                    regex = re.compile(entry.key)
                except re.error:  # only a damaged cache could hold one: it matches nothing
                    regex = _NOTHING
                regexes[i] = regex
            for m in regex.finditer(norm):
                if m.end() > m.start():
                    hits.append(Hit(entry, m.start(), m.end(), "pattern", 1.0))
        return _drop_contained(hits)

    def _candidates(self, chars: set[str], present: set[int]) -> list[int]:
        """The patterns that can match a text, in their order: every set of strings each needs
        is present (`present`: those found of more than one character), and the text (of
        characters `chars`) holds a character a match can start with."""
        if not self._literals:
            found = self._unneeded
        else:
            single = self._single
            present.update(chain.from_iterable(map(single.__getitem__, chars & self._single_chars)))
            gated = chain.from_iterable(filter(None, map(self._gate.get, present)))
            needs = self._needs
            found = [i for i in gated if needs[i] <= present]
            if self._unneeded:
                found.extend(self._unneeded)
            found.sort()
        first = self._first
        return [i for i in found if first[i] is None or not chars.isdisjoint(first[i])]

    def _find_fuzzy(self, norm: str, chars: set[str], exact: set[tuple[int, int]]) -> list[Hit]:
        posted = chain.from_iterable(filter(None, map(self._fuzzy_by_char.get, chars)))
        distinct = self._fuzzy
        entries = self.entries
        hits: list[Hit] = []
        found_words: set[str] | None = None
        for index in sorted(set(posted)):
            shared = distinct[index]
            if len(shared) - len(shared & chars) > 1:
                continue
            entry = entries[index]
            if found_words is None:
                found_words = {entries[i].keyword for i, _ in exact}
            if entry.keyword in found_words:
                continue
            aligned = _fuzz().partial_ratio_alignment(entry.key, norm, score_cutoff=FUZZY_CUTOFF)
            # a slipped character, not a dropped one: "证券公司" must not pass for "证券子公司"
            if aligned is None or aligned.dest_end - aligned.dest_start < len(entry.key):
                continue
            if CLAUSE_BREAK in norm[aligned.dest_start : aligned.dest_end]:
                continue
            hits.append(
                Hit(entry, aligned.dest_start, aligned.dest_end, "fuzzy",
                    FUZZY_FACTOR * aligned.score / 100.0)
            )
        return hits


def _fuzz():
    """rapidfuzz's `fuzz`, imported on first use (a start from the cache may never need it)."""
    global _FUZZ
    if _FUZZ is None:
        from rapidfuzz import fuzz

        _FUZZ = fuzz
    return _FUZZ


_FUZZ = None


def _entry(row: object) -> Entry:
    if not isinstance(row, list) or len(row) != 5:
        raise ValueError("an entry is not [cause, keyword, key, weight, trust]")
    cause, keyword, key, weight, trust = row
    if not (isinstance(cause, str) and isinstance(keyword, str) and isinstance(key, str) and key):
        raise ValueError("an entry is not [cause, keyword, key, weight, trust]")
    if not all(isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)
               for x in (weight, trust)):
        raise ValueError("an entry's weight or trust is not a number")
    return Entry(cause, keyword, key, float(weight), float(trust))


def _literal_index(required: list[list[list[str]]]):
    """Per pattern the ids of the string sets it needs, each string to the ids of the sets
    holding it (finding the strings in a statement tells which patterns can match), and the
    sets by id."""
    ids: dict[frozenset[str], int] = {}
    needs: list[frozenset[int]] = []
    for groups in required:
        needs.append(frozenset(ids.setdefault(frozenset(g), len(ids)) for g in groups))
    holders: dict[str, list[int]] = {}
    for group, gid in ids.items():
        for literal in group:
            holders.setdefault(literal, []).append(gid)
    return needs, {literal: tuple(gids) for literal, gids in holders.items()}, list(ids)


def _is_required(value: object, count: int) -> bool:
    return (
        isinstance(value, list)
        and len(value) == count
        and all(
            isinstance(groups, list)
            and all(isinstance(g, list) and g and all(isinstance(x, str) and x for x in g)
                    for g in groups)
            for groups in value
        )
    )


def _plausible_slip(found: str, keyword: str) -> bool:
    """A homophone typo keeps some characters right (用金 for 佣金, 客护经里 for 客户经理);
    a sequence with none right is another word that merely sounds alike (讲理 ~ 奖励)."""
    same = sum(a == b for a, b in zip(found, keyword, strict=False))
    return same >= (2 if len(keyword) >= 4 else 1)


def _drop_contained(hits: list[Hit]) -> list[Hit]:
    """Evidence inside other evidence is not counted twice.

    Within one cause, of two nested hits the stronger counts (a specific phrase over the bare
    word inside it). Across causes, a keyword inside a longer keyword of another cause yields
    to it (开户送 is about gifts, not about 开户); a pattern's wide span never silences another
    cause's keyword ("楼下那家证券给我万1" still says 楼下).
    """
    if len(hits) < 2:
        return hits
    spans = [(h.start, h.end) for h in hits]
    # By start, the longest first: a span lies inside another exactly when it ends no later
    # than one that started before it. Most statements have none: nothing to weigh.
    reach = -1
    for _start, negative_end in sorted([(s, -e) for s, e in spans]):
        if -negative_end <= reach:
            break
        reach = -negative_end
    else:
        return hits
    kept = []
    for h, (start, end) in zip(hits, spans, strict=True):
        # most hits lie inside no other: only those that do are weighed against their holders
        holders = [j for j, (s, e) in enumerate(spans) if s <= start and end <= e]
        if len(holders) > 1 and any(_beaten(h, hits[j]) for j in holders):
            continue
        kept.append(h)
    return kept


def _beaten(h: Hit, k: Hit) -> bool:
    """Whether hit `h`, inside hit `k`'s span, yields to it."""
    if h is k:
        return False
    if h.entry.cause == k.entry.cause:
        return (k.entry.weight * k.factor, k.end - k.start) > (
            h.entry.weight * h.factor, h.end - h.start)
    return k.channel != "pattern" and h.channel != "pattern" and (k.end - k.start) > (
        h.end - h.start)
