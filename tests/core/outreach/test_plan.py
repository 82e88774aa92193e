"""The week's contact plan never goes over a contact limit, whatever it is given."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.core.content.model import Text
from coach.core.outreach.attempts import Attempt
from coach.core.outreach.plan import next_monday, plan_week
from coach.core.outreach.watch import Fired, Flagged

MONDAY = date(2026, 12, 7)
CHANNELS = ("phone", "sms", "email", "visit")


def flagged(client: str, segment: str = "at_risk", risk: float = 3,
            ids: tuple[str, ...] = ("commission_drop",)) -> Flagged:
    fired = tuple(Fired(i, "key", Text(i), {}) for i in ids)
    return Flagged(client, "2026-11", segment, risk, 100_000, fired, "other", "at_risk_call",
                   8 if segment == "dormant" else None)


clients = st.builds(
    flagged,
    client=st.sampled_from([f"C{i}" for i in range(8)]),
    segment=st.sampled_from(["at_risk", "dormant", "heavy_loss"]),
    risk=st.integers(0, 12),
    ids=st.lists(st.sampled_from(["complaint", "commission_drop", "transfer_out"]),
                 max_size=3).map(tuple),
)
limits = st.fixed_dictionaries({ch: st.integers(0, 3) for ch in CHANNELS})
attempts = st.lists(st.builds(
    Attempt,
    client=st.sampled_from([f"C{i}" for i in range(8)]),
    channel=st.sampled_from(CHANNELS),
    outcome=st.sampled_from(["no_answer", "declined", "appointment", "do_not_contact"]),
    day=st.integers(-10, 10).map(lambda d: MONDAY + timedelta(days=d)),
), max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(clients, max_size=12), limits, attempts)
def test_plan_never_exceeds_a_limit(flags, limit, done):
    plan = plan_week(flags, limit, done, MONDAY)
    this_week = [a for a in done if MONDAY <= a.day < MONDAY + timedelta(days=7)]
    used = Counter((a.client, a.channel) for a in this_week)
    used.update((c.client, c.channel) for c in plan.contacts)
    planned = {(c.client, c.channel) for c in plan.contacts}
    for key in planned:
        assert used[key] <= limit[key[1]]
    assert all(MONDAY <= c.day < MONDAY + timedelta(days=5) for c in plan.contacts)
    stop = {a.client for a in done if a.outcome == "do_not_contact"}
    assert not stop & {c.client for c in plan.contacts}


def test_complaint_is_called_the_first_day_and_extra_calls_are_skipped():
    plan = plan_week([flagged("C1", ids=("complaint",))], {"phone": 1, "sms": 2, "email": 1,
                                                            "visit": 1}, (), MONDAY)
    assert [(c.day, c.channel) for c in plan.contacts] == [(MONDAY, "phone")]
    assert [c.channel for c in plan.skipped] == ["phone"]


def test_dormant_client_gets_a_message_before_the_call():
    plan = plan_week([flagged("C1", segment="dormant")], None, (), MONDAY)
    assert [c.channel for c in plan.contacts][:2] == ["sms", "phone"]


def test_attempts_of_this_week_count_against_the_limit():
    done = [Attempt("C1", "phone", "no_answer", MONDAY + timedelta(days=1))]
    plan = plan_week([flagged("C1")], {"phone": 1, "sms": 0, "email": 0, "visit": 0}, done, MONDAY)
    assert plan.contacts == ()
    last_week = [Attempt("C1", "phone", "no_answer", MONDAY - timedelta(days=3))]
    plan = plan_week([flagged("C1")], {"phone": 1, "sms": 0, "email": 0, "visit": 0}, last_week,
                     MONDAY)
    assert [c.channel for c in plan.contacts] == ["phone"]


def test_next_monday():
    assert next_monday(date(2026, 12, 7)) == date(2026, 12, 14)
    assert next_monday(date(2026, 12, 9)) == date(2026, 12, 14)
