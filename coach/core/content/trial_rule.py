"""The one-week-trial rule: every path to `lost` passes the trial, with one declared exemption.

The guide's last resort before letting a client go is a week of VIP service; no playbook may skip
it. The exception is a client a rule bars from trading (an industry employee): offering him a
trial would be a trap, not a service. A playbook of a cause in TRIAL_EXEMPT_CAUSES declares
`trial_exempt: {after: STEP, reason: ...}` at the step that explains the ban; past it the rule
stops, and no step may offer the trial.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coach.core.content.graph import path_to, reach
from coach.core.content.model import Playbook, Step
from coach.core.content.problems import Problem, choices_hint
from coach.core.content.yamlpos import YMap

TRIAL_TECHNIQUE = "one_week_trial"

Placed = tuple[Step, YMap]


def check_trial(by_id: Mapping[str, Placed], edges: Mapping[str, Sequence[str]],
                 start: str, playbook: Playbook, tree: YMap) -> list[Problem]:
    """Every way to `lost` passes the one-week trial: no client leaves without the offer.

    The one exception is declared (`trial_exempt:`), allowed for the causes in
    TRIAL_EXEMPT_CAUSES only, and starts at a step that explains the rule barring the client
    from trading: past it no path needs the trial, and none may offer one (a VIP trial to
    someone just told he may not trade)."""

    def is_trial(ident: str) -> bool:
        return by_id[ident][0].technique == TRIAL_TECHNIQUE

    problems, exempt = _check_exemption(by_id, edges, playbook, tree)
    parent = reach([start], edges,
                    through=lambda ident: not is_trial(ident) and ident != exempt)
    for ident in parent:
        step, node = by_id[ident]
        if step.outcome == "lost" and not is_trial(ident):
            problems.append(Problem.at(
                node.at("outcome"), "no-trial-before-lost",
                f"step '{ident}' ends in 'lost', but the path {path_to(parent, ident)} never"
                " offers the one-week trial",
                f"route 'insists' through a step with 'technique: {TRIAL_TECHNIQUE}' before"
                " letting the client go; 放弃之前先邀请客户一周体验",
            ))
    return problems


TRIAL_EXEMPT_CAUSES = ("industry_employee",)  # causes where a rule can bar the client from trading
COMPLIANCE_TECHNIQUE = "compliance_explanation"


def _check_exemption(by_id: Mapping[str, Placed], edges: Mapping[str, Sequence[str]],
                     playbook: Playbook, tree: YMap) -> tuple[list[Problem], str]:
    """The exemption's own problems, and the step it starts at ("" when there is none)."""
    exemption = playbook.trial_exempt
    if exemption is None:
        return [], ""
    node = tree.get("trial_exempt")
    after_at = node.at("after") if isinstance(node, YMap) and "after" in node else exemption.pos
    if playbook.cause not in TRIAL_EXEMPT_CAUSES:
        return [Problem.at(
            exemption.pos, "trial-exemption-not-allowed",
            f"'{playbook.cause}' may not skip the one-week trial: only "
            f"{', '.join(TRIAL_EXEMPT_CAUSES)} can, where a rule bars the client from trading",
            "remove 'trial_exempt:' and route 'insists' through a one_week_trial step",
        )], ""
    if exemption.after not in by_id:
        return [Problem.at(after_at, "missing-step",
                           f"'trial_exempt: after' names the step '{exemption.after}', which"
                           " does not exist", choices_hint(exemption.after, by_id, what="steps"))], ""
    step, _ = by_id[exemption.after]
    if step.technique != COMPLIANCE_TECHNIQUE:
        return [Problem.at(
            after_at, "trial-exemption-not-allowed",
            f"the exemption starts at '{exemption.after}', which does not explain the rule"
            f" (technique '{step.technique}')",
            f"start it at the step with 'technique: {COMPLIANCE_TECHNIQUE}' that tells the client"
            " he may no longer trade",
        )], ""
    problems = []
    past = reach([exemption.after], edges)
    for ident in past:
        offered, node_at = by_id[ident]
        if offered.technique == TRIAL_TECHNIQUE:
            problems.append(Problem.at(
                node_at.at("technique"), "trial-after-exemption",
                f"step '{ident}' offers the one-week trial after '{exemption.after}' told the"
                " client he may not trade",
                "end this path with a graceful exit; offer the trial only where the client may"
                " keep trading",
            ))
    return problems, exemption.after
