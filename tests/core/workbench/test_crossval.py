"""Cross-validation: each statement judged by a classifier that never saw it."""

from __future__ import annotations

from pathlib import Path

from coach.core.content.library import load_library
from coach.core.content.model import Labelled
from coach.core.understand.classifier import Classifier
from coach.core.workbench.crossval import CrossValidation, Judged, cross_validate

REPO = Path(__file__).resolve().parents[3]
MINI = REPO / "tests" / "fixtures" / "mini"


def test_a_statement_is_not_judged_by_a_classifier_trained_on_it() -> None:
    library = load_library(MINI).library
    odd = Labelled("琢磨来琢磨去还是挪个窝吧挪个窝", ("relocation",))
    others = [Labelled(f"随便聊聊第{i}句", ("other",)) for i in range(9)]
    seen = Classifier(library.causes, [odd, *others]).classify(odd.text)
    assert seen.leading == "relocation"  # learnt from itself
    judged = {j.text: j for j in cross_validate(library.causes, [odd, *others]).judged}
    assert judged[odd.text].got != "relocation"  # held out, nothing else says it
    assert judged[odd.text].source == "phrasing"


def test_held_out_examples_leave_their_cause() -> None:
    library = load_library(MINI).library
    built: list[int] = []

    def build(causes, phrasings):
        built.append(sum(len(c.examples) for c in causes.values()))
        return Classifier(causes, phrasings)

    total = sum(len(c.examples) for c in library.causes.values())
    cv = cross_validate(library.causes, [], folds=4, build=build)
    assert cv.folds == 4 and cv.total == total
    assert built and all(n < total for n in built)  # each fold trained without its share
    assert sum(total - n for n in built) == total  # every example held out exactly once


def judged(expected: str, got: str, margin: float = 1.0) -> Judged:
    return Judged(f"{expected}-{got}-{margin}", (expected,), got, "", margin, 1, "example")


def test_precision_recall_confusion_and_near_misses() -> None:
    cv = CrossValidation(5, (
        judged("a", "a"), judged("a", "a", 0.05), judged("a", "b"),
        judged("b", "b"), judged("b", "a"),
    ))
    per = cv.per_cause(["a", "b", "c"])
    assert (per["a"].precision, per["a"].recall, per["a"].support) == (2 / 3, 2 / 3, 3)
    assert (per["b"].precision, per["b"].recall) == (0.5, 0.5)
    assert per["c"].support == 0 and per["c"].recall == 0.0
    assert cv.accuracy == 0.6
    assert cv.confusion()[("a", "b")] == 1 and cv.confusion()[("a", "a")] == 2
    assert [j.margin for j in cv.near_misses()] == [0.05]
    assert {j.got for j in cv.misses()} == {"a", "b"}
    data = cv.to_json(["a", "b"])
    assert data["accuracy"] == 0.6 and data["per_cause"]["b"]["recall"] == 0.5


def test_the_shipped_content_cross_validates_well() -> None:
    library = load_library(REPO / "playbooks").library
    cv = cross_validate(library.causes, library.phrasings)
    assert cv.total == sum(len(c.examples) for c in library.causes.values()) + len(library.phrasings)
    assert cv.accuracy >= 0.85
