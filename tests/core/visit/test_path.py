"""The path's records become the transcript's `reaction` events."""

from __future__ import annotations

from coach.core.visit.path import Record


def test_a_step_left_by_a_reaction_is_an_event_naming_where_it_led() -> None:
    record = Record("relocation", "s1", "empathy", reaction="accepts", to_step="s2")
    assert record.as_event() == {"cause": "relocation", "step": "s1", "technique": "empathy",
                                 "reaction": "accepts", "to": "s2"}


def test_a_switch_of_playbooks_names_the_cause_it_went_to() -> None:
    record = Record("relocation", "s1", "empathy", reaction="another_cause", to_cause="poached")
    assert record.as_event()["to_cause"] == "poached"
    assert "to_cause" not in Record("relocation", "s1", "empathy", reaction="x").as_event()
