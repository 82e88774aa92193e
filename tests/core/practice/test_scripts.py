"""Model replies from the playbook: with its techniques used up, the trainee offers what the
playbook ends in, again if the client was still cold the first time."""

from __future__ import annotations

from coach.core.content.model import Library
from coach.core.practice.guide import model_line
from coach.core.practice.personas import Persona
from coach.core.practice.scripts import MAX_TURNS, model_reply
from coach.core.practice.simulation import Session


def finish(session: Session) -> None:
    while not session.finished and len(session.turns) < MAX_TURNS:
        session.reply(model_reply(session))


def test_an_appointment_offered_too_early_is_offered_again(
        library: Library, personas: dict[str, Persona]) -> None:
    persona = personas["call_heavy_loss_tang"]
    session = Session(persona, library, seed=3, difficulty="hard")
    session.reply(model_reply(session))  # the call's opening
    offer = min(session.roles.offers)
    session.reply(model_line(offer, persona, library, session.values))
    assert session.turns[-1].analysis.techniques.count(offer) == 1
    assert not session.finished, "offered while the client is still cold: not yet taken"
    finish(session)
    assert session.outcome == "appointment"
    assert offer in session.turns[-1].analysis.techniques


def test_a_counter_client_is_offered_the_trial_once(
        library: Library, personas: dict[str, Persona]) -> None:
    persona = next(p for p in personas.values() if not p.outbound and "trial" in p.accepts)
    session = Session(persona, library, seed=3)
    finish(session)
    offered = [t for t in session.turns if "one_week_trial" in t.analysis.techniques]
    assert len(offered) <= 1
