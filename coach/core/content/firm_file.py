"""firm.yaml: the firm profile (name, hotline, strengths, products, commission tiers, branches).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from types import MappingProxyType

from coach.core.content.fields import (
    Fields,
    label,
    read_mapping,
)
from coach.core.content.model import (
    Branch,
    Evidence,
    Firm,
    ServiceProduct,
    Tier,
)
from coach.core.content.problems import Problem, choices_hint, has_errors
from coach.core.content.yamlpos import YList, YMap

FIRM_FILE = "firm.yaml"

_FIRM_REQUIRED = ("name", "standard_rate")
_FIRM_OPTIONAL = (
    "short_name", "hotline", "app", "strengths", "service_products", "cap_rate",
    "min_commission", "tiers", "branches", "trial_days", "trial_services", "city", "evidence",
    "contact_limits",
)
CHANNELS = ("phone", "sms", "email", "visit")
# When firm.yaml says nothing: at most one call, two messages, one email and one visit a week.
DEFAULT_CONTACT_LIMITS = {"phone": 1, "sms": 2, "email": 1, "visit": 1}


def load_firm(path: Path, techniques: Collection[str] | None,
               problems: list[Problem]) -> Firm | None:
    tree = read_mapping(path, problems, "name:")
    if tree is None:
        return None
    if set(tree) == {"firm"} and isinstance(tree["firm"], YMap):
        tree = tree["firm"]  # `firm:` around the profile is fine too
    start = len(problems)
    f = Fields(tree, "firm.yaml", problems)
    f.allow(_FIRM_REQUIRED, _FIRM_OPTIONAL)
    products: list[ServiceProduct] = []
    for _, node in f.items("service_products", "service product"):
        p = Fields(node, label(node, "service product"), problems)
        p.allow(("id", "name"), ("description", "techniques"))
        product = ServiceProduct(p.string("id"), p.string("name"), p.string("description"),
                                 p.strings("techniques"))
        value = node.get("techniques")
        for i, tech in enumerate(product.techniques):
            if techniques is not None and tech not in techniques:
                at = value.at(i) if isinstance(value, YList) else node.at("techniques")
                p.error(at, "unknown-technique",
                        f"{p.what} names the technique '{tech}', which techniques.yaml does not define",
                        choices_hint(tech, techniques, what="techniques"))
        products.append(product)
    tiers: list[Tier] = []
    for _, node in f.items("tiers", "tier"):
        t = Fields(node, f"the tier at line {node.pos.line}", problems)
        t.allow(("name", "min_turnover", "rate"))
        tiers.append(Tier(t.string("name"), t.number("min_turnover", minimum=0),
                          t.number("rate", minimum=0)))
    branches: list[Branch] = []
    for _, node in f.items("branches", "branch"):
        b = Fields(node, f"the branch at line {node.pos.line}", problems)
        b.allow(("name",), ("area", "address", "city"))
        branches.append(Branch(b.string("name"), b.string("area"), b.string("address"),
                               b.string("city")))
    limits = dict(DEFAULT_CONTACT_LIMITS)
    if (node := f.mapping("contact_limits")) is not None:
        c = Fields(node, "'contact_limits' of firm.yaml", problems)
        c.allow((), CHANNELS)
        limits = {ch: c.integer(ch, limits[ch], minimum=0) for ch in CHANNELS}
    name = f.string("name")
    standard_rate = f.number("standard_rate", minimum=0)
    cap_rate = f.number("cap_rate", 0.003, minimum=0)
    if standard_rate > cap_rate > 0:
        f.error(
            tree.at("standard_rate"),
            "bad-value",
            f"the standard rate {standard_rate:g} is above the cap rate {cap_rate:g}",
            "rates are fractions of turnover: 万2.5 is 0.00025, 3‰ is 0.003",
        )
    firm = Firm(
        name=name,
        short_name=f.string("short_name") or name,
        hotline=f.string("hotline"),
        app=f.string("app"),
        strengths=tuple(s for s in f.strings("strengths") if s),
        service_products=tuple(products),
        standard_rate=standard_rate,
        cap_rate=cap_rate,
        min_commission=f.number("min_commission", 5.0, minimum=0),
        tiers=tuple(tiers),
        branches=tuple(branches),
        trial_days=f.integer("trial_days", 7, minimum=1),
        trial_services=tuple(s for s in f.strings("trial_services") if s),
        city=f.string("city"),
        evidence=_evidence(f.mapping("evidence"), problems),
        contact_limits=MappingProxyType(limits),
    )
    return None if has_errors(problems[start:]) else firm


def _evidence(node: YMap | None, problems: list[Problem]) -> Evidence | None:
    """The branch's figures on clients who kept in touch (`evidence:`): what the heavy-loss
    evidence step shows. `example: true` marks fictional figures still to be replaced."""
    if node is None:
        return None
    e = Fields(node, "evidence", problems)
    e.allow(("period", "example", "in_touch", "others"), ("source",))
    groups = []
    for key in ("in_touch", "others"):
        group = e.mapping(key)
        if group is None:
            groups.append((0, 0.0))
            continue
        g = Fields(group, f"evidence: {key}", problems)
        g.allow(("clients", "average_drawdown"))
        drawdown = g.number("average_drawdown", minimum=0)
        if drawdown > 1:
            g.error(group.at("average_drawdown"), "bad-value",
                    f"'average_drawdown' of {key} is {drawdown:g}; it is a fraction",
                    "write 0.18 for 18%")
        groups.append((g.integer("clients", 0, minimum=1), drawdown))
    example = node.get("example")
    if not isinstance(example, bool):
        e.wrong(node.at("example"), example, "example", "true or false")
        example = True
    return Evidence(
        period=e.string("period"), example=example,
        in_touch_clients=groups[0][0], in_touch_drawdown=groups[0][1],
        others_clients=groups[1][0], others_drawdown=groups[1][1],
        source=e.string("source"),
    )
