"""The packed-integer tally scores exactly what a plain float sum over the n-grams scores."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.core.text import CLAUSE_BREAK
from coach.core.understand.linear import ngrams
from coach.core.understand.tally import LIMIT, RowTally

GRAMS = ["佣", "金", "佣金", "太贵", "搬", "搬家", "家了", "远", "亏", "亏了钱", "了"]
ROWS = {g: (0.5 * i - 2.0, -0.25 * i, 1.0 / (i + 1)) for i, g in enumerate(GRAMS)}
IDF = {g: 1.0 + 0.1 * i for i, g in enumerate(GRAMS)}


def reference(norm: str) -> tuple[list[float], float] | None:
    """The float sum the tally stands for: known n-grams, each 1 + log(count) times."""
    counts = Counter(g for g, _ in ngrams(norm, (1, 3)) if g in ROWS)
    if not counts:
        return None
    factor = {g: 1.0 + math.log(c) for g, c in counts.items()}
    sums = [math.fsum(factor[g] * ROWS[g][k] for g in counts) for k in range(3)]
    square = math.fsum(factor[g] ** 2 * IDF[g] ** 2 for g in counts)
    return sums, square


def close(value: float):  # noqa: ANN201
    return pytest.approx(value, rel=1e-6, abs=1e-6)


def tally() -> RowTally:
    return RowTally(ROWS.__contains__, ROWS.__getitem__, IDF.__getitem__, 3, (1, 3))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="佣金太贵搬家了远亏钱的" + CLAUSE_BREAK, max_size=60))
def test_it_sums_what_a_float_sum_sums(text: str) -> None:
    got, want = tally()(text), reference(text)
    assert (got is None) == (want is None)
    if want is not None:
        assert got[1] == close(want[1])
        for a, b in zip(got[0], want[0], strict=True):
            assert a == close(b)


def test_a_repeated_ngram_counts_one_plus_log_of_its_count() -> None:
    sums, square, support = tally()("亏亏亏亏")
    assert support == 1
    factor = 1.0 + math.log(4)
    assert sums[0] == close(factor * ROWS["亏"][0])
    assert square == close(factor**2 * IDF["亏"] ** 2)


def test_nothing_known_and_no_ngrams_at_all_give_none() -> None:
    assert tally()("你好") is None
    assert RowTally({}.__contains__, ROWS.__getitem__, IDF.__getitem__, 3, (1, 3))("佣金") is None


def test_a_damaged_weight_is_clamped_and_does_not_spill_into_its_neighbours() -> None:
    rows = {"佣": (1e300, -1e300, 0.5)}
    sums, _, _ = RowTally(rows.__contains__, rows.__getitem__, {"佣": 1.0}.__getitem__, 3, (1, 3))("佣佣")
    factor = 1.0 + math.log(2)
    assert sums == [close(factor * LIMIT), close(-factor * LIMIT),
                    close(factor * 0.5)]
