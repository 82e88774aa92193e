"""What a simulated client is: the dataclasses of a persona and the settings shared by all.

Loaded by `persona_file` (one file) and `personas` (the folder); kept apart so that the
simulation, the scorecard and the screens depend on the model alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from coach.core.content.model import Pos, Text
from coach.core.content.problems import Problem

PERSONAS = "personas"
DEFAULTS_FILE = "_defaults.yaml"
DIFFICULTIES: tuple[str, ...] = ("easy", "normal", "hard")
STAGES: tuple[str, ...] = ("early", "middle", "late")
VIOLATION_IDS: tuple[str, ...] = (
    "disparage_competitor",
    "argue_with_client",
    "promise_returns",
    "pressure",
    "rude_words",
)
MOOD_MIN, MOOD_MAX = -5.0, 5.0
# What an outbound call can end in (outreach_file.OUTREACH_OUTCOMES): the client agrees to one of
# CALL_WINS from a mood (`accepts`), or the call ends in one of CALL_ENDS (the counter's "lost").
CALL_WINS: tuple[str, ...] = ("resumed_trading", "appointment")
CALL_ENDS: tuple[str, ...] = ("declined", "do_not_contact")


@dataclass(frozen=True, slots=True)
class Behaviour:
    """How a simulated client reacts in general; from `_defaults.yaml`."""

    violations: Mapping[str, float] = field(
        default_factory=lambda: {
            "disparage_competitor": 2.0,
            "argue_with_client": 2.5,
            "promise_returns": 2.0,
            "pressure": 2.0,
            "rude_words": 3.5,
        }
    )
    violation_patience: int = 1
    max_gain: float = 2.0  # no single reply wins more mood than this
    feelings: tuple[str, ...] = ("empathy", "apology", "listen_and_clarify", "acknowledge_praise")
    ignored_feelings: float = 1.0
    upset_below: float = 0.0
    empty_reply: float = 0.3
    repeat_factor: float = 0.5
    guarded_factor: float = 0.5
    reveal_bonus: float = 0.5
    walk_out_at: float = MOOD_MIN
    on_violation: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Profile:
    """The client's facts; commission numbers are present for fee-minded clients only."""

    age: int = 0
    capital: float = 0.0  # yuan in the account
    years: int = 0  # years with the firm
    loss: float = 0.0  # yuan lost
    turnover: float = 0.0  # yuan traded a year
    trades: int = 0  # trades a year
    our_rate: float = 0.0
    their_rate: float = 0.0  # the competitor's offer, or the rate the client demands
    their_no_minimum: bool = False  # that offer waives the per-trade minimum (免五)
    family_accounts: int = 0  # other family accounts with us (bundled commission)
    family_turnover: float = 0.0  # what they trade a year together
    moved_out: float = 0.0  # yuan moved out of the account (a client who stopped, to call)

    @property
    def has_commission(self) -> bool:
        return self.turnover > 0 and self.trades > 0 and self.our_rate > 0 and self.their_rate > 0


@dataclass(frozen=True, slots=True)
class HeldBack:
    """Something a hard client only tells when asked: a hint while holding it, then the fact."""

    hint: str
    reveal: str


@dataclass(frozen=True, slots=True)
class Persona:
    id: str
    causes: tuple[str, ...]
    difficulty: str
    name: Text
    background: Text
    profile: Profile
    mood: float  # -5 furious .. 5 won over
    patience: int  # replies the client sits through
    openings: tuple[str, ...]
    softens: Mapping[str, float]  # technique -> mood gained, in the file's order
    hardens: Mapping[str, float]  # technique -> mood lost (the wrong technique for the cause)
    violations: Mapping[str, float]  # violation -> mood lost (defaults merged in)
    ignored_feelings: float
    holds_back: tuple[HeldBack, ...]
    accepts: Mapping[str, float]  # outcome -> the mood from which the client accepts it
    responses: Mapping[str, str]  # technique -> what the client says to it
    objections: Mapping[str, tuple[str, ...]]  # stage -> lines while unconvinced
    warming: tuple[str, ...]
    decisions: Mapping[str, tuple[str, ...]]  # outcome -> final lines
    on_violation: Mapping[str, tuple[str, ...]]  # violation -> what the client says to it
    steps: tuple[str, ...] = ()  # the lead cause's case-file steps that fit this client, in order
    outreach: str = ""  # an outbound call: the outreach playbook it practises (then no causes)
    behaviour: Behaviour = field(default_factory=Behaviour)
    path: str = ""
    pos: Pos = field(default=Pos(""), compare=False)

    @property
    def outbound(self) -> bool:
        """The trainee phones this client (outreach/<id>.yaml) instead of meeting them at the counter."""
        return bool(self.outreach)

    @property
    def about(self) -> tuple[str, ...]:
        """What the practice is about: the client's causes, or the outreach playbook called with."""
        return (self.outreach,) if self.outbound else self.causes

    def suits(self, min_weight: float) -> tuple[str, ...]:
        """The techniques that suit this client's cause: those that win them over the most."""
        return tuple(t for t, w in self.softens.items() if w >= min_weight)

    def summary(self, lang: str = "zh") -> str:
        return self.background.get(lang)


@dataclass(frozen=True, slots=True)
class PersonaSet:
    personas: Mapping[str, Persona]  # in file-name order
    behaviour: Behaviour
    problems: tuple[Problem, ...]
