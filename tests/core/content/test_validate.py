"""One broken copy of the mini playbooks per rule: the exact place and code a trainer sees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.core.content.check import check_folder, validate
from coach.core.content.model import Library
from coach.core.content.problems import Problem

MINI = Path(__file__).resolve().parents[2] / "fixtures" / "mini"

# cases/relocation.yaml of the mini fixture, with its line numbers (the tests edit one line).
CASE = """\
cause: relocation
title: {zh: 挽留流程, en: Retention}
start: listen
steps:
  - id: listen
    technique: listen_and_clarify
    say: "{client}，您慢慢说。"
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


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "playbooks"
    shutil.copytree(MINI, copy)
    return copy


def found(root: Path) -> list[str]:
    """`relative/path:line:col level code` for each problem."""
    out = []
    for p in validate(root):
        rel = Path(p.path).relative_to(root).as_posix()
        out.append(f"{rel}:{p.line}:{p.col} {p.level} {p.code}")
    return out


def only(root: Path) -> Problem:
    (problem,) = validate(root)
    return problem


def case(root: Path, old: str = "", new: str = "", *, name: str = "relocation") -> None:
    text = CASE.replace("cause: relocation", f"cause: {name}")
    if old:
        assert old in text
        text = text.replace(old, new, 1)
    (root / "cases" / f"{name}.yaml").write_text(text, encoding="utf-8")


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, name: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first `needle` in a file."""
    for number, line in enumerate((root / name).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def test_mini_is_clean() -> None:
    assert validate(MINI) == []


def test_the_case_text_above_is_the_fixture(root: Path) -> None:
    assert (MINI / "cases" / "relocation.yaml").read_text(encoding="utf-8") == CASE


# ---------------------------------------------------------------- YAML level


def test_yaml_syntax(root: Path) -> None:
    case(root, "      objects: trial\n", "      objects: [trial\n")
    assert found(root) == ["cases/relocation.yaml:11:14 error yaml-syntax"]
    assert "line 10, column 16" in only(root).message  # where the unclosed list began


def test_unsafe_tag(root: Path) -> None:
    case(root, "say: 谢谢您的信任。", "say: !!python/object:builtins.print {}")
    assert found(root) == ["cases/relocation.yaml:14:10 error unsafe-tag"]


def test_duplicate_key(root: Path) -> None:
    case(root, "    outcome: retained\n", "    say: 再见\n")
    problem = only(root)
    assert str(problem).startswith(f"{root}/cases/relocation.yaml:15:5: error duplicate-key:")
    assert "line 14" in problem.message


# ---------------------------------------------------------------- schema


def test_unknown_key_with_did_you_mean(root: Path) -> None:
    case(root, "    say: 谢谢您的信任。\n", "    say: 谢谢您的信任。\n    tip: 记下来\n")
    problem = only(root)
    assert (problem.line, problem.col, problem.code) == (15, 5, "unknown-key")
    assert problem.hint.startswith("did you mean 'tips'?")


def test_missing_field(root: Path) -> None:
    case(root, "    technique: committed_service\n    say: 谢谢", "    say: 谢谢")
    assert found(root) == ["cases/relocation.yaml:12:5 error missing-field"]
    assert "'technique'" in only(root).message


def test_wrong_type(root: Path) -> None:
    case(root, "say: 谢谢您的信任。", "say: 123")
    problem = only(root)
    assert (problem.line, problem.col, problem.code) == (14, 10, "wrong-type")
    assert "quotes" in problem.hint


def test_top_level_list_instead_of_mapping(root: Path) -> None:
    (root / "firm.yaml").write_text("- name: 测试证券\n", encoding="utf-8")
    assert found(root) == ["firm.yaml:1:1 error wrong-type"]


def test_empty_file(root: Path) -> None:
    (root / "principles.yaml").write_text("", encoding="utf-8")
    assert found(root) == ["principles.yaml:1:1 error empty-file"]


# ---------------------------------------------------------------- case files


def test_unknown_cause_in_a_case_file(root: Path) -> None:
    case(root, "cause: relocation", "cause: relocatoin")
    problem = only(root)
    assert (problem.line, problem.col, problem.code) == (1, 8, "unknown-cause")
    assert "did you mean 'relocation'?" in problem.hint


def test_file_name_mismatch(root: Path) -> None:
    case(root, "cause: relocation", "cause: poached")
    assert found(root) == ["cases/relocation.yaml:1:8 error file-name-mismatch"]


def test_unknown_technique(root: Path) -> None:
    case(root, "technique: graceful_exit", "technique: graceful_exitt")
    problem = only(root)
    assert (problem.line, problem.col, problem.code) == (27, 16, "unknown-technique")
    assert "did you mean 'graceful_exit'?" in problem.hint


def test_unknown_reaction(root: Path) -> None:
    case(root, "      objects: trial", "      object: trial")
    problem = only(root)
    assert (problem.line, problem.col, problem.code) == (10, 7, "unknown-reaction")
    assert "did you mean 'objects'?" in problem.hint


def test_declared_reaction_is_known(root: Path) -> None:
    case(root, "start: listen\n", "start: listen\nreactions:\n  asks_more: 追问细节\n")
    case_path = root / "cases" / "relocation.yaml"
    text = case_path.read_text(encoding="utf-8").replace("      objects: trial", "      asks_more: trial")
    case_path.write_text(text, encoding="utf-8")
    assert found(root) == []


def test_unknown_outcome(root: Path) -> None:
    case(root, "outcome: retained", "outcome: retain")
    problem = only(root)
    assert (problem.line, problem.col, problem.code) == (15, 14, "unknown-outcome")
    assert "did you mean 'retained'?" in problem.hint


def test_unknown_calculator(root: Path) -> None:
    case(root, "    technique: listen_and_clarify\n",
         "    technique: listen_and_clarify\n    calculator: comission\n")
    problem = only(root)
    assert (problem.line, problem.col, problem.code) == (7, 17, "unknown-calculator")


def test_duplicate_step(root: Path) -> None:
    case(root, "  - id: farewell", "  - id: kept")
    result = found(root)
    assert "cases/relocation.yaml:26:9 error duplicate-step" in result


def test_next_to_a_missing_step(root: Path) -> None:
    case(root, "      objects: trial", "      objects: trail")
    problem = only(root)
    assert (problem.line, problem.col, problem.code) == (10, 16, "missing-step")
    assert "did you mean 'trial'?" in problem.hint


def test_start_at_a_missing_step(root: Path) -> None:
    case(root, "start: listen", "start: lisen")
    assert found(root) == ["cases/relocation.yaml:3:8 error missing-step"]


def test_unreachable_step(root: Path) -> None:
    case(root, "      objects: trial\n      insists: trial\n", "      objects: kept\n      insists: kept\n")
    assert found(root) == [
        "cases/relocation.yaml:16:9 error unreachable-step",
        "cases/relocation.yaml:22:9 error unreachable-step",
        "cases/relocation.yaml:26:9 error unreachable-step",
    ]


def test_step_with_neither_next_nor_outcome(root: Path) -> None:
    case(root, "    outcome: trial\n", "    tips: 记下回访日期\n")
    assert found(root) == ["cases/relocation.yaml:22:9 error no-outcome"]


def test_cycle_with_no_exit(root: Path) -> None:
    text = CASE.replace("      accepts: kept\n", "      accepts: trial\n").replace(
        "      accepts: trial_kept\n      insists: farewell\n",
        "      accepts: listen\n      insists: trial\n",
    )
    (root / "cases" / "relocation.yaml").write_text(text, encoding="utf-8")
    assert found(root) == [
        "cases/relocation.yaml:5:9 error no-outcome",
        "cases/relocation.yaml:12:9 error unreachable-step",
        "cases/relocation.yaml:22:9 error unreachable-step",
        "cases/relocation.yaml:24:11 warning variable-not-yet-known",  # no trial leads there now
        "cases/relocation.yaml:26:9 error unreachable-step",
    ]
    assert "steps listen, trial only lead to each other" in validate(root)[0].message


def test_next_and_outcome_together(root: Path) -> None:
    case(root, "    outcome: retained\n", "    outcome: retained\n    next: {accepts: trial}\n")
    assert found(root) == ["cases/relocation.yaml:15:5 error next-and-outcome"]


def test_lost_without_the_trial(root: Path) -> None:
    case(root, "      insists: trial\n", "      insists: farewell\n")
    problem = only(root)
    assert (problem.line, problem.col, problem.code) == (29, 14, "no-trial-before-lost")
    assert "listen → farewell" in problem.message


def test_unknown_variable(root: Path) -> None:
    case(root, '"{client}，您慢慢说。"', '"{clint}，您慢慢说。"')
    problem = only(root)
    assert str(problem) == (
        f"{root}/cases/relocation.yaml:7:11: error unknown-variable: unknown variable '{{clint}}'"
    )
    assert problem.hint.startswith("did you mean '{client}'?")


def test_unknown_variable_in_a_technique_line(root: Path) -> None:
    edit(root, "techniques.yaml", '"{client}，您慢慢说。"', '"{firm}，您慢慢说。"')
    assert found(root) == ["techniques.yaml:6:10 error unknown-variable"]


def test_calculator_variable_before_the_calculator_is_a_warning(root: Path) -> None:
    case(root, "say: 欢迎随时回来。", "say: 一年差{yearly_diff}。")
    problem = only(root)
    assert (problem.line, problem.col, problem.level, problem.code) == (
        28, 13, "warning", "variable-not-yet-known"
    )
    assert "【年差额】" in problem.hint


def test_trial_end_before_the_trial_is_a_warning(root: Path) -> None:
    case(root, "say: 谢谢您的信任。", 'say: "{trial_end}见。"')
    assert found(root) == ["cases/relocation.yaml:14:11 warning variable-not-yet-known"]


def test_calculator_variable_after_the_calculator_is_fine() -> None:
    # mini's competitor_commission uses {yearly_diff} on its calculator step, {bundle_rate} after
    assert [p for p in validate(MINI) if p.code == "variable-not-yet-known"] == []


def test_missing_case_is_a_warning_at_the_cause(root: Path) -> None:
    (root / "cases" / "other.yaml").unlink()
    line, col = line_of(root, "causes.yaml", "- id: other")
    assert found(root) == [f"causes.yaml:{line}:{col + 6} warning missing-case"]


# ---------------------------------------------------------------- causes.yaml


def test_duplicate_keyword_points_at_the_second_and_names_the_first(root: Path) -> None:
    edit(root, "causes.yaml", "keywords: {行情慢: 2, 软件卡: 2}", "keywords: {行情慢: 2, 软件卡: 2, 搬家: 1}")
    line, col = line_of(root, "causes.yaml", "搬家: 1")
    first, _ = line_of(root, "causes.yaml", "搬家: 3")
    problem = only(root)
    assert (problem.line, problem.col, problem.code) == (line, col, "duplicate-keyword")
    assert f"'relocation' (line {first})" in problem.message


def test_duplicate_keyword_after_normalisation(root: Path) -> None:
    edit(root, "causes.yaml", "keywords: {行情慢: 2, 软件卡: 2}", "keywords: {行情慢: 2, 軟件卡頓: 2}")
    edit(root, "causes.yaml", "keywords: {没人管: 3, 态度差: 3}", "keywords: {没人管: 3, 态度差: 3, 软件卡顿: 1}")
    assert [p.code for p in validate(root)] == ["duplicate-keyword"]


def test_unknown_cause_id_in_causes_yaml(root: Path) -> None:
    edit(root, "causes.yaml", "  - id: other\n", "  - id: others\n")
    line, col = line_of(root, "causes.yaml", "- id: others")
    result = found(root)
    assert f"causes.yaml:{line}:{col + 6} error unknown-cause" in result
    assert any("missing-cause" in r for r in result)


def test_all_eleven_causes_must_be_there(root: Path) -> None:
    path = root / "causes.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: other")], encoding="utf-8")
    line, _ = line_of(root, "causes.yaml", "causes:")
    problems = validate(root)
    assert [(p.line, p.col, p.code) for p in problems] == [(line, 1, "missing-cause")]
    assert "other" in problems[0].message


def test_fewer_than_ten_examples_is_a_warning(root: Path) -> None:
    path = root / "causes.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("      - 开户资料太麻烦\n      - 没什么原因，就是想换\n", "")
    path.write_text(text, encoding="utf-8")
    problem = only(root)
    assert (problem.level, problem.code) == ("warning", "few-examples")
    assert problem.line == line_of(root, "causes.yaml", "      - 你们的行情慢半拍")[0]


def test_unknown_term_in_a_pattern(root: Path) -> None:
    edit(root, "causes.yaml", "{broker}[^|]{0,4}(上班", "{brokers}[^|]{0,4}(上班")
    line, col = line_of(root, "causes.yaml", "{brokers}")
    problem = only(root)
    assert (problem.line, problem.col, problem.code) == (line, col, "unknown-term")
    assert "did you mean 'broker'?" in problem.hint


def test_invalid_pattern(root: Path) -> None:
    edit(root, "causes.yaml", "'(进|去)[^|]", "'((进|去)[^|]")
    assert [p.code for p in validate(root)] == ["bad-pattern"]


# ---------------------------------------------------------------- techniques, principles, firm


def test_duplicate_technique_id(root: Path) -> None:
    path = root / "techniques.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - id: empathy\n    name: 同理心\n"
                    "  - id: empathy\n    name: 同理心\n", encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    problem = only(root)
    assert (problem.line, problem.col, problem.code) == (len(lines) - 1, 9, "duplicate-id")
    assert f"line {len(lines) - 3}" in problem.message


def test_violation_names_an_unknown_principle(root: Path) -> None:
    edit(root, "principles.yaml", "principle: confident_not_disparaging", "principle: confident_not_disparage")
    line, col = line_of(root, "principles.yaml", "principle: confident_not_disparage")
    problem = only(root)
    assert (problem.line, problem.col, problem.code) == (line, col + 11, "unknown-principle")
    assert "did you mean 'confident_not_disparaging'?" in problem.hint


def test_firm_rates_and_types(root: Path) -> None:
    edit(root, "firm.yaml", "standard_rate: 0.00025", "standard_rate: 0.03")
    edit(root, "firm.yaml", "hotline: 400-000-0000", "hotline: 4000000000")
    edit(root, "firm.yaml", "{name: 银卡, min_turnover", "{name: 银卡, min_turnovr")
    assert found(root) == [
        "firm.yaml:3:10 error wrong-type",
        "firm.yaml:11:16 error bad-value",
        "firm.yaml:16:5 error missing-field",
        "firm.yaml:16:16 error unknown-key",
    ]


def test_firm_service_product_names_an_unknown_technique(root: Path) -> None:
    edit(root, "firm.yaml", "techniques: [committed_service]", "techniques: [commited_service]")
    assert found(root) == ["firm.yaml:10:18 error unknown-technique"]


# ---------------------------------------------------------------- the folder


def test_every_problem_is_reported_sorted(root: Path) -> None:
    case(root, "      objects: trial", "      objects: trail")
    case(root, "      objects: trial", "      objects: trail", name="poached")
    edit(root, "firm.yaml", "hotline: 400-000-0000", "hotline: 4000000000")
    result = found(root)
    assert result == sorted(result, key=lambda r: (r.split(":")[0], int(r.split(":")[1])))
    assert len(result) == 3


def test_extra_folder_checks_add_their_problems_and_files(root: Path) -> None:
    calls: list[tuple[Path, Library]] = []
    persona = root / "personas" / "p.yaml"

    def extra(folder: Path, library: Library) -> tuple[list[Problem], list[Path]]:
        calls.append((folder, library))
        return [Problem(str(persona), 2, 3, "error", "x", "persona problem")], [persona]

    plain = check_folder(root)
    report = check_folder(root, extra=(extra,))
    assert [p.code for p in report.problems] == ["x"]
    assert calls[0][0] == root and set(calls[0][1].playbooks) == set(calls[0][1].causes)
    assert len(report.files) == len(plain.files) + 1
