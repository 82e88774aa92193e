"""What one trainee reply does: techniques used, principles kept or broken, a question asked,
commission figures quoted.

The decision is the reply model's (`coach.core.understand.replies`): one learnt scorer per
technique and per violation, so a trainee gets credit for a technique said in their own words,
and a violation is caught however it is put. Besides it, a technique counts when the reply holds
a model line (a technique's `lines` or a case step's `say`, filled with the session's numbers)
and, for the commission math, when a yearly difference or minimum per trade is worked out.

The cue phrases of `techniques.yaml` and `principles.yaml` (fuzzy, denial-aware, see `cues`)
explain a decision: their spans are what gets highlighted. They also keep the model honest
about what the trainee did not say: violations are scored on the reply with its denied phrases
("保本这种话我们从来不说"), quoted words ("监管规定不能说‘保本’") and reported speech
("他们说保本") taken out, so only what the trainee says in their own voice can break a rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import fuzz

from coach.core.content.model import Library
from coach.core.content.variables import render
from coach.core.practice.cues import Found, PhraseMatcher, phrases
from coach.core.practice.numbers import Figure, extract
from coach.core.practice.wording import Wording
from coach.core.text import (
    CLAUSE_BREAK,
    Normalized,
    PinyinCoder,
    normalize,
    normalize_tracked,
    pinyin_table,
)
from coach.core.understand.replies import ReplyModel, load_reply_model
from coach.core.visit.calc import CommissionResult

LINE_MIN_LEN = 10  # model lines shorter than this are matched by their cues only
LINE_CUTOFF = 85.0  # a reply that holds a model line this closely uses its technique
LINE_SHORT_CUTOFF = 80.0  # a reply shorter than the line must match it this closely as a whole
LINE_SHARED = 0.6  # share of a line's distinct characters a reply must have to be compared

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
class Span:
    """Where in the reply (original offsets) the words behind a decision stand."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Detected:
    """A technique used or a violation committed: its score (0-1, 0.5 is the threshold) and
    the words that show it."""

    id: str
    score: float
    matched: tuple[Span, ...]

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "score": round(self.score, 4),
                "matched": [m.as_dict() for m in self.matched]}


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
    detected_techniques: tuple[Detected, ...] = ()  # best first
    detected_violations: tuple[Detected, ...] = ()  # best first

    def matched(self, label: str) -> tuple[Span, ...]:
        """The words that show a detected technique or violation (none when not detected)."""
        for d in (*self.detected_techniques, *self.detected_violations):
            if d.id == label:
                return d.matched
        return ()

    def to_json(self) -> dict[str, object]:
        """The `coach analyze --json` object (the command-line contract)."""
        return {
            "text": self.reply,
            "techniques": [d.as_dict() for d in self.detected_techniques],
            "violations": [d.as_dict() for d in self.detected_violations],
            "asked_question": self.asked_question,
            "figures": [f.as_json() for f in self.figures],
        }

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
    mask: int = 0  # one bit per distinct character (see Analyzer._bit)
    distinct: int = 0


class Analyzer:
    """Compiled from a library once per session (model lines are filled with its numbers)."""

    def __init__(
        self,
        library: Library | None,
        *,
        values: Mapping[str, str] | None = None,
        commission: CommissionResult | None = None,
        lang: str = "zh",
        model: ReplyModel | None = None,
        wording: Wording | None = None,
    ) -> None:
        if library is None and (model is None or wording is None):
            raise ValueError("an Analyzer needs a library, or both a model and the wording")
        self.library = library
        self.commission = commission
        if model is None:
            assert library is not None
            model = load_reply_model(Path(library.root))
        self.model = model
        if wording is None:
            assert library is not None
            wording = Wording.of(library)
        self.wording = wording
        self.firm = wording.firm
        self._technique_ids = {t for t, _ in wording.cues}
        coder = PinyinCoder(wording.pinyin)
        self._coder = coder
        # The phrases explain the model's decisions (spans, denials): exact and pinyin only.
        self._techniques = PhraseMatcher([p for t, cues in wording.cues for p in phrases(t, cues)],
                                         coder, fuzzy=False)
        self._violations = PhraseMatcher(
            [p for v, found in wording.phrases for p in phrases(v, found)], coder, fuzzy=False
        )
        self._keeps = PhraseMatcher([p for pr, keeps in wording.keeps for p in phrases(pr, keeps)],
                                    coder, fuzzy=False)
        self._principle_of = dict(wording.principle_of)
        self._bits: dict[str, int] = {}
        self._lines = self._model_lines(values or {}, lang)
        # per line the characters a reply must share with it, and its place (worked out once)
        self._line_need = [(line, LINE_SHARED * line.distinct) for line in self._lines]
        self._line_order = {id(line): i for i, line in enumerate(self._lines)}

    @classmethod
    def load(cls, root: Path, *, lang: str = "zh") -> Analyzer:
        """The analyzer of a playbooks folder, from the compiled cache (what `coach analyze`
        uses: no YAML is read when nothing changed)."""
        from coach.core.understand.cache import cached, file_key
        from coach.core.understand.replies import model_files

        root = Path(root)

        def build() -> dict[str, object]:
            from coach.core.content.library import load_library

            wording = Wording.of(load_library(root).library)
            return replace(wording, pinyin=pinyin_table()).to_data()

        files = [Path(__file__), Path(__file__).with_name("wording.py"), *model_files(root),
                 root / "firm.yaml"]
        wording = cached("reply-wording", file_key(files), lambda: Wording.from_data(build()),
                         Wording.to_data, Wording.from_data)  # type: ignore[arg-type]
        return cls(None, model=load_reply_model(root), wording=wording, lang=lang)

    def name_of(self, label: str, lang: str = "zh") -> str:
        """A technique's or violation's name as the trainee reads it (the id when unknown)."""
        for ident, zh, en in self.wording.names:
            if ident == label:
                return en if lang == "en" and en else zh
        return label

    def _mask(self, text: str, *, grow: bool = True) -> int:
        """A bit per distinct character of `text` (characters no line has count for nothing)."""
        bits = self._bits
        mask = 0
        for ch in set(text):
            bit = bits.get(ch)
            if bit is None:
                if not grow:
                    continue
                bit = bits[ch] = 1 << len(bits)
            mask |= bit
        return mask

    def _model_lines(self, values: Mapping[str, str], lang: str) -> list[_Line]:
        lines: list[_Line] = []
        seen: set[tuple[str, str]] = set()
        for technique, template in self.wording.lines:
            text = render(template, values, lang)
            key = normalize(text).replace(CLAUSE_BREAK, "")
            if len(key) >= LINE_MIN_LEN and (technique, key) not in seen:
                seen.add((technique, key))
                mask = self._mask(key)
                lines.append(_Line(technique, text, key, mask, mask.bit_count()))
        return lines

    def analyse(self, reply: str) -> ReplyAnalysis:
        norm = normalize_tracked(reply)
        coded = self._coder.encode(norm.text)

        def convert(kind: str, found: list[Found]) -> list[Hit]:
            out = []
            for f in found:
                start, end = norm.span(f.start, f.end)
                out.append(Hit(kind, f.owner, f.phrase, start, end, f.channel, f.negated))
            return out

        technique_found = self._techniques.find(norm, coded)
        violation_found = self._violations.find(norm, coded)
        keep_found = self._keeps.find(norm, coded)
        # A denied violation phrase ("保证赚钱是不可能的") is not the trainee's own saying, and
        # the words that deny it are not themselves a violation (不可能 is no argument here).
        denied = [(min(f.start, f.denial[0]), max(f.end, f.denial[1]))
                  for f in violation_found if f.negated and f.denial]
        unsaid = [(min(f.start, f.denial[0]), max(f.end, f.denial[1]))
                  for f in technique_found if f.negated and f.denial]
        denials = [f.denial for f in (*technique_found, *violation_found) if f.denial]
        violation_found = [
            f for f in violation_found
            if not any(s <= f.start and f.end <= e for s, e in denials)
        ]
        scores = self.model.scores(norm.text, blanked=denied, unsaid=unsaid, normalised=True)
        line_hits = self._line_hits(norm)
        figures = extract(reply, self.commission, self.firm)
        figure_hits = []
        if "commission_math" in self._technique_ids and any(f.kind != "rate" for f in figures):
            # Working out the client's yearly difference or the minimum per trade is the math.
            figure_hits.append(Hit("technique", "commission_math", figures[0].text, len(reply),
                                   len(reply), "figure", False))
        cue_hits = convert("technique", technique_found)
        technique_ids = {t for t, _ in self.model.detected(scores, "technique")}
        technique_ids |= {h.id for h in (*line_hits, *figure_hits)}
        violation_ids = {v for v, _ in self.model.detected(scores, "violation")}
        violation_hits = [h for h in convert("violation", violation_found)
                          if h.id in violation_ids or h.negated]
        hits = [*cue_hits, *violation_hits, *convert("principle", keep_found), *line_hits]
        hits.sort(key=lambda h: (h.start, h.end))
        hits += figure_hits

        def detect(ids: set[str], kind: str) -> tuple[Detected, ...]:
            out = []
            for label in ids:
                said = [h for h in hits if h.kind == kind and h.id == label and not h.negated
                        and h.channel not in ("line", "figure")]
                if said:
                    spans = [Span(h.start, h.end, reply[h.start:h.end]) for h in said]
                elif any(h.id == label and h.channel == "line" for h in line_hits):
                    spans = [Span(0, len(reply), reply)]
                else:
                    spans = [Span(c.start, c.end, reply[c.start:c.end])
                             for c in self.model.evidence(norm, label)]
                score = max(scores.get(label, 0.0), 0.5)
                out.append(Detected(label, score, _merged(spans)))
            out.sort(key=lambda d: (-d.score, d.id))
            return tuple(out)

        detected_t = detect(technique_ids, "technique")
        detected_v = detect(violation_ids, "violation")
        first = {d.id: min((m.start for m in d.matched), default=len(reply))
                 for d in (*detected_t, *detected_v)}
        techniques = tuple(sorted(technique_ids, key=lambda t: (first[t], t)))
        violations = tuple(sorted(violation_ids, key=lambda v: (first[v], v)))
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
            detected_techniques=detected_t,
            detected_violations=detected_v,
        )

    def _line_hits(self, norm: Normalized) -> list[Hit]:
        """The model lines the reply holds: a longer reply holds a line within it, a shorter
        one must match a line as a whole (scored in one pass each by rapidfuzz)."""
        from rapidfuzz import process

        flat = norm.text.replace(CLAUSE_BREAK, "")
        if not flat:
            return []
        out: list[Hit] = []
        # A line matched at 80 or more shares most of its characters with the reply: the rest
        # are not worth aligning.
        have = self._mask(flat, grow=False)
        lines = [line for line, need in self._line_need if (line.mask & have).bit_count() >= need]
        within = [line for line in lines if len(flat) >= len(line.key)]
        whole = [line for line in lines if len(flat) < len(line.key)]
        matched = [
            within[index]
            for _, _, index in process.extract(flat, [line.key for line in within],
                                               scorer=fuzz.partial_ratio,
                                               score_cutoff=LINE_CUTOFF, limit=None)
        ] + [
            whole[index]
            for _, _, index in process.extract(flat, [line.key for line in whole],
                                               scorer=fuzz.ratio,
                                               score_cutoff=LINE_SHORT_CUTOFF, limit=None)
        ]
        order = self._line_order
        for line in sorted(matched, key=lambda line: order[id(line)]):
            out.append(Hit("technique", line.technique, line.text, 0, len(norm.original),
                           "line", False))
        return out


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    """Spans in reading order, overlapping or touching ones joined."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if out and span.start <= out[-1].end:
            last = out[-1]
            if span.end > last.end:
                text = last.text + span.text[last.end - span.start:]
                out[-1] = Span(last.start, span.end, text)
            continue
        out.append(span)
    return tuple(out)


def _ordered(ids: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for i in ids:
        seen.setdefault(i, None)
    return tuple(seen)
