"""Each indicator at, just below and just above the guide's threshold."""

from __future__ import annotations

import pytest
from exports import fired, flag_of, rows

# ---------------------------------------------------------------- key data


@pytest.mark.parametrize(("total", "fires"), [(30_000, False), (29_999, False), (30_001, True)])
def test_transfer_out_over_30_percent_of_assets_twice_in_six_months(tmp_path, total, fires):
    half = total / 2
    client = rows(m4={"transfer_out": half}, m1={"transfer_out": half})
    assert ("transfer_out" in fired(tmp_path, client)) is fires


def test_transfer_out_once_is_not_enough(tmp_path):
    assert "transfer_out" not in fired(tmp_path, rows(m1={"transfer_out": 90_000}))


def test_transfer_out_older_than_six_months_does_not_count(tmp_path):
    client = rows(m6={"transfer_out": 40_000}, m0={"transfer_out": 40_000})
    assert "transfer_out" not in fired(tmp_path, client)
    client = rows(m5={"transfer_out": 40_000}, m0={"transfer_out": 40_000})
    assert "transfer_out" in fired(tmp_path, client)


@pytest.mark.parametrize(("commission", "fires"), [(70, False), (70.01, False), (69.99, True)])
def test_commission_drop_30_percent_below_three_months(tmp_path, commission, fires):
    assert ("commission_drop" in fired(tmp_path, rows(m0={"commission": commission}))) is fires


def test_commission_drop_of_a_large_client_is_against_six_months(tmp_path):
    # Three months ago commission was high; the last three were low. Against three months a
    # small client shows no drop; against six a large one does.
    high = {"commission": 200}
    low = {"commission": 100}
    change = {f"m{i}": high for i in (4, 5, 6)} | {f"m{i}": low for i in (1, 2, 3)}
    small = rows(m0={"commission": 95}, **change)
    large = [dict(r, large_client=1) for r in small]
    assert "commission_drop" not in fired(tmp_path, small)
    assert "commission_drop" in fired(tmp_path, large)


def test_empty_position_two_months_running(tmp_path):
    assert "empty_position" in fired(tmp_path, rows(m0={"position_days": 0}, m1={"position_days": 0}))
    assert "empty_position" not in fired(tmp_path, rows(m0={"position_days": 0}))
    assert "empty_position" not in fired(tmp_path, rows(m0={"position_days": 1}, m1={"position_days": 0}))


# ---------------------------------------------------------------- supporting data


@pytest.mark.parametrize(("trades", "fires"), [(5, False), (6, False), (4, True)])
def test_trades_under_half_of_three_month_average(tmp_path, trades, fires):
    assert ("trades_drop" in fired(tmp_path, rows(m0={"trades": trades}))) is fires


@pytest.mark.parametrize(("pnl", "fires"), [(-50_000, False), (-49_999, False), (-50_001, True)])
def test_month_loss_over_half_of_assets(tmp_path, pnl, fires):
    client = rows(m0={"pnl": pnl, "assets": 100_000 + pnl})
    assert ("month_loss" in fired(tmp_path, client)) is fires


# ---------------------------------------------------------------- qualitative


@pytest.mark.parametrize(("month", "fires"), [("m0", True), ("m1", True), ("m2", False)])
def test_complaint_this_month_or_last(tmp_path, month, fires):
    assert ("complaint" in fired(tmp_path, rows(**{month: {"complaints": 1}}))) is fires


@pytest.mark.parametrize(("month", "fires"), [("m0", True), ("m1", True), ("m2", False)])
def test_fee_request_this_month_or_last(tmp_path, month, fires):
    assert ("fee_request" in fired(tmp_path, rows(**{month: {"fee_requests": 1}}))) is fires


@pytest.mark.parametrize(("changes", "fires"), [
    ({"m0": {"contacts": 2}}, False),
    ({"m0": {"contacts": 1}}, True),
    ({"m1": {"contacts": 1}}, True),
    ({"m2": {"contacts": 1}}, False),
])
def test_contact_below_three_month_average(tmp_path, changes, fires):
    assert ("contact_drop" in fired(tmp_path, rows(**changes))) is fires


# ---------------------------------------------------------------- ranking and causes


def test_steady_client_is_not_flagged(tmp_path):
    assert flag_of(tmp_path, rows()) is None


def test_risk_adds_the_weights_and_the_heaviest_names_the_cause(tmp_path):
    client = rows(m0={"commission": 10, "complaints": 1})
    flag = flag_of(tmp_path, client)
    assert flag is not None
    assert flag.risk == 3 + 1  # commission drop (key data) and a complaint (qualitative)
    assert flag.cause == "fee_cut_ultimatum"
