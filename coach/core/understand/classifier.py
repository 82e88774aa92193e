"""Name the churn cause behind what a departing client says.

Three channels vote with the weighted keywords of `causes.yaml`:
- characters: the keyword itself in the normalised text (NFKC, case, Traditional -> Simplified);
- pinyin: the keyword's syllables in the text's syllables, for homophone slips (用金 -> 佣金);
- fuzzy: rapidfuzz partial alignment of longer keywords, for a slipped or missing character;
plus each cause's regular-expression `patterns` for the shapes words cannot list (万1.5, 送...卡).

A keyword inside a denial ("不是佣金的事", "跟佣金没关系") votes for nobody; what a client says
after "但是/就是" weighs more than what comes before. Classifying is a pure function of the
compiled lexicon and the text; the lexicon compiles once.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from coach.core.content.labelled import PHRASINGS_FILE, read_phrasings
from coach.core.content.model import CAUSE_IDS, Cause, Labelled, Library
from coach.core.text import (
    CLAUSE_BREAK,
    Normalized,
    PinyinCoder,
    normalize,
    normalize_tracked,
)
from coach.core.understand.lexicon import first_chars
from coach.core.understand.phrasing import PhrasingModel

OTHER = "other"

# What a compiled classifier is made of besides the content: a change to any recompiles it.
_HERE = Path(__file__).resolve().parent
_SOURCES = (
    _HERE / "classifier.py",
    _HERE / "phrasing.py",
    _HERE.parent / "text.py",
    _HERE / "lexicon.py",
    _HERE.parent / "content" / "model.py",
)

# Score = 1 - exp(-evidence / SCALE): one decisive keyword (weight 3) gives about 0.7.
SCALE = 2.5
THRESHOLD = 0.45  # a cause at or above this score is detected
SECOND_THRESHOLD = 0.5  # a further cause must clear this too, and hold its own beside the leader
SECOND_RATIO = 0.3
AMBIGUOUS_RATIO = 0.85  # runner-up within this ratio of the leader: a near tie
LEAD_RATIO = 0.6  # keyword evidence a reason said first needs, against the strongest, to lead
LEAD_MIN_SAID = 2.5  # ... and at least one decisive keyword's worth
FUZZY_CUTOFF = 79.0
FUZZY_MIN_LEN = 5  # shorter keywords share too many characters with ordinary words
PINYIN_FACTOR = 0.85  # a homophone match counts a little less than the characters themselves
PINYIN_SHORT_FACTOR = 0.6  # two syllables collide by chance more often (新股申购 ~ 股神)
FUZZY_FACTOR = 0.7
BEFORE_CONTRAST_FACTOR = 0.5  # said before "但是/就是": usually the reason the client sets aside
MAX_CHARS = 4000  # a statement longer than this is read from its first part only
# The phrasing channel (coach.core.understand.phrasing): evidence for the cause a statement sounds
# like most, for the part of its similarity above the floor (the runner-up scores about 0.07).
PHRASING_WEIGHT = 45.0
PHRASING_FLOOR = 0.06

# Denials before a keyword, within its clause ("不是佣金的问题", "并非搬家原因").
_NEG_BEFORE = re.compile(
    r"(?<!是)(?:不是|并不是|并非|倒不是|也不是|不因为|不是因为|不图|不为了|不为|不在乎|不怪|"
    r"不嫌|没嫌|没打算|没想过|不关|无关|不存在|跟这没关系|未提及|没提|非(?!常|要|得))"
)
# Denials after a keyword, within its clause ("跟佣金没关系", "佣金多少我无所谓").
_NEG_AFTER = re.compile(
    r"(?:我都要走|都要走|都得走|都要转|都要销|没关系|没有关系|无关|不相干|无所谓|不在乎|看不上|不算高|不算贵|不贵|也还行|还行|"
    r"差不多|没得说|挺好|不错|我认|不怪|不重要|是其次|倒是其次|不是问题|不是主要)"
)
_NEG_AFTER_REACH = 10  # characters after the keyword that a trailing denial may govern
_CONTRAST = re.compile(r"(?:但是|可是|不过|就是|而是|只是|主要是|关键是|其实是|是因为|是我)")


@dataclass(frozen=True, slots=True)
class Match:
    """One piece of evidence: a keyword found at `text[start:end]` of the original text."""

    keyword: str
    start: int
    end: int
    channel: str  # "char" | "pinyin" | "fuzzy" | "pattern"
    negated: bool = False
    weight: float = 0.0


@dataclass(frozen=True, slots=True)
class CauseScore:
    id: str
    score: float
    matched: tuple[Match, ...] = ()


@dataclass(frozen=True, slots=True)
class Classification:
    text: str
    causes: tuple[CauseScore, ...]  # detected, leading first; never empty ("other" at worst)
    ranking: tuple[CauseScore, ...]  # all eleven, best first
    ambiguous: bool
    questions: tuple[str, ...]  # causes whose clarifying question the staff member should ask

    @property
    def leading(self) -> str:
        return self.causes[0].id

    def to_json(self) -> dict[str, object]:
        """The `coach classify --json` object (the command-line contract)."""
        return {
            "text": self.text,
            "causes": [{"id": c.id, "score": round(c.score, 4)} for c in self.causes],
            "ranking": [
                {
                    "id": c.id,
                    "score": round(c.score, 4),
                    "matched": [
                        {
                            "keyword": m.keyword,
                            "start": m.start,
                            "end": m.end,
                            "text": self.text[m.start : m.end],
                            "channel": m.channel,
                            "negated": m.negated,
                        }
                        for m in c.matched
                    ],
                }
                for c in self.ranking
            ],
            "ambiguous": self.ambiguous,
            "questions": list(self.questions),
        }


@dataclass(frozen=True, slots=True)
class _Entry:
    cause: str
    keyword: str  # as written in causes.yaml, for the explanation
    key: str  # what is searched for (normalised, or pinyin-coded)
    weight: float
    chars: str = ""  # for a pinyin entry: the normalised keyword, to count identical characters


@dataclass(slots=True)
class _Hit:
    entry: _Entry
    start: int  # normalised offsets
    end: int
    channel: str
    factor: float


class Classifier:
    """A compiled lexicon. Build once (`load`, `from_library` or from causes directly), then `classify`
    many times."""

    def __init__(self, causes: Mapping[str, Cause], phrasings: Iterable[Labelled] = ()) -> None:
        self.causes = dict(causes)
        self.phrasing = PhrasingModel.learn(phrasings)
        # ranked in the taxonomy's order on ties; "other" is always a candidate
        self._ids = [cid for cid in CAUSE_IDS if cid in self.causes] + [
            cid for cid in self.causes if cid not in CAUSE_IDS
        ]
        if OTHER not in self._ids:
            self._ids.append(OTHER)
        self._coder = PinyinCoder()
        self._by_char: dict[str, list[_Entry]] = defaultdict(list)
        self._by_code: dict[str, list[_Entry]] = defaultdict(list)
        self._fuzzy: list[tuple[_Entry, int]] = []  # (entry, distinct characters)
        self._fuzzy_by_char: dict[str, list[int]] = defaultdict(list)
        # (entry, regex, characters a match can start with: None when any)
        self._patterns: list[tuple[_Entry, re.Pattern[str], frozenset[str] | None]] = []
        for cause in causes.values():
            for keyword, weight in cause.keywords.items():
                key = normalize(keyword).replace(CLAUSE_BREAK, "")
                if not key:
                    continue
                entry = _Entry(cause.id, keyword, key, float(weight))
                self._by_char[key[:2]].append(entry)
                code = self._coder.encode(key)
                if code != key:  # has Han characters: homophones can stand in for them
                    self._by_code[code[:2]].append(
                        _Entry(cause.id, keyword, code, float(weight), key)
                    )
                if len(key) >= FUZZY_MIN_LEN:
                    for ch in set(key):
                        self._fuzzy_by_char[ch].append(len(self._fuzzy))
                    self._fuzzy.append((entry, len(set(key))))
            for pattern, weight in cause.patterns.items():
                entry = _Entry(cause.id, pattern, pattern, float(weight))
                self._patterns.append((entry, re.compile(pattern), first_chars(pattern)))

    @classmethod
    def load(cls, playbooks: Path) -> Classifier:
        """Compiled from a playbooks folder's causes and phrasings (cached between runs)."""
        from coach.core.understand.cache import cached

        playbooks = Path(playbooks)
        files = [*_SOURCES, playbooks / "causes.yaml", playbooks / PHRASINGS_FILE]
        return cached("classifier", files, lambda: cls._compile(playbooks))

    @classmethod
    def _compile(cls, playbooks: Path) -> Classifier:
        from coach.core.content.causes_file import load_causes

        causes, problems = load_causes(playbooks / "causes.yaml")
        errors = [p for p in problems if p.level == "error"]
        if not causes:
            raise ValueError("\n".join(str(p) for p in errors) or f"no causes in {playbooks}")
        return cls(causes, read_phrasings(playbooks / PHRASINGS_FILE))

    @classmethod
    def from_library(cls, library: Library) -> Classifier:
        return cls(library.causes, library.phrasings)

    # ------------------------------------------------------------ matching

    def _find(self, norm: str) -> list[_Hit]:
        hits: list[_Hit] = []
        exact: set[tuple[str, int]] = set()
        for head in _heads(norm):
            for entry in self._by_char.get(head, ()):
                start = norm.find(entry.key)
                while start != -1:
                    hits.append(_Hit(entry, start, start + len(entry.key), "char", 1.0))
                    exact.add((entry.keyword, start))
                    start = norm.find(entry.key, start + 1)
        coded = self._coder.encode(norm)
        if coded != norm:
            for head in _heads(coded):
                for entry in self._by_code.get(head, ()):
                    start = coded.find(entry.key)
                    while start != -1:
                        if (entry.keyword, start) not in exact and _plausible_slip(
                            norm[start : start + len(entry.key)], entry.chars
                        ):
                            factor = PINYIN_FACTOR if len(entry.key) > 2 else PINYIN_SHORT_FACTOR
                            hits.append(_Hit(entry, start, start + len(entry.key), "pinyin", factor))
                            exact.add((entry.keyword, start))
                        start = coded.find(entry.key, start + 1)
        found = {kw for kw, _ in exact}
        chars = set(norm)
        shared: dict[int, int] = defaultdict(int)  # fuzzy keyword -> characters it shares
        for ch in chars:
            for index in self._fuzzy_by_char.get(ch, ()):
                shared[index] += 1
        for index, count in shared.items():
            entry, distinct = self._fuzzy[index]
            if count < distinct - 1 or entry.keyword in found:
                continue
            aligned = fuzz.partial_ratio_alignment(entry.key, norm, score_cutoff=FUZZY_CUTOFF)
            # a slipped character, not a dropped one: "证券公司" must not pass for "证券子公司"
            if aligned is None or aligned.dest_end - aligned.dest_start < len(entry.key):
                continue
            if CLAUSE_BREAK in norm[aligned.dest_start : aligned.dest_end]:
                continue
            hits.append(
                _Hit(
                    entry,
                    aligned.dest_start,
                    aligned.dest_end,
                    "fuzzy",
                    FUZZY_FACTOR * aligned.score / 100.0,
                )
            )
        for entry, regex, starts in self._patterns:
            if starts is not None and starts.isdisjoint(chars):
                continue
            for m in regex.finditer(norm):
                if m.end() > m.start():
                    hits.append(_Hit(entry, m.start(), m.end(), "pattern", 1.0))
        return _drop_contained(hits)

    def classify(self, text: str) -> Classification:
        tracked = normalize_tracked(text[:MAX_CHARS] if len(text) > MAX_CHARS else text)
        norm = tracked.text
        hits = self._find(norm)
        contrast_at = _last_contrast(norm, hits)
        evidence: dict[str, float] = defaultdict(float)
        first_seen: dict[str, int] = {}
        matches: dict[str, list[Match]] = defaultdict(list)
        denied: set[int] = set()  # clauses (by index) holding a denied keyword
        for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
            negated = _negated(norm, hit.start, hit.end)
            weight = hit.entry.weight * hit.factor
            if contrast_at is not None and hit.end <= contrast_at:
                weight *= BEFORE_CONTRAST_FACTOR
            start, end = tracked.span(hit.start, hit.end)
            cause = hit.entry.cause
            matches[cause].append(
                Match(hit.entry.keyword, start, end, hit.channel, negated, round(weight, 3))
            )
            if not negated:
                evidence[cause] += weight
                first_seen.setdefault(cause, hit.start)
            else:
                denied.add(norm.count(CLAUSE_BREAK, 0, hit.start))
        said = dict(evidence)  # what the words alone say: it decides which reason leads
        self._add_phrasing(norm, denied, evidence, first_seen)
        return self._decide(text, evidence, said, first_seen, matches)

    def _add_phrasing(
        self,
        norm: str,
        denied: set[int],
        evidence: dict[str, float],
        first_seen: dict[str, int],
    ) -> None:
        """Evidence from how the statement sounds, its denied clauses left out."""
        if not self.phrasing.size:
            return
        kept = CLAUSE_BREAK.join(
            clause for i, clause in enumerate(norm.split(CLAUSE_BREAK)) if i not in denied
        )
        similar = sorted(self.phrasing.similarity(kept).items(), key=lambda kv: -kv[1])
        if not similar:
            return
        cause, value = similar[0]
        # how far it stands out from the next cause and from the noise floor
        margin = value - max(PHRASING_FLOOR, similar[1][1] if len(similar) > 1 else 0.0)
        if margin > 0 and cause in self.causes:
            evidence[cause] += PHRASING_WEIGHT * margin
            first_seen.setdefault(cause, len(norm))

    def _decide(
        self,
        text: str,
        evidence: Mapping[str, float],
        said: Mapping[str, float],
        first_seen: Mapping[str, int],
        matches: Mapping[str, list[Match]],
    ) -> Classification:
        scores = {cid: 1.0 - math.exp(-evidence.get(cid, 0.0) / SCALE) for cid in self._ids}
        ranking = tuple(
            CauseScore(cid, scores[cid], tuple(matches.get(cid, ())))
            for cid in sorted(scores, key=lambda c: (-scores[c], self._ids.index(c)))
        )
        best = ranking[0]
        detected = [c for c in ranking if c.score >= THRESHOLD]
        if detected:
            top = detected[0].score
            detected = [detected[0]] + [
                c
                for c in detected[1:]
                if c.score >= SECOND_THRESHOLD and c.score >= SECOND_RATIO * top
            ]
            # The client's lead is the reason said first, unless a later one is far stronger
            # in the client's own words.
            strongest = max(said.get(c.id, 0.0) for c in detected)
            detected.sort(
                key=lambda c: (
                    0
                    if c.score >= 0.8 * top
                    or said.get(c.id, 0.0) >= max(LEAD_RATIO * strongest, LEAD_MIN_SAID)
                    else 1,
                    first_seen.get(c.id, len(text)),
                )
            )
        runner_up = ranking[1]
        ambiguous = (
            best.score > 0
            and runner_up.score >= AMBIGUOUS_RATIO * best.score
            and runner_up.score >= THRESHOLD * 0.6
        )
        if not detected:
            other = next(c for c in ranking if c.id == OTHER)
            questions = tuple(c.id for c in ranking[:2] if c.score > 0 and c.id != OTHER) or (
                OTHER,
            )
            return Classification(text, (other,), ranking, ambiguous, questions)
        order = {c.id: i for i, c in enumerate(detected)}
        near = sorted(ranking[:2], key=lambda c: order.get(c.id, len(order)))
        questions = tuple(c.id for c in near) if ambiguous else ()
        if detected[0].id == OTHER and not questions:
            questions = (OTHER,)
        return Classification(text, tuple(detected), ranking, ambiguous, questions)



def _heads(text: str) -> set[str]:
    """Every character and pair of neighbours: keywords are indexed by their first two."""
    return set(text) | {text[i : i + 2] for i in range(len(text) - 1)}


def _plausible_slip(found: str, keyword: str) -> bool:
    """A homophone typo keeps some characters right (用金 for 佣金, 客护经里 for 客户经理);
    a sequence with none right is another word that merely sounds alike (讲理 ~ 奖励)."""
    same = sum(a == b for a, b in zip(found, keyword, strict=False))
    return same >= (2 if len(keyword) >= 4 else 1)


def _drop_contained(hits: list[_Hit]) -> list[_Hit]:
    """Evidence inside other evidence is not counted twice.

    Within one cause, of two nested hits the stronger counts (a specific phrase over the bare
    word inside it). Across causes, a keyword inside a longer keyword of another cause yields
    to it (开户送 is about gifts, not about 开户); a pattern's wide span never silences another
    cause's keyword ("楼下那家证券给我万1" still says 楼下).
    """
    if len(hits) < 2:
        return hits

    def strength(h: _Hit) -> float:
        return h.entry.weight * h.factor

    def beaten(h: _Hit, k: _Hit) -> bool:
        if h is k or not (k.start <= h.start and h.end <= k.end):
            return False
        if h.entry.cause == k.entry.cause:
            return (strength(k), k.end - k.start) > (strength(h), h.end - h.start)
        return k.channel != "pattern" and h.channel != "pattern" and (k.end - k.start) > (h.end - h.start)

    return [h for h in hits if not any(beaten(h, k) for k in hits)]


def _clause_bounds(norm: str, start: int, end: int) -> tuple[int, int]:
    left = norm.rfind(CLAUSE_BREAK, 0, start) + 1
    right = norm.find(CLAUSE_BREAK, end)
    return left, (len(norm) if right == -1 else right)


def _negated(norm: str, start: int, end: int) -> bool:
    left, right = _clause_bounds(norm, start, end)
    before = norm[left:start]
    if _NEG_BEFORE.search(before):
        # A contrast after the denial starts a new thought: "不是A，是B" handled by clauses,
        # "不是A而是B" here.
        last = max(m.end() for m in _NEG_BEFORE.finditer(before))
        if not _CONTRAST.search(before[last:]):
            return True
    after = norm[end : min(right, end + _NEG_AFTER_REACH)]
    return bool(_NEG_AFTER.search(after))


def _last_contrast(norm: str, hits: list[_Hit]) -> int | None:
    """Where the client turns to the real reason, if evidence follows the turn."""
    last = None
    for m in _CONTRAST.finditer(norm):
        if any(h.start >= m.end() for h in hits):
            last = m.start()
    if last is None or not any(h.end <= last for h in hits):
        return None
    return last


def explain(result: Classification, cause: str) -> list[str]:
    """The keywords that voted for `cause`, as the client wrote them."""
    for score in result.ranking:
        if score.id == cause:
            return [result.text[m.start : m.end] for m in score.matched if not m.negated]
    return []


__all__ = [
    "Classification",
    "CauseScore",
    "Classifier",
    "Match",
    "Normalized",
    "explain",
]
