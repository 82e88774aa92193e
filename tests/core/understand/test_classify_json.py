"""`json_line` writes what json writes of `Classification.to_json()`, byte for byte."""

from __future__ import annotations

import json

import pytest

from coach.core.understand.classifier import CauseScore, Classification, Classifier, Match
from coach.core.understand.classify_json import json_line

ENCODE = json.JSONEncoder(ensure_ascii=False).encode
STATEMENTS = [
    "",
    "佣金不降我就走。",
    "不是佣金的事，是我搬家了。",
    "那边给我万一免五，你们这贵多了，我账户里还有35万。",
    'He said "fees" \\ too high\x01\x1f\t',
    "开盘就转圈，根本下不了单",
    "我" * 5000,
    "I just want to close my account, the fee is too high.",
]


@pytest.fixture(scope="module")
def clf() -> Classifier:
    from coach.core.paths import default_playbooks

    return Classifier.load(default_playbooks())


@pytest.mark.parametrize("text", STATEMENTS)
def test_the_line_is_what_json_writes(clf: Classifier, text: str) -> None:
    result = clf.classify(text)
    assert json_line(result) == ENCODE(result.to_json())


def test_every_cause_example_and_prefix_agrees(clf: Classifier) -> None:
    texts = [str(t) for cause in clf.causes.values() for t in cause.examples]
    for text in texts + [t[: len(t) // 2] for t in texts]:
        result = clf.classify(text)
        assert json_line(result) == ENCODE(result.to_json()), text


def test_unusual_values_are_written_as_json_would() -> None:
    odd = Classification(
        "佣金",
        (CauseScore("commission", float("nan")),),
        (CauseScore("commission", float("nan"), (Match("佣金", 0, 2, "char", True, 1.0),)),
         CauseScore("other", -0.0)),
        ambiguous=False,
        questions=(),
    )
    line = json_line(odd)
    assert line == ENCODE(odd.to_json())
    assert "NaN" in line and "-0.0" in line
