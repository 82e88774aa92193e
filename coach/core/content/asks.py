"""What a step's question asks for (`asks:` in a case file), so a step already answered by the
client's own words can say so instead of asking again.

A step declares it beside its `ask:` — one name or a list:

    ask: 对方给您报的佣金是多少？您一年大概交易多少金额、多少笔？
    asks: [their_rate, annual_turnover, trades_per_year]

The names are the client's figures (`coach.core.understand.figures`) and the facts read from a
statement (`place`: where the client lives or moved to). The walkthrough
(`coach.core.visit.answers`) finds them in the statements confirmed during the visit. A step
whose lines themselves ask can give lines for when the client already answered:
`when: - if: answered`.
"""

from __future__ import annotations

from collections.abc import Mapping

from coach.core.content.model import Step, Text
from coach.core.content.problems import Problem, choices_hint
from coach.core.content.yamlpos import YList, YMap

ASKS: Mapping[str, Text] = {
    "their_rate": Text("对方报的佣金", "the other broker's rate"),
    "our_rate": Text("我们这边的佣金", "our rate"),
    "asked_rate": Text("想降到的佣金", "the rate asked for"),
    "no_minimum": Text("免五", "no 5-yuan minimum"),
    "annual_turnover": Text("年交易额", "yearly turnover"),
    "trades_per_year": Text("年交易笔数", "trades a year"),
    "trade_size": Text("每笔金额", "trade size"),
    "assets": Text("资金量", "assets"),
    "loss_amount": Text("亏损金额", "amount lost"),
    "loss_ratio": Text("亏损比例", "share lost"),
    "years_with_us": Text("在我们这儿的年数", "years with us"),
    "place": Text("住在哪儿（城市、片区）", "where the client lives (city, area)"),
}


def check_asks(step: Step, node: YMap) -> list[Problem]:
    """Each name under `asks:` must be one the walkthrough can find; a step that asks for
    something should have the question (`ask:`) staff would otherwise put; lines for
    `if: answered` need `asks:` to know what answered means."""
    problems: list[Problem] = []
    if not step.asks:
        problems.extend(
            Problem.at(variant.pos, "answered-without-asks",
                       f"step '{step.id}' has lines for 'if: answered' but no 'asks:'",
                       "say under 'asks:' what the step's question asks for, or remove the variant")
            for variant in step.when if variant.condition == "answered"
        )
    raw = node.get("asks")
    if raw is None:
        return problems
    items = list(enumerate(raw)) if isinstance(raw, YList) else [(-1, raw)]
    seen: set[str] = set()
    for i, item in items:
        if not isinstance(item, str) or not item.strip():
            continue  # not text: reported by the loader as a wrong type
        name = item.strip()
        where = raw.at(i) if isinstance(raw, YList) else node.at("asks")
        if name not in ASKS:
            problems.append(Problem.at(
                where, "unknown-asks",
                f"step '{step.id}' asks for '{name}', which the client's words cannot answer",
                choices_hint(name, ASKS, what="names allowed under 'asks'"),
            ))
        elif name in seen:
            problems.append(Problem.at(
                where, "duplicate-asks", f"step '{step.id}' asks for '{name}' twice",
                "list each name once", level="warning",
            ))
        seen.add(name)
    if step.asks and not step.ask:
        problems.append(Problem.at(
            node.key_at("asks"), "asks-without-ask",
            f"step '{step.id}' says what it asks for but has no question ('ask:')",
            "write the question staff put to the client under 'ask:'", level="warning",
        ))
    return problems
