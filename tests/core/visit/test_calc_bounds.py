"""Every calculator input is bounded to a plausible range, refused with a clear message; and
Chinese big units multiply (1万万 is 1亿)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from walkthrough_factories import make_firm

from coach.core.understand.amount_limits import MAX_AMOUNT, MAX_RATE, MAX_TRADES, MIN_RATE
from coach.core.visit.calc import (
    CalcError,
    bundle,
    commission,
    parse_amount,
    parse_count,
    parse_rate,
)


@pytest.mark.parametrize(
    "text, yuan",
    [
        ("1万万", 100_000_000),
        ("一万万", 100_000_000),
        ("两万万", 200_000_000),
        ("1万万元", 100_000_000),
        ("五千万", 50_000_000),
        ("两万五", 25_000),
        ("1万5", 15_000),
        ("1.5亿", 150_000_000),
        ("一亿零五万", 100_050_000),
        ("3千亿", 300_000_000_000),
    ],
)
def test_big_units_multiply(text: str, yuan: float) -> None:
    assert parse_amount(text) == yuan


def _refused(call, *args) -> CalcError:
    with pytest.raises(CalcError) as caught:
        call(*args)
    return caught.value


def test_a_400_digit_turnover_is_out_of_range_not_below_zero() -> None:
    error = _refused(parse_amount, "9" * 400)
    assert "太长" in error.message("zh") and "too long" in error.message("en")
    error = _refused(parse_amount, "9" * 30)
    assert "超出合理范围" in error.message("zh") and "大于零" not in error.message("zh")


@pytest.mark.parametrize("text", ["9" * 400, "1" + "0" * 26, str(MAX_TRADES + 1), "1亿"])
def test_impossible_trade_counts_are_refused(text: str) -> None:
    error = _refused(parse_count, text)
    assert "trades" in error.message("en")


def test_counts_up_to_the_limit_are_fine() -> None:
    assert parse_count(str(MAX_TRADES)) == MAX_TRADES


@pytest.mark.parametrize("text", ["1e-320", "0.00000000001", "万0.000001", "万分之0.001"])
def test_rates_too_small_to_be_real_are_refused(text: str) -> None:
    error = _refused(parse_rate, text)
    assert "太低" in error.message("zh") and "万0.01" in error.message("en")


@pytest.mark.parametrize("text", ["千1万", "200%", "1000‰"])
def test_rates_too_high_to_be_real_are_refused(text: str) -> None:
    assert "太高" in _refused(parse_rate, text).message("zh")


def test_the_smallest_real_rate_is_accepted_and_said_plainly() -> None:
    rate = parse_rate("万0.01")
    assert rate.value == pytest.approx(MIN_RATE)
    assert "e" not in str(rate)


def test_numbers_given_directly_are_bounded_too() -> None:
    for args in [
        (1e20, 10, "万2.5", "万1.5"),
        (1e6, 10**26, "万2.5", "万1.5"),
        (1e6, float("inf"), "万2.5", "万1.5"),
        (1e6, 10, 1e-320, "万1.5"),
    ]:
        _refused(commission, *args)
    _refused(bundle, [1e13], make_firm())
    _refused(bundle, ["10万"] * 51, make_firm())


AMOUNTISH = st.text(alphabet="0123456789.万亿千百十一二三四五六七八九两零元wk ", max_size=45)


@given(AMOUNTISH)
def test_amount_parsing_never_escapes_or_leaves_the_range(text: str) -> None:
    try:
        value = parse_amount(text)
    except CalcError:
        return
    assert math.isfinite(value) and 0 < value <= MAX_AMOUNT


@given(AMOUNTISH)
def test_count_parsing_never_escapes_or_leaves_the_range(text: str) -> None:
    try:
        value = parse_count(text)
    except CalcError:
        return
    assert 1 <= value <= MAX_TRADES


@given(st.text(alphabet="0123456789.万千分之%‰‱e-免五", max_size=45))
def test_rate_parsing_never_escapes_or_leaves_the_range(text: str) -> None:
    try:
        rate = parse_rate(text)
    except CalcError:
        return
    assert math.isfinite(rate.value) and MIN_RATE <= rate.value <= MAX_RATE
    assert "e" not in str(rate)


@given(
    st.floats(min_value=1, max_value=MAX_AMOUNT),
    st.integers(min_value=1, max_value=MAX_TRADES),
    st.floats(min_value=MIN_RATE, max_value=0.003),
    st.floats(min_value=MIN_RATE, max_value=0.003),
)
def test_the_sentence_is_plain_for_every_input_in_range(turnover, trades, ours, theirs) -> None:
    result = commission(turnover, trades, ours, theirs)
    for lang in ("zh", "en"):
        sentence = result.sentence(lang)
        assert "inf" not in sentence and "nan" not in sentence
        assert "e+" not in sentence and "e-" not in sentence, sentence
