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

The result types are `reply_analysis`; matching the model lines is `model_lines`; whether the
reply asks a question is `questions`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from coach.core.content.model import Library
from coach.core.practice.cues import Found, PhraseMatcher, phrases
from coach.core.practice.model_lines import ModelLines
from coach.core.practice.numbers import extract
from coach.core.practice.questions import asked_question
from coach.core.practice.reply_analysis import Detected, Hit, ReplyAnalysis, Span
from coach.core.practice.wording import Wording
from coach.core.text import PinyinCoder, normalize_tracked, pinyin_table
from coach.core.understand.replies import ReplyModel, load_reply_model
from coach.core.visit.calc import CommissionResult


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
        self._lines = ModelLines(wording.lines, values or {}, lang)

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
        line_hits = self._lines.hits(norm)
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
