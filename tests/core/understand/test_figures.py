"""The client's numbers: each name, both directions of whose rate, and the ways numbers are written."""

import pytest

from coach.core.understand.figures import extract_figures


def named(text: str) -> dict[str, object]:
    return {f.name: f.value for f in extract_figures(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("你们这万2.5太贵了", {"our_rate": pytest.approx(0.00025)}),
        ("人家那边0.012%", {"their_rate": pytest.approx(0.00012)}),
        ("華泰那邊千分之一點五", {"their_rate": pytest.approx(0.0015)}),
        ("不降到万一我就走", {"asked_rate": pytest.approx(0.0001)}),
        ("对面万1免五", {"their_rate": pytest.approx(0.0001), "no_minimum": True}),
        ("我一年交易额大概三千万", {"annual_turnover": 30_000_000}),
        ("一个月成交三百万左右", {"annual_turnover": 36_000_000}),
        ("一年做两百笔", {"trades_per_year": 200}),
        ("每笔大概５万", {"trade_size": 50_000}),
        ("账户里有1,200,000元", {"assets": 1_200_000}),
        ("亏了二十多万", {"loss_amount": 200_000}),
        ("亏了三成", {"loss_ratio": pytest.approx(0.3)}),
        ("跌了40%", {"loss_ratio": pytest.approx(0.4)}),
        ("在你们这开户十年了", {"years_with_us": 10}),
    ],
)
def test_each_name(text, expected):
    got = named(text)
    for name, value in expected.items():
        assert got.get(name) == value, (text, got)


def test_whose_rate_goes_by_the_words_before_it():
    got = extract_figures("那边给我万1.5，你们这边万2.5")
    assert [(f.name, f.text) for f in got] == [("their_rate", "万1.5"), ("our_rate", "万2.5")]


def test_spans_point_into_the_original_text():
    text = "在你們這開戶十年了，帳戶裡有１,２００,０００元"
    for f in extract_figures(text):
        assert text[f.start : f.end] == f.text
    assert {f.name: f.value for f in extract_figures(text)}["assets"] == 1_200_000


def test_amounts_are_not_rates_and_plain_words_give_nothing():
    assert "our_rate" not in named("你们这资产十万")
    assert extract_figures("我搬家了，太远") == []
    assert extract_figures("") == []


def test_calculator_fields_from_figures():
    from coach.core.understand.figures import calculator_fields

    fields = calculator_fields(extract_figures("你们万2.5，一个月成交三百万，不降到万1我就走"))
    assert fields == {"our_rate": "万2.5", "turnover": "36000000", "their_rate": "万1"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一年做两百万", {"annual_turnover": 2_000_000}),
        ("一个月炒五十万左右", {"annual_turnover": 6_000_000}),
        ("一年大概交易200万，100笔", {"annual_turnover": 2_000_000, "trades_per_year": 100}),
        ("一年做两百万，大概一百笔", {"annual_turnover": 2_000_000, "trades_per_year": 100}),
        ("一个月成交三十万，差不多十笔", {"annual_turnover": 3_600_000, "trades_per_year": 120}),
    ],
)
def test_trading_said_as_a_verb_and_a_count_in_the_next_clause(text, expected):
    assert named(text) == expected


def test_without_a_period_anywhere_a_count_or_a_sum_is_not_a_years_trading():
    assert named("我做了十年，亏了二十万") == {"loss_amount": 200_000}
    assert named("上次打电话等了半天，打了3次") == {}
    assert named("做了两百万的单子") == {}
