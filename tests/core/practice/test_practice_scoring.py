"""The scorecard: a playbook-following trainee clearly beats a poor one, for every persona."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from coach.core.content.model import Library
from coach.core.practice.personas import Persona
from coach.core.practice.scoring import WINS, score
from coach.core.practice.scoring_config import ScoringConfig
from coach.core.practice.scripts import model_script
from coach.core.practice.simulation import Session

GAP = 25
PERSONA_IDS = [
    "call_dormant_he", "call_dormant_lao_li", "call_heavy_loss_tang",
    "competitor_commission_jiang", "favor_for_friend_zhang", "fee_cut_chen", "heavy_loss_wang",
    "industry_employee_qian", "other_zhao", "poached_sun", "poor_service_fan", "quick_profit_jing",
    "relocation_qiao", "signup_gifts_zhou", "stubborn_li",
]


def play(persona: Persona, library: Library, replies: list[str], *, seed: int,
         difficulty: str | None = None) -> Session:
    session = Session(persona, library, seed=seed, difficulty=difficulty)
    session.play(replies)
    return session


def test_the_list_covers_every_shipped_persona(personas: dict[str, Persona]) -> None:
    assert sorted(personas) == sorted(PERSONA_IDS)


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
@pytest.mark.parametrize("difficulty", [None, "hard"])
def test_model_beats_poor(library: Library, personas: dict[str, Persona], config: ScoringConfig,
                          poor_script: list[str], persona_id: str, difficulty: str | None,
        script: Callable[[str], list[str]]) -> None:
    persona = personas[persona_id]
    model_replies = model_script(persona, library, seed=11, difficulty=difficulty)
    model = score(play(persona, library, model_replies, seed=11, difficulty=difficulty), config)
    poor = score(play(persona, library, poor_script, seed=11, difficulty=difficulty), config)
    assert model.score >= poor.score + GAP, (model.score, poor.score)
    assert model.outcome in WINS
    assert model.violations == ()
    assert poor.outcome in (("declined", "do_not_contact") if persona.outbound else ("lost",))
    assert {"argue_with_client", "disparage_competitor"} <= set(poor.violations)
    first = poor.feedback[0]
    assert first.violations and first.model_line, "the poor reply is told what to say instead"


@pytest.mark.parametrize("name", ["poor_service_fan", "competitor_commission_jiang", "stubborn_li"])
def test_hand_written_model_scripts_pass(library: Library, personas: dict[str, Persona],
                                         config: ScoringConfig, poor_script: list[str],
                                         name: str,
        script: Callable[[str], list[str]]) -> None:
    persona = personas[name]
    model = score(play(persona, library, script(name), seed=5), config)
    poor = score(play(persona, library, poor_script, seed=5), config)
    assert model.passed and model.score >= poor.score + GAP
    assert model.outcome in ("retained", "trial")


def test_promising_profit_is_named(library: Library, personas: dict[str, Persona],
                                  config: ScoringConfig) -> None:
    card = score(play(personas["quick_profit_jing"], library,
                      ["我理解您想省心，跟着我们保证赚钱，稳赚不赔。"], seed=1), config)
    assert "promise_returns" in card.violations
    check = next(c for c in card.checks if c.id == "no_violations")
    assert check.applies and not check.passed


def test_commission_numbers_check(library: Library, personas: dict[str, Persona],
                                  config: ScoringConfig,
        script: Callable[[str], list[str]]) -> None:
    right = score(play(personas["competitor_commission_jiang"], library,
                       script("competitor_commission_jiang"), seed=5), config)
    check = next(c for c in right.checks if c.id == "commission_numbers")
    assert check.applies and check.passed
    wrong = score(play(personas["competitor_commission_jiang"], library, [
        "您好，请坐。比较几家很正常。", "咱们算一笔账，一年下来也就相差1500元。"], seed=5), config)
    check = next(c for c in wrong.checks if c.id == "commission_numbers")
    assert check.applies and not check.passed
    assert wrong.feedback[1].wrong_figures


def test_checks_that_do_not_apply_are_left_out(library: Library, personas: dict[str, Persona],
                                               config: ScoringConfig,
        script: Callable[[str], list[str]]) -> None:
    card = score(play(personas["poor_service_fan"], library, script("poor_service_fan"), seed=5), config)
    applies = {c.id: c.applies for c in card.checks}
    assert not applies["commission_numbers"]  # no numbers to quote for this client
    assert not applies["asked_when_held_back"]  # a normal client holds nothing back
    assert card.score == 100


def test_scorecard_records_the_playbooks_version(library: Library, personas: dict[str, Persona],
                                                 config: ScoringConfig,
        script: Callable[[str], list[str]]) -> None:
    card = score(play(personas["poor_service_fan"], library, script("poor_service_fan"), seed=5), config)
    data = card.as_dict()
    assert data["version"] == library.version
    assert set(data) >= {"score", "outcome", "techniques", "violations", "turns", "missed_techniques"}
    assert {"reply", "techniques", "violations", "asked_question", "persona", "mood"} <= set(data["turns"][0])


def test_missed_techniques_are_the_causes_own(library: Library, personas: dict[str, Persona],
                                              config: ScoringConfig, poor_script: list[str]) -> None:
    persona = personas["poor_service_fan"]
    card = score(play(persona, library, poor_script, seed=1), config)
    assert card.missed_techniques[0] in ("apology", "dedicated_manager")
    assert set(card.missed_techniques) <= set(persona.suits(1.5))


def test_once_the_client_insists_the_feedback_offers_the_trial(
    library: Library, personas: dict[str, Persona], config: ScoringConfig,
    script: Callable[[str], list[str]],
) -> None:
    session = play(personas["stubborn_li"], library, script("stubborn_li")[:3], seed=2)
    card = score(session, config)
    last = card.turns[-1]
    assert last.insisting
    assert card.feedback[-1].suggestion == "one_week_trial"
    assert "体验" in card.feedback[-1].model_line or "7天" in card.feedback[-1].model_line
    trial = next(c for c in card.checks if c.id == "trial_before_letting_go")
    assert trial.applies and not trial.passed
