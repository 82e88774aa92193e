"""A reply model's linear models as plain data and back: the same scores, damage refused."""

from __future__ import annotations

import math

import pytest

from coach.core.understand.reply_storage import packed, unpacked
from coach.core.understand.training import train

TEXTS = ["您别着急，慢慢说", "您先消消气，我听着", "爱转不转", "随便你，转就转",
         "您慢慢说，我都记下", "你爱去哪去哪"]
LABELS = [["calm"], ["calm"], ["rude"], ["rude"], ["calm"], ["rude"]]


def test_scores_come_back_the_same() -> None:
    model = train(TEXTS, LABELS, ("calm", "rude"), min_df=1)
    back = unpacked(packed(model))
    for text in [*TEXTS, "转户手续", ""]:
        a, b = model.scores(text), back.scores(text)
        assert a.keys() == b.keys() and all(math.isclose(a[k], b[k], abs_tol=1e-9) for k in a)


@pytest.mark.parametrize("damage", [
    {"bias": [float("nan"), 0.0]},
    {"grams": ["一"]},
    {"sizes": [3, 1]},
])
def test_damaged_data_is_refused(damage: dict) -> None:
    data = packed(train(TEXTS, LABELS, ("calm", "rude"), min_df=1)) | damage
    with pytest.raises((ValueError, KeyError, TypeError)):
        unpacked(data)
