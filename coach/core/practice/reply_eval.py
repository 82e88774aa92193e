"""Measure reply analysis on labelled replies: the corpus by cross-validation, or any file in
the format of `replies.yaml` (`coach test --replies-data FILE`).

The figures a trainer needs: micro precision, recall and F1 for techniques and for violations,
the share of violating replies flagged with at least one violation, the share of clean replies
falsely flagged, and the same per label, plus the misses to look at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coach.core.content.model import Library
from coach.core.content.replies import LabelledReply


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def to_json(self) -> dict[str, object]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True, slots=True)
class ReplyMiss:
    text: str
    expected: tuple[str, ...]
    got: tuple[str, ...]


@dataclass
class ReplyReport:
    source: str
    total: int = 0
    techniques: Counts = field(default_factory=Counts)
    violations: Counts = field(default_factory=Counts)
    violating: int = 0  # replies labelled with a violation
    flagged: int = 0  # ... of which at least one violation was detected
    clean: int = 0  # replies with no violation
    falsely_flagged: int = 0
    labels: dict[str, Counts] = field(default_factory=dict)
    misses: list[ReplyMiss] = field(default_factory=list)

    @property
    def flagged_share(self) -> float:
        return self.flagged / self.violating if self.violating else 0.0

    @property
    def false_share(self) -> float:
        return self.falsely_flagged / self.clean if self.clean else 0.0

    def add(self, item: LabelledReply, techniques: Iterable[str], violations: Iterable[str]) -> None:
        got_t, got_v = set(techniques), set(violations)
        want_t, want_v = set(item.techniques), set(item.violations)
        self.total += 1
        for want, got, counts in ((want_t, got_t, self.techniques), (want_v, got_v, self.violations)):
            counts.tp += len(want & got)
            counts.fp += len(got - want)
            counts.fn += len(want - got)
            for label in want | got:
                per = self.labels.setdefault(label, Counts())
                per.tp += label in want and label in got
                per.fp += label in got and label not in want
                per.fn += label in want and label not in got
        if want_v:
            self.violating += 1
            self.flagged += bool(got_v)
        else:
            self.clean += 1
            self.falsely_flagged += bool(got_v)
        if (want_t, want_v) != (got_t, got_v):
            self.misses.append(ReplyMiss(item.text, tuple(sorted(want_t | want_v)),
                                         tuple(sorted(got_t | got_v))))

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "replies": self.total,
            "techniques": self.techniques.to_json(),
            "violations": self.violations.to_json(),
            "violating_flagged": round(self.flagged_share, 4),
            "violating": self.violating,
            "clean_falsely_flagged": round(self.false_share, 4),
            "clean": self.clean,
            "labels": {k: v.to_json() for k, v in sorted(self.labels.items())},
        }


Analyse = Callable[[str], object]  # returns something with .techniques and .violations


def evaluate_replies(analyse: Analyse, items: Iterable[LabelledReply], source: str = "") -> ReplyReport:
    """Run the analysis on every labelled reply and count what it got right."""
    report = ReplyReport(source)
    for item in items:
        result = analyse(item.text)
        report.add(item, result.techniques, result.violations)  # type: ignore[attr-defined]
    return report


def cross_validate(library: Library, replies: Sequence[LabelledReply], *, k: int = 5) -> ReplyReport:
    """The whole analysis (model, lines, figures) on each labelled reply, by a model trained
    without the fold that holds it; thresholds are the ones the compiled model uses."""
    from coach.core.practice.analysis import Analyzer
    from coach.core.understand.replies import ReplyModel, examples_from, fit_folds

    examples = examples_from(library, replies)
    final, folds = fit_folds(examples, sorted(library.techniques), sorted(library.violations), k=k)
    report = ReplyReport(f"{library.root}/replies.yaml (5-fold)")
    for held, (tech, viol) in folds:
        analyzer = Analyzer(library, model=ReplyModel(tech, viol, final.thresholds))
        for i in held:
            result = analyzer.analyse(replies[i].text)
            report.add(replies[i], result.techniques, result.violations)
    return report


def load_reply_data(path: Path) -> list[LabelledReply]:
    """A labelled replies file; ValueError with file:line:col when it cannot be used."""
    from coach.core.content.replies import load_replies

    items, problems = load_replies(Path(path))
    errors = [p for p in problems if p.is_error and p.code not in ("reply-kind", "empty-labels",
                                                                    "contradicting-labels")]
    if errors:
        raise ValueError("\n".join(str(p) for p in errors[:5]))
    if not items:
        raise ValueError(f"{path}: no labelled replies")
    return list(items)
