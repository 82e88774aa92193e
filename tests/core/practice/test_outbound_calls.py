"""Outbound-call practice (calls.py): the trainee phones a dormant client or one after a heavy
loss. The same simulation and scorecard as at the counter, with the outreach playbook's
outcomes, the call's opening, and a client's wish not to be called again to respect."""

from __future__ import annotations

from dataclasses import replace

import pytest
from practice_scripts import SCRIPTS

from coach.core.content.model import Library
from coach.core.content.outreach_file import OUTREACH_OUTCOMES
from coach.core.practice.guide import playbook_for
from coach.core.practice.personas import CALL_ENDS, CALL_WINS, Persona
from coach.core.practice.scorecard_text import summary_text
from coach.core.practice.scoring import capped_score, score
from coach.core.practice.scoring_config import ScoringConfig
from coach.core.practice.simulation import Session

CALLS = ("call_dormant_he", "call_dormant_lao_li", "call_heavy_loss_tang")
PRESS = "您再考虑考虑，我们的投资沙龙请了研究所的分析师，讲得特别好，您一定要来听听。"
CLOSE = "好的，尊重您的决定，打扰您了。以后不再给您打电话，祝您身体健康。"
COLD_OPENING = "喂，我跟您说个事。"


def own_words(persona_id: str) -> list[str]:
    path = SCRIPTS / "own_words" / f"{persona_id}.txt"
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line]


def play(persona: Persona, library: Library, replies: list[str], seed: int = 1) -> Session:
    session = Session(persona, library, seed=seed)
    session.play(replies)
    return session


def asking_to_be_left_alone(persona: Persona, library: Library) -> Session:
    """A session in which the client has just asked not to be called again: a short fuse
    (patience 3: the first line is already the late stage) and a cool mood."""
    session = Session(replace(persona, patience=3, mood=-1.0), library, seed=1)
    session.reply("您好，我是澄远证券的小林，打扰您了。")
    assert session.insisted and not session.finished
    return session


def test_call_outcomes_are_the_outreach_playbooks() -> None:
    assert set(CALL_WINS) | set(CALL_ENDS) == set(OUTREACH_OUTCOMES)


@pytest.mark.parametrize("persona_id", CALLS)
def test_a_call_persona_practises_its_outreach_playbook(library: Library,
                                                         personas: dict[str, Persona],
                                                         persona_id: str) -> None:
    persona = personas[persona_id]
    assert persona.outbound and persona.causes == () and persona.about == (persona.outreach,)
    assert playbook_for(persona, library) is library.outreach[persona.outreach].playbook
    assert set(persona.accepts) <= set(CALL_WINS)


@pytest.mark.parametrize("persona_id", CALLS)
def test_a_good_call_in_own_words_passes_with_a_call_outcome(library: Library,
                                                             personas: dict[str, Persona],
                                                             config: ScoringConfig,
                                                             persona_id: str) -> None:
    card = score(play(personas[persona_id], library, own_words(persona_id)), config)
    assert card.passed and card.violations == ()
    assert card.outcome in CALL_WINS
    checks = {c.id: c for c in card.checks}
    assert checks["call_opening"].passed
    assert "feelings_first" not in checks and "trial_before_letting_go" not in checks
    assert card.as_dict()["outreach"] == personas[persona_id].outreach


@pytest.mark.parametrize("persona_id", CALLS)
def test_a_poor_call_fails_with_each_violation_named(library: Library,
                                                     personas: dict[str, Persona],
                                                     config: ScoringConfig,
                                                     persona_id: str) -> None:
    replies = [COLD_OPENING + "您放心，跟着我们做保证赚钱，稳赚不赔。", "那些银行理财经理都是骗子，别信他们。"]
    card = score(play(personas[persona_id], library, replies), config)
    assert not card.passed and card.score <= capped_score(config.pass_mark)
    assert {"promise_returns", "disparage_competitor"} <= set(card.violations)
    assert not next(c for c in card.checks if c.id == "call_opening").passed
    text = summary_text(card, library)
    assert library.violations["promise_returns"].name.zh in text


@pytest.mark.parametrize("persona_id", CALLS)
def test_pressing_after_the_client_asks_not_to_be_called_is_pressure(library: Library,
                                                                     personas: dict[str, Persona],
                                                                     config: ScoringConfig,
                                                                     persona_id: str) -> None:
    session = asking_to_be_left_alone(personas[persona_id], library)
    turn = session.reply(PRESS)
    assert "pressure" in turn.analysis.violations
    assert "client_interest" in turn.analysis.principles_broken
    session.stop("no_more_replies")
    card = score(session, config)
    assert "pressure" in card.violations and not card.passed
    note = next(n for n in card.feedback[turn.index - 1].violation_notes if n.id == "pressure")
    assert note.name == library.violations["pressure"].name.zh and note.words == (PRESS,)
    respect = next(c for c in card.checks if c.id == "respect_wish")
    assert respect.applies and not respect.passed


@pytest.mark.parametrize("persona_id", CALLS)
def test_closing_politely_respects_the_wish(library: Library, personas: dict[str, Persona],
                                            config: ScoringConfig, persona_id: str) -> None:
    session = asking_to_be_left_alone(personas[persona_id], library)
    feedback = score(session, config).feedback[0]
    assert feedback.suggestion == "graceful_exit" and "以后不再" in feedback.model_line
    turn = session.reply(CLOSE)
    assert turn.analysis.violations == ()
    assert (session.outcome, session.ended_by) == ("do_not_contact", "decided")
    card = score(session, config)
    respect = next(c for c in card.checks if c.id == "respect_wish")
    assert respect.applies and respect.passed and card.violations == ()


def test_a_close_in_the_middle_of_a_pitch_closes_nothing(library: Library,
                                                        personas: dict[str, Persona]) -> None:
    session = Session(personas["call_dormant_he"], library, seed=1)
    session.reply("何阿姨您好，我是澄远证券的小林，您现在说话方便吗？")
    session.reply("我们有个投资沙龙，分析师讲资产配置，您有空来听听，祝您一切顺利。")
    assert not session.finished


def test_a_client_warming_up_on_the_phone_does_not_ask_to_be_left_alone(
        library: Library, personas: dict[str, Persona]) -> None:
    persona = replace(personas["call_dormant_he"], patience=3, mood=2.0,
                      accepts={"resumed_trading": 5.0})
    session = Session(persona, library, seed=1)
    turn = session.reply("您好，我是澄远证券的小林，打扰您了。")
    assert not turn.insisting and not session.insisted


def test_patience_running_out_on_a_call_is_declined(library: Library,
                                                    personas: dict[str, Persona]) -> None:
    persona = replace(personas["call_dormant_he"], patience=2, mood=2.0,
                      accepts={"resumed_trading": 5.0})
    session = play(persona, library, ["嗯，好的。", "嗯，好的。", "嗯，好的。"])
    assert (session.outcome, session.ended_by) == ("declined", "patience")


def test_the_call_opening_needs_the_firm_and_a_good_time(library: Library,
                                                         personas: dict[str, Persona],
                                                         config: ScoringConfig) -> None:
    persona = personas["call_dormant_he"]

    def opening(text: str) -> bool:
        card = score(play(persona, library, [text]), config)
        return next(c for c in card.checks if c.id == "call_opening").passed

    assert opening("何阿姨您好，我是澄远证券的小林，您这会儿方便说几句吗？")
    assert not opening("何阿姨您好，我是小林，您这会儿方便说几句吗？")  # who is calling?
    assert not opening("何阿姨您好，我是澄远证券的小林，今天给您介绍一款产品。")  # never asked


def test_counter_scorecards_keep_their_own_checks(library: Library, personas: dict[str, Persona],
                                                 config: ScoringConfig) -> None:
    card = score(play(personas["poor_service_fan"], library, ["您好，请坐，您慢慢说。"]), config)
    ids = {c.id for c in card.checks}
    assert {"feelings_first", "trial_before_letting_go"} <= ids
    assert not ids & {"call_opening", "respect_wish", "good_call_outcome"}
    assert "outreach" not in card.as_dict()


def test_english_summary_names_the_call_outcome(library: Library, personas: dict[str, Persona],
                                                config: ScoringConfig) -> None:
    session = asking_to_be_left_alone(personas["call_dormant_he"], library)
    session.reply(CLOSE)
    text = summary_text(score(session, config, lang="en"), library, "en")
    assert "outcome: asked not to be contacted" in text
