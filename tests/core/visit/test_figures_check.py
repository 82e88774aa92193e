"""Figures in content checked against firm.yaml and the calculator (issue 11): each old line the
issue quotes is put back into a copy of the bundled playbooks and must be caught."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.core.content.library import load_library
from coach.core.paths import default_playbooks
from coach.core.visit.figures_check import figure_check


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "playbooks"
    shutil.copytree(default_playbooks(), copy)
    return copy


def problems(root: Path) -> list[tuple[str, str, int]]:
    found, _ = figure_check(root, load_library(root).library)
    return [(p.code, Path(p.path).name, p.line) for p in found]


def replace(root: Path, name: str, old: str, new: str, *, at: str = "") -> int:
    """Replace once; the line number of `at` (or of `new`) afterwards."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(at or new)].count("\n") + 1


def test_the_bundled_playbooks_have_no_figure_problems() -> None:
    root = default_playbooks()
    found, _ = figure_check(root, load_library(root).library)
    assert [str(p) for p in found if p.level == "error"] == []


def test_the_old_break_even_technique_line_is_caught(root: Path) -> None:
    # issue 11.2: "单笔两万元以下……佣金率再低，实际付的钱也一样" (two万 hard-coded from 万2.5, and
    # false against 免五)
    line = replace(root, "techniques.yaml", "      - 算一笔账\n",
                   '      - 算一笔账\n      - "单笔两万元以下的交易，佣金率再低，实际付的钱也一样。"\n',
                   at="单笔两万元")
    codes = {(c, n, ln) for c, n, ln in problems(root)}
    assert ("hard-coded-break-even", "techniques.yaml", line) in codes
    assert ("unconditional-no-saving", "techniques.yaml", line) in codes


def test_a_no_saving_claim_is_fine_only_under_its_condition(root: Path) -> None:
    # issue 11.3: "每笔金额不大的时候，佣金率再往下调，您每笔实际付的钱几乎不变" said to every client
    line = replace(root, "cases/fee_cut_ultimatum.yaml",
                   '      - "我帮您具体算一下，用您自己的数',
                   '      - "佣金率再往下调，您每笔实际付的钱几乎不变。"\n      - "我帮您具体算一下，用您自己的数',
                   at="佣金率再往下调")
    assert ("unconditional-no-saving", "fee_cut_ultimatum.yaml", line) in problems(root)


def test_a_minimum_that_is_not_the_firms_is_caught(root: Path) -> None:
    line = replace(root, "cases/fee_cut_ultimatum.yaml", "我们公司每笔最低收{min_commission}，这是公司统一的收费规定",
                   "我们公司每笔最低收3元，这是公司统一的收费规定")
    assert ("figure-contradicts-firm", "fee_cut_ultimatum.yaml", line) in problems(root)
    # the firm's own figure written out is a warning: it would not follow firm.yaml
    replace(root, "cases/fee_cut_ultimatum.yaml", "最低收3元，", "最低收5元，")
    assert ("literal-firm-figure", "fee_cut_ultimatum.yaml", line) in problems(root)


def test_a_cap_that_is_not_the_firms_is_caught(root: Path) -> None:
    line = replace(root, "cases/fee_cut_ultimatum.yaml", "最高不能超过{cap_rate}",
                   "最高不能超过千分之五")
    assert ("figure-contradicts-firm", "fee_cut_ultimatum.yaml", line) in problems(root)


def test_a_worked_example_is_recomputed(root: Path) -> None:
    line = replace(root, "techniques.yaml", "一年交易100万，万2.5和万2也就差50元",
                   "一年交易100万，万2.5和万2也就差80元")
    assert ("figure-contradicts-calculator", "techniques.yaml", line) in problems(root)


def test_a_persona_who_says_a_cut_saves_nothing_against_her_own_profile(root: Path) -> None:
    # issue 11.3: chen opens with 万一免五 and saves 240 a year; "降了也省不下" is then false
    line = replace(root, "personas/fee_cut_chen.yaml", "    - 一年就差两百来块",
                   "    - 原来降了也省不下钱。一年就差两百来块", at="原来降了")
    assert ("figure-contradicts-calculator", "fee_cut_chen.yaml", line) in problems(root)
