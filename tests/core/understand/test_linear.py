"""The linear n-gram model: learns from labelled examples, deterministic, stored as plain data."""

from __future__ import annotations

import json

import pytest
from linear_toy import IDS, LABELS, TEXTS

from coach.core.understand.linear import LinearModel, ngrams
from coach.core.understand.training import train


@pytest.fixture(scope="module")
def model() -> LinearModel:
    return train(TEXTS, LABELS, IDS, min_df=1)


def test_ngrams_do_not_cross_a_clause_break() -> None:
    grams = {g for g, _ in ngrams("佣金|太贵")}
    assert "佣金" in grams and "太贵" in grams
    assert not any("|" in g for g in grams)


def test_it_learns_the_labels(model: LinearModel) -> None:
    for text, want in [("佣金太高了", "fee"), ("服务不好", "service"), ("亏钱了", "loss")]:
        scores = model.scores(text)
        assert max(scores, key=scores.get) == want, (text, scores)


def test_evidence_points_at_the_words_in_the_original(model: LinearModel) -> None:
    text = "他們那邊佣金萬一"  # Traditional: matched on the simplified form, shown as typed
    found = model.evidence(text, "fee")
    assert found and all(0 <= c.start < c.end <= len(text) for c in found)
    assert any(text[c.start : c.end] in ("佣金", "佣", "金") for c in found)


def test_text_with_nothing_learnt_scores_only_the_bias(model: LinearModel) -> None:
    assert not model.has_evidence("xyz")
    assert list(model.scores("xyz").values()) == list(model.bias)


def test_the_model_round_trips_through_plain_data(model: LinearModel) -> None:
    back = LinearModel.from_data(json.loads(json.dumps(model.to_data())))
    assert back.scores("佣金太高") == pytest.approx(model.scores("佣金太高"))


@pytest.mark.parametrize("broken", [
    {}, {"labels": ["a"], "sizes": [1, 3], "grams": ["x"], "idf": [1.0], "weights": [[1.0, 2.0]],
         "bias": [0.0]},
    {"labels": ["a"], "sizes": [1, 3], "grams": ["x"], "idf": [float("nan")], "weights": [[1.0]],
     "bias": [0.0]},
    {"labels": ["a"], "sizes": [1, 99], "grams": [], "idf": [], "weights": [], "bias": [0.0]},
])
def test_malformed_data_is_refused(broken: dict) -> None:
    with pytest.raises(ValueError):
        LinearModel.from_data(broken)
