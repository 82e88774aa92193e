"""`when:` variants: the lines that fit the client's own figures (issue 11 items 1-3, issue 10
item 8), on the bundled playbooks."""

from __future__ import annotations

import pytest

from coach.core.content.library import load_library
from coach.core.content.model import Library
from coach.core.paths import default_playbooks
from coach.core.visit.calc import commission
from coach.core.visit.engine import Walkthrough


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(default_playbooks()).library


def at(library: Library, cause: str, step: str) -> Walkthrough:
    walkthrough = Walkthrough.from_library(library, cause)
    for _ in range(10):
        if walkthrough.step.id == step:
            return walkthrough
        walkthrough.react("objects")
    raise AssertionError(f"{cause}: no way to {step} by objections")


def test_before_the_numbers_the_fee_cut_step_claims_nothing(library: Library) -> None:
    said = "".join(at(library, "fee_cut_ultimatum", "capital").lines())
    assert "一样" not in said and "几乎不变" not in said and "【" not in said


def test_chen_against_mian_wu_hears_the_real_saving(library: Library) -> None:
    # issue 11.3: 60 trades of 1万 at 万2.5 (the 5-yuan minimum) vs 万1免五: 300 vs 60, 240 a year
    walkthrough = at(library, "fee_cut_ultimatum", "capital")
    result = commission("60万", 60, "万2.5", "万1免五", library.firm)
    walkthrough.set_values(result.values())
    said = "".join(walkthrough.lines())
    assert "240元" in said and "300元" in said and "60元" in said
    assert "一样" not in said and "省不下" not in said
    assert "我们公司每笔最低收5元" in said  # the firm's rule, not the exchange's


def test_chen_against_a_rate_with_the_minimum_hears_it_changes_nothing(library: Library) -> None:
    walkthrough = at(library, "fee_cut_ultimatum", "capital")
    walkthrough.set_values(commission("60万", 60, "万2.5", "万1", library.firm).values())
    said = "".join(walkthrough.lines())
    assert "一样" in said and "300元" in said


def test_a_new_calculation_replaces_the_old_case(library: Library) -> None:
    walkthrough = at(library, "fee_cut_ultimatum", "capital")
    walkthrough.set_values(commission("60万", 60, "万2.5", "万1", library.firm).values())
    walkthrough.set_values(commission("600万", 60, "万2.5", "万1", library.firm).values())
    said = "".join(walkthrough.lines())
    assert "相差900元" in said and "一样" not in said


def test_a_zero_difference_has_its_own_line(library: Library) -> None:
    # issue 10.8: "相差0元" followed by "差额是实打实的，我不回避"
    walkthrough = at(library, "competitor_commission", "math")
    walkthrough.set_values(commission("10万", 20, "万2.5", "万2", library.firm).values())
    said = "".join(walkthrough.lines())
    assert "相差0元" not in said and "实打实" not in said
    assert "两边一年都是100元" in said and "不会少付" in said
