"""The bundled content against the guide, the arithmetic and the rules (issue 11, item by item).

Each test reads the shipped playbooks and fails on the content the issue quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from coach.core.content.check import validate
from coach.core.content.graph import reach as _reach
from coach.core.content.library import load_library
from coach.core.content.model import Library, Playbook, Step
from coach.core.paths import default_playbooks
from coach.core.understand.amounts import parse_amount
from coach.core.visit.engine import Walkthrough


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(default_playbooks()).library


def lines(step: Step) -> Iterator[str]:
    yield from step.say
    yield step.ask
    yield from step.tips
    for variant in step.when:
        yield from variant.say
        yield from variant.tips


def all_lines(playbook: Playbook) -> str:
    return "\n".join(line for step in playbook.steps.values() for line in lines(step))


def reachable(playbook: Playbook, start: str, *, avoid: str = "") -> set[str]:
    edges = {i: [t for t in s.next.values() if t != avoid] for i, s in playbook.steps.items()}
    return set(_reach([start], edges))


def test_no_warnings_left_in_the_bundled_playbooks() -> None:
    # mixed address (issue 10.8), branch claims, literal firm figures: all clean
    assert [str(p) for p in validate(default_playbooks())] == []


# item 2 ------------------------------------------------------------------------------------------

def test_commission_math_technique_has_no_break_even_and_no_figure_cue(library: Library) -> None:
    technique = library.techniques["commission_math"]
    text = "".join(technique.lines + technique.cues)
    assert "两万" not in text and "实际付的钱也一样" not in text
    assert "最低收5元" not in technique.cues


# item 3 ------------------------------------------------------------------------------------------

def test_fee_cut_says_the_minimum_is_the_firms_rule(library: Library) -> None:
    text = all_lines(library.playbooks["fee_cut_ultimatum"])
    assert "我们公司每笔最低收{min_commission}" in text
    assert "按规定每笔佣金最低" not in text
    assert "实际费率是{effective_rate}" not in text  # an opening for a 免五 demand nobody answers


def test_fee_cut_has_an_answer_for_a_mian_wu_demand(library: Library) -> None:
    playbook = library.playbooks["fee_cut_ultimatum"]
    assert "asks_no_minimum" in playbook.reactions
    capital = playbook.steps["capital"]
    assert capital.when[0].condition == "their_no_minimum"
    assert any("{yearly_diff}" in line for line in capital.when[0].say)


def test_the_scorer_no_longer_accepts_saves_nothing_for_chen(library: Library) -> None:
    from coach.core.practice.client_values import client_values
    from coach.core.practice.numbers import extract
    from coach.core.practice.personas import load_for_library

    chen = load_for_library(library).personas["fee_cut_chen"]
    assert chen.profile.their_no_minimum
    _, result = client_values(chen, library)
    assert result is not None and result.yearly_diff == pytest.approx(240)
    [figure] = [f for f in extract("您降了也一分钱都省不下。", result, library.firm)]
    assert figure.correct is False
    assert any(f.correct for f in extract("一年能少付240元。", result, library.firm))


# item 4 ------------------------------------------------------------------------------------------

def test_quick_profit_tells_a_private_fund_from_a_private_arrangement(library: Library) -> None:
    playbook = library.playbooks["quick_profit"]
    text = all_lines(playbook)
    assert "更不能承诺收益、跟客户分成" not in text  # wrong for a registered private fund
    fund = playbook.steps["fund_check"]
    said = "".join(fund.say)
    assert "基金业协会" in said and "业绩报酬" in said
    assert "私下" in "".join(playbook.steps["risk"].say)  # staff trading privately: illegal


def test_the_qualified_investor_threshold_is_above_jings_capital(library: Library) -> None:
    from coach.core.practice.personas import load_for_library

    said = "".join(library.playbooks["quick_profit"].steps["fund_check"].say)
    threshold = parse_amount(re.search(r"至少(\d+万元)", said).group(1))
    assert threshold == 1_000_000
    jing = load_for_library(library).personas["quick_profit_jing"]
    assert jing.profile.capital < threshold


# item 5 ------------------------------------------------------------------------------------------

def test_the_trading_ban_is_for_securities_firm_staff_only(library: Library) -> None:
    playbook = library.playbooks["industry_employee"]
    ban = "".join(playbook.steps["compliance"].say)
    assert "基金" not in ban
    assert "申报" in "".join(playbook.steps["fund_rules"].say)
    description = library.causes["industry_employee"].description.zh
    assert "需要销户、报备或转到任职单位" not in description and "照常使用" in description


def test_no_trial_for_someone_told_he_may_not_trade(library: Library) -> None:
    playbook = library.playbooks["industry_employee"]
    assert playbook.trial_exempt is not None
    after = reachable(playbook, playbook.trial_exempt.after)
    assert all(playbook.steps[s].technique != "one_week_trial" for s in after)


# item 6 ------------------------------------------------------------------------------------------

def test_heavy_loss_does_not_judge_the_clients_trading(library: Library) -> None:
    text = all_lines(library.playbooks["heavy_loss"])
    assert "真正能改变结果的，是仓位和风险怎么管" not in text


def test_heavy_loss_has_paths_for_clients_we_kept_in_touch_with_or_advised(library: Library) -> None:
    playbook = library.playbooks["heavy_loss"]
    listen = playbook.steps["listen"]
    for reaction in ("kept_in_touch", "followed_our_advice"):
        target = listen.next[reaction]
        assert playbook.steps[target].technique == "apology"
        # neither hears "clients who kept in touch lost less": it blames them
        assert "evidence" not in reachable(playbook, target)


# item 7 ------------------------------------------------------------------------------------------

def test_competitor_commission_follows_case_2(library: Library) -> None:
    playbook = library.playbooks["competitor_commission"]
    bundle = playbook.steps["bundle"]
    assert any("开户" in line for line in bundle.say)  # relatives introduced as new clients
    said = "".join(line for step in playbook.steps.values() for v in step.when for line in v.say)
    assert "{min_commission}" in said  # the minimum-fee point in a line to say
    assert any(s.technique == "value_comparison" for s in playbook.steps.values())
    assert "value" in reachable(playbook, playbook.start)


# item 8 ------------------------------------------------------------------------------------------

def test_a_bare_application_for_a_cut_is_not_retained(library: Library) -> None:
    playbook = library.playbooks["fee_cut_ultimatum"]
    assert not playbook.steps["applied"].terminal
    tips = "".join(t for s in playbook.steps.values() for t in s.tips)
    assert "三到五次降佣" in tips and "不降佣也不会走" in tips


# item 9 ------------------------------------------------------------------------------------------

def test_the_evidence_step_shows_the_firms_figures_labelled_as_an_example(library: Library) -> None:
    evidence = library.firm.evidence
    assert evidence is not None and evidence.example
    walkthrough = Walkthrough.from_library(library, "heavy_loss")
    walkthrough.react("accepts")  # listen -> apology
    walkthrough.react("accepts")  # apology -> evidence
    assert walkthrough.step.id == "evidence"
    said = "".join(walkthrough.lines())
    assert f"{evidence.in_touch_clients}位" in said
    assert f"{evidence.in_touch_drawdown * 100:.0f}%" in said
    assert f"{evidence.others_drawdown * 100:.0f}%" in said
    assert any("示例数据" in tip for tip in walkthrough.tips())


# item 10 -----------------------------------------------------------------------------------------

def test_no_flattery_and_no_asking_for_relatives_numbers(library: Library) -> None:
    assert "佩服" not in all_lines(library.playbooks["poached"])
    family = library.playbooks["industry_employee"].steps["family"]
    assert "电话" not in family.ask and "留一个联系电话" not in "".join(lines(family))
