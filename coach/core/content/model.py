"""The loaded content as frozen dataclasses.

The loader (`coach.core.content.library`) builds these from the position-tracked YAML tree; the engine,
the practice simulation and the screens receive them and never mutate them. Where a value came
from a file, `Pos` keeps its place so that later checks can still point at the line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

CAUSE_IDS: tuple[str, ...] = (
    "industry_employee",
    "relocation",
    "poor_service",
    "heavy_loss",
    "competitor_commission",
    "signup_gifts",
    "poached",
    "favor_for_friend",
    "fee_cut_ultimatum",
    "quick_profit",
    "other",
)

Outcome = Literal["retained", "trial", "transfer_within_firm", "lost"]
OUTCOMES: tuple[str, ...] = ("retained", "trial", "transfer_within_firm", "lost")

# Reactions every playbook understands; a case file may declare more under `reactions:`.
STANDARD_REACTIONS: tuple[str, ...] = ("accepts", "objects", "another_cause", "insists")

@dataclass(frozen=True, slots=True)
class Pos:
    """1-based place in a file; line 0 means unknown (better none than a made-up one)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"

if TYPE_CHECKING:
    from coach.core.content.outreach_file import Outreach
    from coach.core.content.warning_file import WarningRules


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of interface text in Chinese with an optional English version."""

    zh: str
    en: str = ""

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.zh


# ---------------------------------------------------------------- taxonomy


@dataclass(frozen=True, slots=True)
class Cause:
    id: str
    name: Text
    description: Text
    question: Text  # the clarifying question to ask when this cause is a candidate but unclear
    keywords: Mapping[str, float]  # keyword -> weight
    examples: tuple[str, ...]
    # regular expressions over the normalised text -> weight; `{term}` names from the file's
    # `terms:` are already expanded by the loader
    patterns: Mapping[str, float] = field(default_factory=dict)
    pos: Pos = field(default=Pos(""), compare=False)


@dataclass(frozen=True, slots=True)
class Labelled:
    """A client statement with its causes (the leading one first): phrasings and test data."""

    text: str
    causes: tuple[str, ...]
    tags: tuple[str, ...] = ()


# ---------------------------------------------------------------- playbooks


@dataclass(frozen=True, slots=True)
class Reaction:
    id: str
    label: Text
    pos: Pos = field(default=Pos(""), compare=False)


@dataclass(frozen=True, slots=True)
class Variant:
    """Lines for one case of the client's figures (`when:` in a step): shown instead of the
    step's own `say` once `condition` holds (see coach.core.content.variables.CONDITIONS)."""

    condition: str
    say: tuple[str, ...]
    tips: tuple[str, ...] = ()  # added to the step's tips while the variant shows
    pos: Pos = field(default=Pos(""), compare=False)


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    technique: str
    say: tuple[str, ...]  # templates: "{firm_name}" etc., see coach.core.content.variables
    tips: tuple[str, ...] = ()
    ask: str = ""
    next: Mapping[str, str] = field(default_factory=dict)  # reaction id -> step id
    outcome: str = ""  # one of OUTCOMES on terminal steps, else ""
    calculator: str = ""  # "commission" | "bundle" | "" : opened inline at this step
    pos: Pos = field(default=Pos(""), compare=False)
    when: tuple[Variant, ...] = ()  # the first whose condition holds replaces `say`
    asks: tuple[str, ...] = ()  # what `ask` asks for, see coach.core.content.asks

    @property
    def terminal(self) -> bool:
        return bool(self.outcome)


@dataclass(frozen=True, slots=True)
class TrialExemption:
    """Where the one-week-trial rule stops applying: after `after`, a step that explains a rule
    barring the client from trading (an industry employee), no trial is offered."""

    after: str  # step id
    reason: Text
    pos: Pos = field(default=Pos(""), compare=False)


@dataclass(frozen=True, slots=True)
class Playbook:
    cause: str
    title: Text
    summary: Text
    start: str
    steps: Mapping[str, Step]  # in file order
    reactions: Mapping[str, Reaction] = field(default_factory=dict)  # named reactions it adds
    path: str = ""
    trial_exempt: TrialExemption | None = None

    def step(self, step_id: str) -> Step:
        return self.steps[step_id]


@dataclass(frozen=True, slots=True)
class Technique:
    id: str
    name: Text
    purpose: Text
    lines: tuple[str, ...]  # model lines, templates like a step's `say`
    cues: tuple[str, ...]  # phrases that show a trainee used it
    pos: Pos = field(default=Pos(""), compare=False)


@dataclass(frozen=True, slots=True)
class Principle:
    id: str
    name: Text
    summary: Text
    keeps: tuple[str, ...]  # phrases that show the principle kept
    pos: Pos = field(default=Pos(""), compare=False)


@dataclass(frozen=True, slots=True)
class Violation:
    """A way of breaking a principle, recognised by its phrases."""

    id: str
    name: Text
    principle: str
    phrases: tuple[str, ...]
    advice: Text
    pos: Pos = field(default=Pos(""), compare=False)


@dataclass(frozen=True, slots=True)
class ServiceProduct:
    id: str
    name: str
    description: str
    techniques: tuple[str, ...] = ()  # techniques this product supports (shown in the side panel)


@dataclass(frozen=True, slots=True)
class Tier:
    """A bundled-commission tier: pooled yearly turnover from `min_turnover` gets `rate`."""

    name: str
    min_turnover: float
    rate: float


@dataclass(frozen=True, slots=True)
class Branch:
    name: str
    area: str
    address: str
    city: str = ""  # the city it is in; "" for the firm's home city


@dataclass(frozen=True, slots=True)
class Evidence:
    """How clients who kept in touch fared against those who did not, over one period: the
    figures a client-success line points to. Labelled `example` until the branch puts its own."""

    period: str
    example: bool  # true: fictional figures to replace
    in_touch_clients: int
    in_touch_drawdown: float  # average peak-to-trough loss, a fraction
    others_clients: int
    others_drawdown: float
    source: str = ""


@dataclass(frozen=True, slots=True)
class Firm:
    name: str
    short_name: str
    hotline: str
    app: str
    strengths: tuple[str, ...]
    service_products: tuple[ServiceProduct, ...]
    standard_rate: float  # our usual rate, e.g. 0.00025 (万2.5)
    cap_rate: float  # regulatory cap, 0.003 (3‰)
    min_commission: float  # yuan per trade, 5
    tiers: tuple[Tier, ...]
    branches: tuple[Branch, ...]
    trial_days: int = 7
    trial_services: tuple[str, ...] = ()
    city: str = ""  # the home city (branches without a city of their own are there)
    # the branch's figures that the heavy-loss evidence line refers to (`evidence:` in firm.yaml)
    evidence: Evidence | None = None
    # Most contacts a week per client and channel (phone, sms, email, visit): the reactivation
    # guide's "打扰频率上限".
    contact_limits: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Library:
    """Everything loaded from one playbooks folder."""

    root: str
    version: str  # short hash of the files' bytes: recorded in transcripts and scorecards
    causes: Mapping[str, Cause]
    playbooks: Mapping[str, Playbook]
    techniques: Mapping[str, Technique]
    principles: Mapping[str, Principle]
    violations: Mapping[str, Violation]
    firm: Firm | None
    phrasings: tuple[Labelled, ...] = ()  # labelled statements the learned channel trains on
    warning: WarningRules | None = None  # warning.yaml, when the folder has one
    outreach: Mapping[str, Outreach] = field(default_factory=dict)  # outreach/<id>.yaml
