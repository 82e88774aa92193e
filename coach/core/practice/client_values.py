"""A simulated client's figures: the template values (firm, name, branch, trial end, their
numbers) and their commission worked out.

Fixed before the first reply, and nothing the trainee says changes them: the session only
reads them (its analyser fills the model lines with them).
"""

from __future__ import annotations

from datetime import date, timedelta

from coach.core.content.model import Library
from coach.core.content.variables import branch_for, firm_values
from coach.core.practice.personas import Persona
from coach.core.visit.calc import CalcError, CommissionResult, Rate, bundle, commission


def client_values(persona: Persona, library: Library, *, staff: str = "",
                  today: date | None = None) -> tuple[dict[str, str], CommissionResult | None]:
    """Template variables for this client (firm, name, their numbers) and their commission."""
    values = firm_values(library.firm, client=persona.name.zh, staff=staff)
    firm = library.firm
    if firm is not None:
        end = (today or date.today()) + timedelta(days=firm.trial_days)
        values["trial_end"] = f"{end.month}月{end.day}日"
        branch = branch_for(firm, persona.background.zh)
        if branch:
            values["branch"] = branch  # ours where the client now lives (area or city)
    result: CommissionResult | None = None
    p = persona.profile
    if p.has_commission:
        try:
            their = Rate(p.their_rate, p.their_no_minimum)
            result = commission(p.turnover, p.trades, p.our_rate, their, firm)
        except CalcError:
            result = None
        if result is not None:
            values.update(result.values())
    if p.family_accounts and p.family_turnover and p.turnover and firm is not None and firm.tiers:
        each = p.family_turnover / p.family_accounts
        try:
            values.update(bundle([p.turnover, *([each] * p.family_accounts)], firm).values())
        except CalcError:
            pass  # no tiers to compute with: the bundle lines keep their placeholders
    return values, result
