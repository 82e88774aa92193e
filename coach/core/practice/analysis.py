"""What one trainee reply does: techniques used, principles kept or broken, a question asked,
commission figures quoted.

Techniques are recognised three ways: the cue phrases of `techniques.yaml` (fuzzy, denial-aware,
see `cues`); closeness to a model line, either a technique's own `lines` or a case file step's
`say`, filled in with the session's numbers, so a trainee who says the playbook's line always
gets credit for its technique; and, for the commission math, a yearly difference or minimum per
trade worked out in the reply. Violations are the phrases of `principles.yaml`; a
principle is kept in words when one of its `keeps` phrases is said, and broken by a violation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from coach.core.content.model import Library
from coach.core.content.variables import render
from coach.core.practice.cues import Found, PhraseMatcher, phrases
from coach.core.practice.numbers import Figure, extract
from coach.core.text import (
    CLAUSE_BREAK,
    Normalized,
    PinyinCoder,
    normalize,
    normalize_tracked,
)
from coach.core.visit.calc import CommissionResult

LINE_MIN_LEN = 10  # model lines shorter than this are matched by their cues only
LINE_CUTOFF = 85.0  # a reply that holds a model line this closely uses its technique
LINE_SHORT_CUTOFF = 80.0  # a reply shorter than the line must match it this closely as a whole

_Q_MARK = re.compile(r"[?？]")
_Q_PARTICLE = re.compile(r"(?:吗|呢|么|嘛)[\s。.!！…~～\"”']*$")
_Q_A_NOT_A = re.compile(r"(.)[不没]\1")
_Q_WORD = re.compile(r"多少|什么|哪|怎么|为什么|为啥|是否|能否|可否|何时|几时|几年|几笔|几万|几次")
_Q_INDEFINITE = re.compile(r"^(?:不管|无论|不论)|(?:什么|怎么|哪里|哪儿|多少)(?:都|也)")
_Q_ENGLISH = re.compile(
    r"^(?:what|how|why|which|when|where|who|could|would|can|do|does|did|is|are|may)\b", re.I
)
_CLAUSES = re.compile(r"[，,。.；;！!\n]+")


def asked_question(reply: str) -> bool:
    """Whether the reply asks the client something (？, 吗/呢, 好不好, 多少/什么/哪...)."""
    text = unicodedata.normalize("NFKC", reply)
    if _Q_MARK.search(text):
        return True
    for clause in _CLAUSES.split(text):
        clause = clause.strip()
        if not clause:
            continue
        if _Q_PARTICLE.search(clause) or _Q_ENGLISH.match(clause):
            return True
        if _Q_INDEFINITE.search(clause):
            continue
        if _Q_A_NOT_A.search(clause) or _Q_WORD.search(clause):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase or model line found in the reply (original offsets), denied or not."""

    kind: str  # "technique" | "violation" | "principle"
    id: str
    phrase: str
    start: int
    end: int
    channel: str  # "char" | "pinyin" | "fuzzy" | "line" | "figure"
    negated: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "id": self.id,
            "phrase": self.phrase,
            "start": self.start,
            "end": self.end,
            "channel": self.channel,
            "negated": self.negated,
        }


@dataclass(frozen=True, slots=True)
class ReplyAnalysis:
    reply: str
    techniques: tuple[str, ...]  # in the order they appear
    violations: tuple[str, ...]
    principles_kept: tuple[str, ...]
    principles_broken: tuple[str, ...]
    asked_question: bool
    figures: tuple[Figure, ...]
    hits: tuple[Hit, ...]

    @property
    def denied(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.negated)

    def as_dict(self) -> dict[str, object]:
        return {
            "reply": self.reply,
            "techniques": list(self.techniques),
            "violations": list(self.violations),
            "principles_kept": list(self.principles_kept),
            "principles_broken": list(self.principles_broken),
            "asked_question": self.asked_question,
            "figures": [f.as_dict() for f in self.figures],
            "hits": [h.as_dict() for h in self.hits],
        }


@dataclass(frozen=True, slots=True)
class _Line:
    technique: str
    text: str
    key: str


class Analyzer:
    """Compiled from a library once per session (model lines are filled with its numbers)."""

    def __init__(
        self,
        library: Library,
        *,
        values: Mapping[str, str] | None = None,
        commission: CommissionResult | None = None,
        lang: str = "zh",
    ) -> None:
        self.library = library
        self.commission = commission
        coder = PinyinCoder()
        self._coder = coder
        self._techniques = PhraseMatcher(
            [p for t in library.techniques.values() for p in phrases(t.id, t.cues)], coder
        )
        self._violations = PhraseMatcher(
            [p for v in library.violations.values() for p in phrases(v.id, v.phrases)], coder
        )
        self._keeps = PhraseMatcher(
            [p for pr in library.principles.values() for p in phrases(pr.id, pr.keeps)], coder
        )
        self._principle_of = {v.id: v.principle for v in library.violations.values()}
        self._lines = self._model_lines(values or {}, lang)

    def _model_lines(self, values: Mapping[str, str], lang: str) -> list[_Line]:
        lines: list[_Line] = []
        seen: set[tuple[str, str]] = set()

        def add(technique: str, template: str) -> None:
            text = render(template, values, lang)
            key = normalize(text).replace(CLAUSE_BREAK, "")
            if len(key) >= LINE_MIN_LEN and (technique, key) not in seen:
                seen.add((technique, key))
                lines.append(_Line(technique, text, key))

        for technique in self.library.techniques.values():
            for template in technique.lines:
                add(technique.id, template)
        for playbook in self.library.playbooks.values():
            for step in playbook.steps.values():
                if step.technique in self.library.techniques:
                    for template in step.say:
                        add(step.technique, template)
        return lines

    def analyse(self, reply: str) -> ReplyAnalysis:
        norm = normalize_tracked(reply)
        coded = self._coder.encode(norm.text)
        hits: list[Hit] = []

        def convert(kind: str, found: list[Found]) -> list[Hit]:
            out = []
            for f in found:
                start, end = norm.span(f.start, f.end)
                out.append(Hit(kind, f.owner, f.phrase, start, end, f.channel, f.negated))
            return out

        technique_found = self._techniques.find(norm, coded)
        violation_found = self._violations.find(norm, coded)
        keep_found = self._keeps.find(norm, coded)
        # Words that deny another phrase ("保证赚钱是不可能的") are not themselves a violation.
        denials = [f.denial for f in (*technique_found, *violation_found) if f.denial]
        violation_found = [
            f for f in violation_found
            if not any(s <= f.start and f.end <= e for s, e in denials)
        ]
        hits += convert("technique", technique_found)
        hits += convert("violation", violation_found)
        hits += convert("principle", keep_found)
        hits += self._line_hits(norm)
        hits.sort(key=lambda h: (h.start, h.end))

        figures = extract(reply, self.commission, self.library.firm)
        if "commission_math" in self.library.techniques and any(f.kind != "rate" for f in figures):
            # Working out the client's yearly difference or the minimum per trade is the math.
            hits.append(Hit("technique", "commission_math", figures[0].text, len(reply), len(reply),
                            "figure", False))
        techniques = _ordered(h.id for h in hits if h.kind == "technique" and not h.negated)
        violations = _ordered(h.id for h in hits if h.kind == "violation" and not h.negated)
        broken = _ordered(self._principle_of[v] for v in violations if v in self._principle_of)
        kept = _ordered(
            h.id for h in hits if h.kind == "principle" and not h.negated and h.id not in broken
        )
        return ReplyAnalysis(
            reply=reply,
            techniques=techniques,
            violations=violations,
            principles_kept=kept,
            principles_broken=broken,
            asked_question=asked_question(reply),
            figures=figures,
            hits=tuple(hits),
        )

    def _line_hits(self, norm: Normalized) -> list[Hit]:
        flat = norm.text.replace(CLAUSE_BREAK, "")
        if not flat:
            return []
        out: list[Hit] = []
        for line in self._lines:
            if len(flat) >= len(line.key):
                score = fuzz.partial_ratio(line.key, flat, score_cutoff=LINE_CUTOFF)
            else:
                score = fuzz.ratio(line.key, flat, score_cutoff=LINE_SHORT_CUTOFF)
            if score:
                out.append(Hit("technique", line.technique, line.text, 0, len(norm.original),
                               "line", False))
        return out


def _ordered(ids: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for i in ids:
        seen.setdefault(i, None)
    return tuple(seen)
