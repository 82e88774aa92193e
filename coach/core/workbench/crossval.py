"""The classifier measured on statements it never saw: k-fold cross-validation over the
taxonomy's examples and the labelled phrasings.

Accuracy on the examples themselves flatters anything learnt from them; here each fold is held
out, the classifier is rebuilt from the rest (held-out examples removed from their cause,
held-out phrasings from the phrasings), and the held-out statements are classified. The split
is deterministic (item i goes to fold i mod k), so two runs on the same content agree and the
difference between runs is the content's.

Reported: accuracy (leading cause), precision and recall per cause, the confusion counts, the
misses (wrong leading cause, best-placed first) and the near misses (right, but with the
runner-up within `NEAR_MARGIN`): the statements one more keyword would tip.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.core.content.model import Cause, Labelled
from coach.core.understand.classifier import Classifier

DEFAULT_FOLDS = 5
NEAR_MARGIN = 0.1


@dataclass(frozen=True, slots=True)
class Judged:
    text: str
    expected: tuple[str, ...]  # leading first
    got: str  # leading cause
    runner_up: str
    margin: float  # score of the leading cause minus the runner-up's
    rank: int  # 1-based place of the expected leading cause in the ranking
    source: str  # "example" | "phrasing"

    @property
    def hit(self) -> bool:
        return self.got == self.expected[0]


@dataclass(frozen=True, slots=True)
class PerCause:
    precision: float
    recall: float
    support: int  # statements labelled with it (leading)


@dataclass(frozen=True, slots=True)
class CrossValidation:
    folds: int
    judged: tuple[Judged, ...]

    @property
    def total(self) -> int:
        return len(self.judged)

    @property
    def accuracy(self) -> float:
        return sum(j.hit for j in self.judged) / self.total if self.total else 0.0

    def confusion(self) -> Counter[tuple[str, str]]:
        return Counter((j.expected[0], j.got) for j in self.judged)

    def per_cause(self, causes: Sequence[str]) -> dict[str, PerCause]:
        out = {}
        for cause in causes:
            said = [j for j in self.judged if j.got == cause]
            meant = [j for j in self.judged if j.expected[0] == cause]
            out[cause] = PerCause(
                precision=sum(j.hit for j in said) / len(said) if said else 0.0,
                recall=sum(j.hit for j in meant) / len(meant) if meant else 0.0,
                support=len(meant),
            )
        return out

    def misses(self) -> list[Judged]:
        return sorted((j for j in self.judged if not j.hit), key=lambda j: (j.rank, j.text))

    def near_misses(self) -> list[Judged]:
        return sorted((j for j in self.judged if j.hit and j.margin < NEAR_MARGIN),
                      key=lambda j: (j.margin, j.text))

    def to_json(self, causes: Sequence[str], *, limit: int = 50) -> dict[str, object]:
        def item(j: Judged) -> dict[str, object]:
            return {"text": j.text, "expected": list(j.expected), "got": j.got,
                    "runner_up": j.runner_up, "margin": round(j.margin, 4), "rank": j.rank,
                    "source": j.source}

        return {
            "folds": self.folds,
            "total": self.total,
            "accuracy": round(self.accuracy, 4),
            "per_cause": {c: {"precision": round(p.precision, 4), "recall": round(p.recall, 4),
                              "support": p.support} for c, p in self.per_cause(causes).items()},
            "confusion": [{"expected": e, "got": g, "count": n}
                          for (e, g), n in sorted(self.confusion().items())],
            "misses": [item(j) for j in self.misses()[:limit]],
            "near_misses": [item(j) for j in self.near_misses()[:limit]],
        }


Build = Callable[[Mapping[str, Cause], Sequence[Labelled]], Classifier]


def cross_validate(causes: Mapping[str, Cause], phrasings: Sequence[Labelled], *,
                   folds: int = DEFAULT_FOLDS, build: Build = Classifier) -> CrossValidation:
    """Every example and phrasing classified by a classifier built without it."""
    items: list[tuple[Labelled, str, str]] = [  # (statement, source, owning cause for examples)
        (Labelled(text, (cause.id,)), "example", cause.id)
        for cause in causes.values() for text in cause.examples
    ] + [(p, "phrasing", "") for p in phrasings]
    k = max(2, min(folds, len(items))) if len(items) >= 2 else 1
    judged: list[Judged] = []
    for fold in range(k):
        held = [i for i in range(len(items)) if i % k == fold]
        if not held:
            continue
        held_set = set(held)
        out_examples: dict[str, set[str]] = {}
        for i in held:
            statement, source, owner = items[i]
            if source == "example":
                out_examples.setdefault(owner, set()).add(statement.text)
        trained_causes = {
            cid: dataclasses.replace(
                cause, examples=tuple(e for e in cause.examples if e not in out_examples.get(cid, ()))
            ) if cid in out_examples else cause
            for cid, cause in causes.items()
        }
        trained_phrasings = [p for i, (p, source, _) in enumerate(items)
                             if source == "phrasing" and i not in held_set]
        classifier = build(trained_causes, trained_phrasings)
        for i in held:
            statement, source, _ = items[i]
            result = classifier.classify(statement.text)
            ranking = [c.id for c in result.ranking]
            scores = [c.score for c in result.ranking]
            expected = statement.causes[0]
            judged.append(Judged(
                text=statement.text,
                expected=statement.causes,
                got=result.leading,
                runner_up=next((c for c in ranking if c != result.leading), ""),
                # a runner-up with no evidence at all is no rival: not a near miss
                margin=(scores[0] - scores[1]) if len(scores) > 1 and scores[1] > 0 else 1.0,
                rank=ranking.index(expected) + 1 if expected in ranking else len(ranking) + 1,
                source=source,
            ))
    order = {item[0].text: n for n, item in enumerate(items)}
    return CrossValidation(k, tuple(sorted(judged, key=lambda j: order.get(j.text, 0))))


def cross_validated(causes: Mapping[str, Cause], phrasings: Sequence[Labelled], *,
                    folds: int = DEFAULT_FOLDS) -> CrossValidation:
    """`cross_validate`, kept in the compiled cache under a key made from the content and the
    code that judges it: a trainer who reruns `coach test` on unchanged statements waits for
    the rebuilt classifiers only once."""
    from coach.core.understand.cache import cached
    from coach.core.understand.classifier import SOURCES
    from coach.core.understand.compiled import content_digest

    key = content_digest(causes, phrasings, [*SOURCES, Path(__file__)]) + f"-{folds}"

    def to_data(cv: CrossValidation) -> object:
        return {"folds": cv.folds, "judged": [
            [j.text, list(j.expected), j.got, j.runner_up, j.margin, j.rank, j.source]
            for j in cv.judged]}

    def from_data(data: object) -> CrossValidation:
        assert isinstance(data, dict)
        return CrossValidation(int(data["folds"]), tuple(
            Judged(str(t), tuple(e), str(g), str(r), float(m), int(k), str(s))
            for t, e, g, r, m, k, s in data["judged"]))

    return cached("crossval", key, lambda: cross_validate(causes, phrasings, folds=folds),
                  to_data, from_data)
