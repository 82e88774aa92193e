"""Measure the classifier on labelled statements: the taxonomy's examples or a file like dev.yaml.

A labelled file is a YAML list of `{text, causes: [leading, ...], tags: [...]}`. Top-1 counts the
leading cause; top-3 counts the leading label among the three best-ranked causes. Every
statement is also counted under each of its tags, so a weak spot (typos, negation) shows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from coach.core.content.model import Cause, Labelled
from coach.core.understand.classifier import Classifier


@dataclass(frozen=True, slots=True)
class Miss:
    text: str
    expected: tuple[str, ...]
    got: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TagScore:
    total: int
    top1: int

    @property
    def accuracy(self) -> float:
        return self.top1 / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Report:
    total: int
    top1: int
    top3: int
    all_causes: int  # statements whose every labelled cause was detected
    tags: Mapping[str, TagScore]
    confusion: Mapping[tuple[str, str], int]  # (expected leading, got leading) -> count
    misses: tuple[Miss, ...] = field(default=())

    @property
    def top1_accuracy(self) -> float:
        return self.top1 / self.total if self.total else 0.0

    @property
    def top3_accuracy(self) -> float:
        return self.top3 / self.total if self.total else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "total": self.total,
            "top1": round(self.top1_accuracy, 4),
            "top3": round(self.top3_accuracy, 4),
            "all_causes": round(self.all_causes / self.total, 4) if self.total else 0.0,
            "tags": {
                tag: {"total": s.total, "top1": round(s.accuracy, 4)}
                for tag, s in sorted(self.tags.items())
            },
            "confusion": [
                {"expected": e, "got": g, "count": n}
                for (e, g), n in sorted(self.confusion.items())
            ],
            "misses": [
                {"text": m.text, "expected": list(m.expected), "got": list(m.got)}
                for m in self.misses
            ],
        }


def examples_of(causes: Mapping[str, Cause]) -> list[Labelled]:
    """The taxonomy's own examples, each labelled with its cause."""
    return [
        Labelled(text, (cause.id,), ("example",))
        for cause in causes.values()
        for text in cause.examples
    ]


def load_labelled(path: Path) -> list[Labelled]:
    """The statements of a labelled file, read strictly (`read_labelled`); raises ValueError
    naming file:line:column of the first error."""
    from coach.core.content.labelled import read_labelled

    if not Path(path).exists():
        raise ValueError(f"{path}: no such file")
    items, problems = read_labelled(path, strict=True)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise ValueError("\n".join(str(p) for p in errors[:5]))
    return list(items)


def evaluate(classifier: Classifier, items: Iterable[Labelled]) -> Report:
    total = top1 = top3 = full = 0
    tags: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    confusion: Counter[tuple[str, str]] = Counter()
    misses: list[Miss] = []
    for item in items:
        result = classifier.classify(item.text)
        got = tuple(c.id for c in result.causes)
        expected = item.causes[0]
        hit = got[0] == expected
        total += 1
        top1 += hit
        top3 += expected in [c.id for c in result.ranking[:3]]
        full += set(item.causes) <= set(got)
        for tag in item.tags:
            tags[tag][0] += 1
            tags[tag][1] += hit
        confusion[(expected, got[0])] += 1
        if not hit:
            misses.append(Miss(item.text, item.causes, got))
    return Report(
        total,
        top1,
        top3,
        full,
        {t: TagScore(n, k) for t, (n, k) in tags.items()},
        dict(confusion),
        tuple(misses),
    )


@dataclass(frozen=True, slots=True)
class CalibrationReport:
    """How far the confidence shown can be trusted: buckets of confidence against accuracy."""

    source: str  # "cross-validation" or the labelled file measured
    buckets: tuple  # of calibration.Bucket
    ece: float
    total: int

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "total": self.total,
            "ece": round(self.ece, 4),
            "buckets": [
                {"low": b.low, "high": b.high, "count": b.count,
                 "confidence": round(b.confidence, 4), "accuracy": round(b.accuracy, 4)}
                for b in self.buckets
            ],
        }


def cross_validated_calibration(classifier: Classifier, phrasings: Iterable[Labelled]) -> CalibrationReport:
    """Reliability of the shown confidence on the labelled statements (causes' examples and
    phrasings), each classified by a classifier whose learned channel never saw it."""
    from coach.core.understand.cache import cached
    from coach.core.understand.calibration import expected_calibration_error, reliability
    from coach.core.understand.classifier import SOURCES
    from coach.core.understand.compiled import content_digest, cross_validated

    phrasings = tuple(phrasings)

    def answer() -> list[tuple[float, bool, bool, bool]]:  # (raw, worded, right, unsure)
        found = cross_validated(type(classifier), classifier.causes, phrasings, classifier.index)
        return [(raw, worded, right, unsure) for _, raw, worded, right, unsure in found]

    # kept in the compiled cache: five learned channels are trained to get these
    answers = cached("calibration-cv", content_digest(classifier.causes, phrasings, SOURCES),
                     answer, lambda rows: [list(r) for r in rows],
                     lambda data: [(float(a), bool(b), bool(c), bool(d)) for a, b, c, d in data])
    calibration = classifier.calibration
    confidence = [
        calibration.unsure(raw) if unsure else calibration.apply(raw, worded)
        for raw, worded, _, unsure in answers
    ]
    correct = [a[2] for a in answers]
    rows = reliability(confidence, correct)
    return CalibrationReport("cross-validation", tuple(rows), expected_calibration_error(rows),
                             len(answers))


def measured_calibration(classifier: Classifier, items: Iterable[Labelled], source: str) -> CalibrationReport:
    """Reliability of the shown confidence on a labelled file (measured, never fitted to)."""
    from coach.core.understand.calibration import expected_calibration_error, reliability

    confidence, correct = [], []
    for item in items:
        result = classifier.classify(item.text)
        confidence.append(result.causes[0].score)
        correct.append(result.leading == item.causes[0])
    rows = reliability(confidence, correct)
    return CalibrationReport(source, tuple(rows), expected_calibration_error(rows), len(correct))
