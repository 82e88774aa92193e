"""A week's contact plan from the flagged clients, never over the firm's contact limits.

Limits are per client and channel for the week (firm.yaml `contact_limits`), and attempts
already recorded in that week count against them. Who is called first follows the ranking;
what each segment gets follows the reactivation guide: act at once on a complaint, call and then
invite a large client in, open with a message to a dormant client before calling.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from coach.core.content.firm_file import DEFAULT_CONTACT_LIMITS
from coach.core.outreach.attempts import Attempt, blocked
from coach.core.outreach.watch import Flagged

CHANNEL_NAMES = {"phone": ("电话", "phone"), "sms": ("短信", "SMS"), "email": ("邮件", "email"),
                 "visit": ("面谈", "visit")}


@dataclass(frozen=True, slots=True)
class Contact:
    day: date
    client: str
    channel: str
    outreach: str
    why: str

    def channel_name(self, lang: str = "zh") -> str:
        zh, en = CHANNEL_NAMES.get(self.channel, (self.channel, self.channel))
        return en if lang == "en" else zh

    def as_dict(self) -> dict[str, str]:
        return {"day": self.day.isoformat(), "client": self.client, "channel": self.channel,
                "outreach": self.outreach, "why": self.why}


@dataclass(frozen=True, slots=True)
class Plan:
    week: date  # the Monday
    contacts: tuple[Contact, ...]
    skipped: tuple[Contact, ...]  # wanted, but over a limit


def next_monday(today: date | None = None) -> date:
    today = today or date.today()
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


def _wanted(f: Flagged) -> list[tuple[int, str]]:
    """(weekday 0-4, channel) in the order the guide would reach this client."""
    ids = {x.id for x in f.fired}
    if f.segment == "dormant":
        return [(0, "sms"), (2, "phone"), (3, "email")]
    if f.segment == "heavy_loss":
        return [(0, "phone"), (3, "visit")]
    if "complaint" in ids:
        return [(0, "phone"), (4, "phone")]  # act at once, then follow up
    steps = [(1, "phone")]
    if f.risk >= 6:
        steps.append((3, "visit"))
    else:
        steps.append((3, "sms"))
    return steps


def plan_week(flagged: Sequence[Flagged], limits: Mapping[str, int] | None = None,
              attempts: Iterable[Attempt] = (), week: date | None = None,
              lang: str = "zh") -> Plan:
    from coach.core.outreach.explain import summary

    limits = dict(DEFAULT_CONTACT_LIMITS if limits is None else limits)
    monday = week or next_monday()
    monday -= timedelta(days=monday.weekday())
    attempts = list(attempts)
    stop = blocked(attempts)
    used: Counter[tuple[str, str]] = Counter(
        (a.client, a.channel) for a in attempts if monday <= a.day < monday + timedelta(days=7))
    contacts: list[Contact] = []
    skipped: list[Contact] = []
    for f in flagged:
        if f.client in stop:
            continue
        why = "；".join(summary(f, lang)[:2])
        for offset, channel in _wanted(f):
            contact = Contact(monday + timedelta(days=offset), f.client, channel, f.outreach, why)
            if used[(f.client, channel)] < limits.get(channel, 0):
                used[(f.client, channel)] += 1
                contacts.append(contact)
            else:
                skipped.append(contact)
    contacts.sort(key=lambda c: c.day)
    return Plan(monday, tuple(contacts), tuple(skipped))
