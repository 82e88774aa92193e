"""Compiling the classifier, and turning it into plain data for the cache and back.

Compiling trains the learned channel on the causes' examples and the labelled phrasings, builds
the keyword index, and fits the confidence curve on cross-validated answers. All of it becomes
plain data (`classifier_to_data`): strings, numbers, lists and float arrays, stored by
`coach.core.understand.cache`, which checks a content hash before anything is rebuilt from it.
"""

from __future__ import annotations

import array
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from coach.core.content.model import Cause, Labelled, Pos, Text
from coach.core.text import normalize
from coach.core.understand.cache import Texts
from coach.core.understand.calibration import Calibration, fit
from coach.core.understand.keywords import KeywordIndex
from coach.core.understand.leaving import without_leaving
from coach.core.understand.linear import LinearModel
from coach.core.understand.reliability import keyword_factors, keyword_mentions, keyword_trust
from coach.core.understand.training import folds, train

# coach.core.content.labelled.PHRASINGS_FILE, not imported: that module pulls in the YAML reader,
# which a start from the cache does not need.
PHRASINGS_FILE = "phrasings.yaml"
CV_FOLDS = 3  # folds of the cross-validation behind the confidence curve
# The causes model's loss and penalty: squared hinge (a linear SVM's loss) over ridge, better by
# 5-fold CV on the labelled statements (`benchmarks/cv.py`), never chosen on a measuring set.
LEARNED_OPTIONS: dict[str, object] = {"loss": "squared_hinge", "l2": 0.5}
DIGITS = 7  # decimals kept of a learnt weight: smaller cache, the same answers fresh or cached


def training_items(causes: Mapping[str, Cause], phrasings: Iterable[Labelled]) -> list[Labelled]:
    """What the learned channel learns from: every cause's examples, then the phrasings."""
    items = [Labelled(text, (cause.id,)) for cause in causes.values() for text in cause.examples]
    items.extend(p for p in phrasings if p.causes and all(c in causes for c in p.causes))
    return items


def targets(items: Sequence[Labelled]) -> list[tuple[str, ...]]:
    """What the learned channel is taught of each statement: its leading cause only. A second
    cause the client mentions is found by its words; taught as a second positive it blurred the
    model's choice of the leader (5-fold CV on the labelled statements: two-cause statements
    led right 81% -> 85%, all statements 96.2% -> 96.5%)."""
    return [i.causes[:1] for i in items]


def learn(causes: Mapping[str, Cause], phrasings: Iterable[Labelled]) -> LinearModel | None:
    """The learned channel's model, or None when there is nothing to learn from."""
    return _train(training_items(causes, phrasings), list(causes))


def _train(items: Sequence[Labelled], labels: list[str]) -> LinearModel | None:
    if len(items) < 2 or len(labels) < 2:
        return None
    texts = [without_leaving(normalize(i.text)) for i in items]
    model = train(texts, targets(items), labels, **LEARNED_OPTIONS)
    return _rounded(model)


def _rounded(model: LinearModel) -> LinearModel:
    return LinearModel(
        model.labels,
        model.sizes,
        {g: round(v, DIGITS) for g, v in model.idf.items()},
        {g: tuple(round(w, DIGITS) for w in row) for g, row in model.weights.items()},
        tuple(round(b, DIGITS) for b in model.bias),
    )


def cross_validated(
    Classifier, causes: Mapping[str, Cause], phrasings: Iterable[Labelled],
    index: KeywordIndex | None = None, mentions: Sequence[frozenset[tuple[str, str]]] | None = None,
):
    """(labelled statement, raw leading score, worded?, right?) for every training statement,
    each classified by a `Classifier` whose learned channel never saw it, its keywords trusted
    as far as the fold's own statements bear them out. `mentions`: what each training statement
    says (`keyword_mentions`), when the caller has it already."""
    items = training_items(causes, phrasings)
    index = index or KeywordIndex.compile(causes)
    if mentions is None:
        mentions = keyword_mentions(_bare(Classifier, causes, index), items)
    out = []
    for held in folds(len(items), CV_FOLDS):
        held_set = set(held)
        kept = [i for i in range(len(items)) if i not in held_set]
        model = _train([items[i] for i in kept], list(causes))
        trust = keyword_trust([items[i] for i in kept], [mentions[i] for i in kept])
        clf = Classifier(causes, index=index.trusted(trust), model=model, calibration=_RAW)
        for i in held:
            result = clf.classify(items[i].text)
            lead = result.causes[0]
            worded = any(m.channel != "learned" and not m.negated for m in lead.matched)
            out.append((items[i], lead.score, worded, result.leading == items[i].causes[0],
                        result.unsure))
    return out


class _Raw(Calibration):
    """The raw score itself: what the confidence curve is fitted on."""

    __slots__ = ()

    def apply(self, raw: float, worded: bool = True) -> float:
        return raw

    def unsure(self, raw: float) -> float:
        return raw


_RAW = _Raw(1.0, 0.0, 0.0, 0.0)


def compile_classifier(Classifier, causes: Mapping[str, Cause], phrasings: Iterable[Labelled]):
    """A `Classifier` (the class is passed in: this module sits below it) with its learned
    channel trained and its confidence curve fitted."""
    phrasings = tuple(phrasings)
    index = KeywordIndex.compile(causes)
    items = training_items(causes, phrasings)
    mentions = keyword_mentions(_bare(Classifier, causes, index), items)
    answers = cross_validated(Classifier, causes, phrasings, index, mentions)
    named = [a for a in answers if not a[4]]
    calibration = fit([a[1] for a in named], [a[2] for a in named], [a[3] for a in named],
                      [a[3] for a in answers if a[4]])
    index = index.trusted(keyword_trust(items, mentions))
    return Classifier(causes, index=index, model=_train(items, list(causes)), calibration=calibration)


def reliable_index(Classifier, causes: Mapping[str, Cause], index: KeywordIndex,
                   items: Sequence[Labelled]) -> KeywordIndex:
    """`index` with each keyword trusted as far as the labelled statements bear it out as the
    client's reason (see `reliability`)."""
    return index.trusted(keyword_factors(_bare(Classifier, causes, index), items))


def _bare(Classifier, causes: Mapping[str, Cause], index: KeywordIndex):  # noqa: ANN202
    """The `classify` of a classifier with the keywords only: what a statement says."""
    return Classifier(causes, index=index, model=None, calibration=_RAW).classify


# ---------------------------------------------------------------- plain data


def classifier_to_data(clf) -> dict[str, object]:
    return {
        "causes": [_cause_data(c) for c in clf.causes.values()],
        "index": clf.index.to_data(),
        "model": None if clf.model is None else model_to_data(clf.model),
        "calibration": clf.calibration.to_data(),
    }


def classifier_from_data(Classifier, data: object):
    """A `Classifier` back from `classifier_to_data`; raises ValueError on anything malformed."""
    if not isinstance(data, dict):
        raise ValueError("not a compiled classifier")
    try:
        causes = {c.id: c for c in (_cause(row) for row in data["causes"])}
        index = KeywordIndex.from_data(data["index"])
        model = None if data["model"] is None else model_from_data(data["model"])
        calibration = Calibration.from_data(data["calibration"])
    except (KeyError, TypeError) as error:
        raise ValueError(f"not a compiled classifier: {error}") from error
    return Classifier(causes, index=index, model=model, calibration=calibration)


def model_to_data(model: LinearModel) -> dict[str, object]:
    """The linear model with its numbers as flat float arrays (fast to store and read)."""
    grams = sorted(model.weights)
    flat = array.array("d")
    for g in grams:
        flat.extend(model.weights[g])
    return {
        "labels": list(model.labels),
        "sizes": list(model.sizes),
        "grams": Texts(grams),
        "idf": array.array("d", (model.idf[g] for g in grams)),
        "weights": flat,
        "bias": list(model.bias),
    }


def model_from_data(data: object) -> LinearModel:
    if not isinstance(data, dict):
        raise ValueError("not a linear model")
    weights, idf = data.get("weights"), data.get("idf")
    labels, sizes, grams, bias = (data.get(k) for k in ("labels", "sizes", "grams", "bias"))
    if not (isinstance(weights, array.array) and isinstance(idf, array.array)
            and all(isinstance(x, list) for x in (labels, sizes, grams, bias))):
        raise ValueError("not a linear model: arrays expected")
    if not all(isinstance(b, int | float) and not isinstance(b, bool) for b in bias):
        raise ValueError("not a linear model: a bias is not a number")
    return LinearModel.from_arrays(labels, sizes, grams, idf, weights, bias)


def _text_data(t: Text) -> list[str]:
    return [t.zh, t.en]


def _cause_data(c: Cause) -> dict[str, object]:
    return {
        "id": c.id,
        "name": _text_data(c.name),
        "description": _text_data(c.description),
        "question": _text_data(c.question),
        "keywords": [[k, float(w)] for k, w in c.keywords.items()],
        "examples": list(c.examples),
        "patterns": [[p, float(w)] for p, w in c.patterns.items()],
    }


def _text(value: object) -> Text:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(x, str) for x in value)):
        raise ValueError("a text is not [zh, en]")
    return Text(value[0], value[1])


def _weights(value: object) -> dict[str, float]:
    if not isinstance(value, list):
        raise ValueError("weights are not a list")
    out: dict[str, float] = {}
    for row in value:
        if not (isinstance(row, list) and len(row) == 2 and isinstance(row[0], str)
                and isinstance(row[1], int | float) and not isinstance(row[1], bool)):
            raise ValueError("a weight is not [text, number]")
        out[row[0]] = float(row[1])
    return out


def _cause(row: object) -> Cause:
    if not isinstance(row, dict) or not isinstance(row.get("id"), str):
        raise ValueError("a cause has no id")
    examples = row.get("examples")
    if not (isinstance(examples, list) and all(isinstance(x, str) for x in examples)):
        raise ValueError("a cause's examples are not texts")
    return Cause(
        row["id"], _text(row.get("name")), _text(row.get("description")),
        _text(row.get("question")), _weights(row.get("keywords")), tuple(examples),
        _weights(row.get("patterns")), Pos(""),
    )


# ---------------------------------------------------------------- loading


def load_classifier(Classifier, playbooks: Path, sources: Sequence[Path]):
    """The classifier of a playbooks folder, from the cache when it is there and sound."""
    from coach.core.understand.cache import cached, file_key

    def build():
        from coach.core.content.causes_file import load_causes
        from coach.core.content.labelled import read_phrasings

        causes, problems = load_causes(playbooks / "causes.yaml")
        errors = [p for p in problems if p.level == "error"]
        if not causes:
            raise ValueError("\n".join(str(p) for p in errors) or f"no causes in {playbooks}")
        return compile_classifier(Classifier, causes, read_phrasings(playbooks / PHRASINGS_FILE))

    key = file_key([*sources, playbooks / "causes.yaml", playbooks / PHRASINGS_FILE])
    return cached("classifier", key, build, classifier_to_data,
                  lambda data: classifier_from_data(Classifier, data))


def content_digest(causes: Mapping[str, Cause], phrasings: Iterable[Labelled],
                   sources: Sequence[Path]) -> str:
    """A cache key for whatever is computed from these causes and phrasings by this code."""
    from coach.core.understand.cache import file_key

    digest = hashlib.sha256(file_key(list(sources)).encode())
    digest.update(json.dumps([_cause_data(c) for c in causes.values()], ensure_ascii=False,
                             sort_keys=True).encode())
    digest.update(json.dumps([[p.text, list(p.causes)] for p in phrasings],
                             ensure_ascii=False).encode())
    return digest.hexdigest()[:32]


def classifier_for(
    Classifier, causes: Mapping[str, Cause], phrasings: Iterable[Labelled], sources: Sequence[Path]
):
    """The classifier of loaded content, cached under a key made from that content."""
    from coach.core.understand.cache import cached

    phrasings = tuple(phrasings)
    return cached(
        "classifier", content_digest(causes, phrasings, sources),
        lambda: compile_classifier(Classifier, causes, phrasings),
        classifier_to_data, lambda data: classifier_from_data(Classifier, data),
    )
