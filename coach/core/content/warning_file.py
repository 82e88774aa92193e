"""warning.yaml: the early-warning indicators, their thresholds and the dormant segment.

The guide gives the indicators and their example thresholds; a branch tunes the numbers here,
never in code. Each indicator id has a fixed set of parameters (the SQL reads them by name).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from coach.core.content.fields import Fields, duplicate, label, read_mapping
from coach.core.content.model import Pos, Text
from coach.core.content.problems import Problem, choices_hint, has_errors

WARNING_FILE = "warning.yaml"

FAMILIES = ("key", "supporting", "qualitative")

# Each indicator: its whole-number parameters (months) and its fractions (shares, drops),
# with the guide's defaults.
INDICATOR_PARAMS: Mapping[str, tuple[dict[str, int], dict[str, float]]] = {
    "transfer_out": ({"months": 6, "min_times": 2}, {"share": 0.30}),
    "commission_drop": ({"months": 3, "large_months": 6}, {"drop": 0.30}),
    "empty_position": ({"months": 2}, {}),
    "trades_drop": ({"months": 3}, {"drop": 0.50}),
    "month_loss": ({}, {"share": 0.50}),
    "complaint": ({"months": 2}, {}),
    "fee_request": ({"months": 2}, {}),
    "contact_drop": ({"months": 3}, {}),
}


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    family: str
    name: Text
    weight: float
    cause: str
    outreach: str
    months: Mapping[str, int] = field(default_factory=dict)
    shares: Mapping[str, float] = field(default_factory=dict)
    pos: Pos = Pos("")  # where `outreach:` is written, for the cross-check with outreach/


@dataclass(frozen=True, slots=True)
class Dormant:
    idle_months: int = 6
    min_assets: float = 10_000.0
    heavy_loss_share: float = 0.30
    outreach: str = "dormant_call"
    heavy_loss_outreach: str = "heavy_loss_call"
    pos: Pos = Pos("")


@dataclass(frozen=True, slots=True)
class WarningRules:
    indicators: tuple[Indicator, ...]
    dormant: Dormant

    def get(self, ident: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == ident), None)


def default_rules() -> WarningRules:
    """The bundled warning.yaml (the guide's thresholds), for a folder without its own."""
    from coach.core.paths import PACKAGE_ROOT

    problems: list[Problem] = []
    rules = load_warning(PACKAGE_ROOT / "playbooks" / WARNING_FILE, None, problems)
    if rules is None:
        raise ValueError("the bundled warning.yaml is broken: " + "; ".join(map(str, problems)))
    return rules


def load_warning(path: Path, causes: Collection[str] | None,
                 problems: list[Problem]) -> WarningRules | None:
    tree = read_mapping(path, problems, "indicators:")
    if tree is None:
        return None
    start = len(problems)
    f = Fields(tree, WARNING_FILE, problems)
    f.allow(("indicators",), ("dormant",))
    seen: dict[str, Pos] = {}
    indicators: list[Indicator] = []
    for _, node in f.items("indicators", "indicator"):
        i = Fields(node, label(node, "indicator"), problems)
        ident = i.string("id")
        params = INDICATOR_PARAMS.get(ident)
        if params is None:
            if ident:
                i.error(node.at("id"), "unknown-indicator",
                        f"there is no indicator '{ident}'",
                        choices_hint(ident, INDICATOR_PARAMS, what="indicators"))
            continue
        ints, floats = params
        i.allow(("id", "family", "weight"), ("name", "cause", "outreach", *ints, *floats))
        duplicate(seen, ident, node, "indicator", i)
        family = i.string("family")
        if family and family not in FAMILIES:
            i.error(node.at("family"), "bad-value", f"unknown family '{family}'",
                    choices_hint(family, FAMILIES, what="families"))
        cause = i.string("cause") or "other"
        if causes is not None and cause not in causes:
            i.error(node.at("cause"), "unknown-cause", f"{i.what} names the cause '{cause}'",
                    choices_hint(cause, causes, what="causes"))
        months = {k: i.integer(k, v, minimum=1) for k, v in ints.items()}
        shares = {}
        for key, default in floats.items():
            value = i.number(key, default, minimum=0)
            if value > 1:
                i.error(node.at(key), "bad-value", f"'{key}' is a fraction: 0.30 means 30%")
            shares[key] = value
        indicators.append(Indicator(
            ident, family, i.text("name"), i.number("weight", 1, minimum=0), cause,
            i.string("outreach") or "at_risk_call",
            MappingProxyType(months), MappingProxyType(shares),
            node.at("outreach") if "outreach" in node else node.pos))
    dormant = Dormant()
    if (node := f.mapping("dormant")) is not None:
        d = Fields(node, "'dormant' of warning.yaml", problems)
        d.allow((), ("idle_months", "min_assets", "heavy_loss_share", "outreach",
                     "heavy_loss_outreach"))
        dormant = Dormant(
            d.integer("idle_months", 6, minimum=1),
            d.number("min_assets", 10_000, minimum=0),
            min(d.number("heavy_loss_share", 0.30, minimum=0), 1.0),
            d.string("outreach") or "dormant_call",
            d.string("heavy_loss_outreach") or "heavy_loss_call",
            node.pos,
        )
    if has_errors(problems[start:]):
        return None
    return WarningRules(tuple(indicators), dormant)


def check_outreach_names(rules: WarningRules, known: Collection[str]) -> list[Problem]:
    """Each playbook warning.yaml asks staff to prepare must exist under outreach/."""
    named = [(i.outreach, i.pos) for i in rules.indicators]
    named += [(rules.dormant.outreach, rules.dormant.pos),
              (rules.dormant.heavy_loss_outreach, rules.dormant.pos)]
    return [
        Problem.at(pos, "unknown-outreach", f"there is no outreach playbook '{name}'",
                   choices_hint(name, known, what="outreach playbooks")
                   + f"; or add outreach/{name}.yaml")
        for name, pos in named if name not in known
    ]
