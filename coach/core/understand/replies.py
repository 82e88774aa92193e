"""The reply model: which techniques a trainee's reply uses and which violations it commits,
learnt from labelled replies rather than matched by wording.

One `LinearModel` (`coach.core.understand.linear`, the same module the classifier's learned
channel uses) carries one scorer per technique and per violation. It learns at compile time
from `replies.yaml`, the techniques' model `lines`, the case files' `say` lines (labelled with
their step's technique) and the violations' example phrases. Each label gets its own threshold,
chosen by 5-fold cross-validation on the labelled replies (never on a measuring set), and a raw
score is mapped to 0-1 so that 0.5 is exactly that threshold.

The compiled model is plain data (`to_data`/`from_data`) kept by the compiled-object store
(`coach.core.understand.cache`); classifying is dictionary lookups, nothing heavy is imported.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.core.text import CLAUSE_BREAK, Normalized, normalize
from coach.core.understand.linear import Contribution, LinearModel
from coach.core.understand.reply_storage import packed, unpacked
from coach.core.understand.training import folds, train
from coach.core.understand.voice import blank, own_voice

KINDS = ("technique", "violation")
FOLDS = 5
SLOPE = 6.0  # how fast a score moves from 0 to 1 around its threshold
# Training settings (part of what the cache is keyed by, through this file's bytes).
SIZES = (1, 3)
L2 = 0.6
MIN_DF = 2
ITERATIONS = 80
EXTRA_WEIGHT = 1  # times a model line or example phrase is repeated among the examples
GATE = True  # violations pass the "any violation" scorer first (see `decide`)
ANY = "any_violation"
# Thresholds: a violation missed costs more than one seen where there is none.
BETA = {"technique": 1.0, "violation": 1.3}
# The share of clean replies the "any violation" gate may let through to be flagged, in
# cross-validation: the practice bar (at most 3 in 100 clean replies falsely flagged).
MAX_FALSE = 0.03
DEFAULT_THRESHOLD = 0.0
FLOOR = 0.15  # how far above a label's bias (the score of nothing said) its threshold must be
NOTHING = -10.0  # the raw score of a text that shares no n-gram with what was learnt
MIN_LEFT = 4  # characters a reply must keep, once denied words are out, to be judged at all

_LABEL = re.compile(r"【[^】]*】|\[[^\]]*\]")


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled text to learn from; `held` items take part in cross-validation."""

    text: str
    labels: tuple[str, ...]
    held: bool = True


@dataclass(frozen=True)
class ReplyModel:
    """Scorers for every technique (over the whole reply) and every violation (over the reply
    in the trainee's own voice, see `voice`), with per-label thresholds."""

    techniques: LinearModel
    violations: LinearModel
    thresholds: Mapping[str, float]
    examples: int = 0  # how many labelled replies it learnt from

    @property
    def kinds(self) -> dict[str, str]:
        return {label: "technique" for label in self.techniques.labels} | {
            label: "violation" for label in self.violations.labels if label != ANY
        }

    def raw(self, text: str, *, blanked: Iterable[tuple[int, int]] = (),
            unsaid: Iterable[tuple[int, int]] = (), normalised: bool = False) -> dict[str, float]:
        """Raw scores (for thresholds). `blanked`: spans of the normalised text that are not
        the trainee's own saying for the violations (denied violation phrases the caller
        found); `unsaid`: spans left out for the techniques (denied technique cues)."""
        norm = text if normalised else normalize(text)
        said = blank(norm, unsaid)
        own = own_voice(norm, blanked)
        out = self._scores(self.techniques, said, cut=said != norm)
        out.update(self._scores(self.violations, own, cut=own != norm))
        return out

    @staticmethod
    def _scores(model: LinearModel, norm: str, *, cut: bool) -> dict[str, float]:
        """A text with nothing the model knows says nothing: every label far below any cut.
        So does what is left of a reply once its denied or reported words are out, when that
        is only a word or two ("我们" of "我们不会保本")."""
        left = len(norm) - norm.count(CLAUSE_BREAK)
        if cut and left < MIN_LEFT:
            return dict.fromkeys(model.labels, NOTHING)
        scores = model.scores(norm, normalised=True)
        if all(scores[label] == b for label, b in zip(model.labels, model.bias, strict=True)):
            return dict.fromkeys(model.labels, NOTHING)  # not one n-gram it knows
        return scores

    def scores(self, text: str, *, blanked: Iterable[tuple[int, int]] = (),
               unsaid: Iterable[tuple[int, int]] = (), normalised: bool = False
               ) -> dict[str, float]:
        """Every label's score in 0-1; 0.5 and above means detected."""
        raw = self.raw(text, blanked=blanked, unsaid=unsaid, normalised=normalised)
        return {label: calibrate(value, self.thresholds.get(label, DEFAULT_THRESHOLD))
                for label, value in raw.items()}

    def detected(self, scores: Mapping[str, float], kind: str) -> list[tuple[str, float]]:
        """(label, score) of the labels of `kind` at or above their threshold, best first.

        Violations pass a gate first: the scorer of "any violation at all", which has more
        examples to learn from than any one violation, must agree (cross-validation on the
        corpus: half the clean replies falsely flagged, for a few violating ones missed)."""
        return decide(scores, self.techniques.labels if kind == "technique"
                      else self.violations.labels)

    def evidence(self, text: str | Normalized, label: str, *, top: int = 3) -> list[Contribution]:
        """The n-grams that weighed most for `label`, with their spans in `text`."""
        model = self.techniques if label in self.techniques.labels else self.violations
        if label not in model.labels:
            return []
        return model.evidence(text, label, top=top)

    def to_data(self) -> dict[str, object]:
        """Plain data for the compiled cache: per model its n-grams, and the idf, weights and
        idf-scaled weights as flat float arrays (quick to read back: `coach analyze` starts
        from them)."""
        return {
            "techniques": packed(self.techniques),
            "violations": packed(self.violations),
            "thresholds": dict(self.thresholds),
            "examples": self.examples,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> ReplyModel:
        """Back from `to_data`; ValueError on anything malformed."""
        try:
            techniques = unpacked(data["techniques"])  # type: ignore[arg-type]
            violations = unpacked(data["violations"])  # type: ignore[arg-type]
            thresholds = {str(k): float(v) for k, v in dict(data["thresholds"]).items()}  # type: ignore[call-overload]
            examples = int(data.get("examples", 0))  # type: ignore[call-overload]
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
            raise ValueError(f"not a reply model: {error}") from error
        if not all(math.isfinite(t) for t in thresholds.values()):
            raise ValueError("not a reply model: a threshold is not a finite number")
        return cls(techniques, violations, thresholds, examples)


def decide(scores: Mapping[str, float], labels: Sequence[str]) -> list[tuple[str, float]]:
    """The labels detected among `labels` from 0-1 scores (see `ReplyModel.detected`)."""
    named = [label for label in labels if label != ANY]
    if ANY in labels:
        if scores.get(ANY, 0.0) < 0.5:
            return []
    found = [(label, scores[label]) for label in named if scores.get(label, 0.0) >= 0.5]
    found.sort(key=lambda x: (-x[1], x[0]))
    return found


def calibrate(raw: float, threshold: float) -> float:
    """A raw score as 0-1, exactly 0.5 at the label's threshold."""
    z = max(-50.0, min(50.0, SLOPE * (raw - threshold)))
    return 1.0 / (1.0 + math.exp(-z))


def clean_line(text: str) -> str:
    """A model line with its unfilled variables ("【客户】") left out."""
    return _LABEL.sub("", text)


# ---------------------------------------------------------------- training


def fit(
    examples: Sequence[Example],
    techniques: Sequence[str],
    violations: Sequence[str],
    *,
    k: int = FOLDS,
) -> ReplyModel:
    """The reply model: trained on every example, thresholds from k-fold cross-validation
    over the `held` examples (model lines and phrases always stay in training)."""
    return fit_folds(examples, techniques, violations, k=k)[0]


Fold = tuple[list[int], tuple[LinearModel, LinearModel]]


def fit_folds(
    examples: Sequence[Example],
    techniques: Sequence[str],
    violations: Sequence[str],
    *,
    k: int = FOLDS,
) -> tuple[ReplyModel, list[Fold]]:
    """The reply model, and the k fold models (with the held examples each never saw) that
    chose its thresholds: `coach test` measures the whole analysis with them."""
    techniques, violations = tuple(techniques), tuple(violations)
    kinds = {t: "technique" for t in techniques} | {v: "violation" for v in violations}
    if GATE:
        kinds[ANY] = "violation"
    fold_models = list(_folds(examples, techniques, violations, k=k))
    scored = sorted(
        (i, ReplyModel(tech, viol, {}).raw(examples[i].text))
        for held, (tech, viol) in fold_models
        for i in held
    )
    thresholds = {
        label: best_threshold([(s[label], _has(examples[i], label, violations)) for i, s in scored],
                              BETA[kind])
        for label, kind in kinds.items()
    }
    tech, viol = _train(examples, range(len(examples)), techniques, violations)
    # A reply must say something for a label: never detected on the bias alone.
    for model in (tech, viol):
        for label, bias in zip(model.labels, model.bias, strict=True):
            thresholds[label] = max(thresholds[label], bias + FLOOR)
    if GATE:
        # The gate opens as far as clean replies allow: the lowest cut at which no more than
        # MAX_FALSE of the clean held replies would be flagged (the labels' own cuts as set,
        # so a reply that says nothing is still flagged by none).
        clean = [s for i, s in scored if not _has(examples[i], ANY, violations)]
        labelled = [s[ANY] for s in clean if any(s[v] >= thresholds[v] for v in violations)]
        thresholds[ANY] = gate_cut(labelled, int(MAX_FALSE * len(clean)))
    return ReplyModel(tech, viol, thresholds, sum(1 for e in examples if e.held)), fold_models


def gate_cut(scores: Sequence[float], allowed: int) -> float:
    """The lowest cut that leaves at most `allowed` of `scores` at or above it."""
    ordered = sorted(scores, reverse=True)
    if len(ordered) <= allowed:  # however low: below every score (finite, for the cache)
        return min(ordered, default=NOTHING) - 1.0
    below = ordered[allowed]  # the first score that must fall under the cut
    above = [x for x in ordered[:allowed] if x > below]
    return (below + above[-1]) / 2 if above else below + 1.0


def _has(example: Example, label: str, violations: Sequence[str]) -> bool:
    if label == ANY:
        return any(v in example.labels for v in violations)
    return label in example.labels


def _train(examples: Sequence[Example], which: Iterable[int], techniques: Sequence[str],
           violations: Sequence[str]) -> tuple[LinearModel, LinearModel]:
    chosen = [examples[i] for i in which]
    norms = [normalize(e.text) for e in chosen]
    targets = [e.labels for e in chosen]
    if GATE:
        said = set(violations)
        targets = [(*t, ANY) if said.intersection(t) else t for t in targets]
        violations = (*violations, ANY)
    options = {"sizes": SIZES, "l2": L2, "min_df": MIN_DF, "iterations": ITERATIONS}
    tech = train(norms, targets, techniques, **options)  # type: ignore[arg-type]
    viol = train([own_voice(n) for n in norms], targets, violations, **options)  # type: ignore[arg-type]
    return tech, viol


def _folds(examples: Sequence[Example], techniques: Sequence[str], violations: Sequence[str],
           *, k: int = FOLDS) -> Iterable[Fold]:
    """(held indices, models trained without them) for each of k folds of the held examples."""
    held = [i for i, e in enumerate(examples) if e.held]
    always = [i for i, e in enumerate(examples) if not e.held]
    if len(held) < 2:
        return
    for fold in folds(len(held), k):
        test = [held[j] for j in fold]
        chosen = set(test)
        yield test, _train(examples, always + [i for i in held if i not in chosen],
                           techniques, violations)


def out_of_fold(examples: Sequence[Example], techniques: Sequence[str], violations: Sequence[str],
                *, k: int = FOLDS) -> list[tuple[int, dict[str, float]]]:
    """(index, raw scores) for every held example, scored by a model that never saw it."""
    return sorted(
        (i, ReplyModel(tech, viol, {}).raw(examples[i].text))
        for held, (tech, viol) in _folds(examples, techniques, violations, k=k)
        for i in held
    )


def best_threshold(pairs: Sequence[tuple[float, bool]], beta: float) -> float:
    """The cut between two neighbouring scores that gives the best F-beta (ties: the higher cut)."""
    positives = sum(1 for _, y in pairs if y)
    if positives == 0:
        return max((s for s, _ in pairs), default=DEFAULT_THRESHOLD) + 1.0
    ordered = sorted(pairs, key=lambda p: -p[0])
    b2 = beta * beta
    best, best_cut = -1.0, DEFAULT_THRESHOLD
    tp = fp = 0
    for j, (score, y) in enumerate(ordered):
        tp += y
        fp += not y
        nxt = ordered[j + 1][0] if j + 1 < len(ordered) else score - 1.0
        if nxt == score:
            continue
        fn = positives - tp
        f = (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp) if tp else 0.0
        if f > best:
            best, best_cut = f, (score + nxt) / 2
    return best_cut


# ---------------------------------------------------------------- from the content


def examples_from(library, replies: Iterable) -> list[Example]:  # noqa: ANN001 - content types
    """The labelled replies (held for cross-validation), then the techniques' lines, the case
    files' `say` lines and the violations' phrases (always in training)."""
    from coach.core.content.variables import render

    techniques = set(library.techniques)
    violations = set(library.violations)
    out: list[Example] = []
    for item in replies:
        labels = tuple(t for t in item.techniques if t in techniques) + tuple(
            v for v in item.violations if v in violations
        )
        out.append(Example(item.text, labels))
    extra: list[Example] = []
    for technique in library.techniques.values():
        for template in technique.lines:
            extra.append(Example(clean_line(render(template, {})), (technique.id,), held=False))
    for playbook in library.playbooks.values():
        for step in playbook.steps.values():
            if step.technique in techniques:
                for template in step.say:
                    extra.append(Example(clean_line(render(template, {})), (step.technique,),
                                         held=False))
    for violation in library.violations.values():
        for phrase in violation.phrases:
            extra.append(Example(phrase, (violation.id,), held=False))
    extra = [e for e in extra if e.text.strip()]
    return out + extra * EXTRA_WEIGHT


SOURCES = (
    Path(__file__),
    Path(__file__).with_name("linear.py"),
    Path(__file__).with_name("training.py"),
    Path(__file__).with_name("reply_storage.py"),
    Path(__file__).with_name("tally.py"),
    Path(__file__).parents[1] / "text.py",
)


def compile_reply_model(root: Path) -> ReplyModel:
    """Train from a playbooks folder (what the cache calls when the content changed)."""
    from coach.core.content.library import load_library
    from coach.core.content.replies import REPLIES_FILE, read_replies

    library = load_library(Path(root)).library
    replies = read_replies(Path(root) / REPLIES_FILE)
    return fit(examples_from(library, replies), sorted(library.techniques),
               sorted(library.violations))


def model_files(root: Path) -> list[Path]:
    """What the compiled model depends on: its own source and the content it learns from."""
    root = Path(root)
    return [
        *SOURCES,
        root / "techniques.yaml",
        root / "principles.yaml",
        root / "replies.yaml",
        *sorted((root / "cases").glob("*.yaml")),
    ]


def load_reply_model(root: Path) -> ReplyModel:
    """The reply model of a playbooks folder, compiled once per content change."""
    from coach.core.understand.cache import cached, file_key

    return cached("reply-model", file_key(model_files(root)), lambda: compile_reply_model(root),
                  ReplyModel.to_data, ReplyModel.from_data)  # type: ignore[arg-type]
