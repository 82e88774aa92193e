"""The linear n-gram model: learns from labelled examples, deterministic, stored as plain data."""

from __future__ import annotations

import json

import pytest

from coach.core.understand.linear import LinearModel, ngrams
from coach.core.understand.training import cross_val_scores, folds, train

TEXTS = [
    "那边佣金只要万一", "别家佣金比你们低", "对面券商佣金便宜一半", "人家给我万1.5的佣金",
    "你们服务太差了", "客户经理从来不联系我", "打电话没人接，服务差", "投诉了也没人管",
    "亏了好多钱想换换手气", "在这里亏得太惨了", "亏了三十万，换个地方", "这户头亏钱，不吉利",
]
LABELS = [["fee"]] * 4 + [["service"]] * 4 + [["loss"]] * 4
IDS = ("fee", "service", "loss")


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


def test_training_is_deterministic_whatever_the_order() -> None:
    a = train(TEXTS, LABELS, IDS, min_df=1)
    b = train(TEXTS[::-1], LABELS[::-1], IDS, min_df=1)
    assert a.to_data() == b.to_data()


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


def test_cross_validation_scores_every_item_out_of_fold() -> None:
    scores = cross_val_scores(TEXTS, LABELS, IDS, k=4, min_df=1)
    assert len(scores) == len(TEXTS) and all(set(s) == set(IDS) for s in scores)
    assert sorted(i for f in folds(12, 4) for i in f) == list(range(12))


def test_squared_hinge_learns_the_labels() -> None:
    hinge = train(TEXTS, LABELS, IDS, min_df=1, loss="squared_hinge", l2=0.02)
    for text, want in [("佣金太高了", "fee"), ("服务不好", "service"), ("亏钱了", "loss")]:
        scores = hinge.scores(text)
        assert max(scores, key=scores.get) == want, (text, scores)
    # Every training text sits on the right side of its own labels.
    for text, labels in zip(TEXTS, LABELS, strict=True):
        scores = hinge.scores(text)
        assert all((scores[i] > 0) == (i in labels) for i in IDS), (text, scores)


def test_an_unknown_loss_is_refused() -> None:
    with pytest.raises(ValueError, match="loss"):
        train(TEXTS, LABELS, IDS, min_df=1, loss="hinge-ish")
