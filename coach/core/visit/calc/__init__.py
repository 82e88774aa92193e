"""The commission and bundle calculators: the client's own numbers, ready to say.

Counter staff meet "the other broker charges less" with arithmetic: at the client's real volume
the difference is usually a few yuan a month, and with small trades the 5-yuan minimum per trade
makes a lower rate change nothing at all. These functions take numbers as staff type them
(万2.5, 0.025%, 10万, 50w), compute, and give back frozen results whose `values()` feed the
playbook templates (see coach.core.content.variables) and whose `sentence(lang)` is the line to say.

Fee rules (from the firm profile, defaults when none is loaded): per trade the commission is
rate x trade size, at least `min_commission` (5 yuan) unless the offer waives it (免五); a rate
above the cap (3‰) is not allowed and is reported as an error, not silently capped.

Bad input raises `CalcError`, whose `message(lang)` is a sentence to show the staff member.
"""

from __future__ import annotations

from coach.core.content.variables import wan
from coach.core.understand.amounts import CalcError, Rate, parse_amount, parse_count, parse_rate
from coach.core.visit.calc.bundle import BundleResult, bundle
from coach.core.visit.calc.commission import CommissionResult, commission
from coach.core.visit.calc.terms import DEFAULT_CAP_RATE, DEFAULT_MIN_COMMISSION, FeeTerms

__all__ = [
    "DEFAULT_CAP_RATE",
    "DEFAULT_MIN_COMMISSION",
    "BundleResult",
    "CalcError",
    "CommissionResult",
    "FeeTerms",
    "Rate",
    "bundle",
    "commission",
    "parse_amount",
    "parse_count",
    "parse_rate",
    "wan",
]
