from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from walkthrough_factories import make_firm, make_library, make_playbooks

from coach.core.content.model import Playbook, Step, Text
from coach.core.visit.engine import Walkthrough
from coach.core.visit.engine_errors import (
    BrokenPlaybookError,
    InvalidMoveError,
    MissingPlaybookError,
)
from coach.core.visit.path import Offer


@pytest.fixture
def walk() -> Walkthrough:
    return Walkthrough.from_library(make_library(), "competitor_commission", client="王先生")


def test_starts_at_the_playbook_start_with_lines_rendered(walk: Walkthrough) -> None:
    assert (walk.cause, walk.step.id, walk.step.technique) == (
        "competitor_commission",
        "listen",
        "empathy",
    )
    assert walk.lines() == ("王先生，比价很正常，我先帮您把账算清楚。",)
    assert walk.tips() == ("先让王先生说完，别急着反驳。",)
    # a calculator value not known yet shows as a readable placeholder, never as {turnover}
    assert walk.ask() == "对方给您的是多少？您一年大概交易【年交易额】？"
    assert walk.ask("en") == "对方给您的是多少？您一年大概交易[yearly turnover]？"
    assert walk.outcome is None


def test_calculator_values_fill_later_lines(walk: Walkthrough) -> None:
    walk.react("accepts")
    walk.set_values({"turnover": "100,000元", "yearly_diff": "50元"})
    assert walk.lines() == ("按您一年100,000元算，一年只差50元。",)


def test_firm_values_and_trial_end_are_known() -> None:
    walk = Walkthrough.from_library(make_library(), "competitor_commission", today=date(2025, 6, 1))
    walk.react("insists")
    assert walk.lines() == ("您先体验7天，到2025年6月8日我给您回电话。",)


def test_choices_list_standard_reactions_in_order_then_named_ones(walk: Walkthrough) -> None:
    choices = walk.choices()
    assert [c.id for c in choices] == [
        "accepts",
        "objects",
        "another_cause",
        "insists",
        "asks_lower",
    ]
    assert [c.title for c in choices] == [
        "客户接受",
        "客户有异议",
        "提出其他原因",
        "坚持要走",
        "追问能否更低",
    ]
    assert [c.title for c in walk.choices("en")] == [
        "Client accepts",
        "Client objects",
        "Raises another cause",
        "Insists on leaving",
        "Asks for lower still",
    ]
    assert {c.id: c.target for c in choices} == {
        "accepts": "math",
        "objects": "brand",
        "another_cause": "math",
        "insists": "trial",
        "asks_lower": "bundle",
    }
    assert [c.standard for c in choices] == [True, True, True, True, False]


def test_raising_another_cause_is_always_offered_even_without_a_return_step(
    walk: Walkthrough,
) -> None:
    walk.react("accepts")  # math declares no another_cause
    another = [c for c in walk.choices() if c.id == "another_cause"]
    assert len(another) == 1 and another[0].target is None


def test_path_to_retained_records_history_and_the_deciding_step(walk: Walkthrough) -> None:
    walk.react("accepts")
    assert walk.outcome is None
    walk.react("accepts")
    assert walk.step.id == "kept"
    assert walk.outcome == "retained"
    assert walk.choices() == ()
    assert [(r.step, r.technique, r.reaction, r.outcome) for r in walk.history] == [
        ("listen", "empathy", "accepts", ""),
        ("math", "commission_math", "accepts", ""),
        ("kept", "committed_service", "", "retained"),
    ]
    assert walk.deciding().step == "math"
    assert walk.outcome_data() == {
        "cause": "competitor_commission",
        "outcome": "retained",
        "step": "kept",
        "technique": "committed_service",
        "deciding_step": "math",
        "deciding_technique": "commission_math",
    }
    assert walk.results == (("competitor_commission", "retained"),)
    with pytest.raises(dataclasses.FrozenInstanceError):
        walk.history[0].reaction = "objects"  # type: ignore[misc]


def test_named_reaction_moves_to_its_step(walk: Walkthrough) -> None:
    assert walk.react("asks_lower").id == "bundle"


def test_unknown_reaction_and_moves_after_the_outcome_are_typed_errors(walk: Walkthrough) -> None:
    with pytest.raises(InvalidMoveError) as err:
        walk.react("dances")
    assert "dances" in err.value.message() and "accepts" in err.value.message("en")
    walk.react("insists")
    walk.react("insists")
    assert walk.outcome == "lost"
    with pytest.raises(InvalidMoveError):
        walk.react("accepts")


def test_back_undoes_moves_and_their_history(walk: Walkthrough) -> None:
    assert walk.back() is False
    walk.react("objects")
    walk.react("accepts")
    assert walk.outcome == "retained"
    assert walk.back() is True
    assert walk.step.id == "brand" and walk.outcome is None
    assert [r.step for r in walk.history] == ["listen"]
    assert walk.back() is True
    assert walk.step.id == "listen" and walk.history == ()
    assert not walk.can_go_back


def test_switch_starts_the_other_playbook_and_offers_to_come_back(walk: Walkthrough) -> None:
    walk.switch("poor_service")
    assert (walk.cause, walk.step.id) == ("poor_service", "apologise")
    assert walk.history[-1].reaction == "another_cause"
    assert walk.history[-1].to_cause == "poor_service"
    assert walk.offer is None  # nothing to offer before an outcome
    walk.react("accepts")
    assert walk.outcome == "retained"
    assert walk.offer == Offer("resume", "competitor_commission", "math")
    walk.accept_offer()
    assert (walk.cause, walk.step.id) == ("competitor_commission", "math")
    assert walk.offer is None
    walk.react("accepts")
    assert walk.results == (("poor_service", "retained"), ("competitor_commission", "retained"))
    assert walk.deciding().step == "math"


def test_back_crosses_a_playbook_switch(walk: Walkthrough) -> None:
    walk.react("another_cause", cause="poor_service")
    walk.react("accepts")
    walk.accept_offer()
    assert walk.back() and (walk.cause, walk.step.id) == ("poor_service", "fixed")
    assert walk.back() and (walk.cause, walk.step.id) == ("poor_service", "apologise")
    assert walk.back() and (walk.cause, walk.step.id) == ("competitor_commission", "listen")
    assert walk.history == ()
    walk.react("accepts")
    walk.react("accepts")
    assert walk.offer is None  # the return point went with the undone switch


def test_switch_without_a_return_step_offers_nothing_afterwards() -> None:
    walk = Walkthrough(make_playbooks(), "poor_service", firm=make_firm())
    walk.switch("relocation")
    walk.react("accepts")
    assert walk.outcome == "transfer_within_firm"
    assert walk.offer is None
    assert walk.deciding().step == "branch"


def test_switch_to_the_same_cause_is_refused(walk: Walkthrough) -> None:
    with pytest.raises(InvalidMoveError):
        walk.switch("competitor_commission")


def test_another_cause_without_a_cause_asks_which(walk: Walkthrough) -> None:
    with pytest.raises(InvalidMoveError) as err:
        walk.react("another_cause")
    assert "原因" in err.value.message()


def test_queued_cause_is_offered_after_a_kept_outcome(walk: Walkthrough) -> None:
    walk.queue("relocation")
    walk.queue("relocation")
    assert walk.queued == ("relocation",)
    walk.react("accepts")
    walk.react("accepts")
    assert walk.offer == Offer("queued", "relocation", "branch")
    walk.accept_offer()
    assert (walk.cause, walk.step.id) == ("relocation", "branch")
    assert walk.queued == ()
    walk.react("accepts")
    assert walk.results == (
        ("competitor_commission", "retained"),
        ("relocation", "transfer_within_firm"),
    )


def test_queued_cause_is_not_offered_after_the_client_is_lost(walk: Walkthrough) -> None:
    walk.queue("relocation")
    walk.react("insists")
    walk.react("insists")
    assert walk.outcome == "lost"
    assert walk.offer is None


def test_queued_cause_is_the_suggested_switch_and_leaves_the_queue_when_taken(
    walk: Walkthrough,
) -> None:
    walk.queue("poor_service")
    assert walk.suggested_switch == "poor_service"
    walk.react("another_cause")
    assert walk.cause == "poor_service"
    assert walk.queued == ()
    walk.react("accepts")
    assert walk.offer == Offer("resume", "competitor_commission", "math")


def test_resume_is_offered_before_a_queued_cause(walk: Walkthrough) -> None:
    walk.queue("relocation")
    walk.switch("poor_service")
    walk.react("accepts")
    assert walk.offer.kind == "resume"
    walk.accept_offer()
    walk.react("accepts")
    assert walk.offer == Offer("queued", "relocation", "branch")


def test_accept_offer_without_an_offer_is_refused(walk: Walkthrough) -> None:
    with pytest.raises(InvalidMoveError):
        walk.accept_offer()


def test_missing_playbook_is_a_clear_typed_error() -> None:
    with pytest.raises(MissingPlaybookError) as err:
        Walkthrough(make_playbooks(), "heavy_loss")
    assert err.value.cause == "heavy_loss"
    assert "heavy_loss" in err.value.message() and "coach validate" in err.value.message("en")
    walk = Walkthrough(make_playbooks(), "relocation")
    with pytest.raises(MissingPlaybookError):
        walk.switch("quick_profit")
    with pytest.raises(MissingPlaybookError):
        walk.queue("quick_profit")
    assert walk.step.id == "branch" and walk.history == ()


def test_a_next_to_a_missing_step_is_reported_not_followed() -> None:
    broken = Playbook(
        cause="other",
        title=Text("其他"),
        summary=Text(""),
        start="a",
        steps={"a": Step(id="a", technique="empathy", say=("…",), next={"accepts": "nowhere"})},
        path="cases/other.yaml",
    )
    walk = Walkthrough({"other": broken}, "other")
    with pytest.raises(BrokenPlaybookError) as err:
        walk.react("accepts")
    assert "nowhere" in err.value.message() and "cases/other.yaml" in err.value.message()
    assert walk.step.id == "a" and walk.history == ()


def test_same_moves_give_the_same_history() -> None:
    def run() -> tuple:
        walk = Walkthrough.from_library(make_library(), "competitor_commission")
        walk.queue("relocation")
        walk.react("objects")
        walk.react("accepts")
        walk.accept_offer()
        walk.react("insists")
        return walk.history

    assert run() == run()
