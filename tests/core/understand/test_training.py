"""Training the linear n-gram model: deterministic, both losses, folds and out-of-fold scores."""

from __future__ import annotations

import pytest
from linear_toy import IDS, LABELS, TEXTS

from coach.core.understand.training import cross_val_scores, folds, train


def test_training_is_deterministic_whatever_the_order() -> None:
    a = train(TEXTS, LABELS, IDS, min_df=1)
    b = train(TEXTS[::-1], LABELS[::-1], IDS, min_df=1)
    assert a.to_data() == b.to_data()


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


def test_the_numpy_products_give_the_weights_scipys_do(monkeypatch) -> None:
    """SciPy's sparse products are the fast path; without SciPy, numpy gives the same model."""
    import sys

    texts = ["佣金太贵了", "那边佣金万一", "搬家了离得远", "我搬到城东去了", "服务太差没人理",
             "客户经理从不联系", "佣金高服务差", "太远了不方便"]
    labels = [("fee",), ("fee",), ("move",), ("move",), ("service",), ("service",),
              ("fee", "service"), ("move",)]
    ids = ("fee", "move", "service")
    fast = train(texts, labels, ids, min_df=1, iterations=40)
    monkeypatch.setitem(sys.modules, "scipy.sparse", None)  # import fails: the numpy path
    slow = train(texts, labels, ids, min_df=1, iterations=40)
    assert fast.weights.keys() == slow.weights.keys()
    for gram, row in fast.weights.items():
        assert row == pytest.approx(slow.weights[gram], abs=1e-9)
    assert fast.bias == pytest.approx(slow.bias, abs=1e-9)
