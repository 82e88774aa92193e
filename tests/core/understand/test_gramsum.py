"""The n-gram sums in C agree with the sums in Python, and no damaged table crashes them."""

from __future__ import annotations

import math
import os
import shutil
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_tally import GRAMS, IDF, ROWS, close, reference, tally

from coach.core.text import CLAUSE_BREAK
from coach.core.understand.linear import LinearModel

try:
    from coach.core.understand import _gramsum
except ImportError:  # built at install wherever a C compiler is at hand
    _gramsum = None

needs_extension = pytest.mark.skipif(_gramsum is None, reason="the C extension is not built")
INDEX = {g: i for i, g in enumerate(GRAMS)}
# test_tally's ROWS are rows already scaled by idf; FLAT are the weights they came from
SCALED = array("d", (w for g in GRAMS for w in ROWS[g]))
FLAT = array("d", (w / IDF[g] for g in GRAMS for w in ROWS[g]))
IDFS = array("d", (IDF[g] for g in GRAMS))


def compiled(text: str, *, scaled: bool = False, index: dict | None = None):  # noqa: ANN201
    rows = SCALED if scaled else FLAT
    return _gramsum.tally(INDEX if index is None else index, rows, IDFS, 3, 1, 3, scaled, text)


def test_the_extension_is_built_where_a_compiler_is() -> None:
    if shutil.which(os.environ.get("CC", "cc")) is None:
        pytest.skip("no C compiler here: the Python sums serve")
    assert _gramsum is not None, "pip install -e . should have built coach.core.understand._gramsum"


@needs_extension
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="佣金太贵搬家了远亏钱的" + CLAUSE_BREAK, max_size=60))
def test_it_sums_what_the_python_tally_sums(text: str) -> None:
    want, python = reference(text), tally()(text)
    for got in (compiled(text, scaled=True), compiled(text)):
        assert (got is None) == (want is None)
        if want is None:
            continue
        assert got[1] == close(want[1])
        assert got[2] == python[2]
        for a, b in zip(got[0], want[0], strict=True):
            assert a == close(b)


@needs_extension
def test_a_repeated_ngram_counts_one_plus_log_of_its_count() -> None:
    sums, square, support = compiled("亏亏亏亏", scaled=True)
    factor = 1.0 + math.log(4)
    assert support == 1
    assert sums[0] == close(factor * ROWS["亏"][0])
    assert square == close(factor**2 * IDF["亏"] ** 2)
    assert compiled("亏亏亏亏")[0][0] == close(sums[0])  # unscaled rows, times idf here
    assert compiled("你好") is None and compiled("") is None


@needs_extension
@pytest.mark.parametrize("row", [len(GRAMS), -1, 10**12])
def test_a_row_out_of_range_is_an_error_not_a_read_out_of_bounds(row: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        compiled("佣金", index={"佣": row})


@needs_extension
def test_damaged_tables_raise_errors() -> None:
    with pytest.raises(TypeError):
        compiled("佣金", index={"佣": "0"})
    with pytest.raises(TypeError):
        _gramsum.tally(INDEX, array("f", [1.0] * 33), IDFS, 3, 1, 3, False, "佣金")
    with pytest.raises(TypeError):
        _gramsum.tally(INDEX, b"\0" * 8, IDFS, 3, 1, 3, False, "佣金")
    with pytest.raises(ValueError):
        _gramsum.tally(INDEX, FLAT, IDFS, 0, 1, 3, False, "佣金")
    with pytest.raises(ValueError):
        _gramsum.tally(INDEX, FLAT, IDFS, 3, 2, 1, False, "佣金")


@needs_extension
def test_short_arrays_limit_the_rows_that_may_be_read() -> None:
    with pytest.raises(ValueError, match="out of range"):
        _gramsum.tally(INDEX, FLAT[:3], IDFS, 3, 1, 3, False, "金")  # row 1 of a 1-row table
    assert _gramsum.tally(INDEX, FLAT[:3], IDFS, 3, 1, 3, False, "佣") is not None


def test_a_model_scores_the_same_with_either_tally() -> None:
    labels = ("a", "b", "c")
    model = LinearModel(labels, (1, 3), dict(IDF), {g: ROWS[g] for g in GRAMS}, (0.1, -0.2, 0.0))
    python = tally()
    for text in ("佣金太贵了", "搬家了，远", "亏了钱亏了钱", "你好", "佣"):
        got, want = model._tally(text), python(text)
        assert (got is None) == (want is None)
        if want is not None:
            # ROWS stand for scaled rows in `tally()`; the model scales its own by IDF
            for a, b in zip(got[0], _times_idf(text), strict=True):
                assert a == close(b)
            assert got[1:] == (close(want[1]), want[2])


def _times_idf(text: str) -> list[float]:
    """Per label the sum of weight times idf times 1 + log(count), over known n-grams."""
    from collections import Counter

    from coach.core.understand.linear import ngrams

    counts = Counter(g for g, _ in ngrams(text, (1, 3)) if g in ROWS)
    return [math.fsum((1 + math.log(c)) * IDF[g] * ROWS[g][k] for g, c in counts.items())
            for k in range(3)]


@needs_extension
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="佣金太贵搬家了远亏钱的" + CLAUSE_BREAK, max_size=60))
def test_features_are_what_python_makes_of_them_in_the_same_order(text: str) -> None:
    model = LinearModel(("a", "b", "c"), (1, 3), dict(IDF), {g: ROWS[g] for g in GRAMS},
                        (0.0, 0.0, 0.0))
    got, want = model._features_of(text), model._features_in_python(text)
    assert list(got) == list(want)
    for gram, share in want.items():
        assert got[gram] == close(share)


@needs_extension
def test_features_refuse_a_row_beyond_the_idf_table() -> None:
    with pytest.raises(ValueError, match="out of range"):
        _gramsum.features({"佣": 99}, IDFS, 1, 3, "佣")
    assert _gramsum.features(INDEX, IDFS, 1, 3, "你好") == {}


@needs_extension
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="佣金太贵搬家了远亏钱的" + CLAUSE_BREAK, max_size=60), st.integers(0, 2))
def test_explanations_are_what_python_makes_of_them(text: str, k: int) -> None:
    import coach.core.understand.linear as linear

    model = LinearModel(("a", "b", "c"), (1, 3), dict(IDF), {g: ROWS[g] for g in GRAMS},
                        (0.0, 0.0, 0.0))
    got = model.evidence(text, "abc"[k])
    kernel, linear._gramsum = linear._gramsum, None
    try:
        want = model.evidence(text, "abc"[k])
    finally:
        linear._gramsum = kernel
    assert [(c.gram, c.start, c.end) for c in got] == [(c.gram, c.start, c.end) for c in want]
    for a, b in zip(got, want, strict=True):
        assert a.weight == close(b.weight)


@needs_extension
def test_contributions_refuse_a_label_beyond_the_rows() -> None:
    with pytest.raises(ValueError):
        _gramsum.contributions(INDEX, FLAT, IDFS, 3, 1, 3, False, 3, "佣金")
    parts = _gramsum.contributions(INDEX, FLAT, IDFS, 3, 1, 3, False, 2, "佣金佣")
    assert [p[:2] for p in parts][:1] and all(w > 0 for _, _, w in parts)
    assert [w for _, _, w in parts] == sorted((w for _, _, w in parts), reverse=True)


@needs_extension
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="佣金太贵搬家了远亏钱的a\U0001F600" + CLAUSE_BREAK, max_size=60))
def test_a_code_table_finds_what_the_dict_finds(text: str) -> None:
    table = _gramsum.code_table(INDEX)
    for scaled in (False, True):
        rows = SCALED if scaled else FLAT
        assert (_gramsum.tally(table, rows, IDFS, 3, 1, 3, scaled, text)
                == _gramsum.tally(INDEX, rows, IDFS, 3, 1, 3, scaled, text))
    assert _gramsum.features(table, IDFS, 1, 3, text) == _gramsum.features(INDEX, IDFS, 1, 3, text)
    assert (_gramsum.contributions(table, FLAT, IDFS, 3, 1, 3, False, 1, text)
            == _gramsum.contributions(INDEX, FLAT, IDFS, 3, 1, 3, False, 1, text))
    # only the sizes asked for: 2-grams alone
    assert (_gramsum.tally(table, FLAT, IDFS, 3, 2, 2, False, text)
            == _gramsum.tally(INDEX, FLAT, IDFS, 3, 2, 2, False, text))


@needs_extension
def test_a_code_table_holds_short_ngrams_only_and_is_checked() -> None:
    assert _gramsum.code_table({"佣金太贵": 0}) is None
    table = _gramsum.code_table(INDEX)
    with pytest.raises(ValueError, match="1 to 3"):
        _gramsum.tally(table, FLAT, IDFS, 3, 1, 4, False, "佣金")
    for damaged in (table[:-1], b"\0" * 8, b"\x03" + b"\0" * 7 + b"\0" * 48, b""):
        with pytest.raises(ValueError, match="code table"):
            _gramsum.tally(damaged, FLAT, IDFS, 3, 1, 3, False, "佣金")
    with pytest.raises(TypeError):
        _gramsum.tally(["佣"], FLAT, IDFS, 3, 1, 3, False, "佣金")


@needs_extension
def test_the_built_extension_speaks_the_interface_this_code_calls() -> None:
    from coach.core.understand.linear import GRAMSUM_ABI

    assert _gramsum.ABI == GRAMSUM_ABI
