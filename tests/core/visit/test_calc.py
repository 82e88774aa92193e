from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from walkthrough_factories import make_firm

from coach.core.content.model import Tier
from coach.core.visit.calc import (
    CalcError,
    FeeTerms,
    Rate,
    bundle,
    commission,
    parse_amount,
    parse_count,
    parse_rate,
)


def test_seed_example_100k_a_year_at_025_vs_02_percent_differs_by_50_yuan() -> None:
    # 10 trades of 10,000 yuan: 25 and 20 yuan a trade, well above the 5-yuan minimum
    result = commission(100_000, 10, "0.25%", "0.2%")
    assert result.our_cost == pytest.approx(250)
    assert result.their_cost == pytest.approx(200)
    assert result.yearly_diff == pytest.approx(50)
    assert result.monthly_diff == pytest.approx(50 / 12)
    assert not result.minimum_binds
    values = result.values()
    assert values["yearly_diff"] == "50元"
    assert values["monthly_diff"] == "4.17元"
    assert values["trade_size"] == "1万元"
    assert values["turnover"] == "10万元"
    sentence = result.sentence()
    assert "10万元" in sentence and "10笔" in sentence
    assert "一年相差50元" in sentence and "一个月不到5元" in sentence
    assert "50元 a year" in result.sentence("en")


def test_minimum_makes_the_lower_rate_meaningless_for_small_trades() -> None:
    result = commission("10万", "20", "万2.5", "万2")
    assert result.trade_size == pytest.approx(5_000)
    assert result.our_per_trade == result.their_per_trade == 5
    assert result.our_cost == result.their_cost == pytest.approx(100)
    assert result.yearly_diff == 0
    assert result.minimum_equalises
    # saving starts where OUR fee per trade leaves the minimum: 5 / 0.00025 = 2万 a trade
    assert result.break_even_size == pytest.approx(20_000)
    assert result.effective_rate == pytest.approx(0.001)
    sentence = result.sentence()
    assert "最低的5元" in sentence and "省不下" in sentence and "超过2万元" in sentence
    assert "2.5万元" not in sentence
    assert "minimum" in result.sentence("en")


def test_only_their_side_at_the_minimum_is_noted() -> None:
    # 50 trades of 20,000: ours 6 yuan, theirs 20,000 x 0.0002 = 4 -> the 5-yuan minimum
    result = commission(1_000_000, 50, "万3", "万2")
    assert not result.our_at_minimum and result.their_at_minimum
    assert result.yearly_diff == pytest.approx(300 - 250)
    assert "对方每笔也要收最低5元" in result.sentence()


def test_free_of_minimum_offer_pays_the_bare_rate() -> None:
    result = commission("10万", 20, "万2.5", "万1免五")
    assert result.their_rate == Rate(0.0001, True, "万1免五")
    assert result.their_per_trade == pytest.approx(0.5)
    assert result.their_cost == pytest.approx(10)
    assert result.yearly_diff == pytest.approx(90)
    assert result.values()["their_rate"] == "万1免五"


def test_when_we_are_cheaper_the_sentence_says_so() -> None:
    result = commission("1000万", 100, "万2", "万2.5")
    assert result.yearly_diff < 0
    assert "反而比对方少500元" in result.sentence()


def test_firm_rules_replace_the_defaults() -> None:
    firm = make_firm(min_commission=0.1, cap_rate=0.002)
    result = commission("10万", 20, "万2.5", "万2", firm)
    assert result.terms == FeeTerms(min_commission=0.1, cap_rate=0.002)
    assert not result.minimum_binds
    assert result.yearly_diff == pytest.approx(5)
    assert commission("10万", 20, "万2.5", "万2", (0.1, 0.003)).terms.min_commission == 0.1


@pytest.mark.parametrize("ours, theirs", [("千4", "万2"), ("万2.5", "0.5%")])
def test_rate_above_the_cap_is_reported(ours: str, theirs: str) -> None:
    with pytest.raises(CalcError) as err:
        commission("10万", 20, ours, theirs)
    assert "千分之3的上限" in err.value.message()
    assert "cap" in err.value.message("en")


@pytest.mark.parametrize(
    "text, rate, waived",
    [
        ("万2.5", 0.00025, False),
        ("万分之2.5", 0.00025, False),
        ("0.025%", 0.00025, False),
        ("０.０２５％", 0.00025, False),
        ("2.5‱", 0.00025, False),
        ("0.00025", 0.00025, False),
        ("千1", 0.001, False),
        ("3‰", 0.003, False),
        ("千分之3", 0.003, False),
        ("万1免五", 0.0001, True),
        ("万一免五", 0.0001, True),
        ("万1免5", 0.0001, True),
        ("万二点五", 0.00025, False),
        (" 万 2.5 ", 0.00025, False),
    ],
)
def test_rates_parse_as_staff_type_them(text: str, rate: float, waived: bool) -> None:
    parsed = parse_rate(text)
    assert parsed.value == pytest.approx(rate)
    assert parsed.waives_minimum is waived


@pytest.mark.parametrize("text", ["abc", "", "万", "0", "-0.0002", "万2.5.1", "nan"])
def test_bad_rates_are_typed_errors_with_a_hint(text: str) -> None:
    with pytest.raises(CalcError) as err:
        parse_rate(text)
    assert text.strip() in err.value.message() or "必须大于零" in err.value.message()


def test_a_bare_rate_without_unit_is_not_guessed() -> None:
    with pytest.raises(CalcError) as err:
        parse_rate("2.5")
    assert "万2.5" in err.value.message() and "2.5%" in err.value.message()


@pytest.mark.parametrize(
    "text, yuan",
    [
        ("10万", 100_000),
        ("1.5亿", 150_000_000),
        ("100000", 100_000),
        ("50w", 500_000),
        ("50W", 500_000),
        ("１０万", 100_000),
        ("100,000元", 100_000),
        ("5千", 5_000),
        ("3千万", 30_000_000),
        ("五十万", 500_000),
        ("两万五", 25_000),
        ("1200万", 12_000_000),
        ("2000块", 2_000),
    ],
)
def test_amounts_parse_as_staff_type_them(text: str, yuan: float) -> None:
    assert parse_amount(text) == pytest.approx(yuan)


@pytest.mark.parametrize("text", ["", "abc", "10万万x", "-5", "0", "万"])
def test_bad_amounts_are_typed_errors(text: str) -> None:
    with pytest.raises(CalcError) as err:
        parse_amount(text)
    assert err.value.message() and err.value.message("en")


def test_trade_counts_must_be_whole_and_positive() -> None:
    assert parse_count("20笔") == 20
    assert parse_count("二十") == 20
    for bad in ("0", "2.5", "x"):
        with pytest.raises(CalcError):
            parse_count(bad)
    with pytest.raises(CalcError):
        commission("10万", 0, "万2.5", "万2")


@given(st.integers(min_value=1, max_value=10**12))
def test_plain_integers_parse_to_themselves(n: int) -> None:
    assert parse_amount(str(n)) == n


@given(
    turnover=st.floats(min_value=1_000, max_value=1e10),
    trades=st.integers(min_value=1, max_value=5_000),
    ours=st.floats(min_value=0.00005, max_value=0.003),
    theirs=st.floats(min_value=0.00005, max_value=0.003),
)
def test_nobody_pays_less_than_the_minimum_per_trade(
    turnover: float, trades: int, ours: float, theirs: float
) -> None:
    result = commission(turnover, trades, ours, theirs)
    assert result.our_cost >= 5 * trades - 1e-6
    assert result.their_cost >= 5 * trades - 1e-6
    assert result.our_cost >= ours * turnover - 1e-6


def test_bundle_finds_the_tier_reached_and_the_next_one() -> None:
    result = bundle(["200万", "500万", "1200万"], make_firm())
    assert result.pooled == pytest.approx(19_000_000)
    assert result.accounts == 3
    assert result.tier == Tier("银卡", 5_000_000, 0.0002)
    assert result.rate == pytest.approx(0.0002)
    assert result.next_tier.name == "金卡"
    assert result.needed_for_next == pytest.approx(1_000_000)
    assert result.saving == pytest.approx(19_000_000 * 0.00005)
    values = result.values()
    assert values == {
        "pooled_turnover": "1,900万元",
        "accounts": "3",
        "bundle_tier": "银卡",
        "bundle_rate": "万2",
        "bundle_saving": "950元",
        "when.bundle_saves": "1",  # the `when:` conditions, for the steps' variants
        "when.bundle_below_tier": "",
    }
    sentence = result.sentence()
    assert "3个账户" in sentence and "1900万元" in sentence and "银卡" in sentence
    assert "再多100万元" in sentence and "金卡" in sentence
    assert "银卡" in result.sentence("en")


def test_bundle_exactly_at_a_threshold_reaches_it_and_the_top_tier_has_no_next() -> None:
    assert bundle([20_000_000], make_firm()).tier.name == "金卡"
    top = bundle(["3000万", "3000万"], make_firm())
    assert top.tier.name == "钻石卡" and top.next_tier is None and top.needed_for_next == 0


def test_bundle_below_every_tier_stays_on_the_standard_rate() -> None:
    result = bundle([1_000_000], make_firm())
    assert result.tier is None
    assert result.rate == pytest.approx(0.00025)
    assert result.saving == 0
    assert result.next_tier.name == "银卡" and result.needed_for_next == pytest.approx(4_000_000)
    assert "标准佣金" in result.sentence()


def test_bundle_needs_tiers_and_amounts() -> None:
    with pytest.raises(CalcError):
        bundle(["200万"], None)
    with pytest.raises(CalcError):
        bundle(["200万"], make_firm(tiers=()))
    with pytest.raises(CalcError):
        bundle([], make_firm())
    with pytest.raises(CalcError):
        bundle(["两百x"], make_firm())


def test_saving_starts_once_our_fee_leaves_the_minimum_not_theirs() -> None:
    # issue 11.1: 90万 in 30 trades of 3万 at 万2.5 vs 万1 -> 225 vs 150 yuan; the old line said
    # the lower rate only works above 5万 a trade (where THEIR fee leaves the minimum)
    result = commission("90万", 30, "万2.5", "万1")
    assert result.our_cost == pytest.approx(225)
    assert result.their_cost == pytest.approx(150)
    assert result.break_even_size == pytest.approx(20_000)
    small = commission("20万", 20, "万2.5", "万1")  # 1万 a trade: both at the minimum
    assert small.minimum_equalises
    assert "超过2万元" in small.sentence() and "5万元" not in small.sentence()
    assert "exceeds 2万元" in small.sentence("en")


@given(
    our=st.sampled_from(["万2.5", "万3", "万2", "万1.5免五", "万2.5免五"]),
    their=st.sampled_from(["万1", "万1免五", "万2", "万0.854", "万3", "万2.5免五"]),
)
def test_break_even_is_where_the_yearly_costs_start_to_differ(our: str, their: str) -> None:
    result = commission("100万", 10, our, their)
    start = result.break_even_size
    if start is None:  # never cheaper there: not at any size on a fine grid
        sizes = [1_000 * k for k in range(1, 200)]
    else:  # not cheaper just below the start, cheaper just above it
        sizes = [start + 1]
        if start > 1:
            below = commission(start - 1, 1, our, their)
            assert below.yearly_diff <= 1e-9
    for size in sizes:
        one = commission(size, 1, our, their)
        if start is None:
            assert one.yearly_diff <= 1e-9
        else:
            assert one.yearly_diff > 0


def test_bundle_counts_each_account_whatever_the_commas() -> None:
    # issue 10.9: "200万,300万,600万" counted 1 account, mixed commas counted 2
    firm = make_firm()
    assert bundle(["200万,300万,600万"], firm).accounts == 3
    assert bundle(["200万，300万,600万"], firm).accounts == 3
    assert bundle(["1,200,000 300万"], firm).turnovers == (1_200_000, 3_000_000)


def test_bundle_at_the_standard_tier_promises_no_saving() -> None:
    # issue 10.9: a tier at the standard rate printed "少付0元"
    firm = make_firm(tiers=(Tier("标准", 0, 0.00025), Tier("银卡", 5_000_000, 0.0002)))
    result = bundle(["100万"], firm)
    assert not result.discounted
    assert "0元" not in result.sentence() and "少付" not in result.sentence()
    assert "标准佣金" in result.sentence()


def test_waiver_alone_asks_for_the_rate_and_every_message_names_mian_wu() -> None:
    with pytest.raises(CalcError) as alone:
        parse_rate("免五")
    assert "万1免五" in alone.value.message("zh")
    with pytest.raises(CalcError) as bad:
        parse_rate("便宜点")
    assert "免五" in bad.value.message("zh") and "免五" in bad.value.message("en")
