"""Rules over the lines of a step (issue 11 and issue 10 item 8): `when:` variants, the branch a
line names, one way of addressing the client, and the trial rule's one exemption."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.core.content.check import validate
from coach.core.content.library import load_library

MINI = Path(__file__).resolve().parents[2] / "fixtures" / "mini"

HEAD = """\
cause: {cause}
title: {{zh: 挽留流程}}
start: listen
"""

STEPS = """\
steps:
  - id: listen
    technique: listen_and_clarify
    calculator: commission
    say: "{{client}}，您慢慢说。"
    when:
      - if: {condition}
        say: ["{variant}"]
    next:
      accepts: kept
      objects: trial
      insists: trial
  - id: kept
    technique: committed_service
    say: 谢谢您的信任。
    outcome: retained
  - id: trial
    technique: one_week_trial
    say: "先体验{{trial_days}}天再决定。"
    next:
      accepts: trial_kept
      insists: farewell
  - id: trial_kept
    technique: committed_service
    say: "{{trial_end}}我给您回电话。"
    outcome: trial
  - id: farewell
    technique: graceful_exit
    say: 欢迎随时回来。
    outcome: lost
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "playbooks"
    shutil.copytree(MINI, copy)
    return copy


def write(root: Path, *, cause: str = "relocation", condition: str = "saves_nothing",
          variant: str = "两边一年都是{our_cost}。", extra: str = "", steps: str | None = None) -> None:
    text = HEAD.format(cause=cause) + extra
    text += steps if steps is not None else STEPS.format(condition=condition, variant=variant)
    (root / "cases" / f"{cause}.yaml").write_text(text, encoding="utf-8")


def codes(root: Path) -> list[tuple[str, int]]:
    return [(p.code, p.line) for p in validate(root)]


def test_a_variant_loads_and_is_clean(root: Path) -> None:
    write(root)
    assert codes(root) == []
    step = load_library(root).library.playbooks["relocation"].steps["listen"]
    assert step.when[0].condition == "saves_nothing"
    assert step.when[0].say == ("两边一年都是{our_cost}。",)


def test_unknown_condition_with_did_you_mean(root: Path) -> None:
    write(root, condition="save_nothing")
    [problem] = validate(root)
    assert (problem.code, problem.line) == ("unknown-condition", 10)
    assert "saves_nothing" in problem.hint


def test_unknown_variable_in_a_variant(root: Path) -> None:
    write(root, variant="相差{yearly_dif}。")
    assert ("unknown-variable", 11) in codes(root)


def test_branch_outside_a_branch_known_variant(root: Path) -> None:
    write(root, variant="我们的{branch}离您不远。")
    assert ("branch-unchecked", 11) in codes(root)
    write(root, condition="branch_known", variant="我们的{branch}就在那边。")
    assert codes(root) == []


def test_name_and_nin_in_one_sentence(root: Path) -> None:
    # "让范先生受委屈了，我代表营业部诚恳地向您道歉" reads as two people
    write(root, variant="让{client}受委屈了，我代表营业部向您道歉。")
    assert ("mixed-address", 11) in codes(root)
    write(root, variant="{client}，让您受委屈了。")
    assert codes(root) == []


EXEMPT_STEPS = """\
steps:
  - id: listen
    technique: listen_and_clarify
    say: 您慢慢说。
    next:
      accepts: rules
      relative_joined: trial
      insists: trial
  - id: rules
    technique: compliance_explanation
    say: 按规定，您本人任职期间不能再买卖股票。
    next:
      accepts: done
      insists: done
  - id: done
    technique: graceful_exit
    say: 手续我这就帮您办好。
    outcome: lost
  - id: trial
    technique: one_week_trial
    say: "先体验{trial_days}天再决定。"
    next:
      accepts: trial_kept
      insists: farewell
  - id: trial_kept
    technique: committed_service
    say: "{trial_end}我给您回电话。"
    outcome: trial
  - id: farewell
    technique: graceful_exit
    say: 欢迎随时回来。
    outcome: lost
"""

EXEMPTION = """\
reactions:
  relative_joined: {zh: 入职的是家人}
trial_exempt:
  after: rules
  reason: {zh: 本人按规定不能再交易}
"""


@pytest.fixture
def with_compliance(root: Path) -> Path:
    path = root / "techniques.yaml"
    path.write_text(path.read_text(encoding="utf-8") + """\
  - id: compliance_explanation
    name: {zh: 合规说明}
    purpose: {zh: 讲清规定}
    lines: [按照规定办理。]
    cues: [按照规定]
""", encoding="utf-8")
    return root


def test_the_exemption_lets_a_barred_client_go_without_a_trial(with_compliance: Path) -> None:
    root = with_compliance
    write(root, cause="industry_employee", extra=EXEMPTION, steps=EXEMPT_STEPS)
    assert codes(root) == []
    playbook = load_library(root).library.playbooks["industry_employee"]
    assert playbook.trial_exempt is not None and playbook.trial_exempt.after == "rules"
    # without the exemption the same graph breaks the trial rule
    write(root, cause="industry_employee", extra=EXEMPTION.split("trial_exempt")[0],
          steps=EXEMPT_STEPS)
    assert [c for c, _ in codes(root)] == ["no-trial-before-lost"]


def test_the_exemption_is_for_the_industry_employee_cause_only(with_compliance: Path) -> None:
    write(with_compliance, cause="relocation", extra=EXEMPTION, steps=EXEMPT_STEPS)
    assert "trial-exemption-not-allowed" in [c for c, _ in codes(with_compliance)]


def test_the_exemption_starts_at_a_compliance_step(with_compliance: Path) -> None:
    write(with_compliance, cause="industry_employee", extra=EXEMPTION.replace("after: rules", "after: listen"),
          steps=EXEMPT_STEPS)
    assert "trial-exemption-not-allowed" in [c for c, _ in codes(with_compliance)]


def test_no_trial_after_the_client_is_told_he_may_not_trade(with_compliance: Path) -> None:
    # issue 11.5: a VIP trial offered to someone just told he may not trade
    steps = EXEMPT_STEPS.replace("      accepts: done\n      insists: done",
                                 "      accepts: done\n      insists: trial")
    write(with_compliance, cause="industry_employee", extra=EXEMPTION, steps=steps)
    assert "trial-after-exemption" in [c for c, _ in codes(with_compliance)]
