"""Name the churn cause behind what a departing client says.

Evidence comes from two kinds of channel:
- the keyword channels (`coach.core.understand.keywords`): the weighted keywords and patterns of
  `causes.yaml`, found as written, as homophone slips and with a slipped character; they explain
  the decision with the client's own words;
- the learned channel (`coach.core.understand.linear`): a linear model over character n-grams
  trained at compile time on the causes' examples and `playbooks/phrasings.yaml`, for causes a
  client only implies ("开盘就转圈" for slow software). It adds evidence for the cause it sets
  clearly apart from the rest, in proportion to that margin.

A keyword inside a denial ("不是佣金的事", "跟佣金没关系") votes for nobody, and the learned channel
does not hear denied clauses; what a client says after "但是/就是" weighs more than what comes
before. The scores shown are calibrated (`coach.core.understand.calibration`): of statements given
0.8, about eight in ten are right. With no evidence at all the answer is `other`, with a question.
Classifying is a pure function of the compiled classifier and the text; it compiles once.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from coach.core.content.model import CAUSE_IDS, Cause, Labelled, Library
from coach.core.text import CLAUSE_BREAK, Normalized, normalize_tracked
from coach.core.understand.calibration import DEFAULT_CALIBRATION, Calibration
from coach.core.understand.classification import CauseScore, Classification, Match, explain
from coach.core.understand.denials import last_contrast, may_deny, negated_at
from coach.core.understand.keywords import KeywordIndex
from coach.core.understand.leaving import without_leaving
from coach.core.understand.linear import LinearModel

OTHER = "other"

# What a compiled classifier is made of besides the content: a change to any recompiles it.
_HERE = Path(__file__).resolve().parent
SOURCES = (  # the code a compiled classifier depends on: part of every cache key

    _HERE / "classifier.py",
    _HERE / "keywords.py",
    _HERE / "linear.py",
    _HERE / "training.py",
    _HERE / "tally.py",
    _HERE / "calibration.py",
    _HERE / "compiled.py",
    _HERE / "leaving.py",
    _HERE.parent / "text.py",
    _HERE / "lexicon.py",
    _HERE / "reliability.py",
    _HERE / "classification.py",
    _HERE / "denials.py",
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
LEAD_NEAR = 0.8  # or as strong as this share of the strongest, in trusted evidence
BEFORE_CONTRAST_FACTOR = 0.5  # said before "但是/就是": usually the reason the client sets aside
MAX_CHARS = 4000  # a statement longer than this is read from its first part only
# The learned channel: evidence for the cause the model sets apart, per unit of margin over the
# runner-up (chosen by cross-validation on the labelled statements, never on a measuring set).
LEARNED_WEIGHT = 32.0
# The model's own score for that cause must be above this floor (its one-vs-rest scores sit
# below 0 for most statements it gets right), and its margin over the runner-up above the
# minimum; both chosen by cross-validation on the labelled statements.
LEARNED_FLOOR = -0.5
LEARNED_MIN_MARGIN = 0.0
# Distinct learnt n-grams a text must hold for the learned channel to count as evidence: a
# single character, however often repeated, is no reason (it still orders the other causes).
MIN_SUPPORT = 2
# The learned model overrules the leader the words chose when it scores another cause (or
# `other`) above that leader by at least OVERRULE_BASE + OVERRULE_PER_SAID times the sum of
# both causes' keyword-only scores (each 0..1): a stray keyword ("领", "户口") gives way to the
# model's reading of a situation the client only describes; a reason said in plain words, or two
# reasons both said (the one said first leads), take a clear margin to overrule. Chosen by
# 5-fold CV on the labelled statements (`benchmarks/cv.py`), never on a measuring set.
OVERRULE_BASE = 0.0
OVERRULE_PER_SAID = 0.5
# Keyword evidence this strong for one cause makes the fuzzy channel's slips moot: skip it.
DECISIVE = 6.0

class Classifier:
    """A compiled classifier. Build once (`load`, `from_library` or from causes directly), then
    `classify` many times."""

    LEARNED_FLOOR = LEARNED_FLOOR
    LEARNED_MIN_MARGIN = LEARNED_MIN_MARGIN
    OVERRULE_BASE = OVERRULE_BASE
    OVERRULE_PER_SAID = OVERRULE_PER_SAID

    def __init__(
        self,
        causes: Mapping[str, Cause],
        phrasings: Iterable[Labelled] = (),
        *,
        index: KeywordIndex | None = None,
        model: LinearModel | None = None,
        calibration: Calibration | None = None,
    ) -> None:
        from coach.core.understand.compiled import learn

        self.causes = dict(causes)
        self.index = index if index is not None else KeywordIndex.compile(self.causes)
        if model is None and index is None:
            model = learn(self.causes, phrasings)
        self.model = model
        self._bias = dict(zip(model.labels, model.bias, strict=True)) if model else {}
        self.calibration = calibration or DEFAULT_CALIBRATION
        # ranked in the taxonomy's order on ties; "other" is always a candidate
        self._ids = [cid for cid in CAUSE_IDS if cid in self.causes] + [
            cid for cid in self.causes if cid not in CAUSE_IDS
        ]
        if OTHER not in self._ids:
            self._ids.append(OTHER)
        self._order = {cid: i for i, cid in enumerate(self._ids)}
        # what a cause no evidence points to scores (immutable: shared by every answer)
        self._nothing = {cid: CauseScore(cid, 0.0) for cid in self._ids}

    @classmethod
    def load(cls, playbooks: Path) -> Classifier:
        """Compiled from a playbooks folder's causes and phrasings (cached between runs)."""
        from coach.core.understand.compiled import load_classifier

        return load_classifier(cls, Path(playbooks), SOURCES)

    @classmethod
    def from_library(cls, library: Library) -> Classifier:
        """Compiled from loaded content (cached between runs, keyed by that content)."""
        from coach.core.understand.compiled import classifier_for

        return classifier_for(cls, library.causes, library.phrasings, SOURCES)

    # ------------------------------------------------------------ classifying

    def classify(self, text: str) -> Classification:
        tracked = normalize_tracked(text[:MAX_CHARS] if len(text) > MAX_CHARS else text)
        norm = tracked.text
        hits = self.index.find(norm, decisive=DECISIVE)
        contrast_at = last_contrast(norm, hits)
        evidence: dict[str, float] = defaultdict(float)
        first_seen: dict[str, int] = {}
        matches: dict[str, list[Match]] = defaultdict(list)
        denied: set[int] = set()  # clauses (by index) holding a denied keyword
        # What the words alone say, each keyword as far as it is trusted to be the client's
        # reason: it decides which reason leads (and whether the learned model may overrule).
        said: dict[str, float] = defaultdict(float)
        doubt: dict[str, float] = defaultdict(float)  # the keywords' weight beyond their trust
        deniable = may_deny(norm)
        for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
            negated = deniable and negated_at(norm, hit.start, hit.end)
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
                said[cause] += weight * hit.entry.trust
                doubt[cause] += weight * (1.0 - hit.entry.trust)
                first_seen.setdefault(cause, hit.start)
            else:
                denied.add(norm.count(CLAUSE_BREAK, 0, hit.start))
        learned, model_scores = self._add_learned(norm, denied, evidence, first_seen)
        kept = tracked if len(text) <= MAX_CHARS else None
        result = self._decide(text, evidence, said, first_seen, matches, model_scores, kept, doubt)
        overruling = None if result.unsure else self._overruling(result.leading, said, model_scores)
        if overruling is not None:
            learned = overruling
            evidence, first_seen = _promoted(overruling, evidence, first_seen)
            result = self._decide(text, evidence, said, first_seen, matches, model_scores, kept, doubt)
        if learned and result.ranking[0].id == learned and not result.ranking[0].matched:
            result = replace(self._explained(result, tracked, denied), tracked=kept)
        return result

    def _add_learned(
        self,
        norm: str,
        denied: set[int],
        evidence: dict[str, float],
        first_seen: dict[str, int],
    ) -> tuple[str | None, Mapping[str, float]]:
        """Evidence from the learned model, its denied clauses left out: for the cause it sets
        apart from the runner-up, in proportion to the margin. Returns that cause, if any, and
        the model's score of every cause (which orders the causes no words point to)."""
        if self.model is None:
            return None, {}
        kept = norm
        if denied:
            kept = CLAUSE_BREAK.join(
                clause for i, clause in enumerate(norm.split(CLAUSE_BREAK)) if i not in denied
            )
        scores, support = self.model.read(without_leaving(kept), normalised=True)
        every = dict(scores)
        if len(scores) < 2 or support < MIN_SUPPORT:
            return None, every
        best = max(scores, key=scores.__getitem__)
        top = scores.pop(best)
        margin = top - max(scores.values())
        # `other` is what is left when no cause is found: the model leaning to it means "none of
        # the causes", which the fallback already says, with a question and no false confidence.
        # The model must not lean clearly no: then the words of the statement decide.
        if margin <= self.LEARNED_MIN_MARGIN or top <= self.LEARNED_FLOOR or best == OTHER or best not in self.causes:
            return None, every
        evidence[best] += LEARNED_WEIGHT * margin
        first_seen.setdefault(best, len(norm))
        return best, every

    def _overruling(self, lead: str, said: Mapping[str, float], scores: Mapping[str, float]) -> str | None:
        """The cause the learned model sets clearly above the words' leader, if any."""
        if not scores or lead not in scores:
            return None
        best = max(scores, key=scores.__getitem__)
        if best == lead:
            return None
        worded = _strength(said.get(lead, 0.0)) + _strength(said.get(best, 0.0))
        margin = scores[best] - scores[lead]
        if best == OTHER:
            # "none of the causes" is also what the model says of words it never met (its
            # bias): only what the text adds to that lean counts against the words' leader
            bias = self._bias
            margin -= max(0.0, bias.get(OTHER, 0.0) - bias.get(lead, 0.0))
        if margin >= self.OVERRULE_BASE + self.OVERRULE_PER_SAID * worded:
            return best
        return None

    def _explained(self, result: Classification, tracked: Normalized, denied: set[int]) -> Classification:
        """The leading cause came from the learned channel alone: show the n-grams behind it."""
        assert self.model is not None
        lead = result.ranking[0]
        found = tuple(
            Match(c.gram, c.start, c.end, "learned", False, round(c.weight, 3))
            for c in self.model.evidence(tracked, lead.id, top=3)
            if tracked.text.count(CLAUSE_BREAK, 0, _norm_index(tracked, c.start)) not in denied
        )
        if not found:
            return result
        lead = CauseScore(lead.id, lead.score, found)
        swap = {lead.id: lead}
        return Classification(
            result.text,
            tuple(swap.get(c.id, c) for c in result.causes),
            (lead, *result.ranking[1:]),
            result.ambiguous,
            result.questions,
        )

    def _decide(
        self,
        text: str,
        evidence: Mapping[str, float],
        said: Mapping[str, float],
        first_seen: Mapping[str, int],
        matches: Mapping[str, list[Match]],
        model_scores: Mapping[str, float] | None = None,
        tracked: Normalized | None = None,
        doubt: Mapping[str, float] | None = None,
    ) -> Classification:
        order = self._order
        learned = model_scores or {}
        # 1 - exp(-evidence / SCALE) for the causes evidence points to; every other scores 0
        raw = {cid: _strength(value) for cid, value in evidence.items() if cid in order}
        # Evidence first; among causes with equal evidence (none at all, mostly) the learned
        # model's reading decides, so the second and third places mean something.
        ranked = [
            key[3]
            for key in sorted(
                [(-raw.get(cid, 0.0), -learned.get(cid, -1e9), index, cid)
                 for cid, index in order.items()]
            )
        ]
        shown = self.calibration.apply
        ranking_list = []
        ceiling = 1.0  # shown scores never rise down the ranking
        nothing = self._nothing
        for cid in ranked:
            found = matches.get(cid)
            value = raw.get(cid, 0.0)
            if found is None and value <= 0.0:  # shown as 0, and so is every cause after it
                ceiling = 0.0
                ranking_list.append(nothing[cid])
                continue
            found = tuple(found or ())
            worded = any(not m.negated for m in found)
            ceiling = min(ceiling, shown(value, worded))
            ranking_list.append(CauseScore(cid, ceiling, found))
        ranking = tuple(ranking_list)
        by_id = {c.id: c for c in ranking}
        detected = [by_id[c] for c in ranked if raw.get(c, 0.0) >= THRESHOLD]
        if detected:
            top = raw[detected[0].id]
            detected = [detected[0]] + [
                c
                for c in detected[1:]
                if raw[c.id] >= SECOND_THRESHOLD and raw[c.id] >= SECOND_RATIO * top
            ]
            # The client's lead is the reason said first, unless a later one is far stronger
            # in the client's own words.
            strongest = max(said.get(c.id, 0.0) for c in detected)
            # Near-equal reasons go by which was said first, each weighed by how far its keywords
            # are trusted to be the client's reason: a word that often names someone else's
            # situation does not put its cause first for being said first.
            doubted = doubt or {}
            trusted = {c.id: _strength(max(0.0, evidence.get(c.id, 0.0) - doubted.get(c.id, 0.0)))
                       for c in detected}
            top_trusted = max(trusted.values())
            detected.sort(
                key=lambda c: (
                    0
                    if trusted[c.id] >= LEAD_NEAR * top_trusted
                    or said.get(c.id, 0.0) >= max(LEAD_RATIO * strongest, LEAD_MIN_SAID)
                    else 1,
                    first_seen.get(c.id, len(text)),
                )
            )
        best, runner_up = raw.get(ranked[0], 0.0), raw.get(ranked[1], 0.0)
        ambiguous = best > 0 and runner_up >= AMBIGUOUS_RATIO * best and runner_up >= THRESHOLD * 0.6
        if not detected:
            questions = tuple(c.id for c in ranking[:2] if c.score > 0 and c.id != OTHER) or (
                OTHER,
            )
            other = CauseScore(OTHER, self.calibration.unsure(raw.get(OTHER, 0.0)), by_id[OTHER].matched)
            ranking = tuple(other if c.id == OTHER else c for c in ranking)
            return Classification(text, (other,), ranking, ambiguous, questions, True, tracked)
        place = {c.id: i for i, c in enumerate(detected)}
        near = sorted(ranking[:2], key=lambda c: place.get(c.id, len(place)))
        questions = tuple(c.id for c in near) if ambiguous else ()
        if detected[0].id == OTHER and not questions:
            questions = (OTHER,)
        return Classification(text, tuple(detected), ranking, ambiguous, questions, tracked=tracked)


def _strength(evidence: float) -> float:
    """Evidence as a 0-1 score: 1 - exp(-evidence / SCALE), nothing at all scoring 0."""
    return 1.0 - math.exp(-evidence / SCALE)


def _promoted(
    cause: str, evidence: Mapping[str, float], first_seen: Mapping[str, int]
) -> tuple[dict[str, float], dict[str, int]]:
    """Evidence and first mentions with `cause` leading: as strong as the strongest and said
    first; for `other`, every cause's evidence held below detection (the words then only choose
    the clarifying questions)."""
    if cause == OTHER:
        cap = -SCALE * math.log(1.0 - THRESHOLD) * 0.9
        return {c: min(e, cap) for c, e in evidence.items()}, dict(first_seen)
    promoted = dict(evidence)
    promoted[cause] = max([promoted.get(cause, 0.0), *evidence.values()])
    return promoted, {**first_seen, cause: -1}


def _norm_index(tracked: Normalized, original: int) -> int:
    """The first normalised index whose character comes from `original` or later (origins
    never decrease)."""
    return bisect_left(tracked.origin, original)


__all__ = [
    "Classification",
    "CauseScore",
    "Classifier",
    "Match",
    "Normalized",
    "explain",
]
