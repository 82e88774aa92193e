"""The lines a branch manager reads for each fired indicator: figures in both languages."""

from __future__ import annotations

import pytest

from coach.core.content.model import Text
from coach.core.outreach.explain import SENTENCES, describe, summary
from coach.core.outreach.watch import Fired, Flagged


def fired(id_: str, **figures: float) -> Fired:
    return Fired(id_, "key", Text(zh="名称", en="name"), figures)


@pytest.mark.parametrize(
    ("indicator", "figures", "zh", "en"),
    [
        ("transfer_out", {"out_times": 2, "out_total": 450_000, "assets": 1_000_000},
         "近期转出2次，共45万元，占月末资产45%", "moved out 2 times, 450,000 yuan, 45% of assets"),
        ("commission_drop", {"commission": 600, "commission_base": 1000},
         "本月佣金600元，此前月均1,000元，下降40%", "commission 600 yuan against 1,000 yuan before, down 40%"),
        ("empty_position", {"empty_months": 3}, "连续3个月空仓", "no position for 3 months"),
        ("trades_drop", {"trades": 4, "trades_avg": 12.5}, "本月交易4笔，此前月均12.5笔",
         "4 trades against 12.5 a month before"),
        ("month_loss", {"pnl": -300_000, "start_assets": 500_000}, "本月亏损30万元，占月初资产60%",
         "lost 300,000 yuan this month, 60% of assets"),
        ("complaint", {"recent_complaints": 1}, "本月或上月投诉1次", "1 complaint(s) this month or last"),
        ("fee_request", {"recent_fee_requests": 2}, "本月或上月提出降佣等要求2次",
         "asked for a lower commission 2 time(s)"),
        ("contact_drop", {"contacts": 0, "contacts_avg": 2.0}, "本月联系0次，此前月均2次",
         "0 contacts against 2 a month before"),
        ("heavy_loss", {"peak_assets": 3_000_000, "assets": 1_800_000, "year_pnl": -1_200_000},
         "资产从一年内最高300万元降到180万元，一年累计亏损120万元",
         "assets down from 3,000,000 yuan to 1,800,000 yuan, 1,200,000 yuan lost over the year"),
    ],
)
def test_each_indicator_reads_with_its_figures(indicator, figures, zh, en) -> None:
    assert describe(fired(indicator, **figures)) == zh
    assert describe(fired(indicator, **figures), "en") == en


def test_every_sentence_is_tested_and_an_unknown_indicator_falls_back_to_its_name() -> None:
    assert len(SENTENCES) == 9
    assert describe(fired("new_indicator")) == "名称"
    assert describe(fired("new_indicator"), "en") == "name"


def test_shares_without_a_base_read_as_the_whole() -> None:
    assert describe(fired("transfer_out", out_times=1, out_total=5000, assets=0)).endswith("100%")


def test_a_dormant_client_starts_with_the_idle_months() -> None:
    flagged = Flagged("C1", "2026-11", "dormant", 0.5, 0.0,
                      (fired("empty_position", empty_months=7),), "other", "dormant_call", 7)
    assert summary(flagged) == ["已7个月没有交易", "连续7个月空仓"]
    assert summary(flagged, "en")[0] == "no trade for 7 months"
