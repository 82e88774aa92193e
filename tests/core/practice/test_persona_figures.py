"""Every figure a persona's background states agrees with its profile, and a fee-minded client's
own sums agree with the calculator (issue 11: every figure in a persona is checked)."""

from __future__ import annotations

import re

import pytest

from coach.core.content.library import load_library
from coach.core.paths import default_playbooks
from coach.core.practice.client_values import client_values
from coach.core.practice.personas import Persona, load_for_library
from coach.core.understand.amounts import parse_amount

_CN = r"[\d一二两三四五六七八九十百]+"

LIBRARY = load_library(default_playbooks()).library
PERSONAS = load_for_library(LIBRARY).personas


def stated(pattern: str, text: str) -> float | None:
    m = re.search(pattern, text)
    return parse_amount(m.group(1)) if m else None


@pytest.mark.parametrize("persona", PERSONAS.values(), ids=lambda p: p.id)
def test_background_figures_match_the_profile(persona: Persona) -> None:
    text = persona.background.zh
    p = persona.profile
    checks = {
        "age": (stated(rf"({_CN})岁", text), p.age),
        "years": (stated(rf"开户({_CN})年", text), p.years),
        "capital": (stated(rf"(?:资金约|账上(?:只有|约)?)({_CN}万)", text), p.capital),
        "turnover": (stated(rf"一年交易({_CN}万)", text), p.turnover),
        "trades": (stated(rf"({_CN})来?笔", text), p.trades),
    }
    for name, (said, profile) in checks.items():
        if said is not None and profile:
            assert said == profile, f"{persona.id}: {name} {said} in the background, {profile} in the profile"
    if p.trades and p.turnover and (size := stated(rf"每笔({_CN}万)", text)):
        assert size == p.turnover / p.trades


def test_heavy_loss_wang_lost_what_his_background_says() -> None:
    wang = PERSONAS["heavy_loss_wang"]
    start = stated(rf"({_CN}万)本金", wang.background.zh)
    assert start is not None and start - wang.profile.capital == wang.profile.loss


def test_chens_own_sums_are_the_calculators() -> None:
    chen = PERSONAS["fee_cut_chen"]
    _, result = client_values(chen, LIBRARY)
    assert result is not None
    said = chen.responses["commission_math"]
    m = re.search(rf"一年({_CN})，免五才({_CN})……差({_CN})", said)
    assert m is not None
    ours, theirs, diff = (parse_amount(g) for g in m.groups())
    assert (ours, theirs, diff) == (result.our_cost, result.their_cost, result.yearly_diff)


def test_the_trial_cues_and_the_private_fund_thresholds_agree() -> None:
    cues = LIBRARY.techniques["one_week_trial"].cues
    days = [parse_amount(m.group(1)) for c in cues if (m := re.fullmatch(rf"({_CN})天", c))]
    assert days and all(d == LIBRARY.firm.trial_days for d in days)
    fund = LIBRARY.playbooks["quick_profit"].steps["fund_check"]
    for figure in ("100万元", "300万元", "50万元"):
        assert figure in "".join(fund.say) and figure.removesuffix("元") in "".join(fund.tips)
