"""Outbound calls: what changes in a role-play when the trainee phones the client.

A persona with `outreach:` is a client who did not come to the counter: a dormant client, one
after a heavy loss. The session runs as at the counter (mood, patience, techniques, violations),
with the outreach playbook's ends instead of the counter's:

- the client agrees to start trading again (`resumed_trading`, from a mood, like staying at the
  counter), or to an appointment (`appointment`, like the one-week trial: only once the trainee
  offers one, with a technique of a step that ends in `appointment` in the outreach playbook);
- in the late stage the client asks not to be called again (the persona's `late` lines). From then
  on a reply that keeps persuading counts as `pressure`, the violation it is; closing the call
  politely (`graceful_exit`) ends it with the wish respected (`do_not_contact`);
- closing the call before that ends it `declined`, and so does a client whose patience runs out;
  a client pushed to the walk-out mood hangs up and asks not to be called (`do_not_contact`).

The counter's roles are the same table with its own outcomes, so the simulation asks `roles()`
and never which kind of client it plays.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from coach.core.content.model import Library
from coach.core.practice.persona_model import Persona
from coach.core.practice.reply_analysis import ReplyAnalysis

if TYPE_CHECKING:
    from coach.core.practice.simulation import Session

PRESSURE = "pressure"
CLOSE = "graceful_exit"  # the technique that ends a call politely
APPOINTMENT = "appointment"


@dataclass(frozen=True, slots=True)
class Roles:
    """The outcomes a session can end in, by the part they play."""

    stay: str  # the client is won over: retained | resumed_trading
    offer: str  # the client takes what the trainee offered: trial | appointment
    offers: frozenset[str]  # the techniques that make that offer
    gone: str  # the client leaves undecided, or the trainee ends it: lost | declined
    hung_up: str  # the client leaves angry, or asked not to be called: lost | do_not_contact
    closes: bool  # the trainee can end the session with a polite close (a call)


COUNTER = Roles("retained", "trial", frozenset({"one_week_trial"}), "lost", "lost", False)


def roles(persona: Persona, library: Library) -> Roles:
    if not persona.outbound:
        return COUNTER
    outreach = library.outreach.get(persona.outreach)
    offers = frozenset(
        step.technique for step in outreach.playbook.steps.values() if step.outcome == APPOINTMENT
    ) if outreach is not None else frozenset()
    return Roles("resumed_trading", APPOINTMENT, offers or frozenset({"committed_service"}),
                 "declined", "do_not_contact", True)


def closes(persona: Persona, analysis: ReplyAnalysis) -> bool:
    """A polite close: the close, with at most a word for the client's feelings (a close said
    in the middle of a pitch closes nothing)."""
    allowed = {*persona.behaviour.feelings, CLOSE}
    return CLOSE in analysis.techniques and all(t in allowed for t in analysis.techniques)


def presses(persona: Persona, analysis: ReplyAnalysis) -> bool:
    """A reply that still tries to win the client over: any technique but a word for their
    feelings or the close, or one more question without closing."""
    allowed = {*persona.behaviour.feelings, CLOSE}
    if any(t not in allowed for t in analysis.techniques):
        return True
    return analysis.asked_question and CLOSE not in analysis.techniques


def with_pressure(analysis: ReplyAnalysis, library: Library) -> ReplyAnalysis:
    """The reply judged as pressure: persuading a client who asked not to be called again."""
    if PRESSURE in analysis.violations:
        return analysis
    entry = library.violations.get(PRESSURE)
    broken = analysis.principles_broken
    if entry is not None and entry.principle and entry.principle not in broken:
        broken = (*broken, entry.principle)
    return replace(analysis, violations=(*analysis.violations, PRESSURE), principles_broken=broken)


def opening_step_lines(persona: Persona, library: Library) -> tuple[str, ...]:
    """The outreach playbook's first step (introduce yourself, ask if it is a good time)."""
    outreach = library.outreach.get(persona.outreach) if persona.outbound else None
    if outreach is None:
        return ()
    step = outreach.playbook.steps.get(outreach.playbook.start)
    if step is None:
        return ()
    return (*step.say, *((step.ask,) if step.ask else ()))


def respect_lines(persona: Persona, library: Library) -> tuple[str, ...]:
    """What the outreach playbook says when the client asks not to be called again."""
    outreach = library.outreach.get(persona.outreach) if persona.outbound else None
    if outreach is None:
        return ()
    for step in outreach.playbook.steps.values():
        if step.outcome == "do_not_contact" and step.say:
            return step.say
    return ()


# ---------------------------------------------------------------- scorecard checks for calls


def opens_the_call(reply: str, library: Library, good_time: tuple[str, ...]) -> tuple[bool, str]:
    """A call's first reply says who is calling (the firm's name) and asks whether it is a good
    time; (passed, the evidence found)."""
    firm = library.firm
    names = [n for n in ((firm.short_name, firm.name) if firm is not None else ()) if n]
    named = next((n for n in names if n in reply), "") if names else "-"
    asked = next((p for p in good_time if p in reply), "")
    return bool(named and asked), ",".join(x for x in (named, asked) if x and x != "-")


def respected_wish(session: Session) -> tuple[bool, bool, str]:
    """(applies, passed, detail): once the client asked not to be called again, the trainee
    pressed no further and closed the call politely."""
    turns = session.turns
    first = next((t.index for t in turns if t.insisting), 0)
    if not session.persona.outbound or not first:
        return False, False, ""
    after = turns[first:]
    pressed = [t.index for t in after if t.analysis.violations]
    closed = session.outcome == "do_not_contact" and session.ended_by == "decided"
    return True, closed and not pressed, "closed" if closed else ",".join(map(str, pressed))
