"""Loading a playbooks folder: valid content into dataclasses, broken files skipped, never a crash."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from coach.core.content.cases import load_playbook
from coach.core.content.causes_file import load_causes
from coach.core.content.check import validate
from coach.core.content.library import content_version, load_library
from coach.core.content.model import CAUSE_IDS, Text

MINI = Path(__file__).resolve().parents[2] / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "playbooks"
    shutil.copytree(MINI, root)
    return root


def test_mini_loads_completely() -> None:
    result = load_library(MINI)
    assert result.problems == []
    lib = result.library
    assert set(lib.causes) == set(CAUSE_IDS)
    assert set(lib.playbooks) == set(CAUSE_IDS)
    assert set(lib.techniques) >= {"one_week_trial", "commission_math"}
    assert set(lib.principles) == {"rapport", "confident_not_disparaging"}
    assert lib.violations["disparage_competitor"].principle == "confident_not_disparaging"
    assert len(result.files) == 15


def test_text_fields_take_plain_chinese_or_zh_en() -> None:
    lib = load_library(MINI).library
    relocation = lib.causes["relocation"]
    assert relocation.question == Text("您是搬家了吗？新家在哪一片？")
    assert relocation.name == Text("居住搬迁", "Relocation")
    assert relocation.name.get("en") == "Relocation"


def test_say_and_tips_take_one_line_or_a_list() -> None:
    playbook = load_library(MINI).library.playbooks["competitor_commission"]
    assert playbook.steps["listen"].say == ("{client}，对方报的是多少？",)
    assert playbook.steps["math"].say == ("一年差{yearly_diff}，每月约{monthly_diff}。",)
    assert playbook.steps["bundle"].tips == ("只合并家人的真实账户。",)
    assert playbook.steps["math"].calculator == "commission"
    assert playbook.steps["math"].next == {"accepts": "kept", "asks_lower": "bundle", "insists": "trial"}
    assert playbook.reactions["asks_lower"].label.zh == "追问能不能更低"
    assert list(playbook.steps) == ["listen", "math", "bundle", "kept", "trial", "trial_kept", "farewell"]
    assert playbook.steps["listen"].pos.line == 8


def test_firm_profile() -> None:
    firm = load_library(MINI).library.firm
    assert firm is not None
    assert (firm.short_name, firm.standard_rate, firm.cap_rate, firm.min_commission) == (
        "测试证券", 0.00025, 0.003, 5.0
    )
    assert [t.rate for t in firm.tiers] == [0.00025, 0.0002]
    assert firm.branches[0].name == "城东营业部"
    assert firm.service_products[0].techniques == ("committed_service",)
    assert firm.trial_days == 7


def test_patterns_have_their_terms_expanded() -> None:
    causes, problems = load_causes(MINI / "causes.yaml")
    assert problems == []
    (pattern,) = causes["industry_employee"].patterns
    assert "{broker}" not in pattern and "券商" in pattern


def test_version_is_stable_and_follows_the_bytes(mini: Path) -> None:
    first = load_library(mini).library.version
    assert first == content_version(mini) and len(first) == 12
    assert load_library(mini).library.version == first
    path = mini / "cases" / "other.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert content_version(mini) != first


def test_a_broken_case_file_is_skipped_and_the_rest_loads(mini: Path) -> None:
    (mini / "cases" / "relocation.yaml").write_text("cause: relocation\nsteps: [\n", encoding="utf-8")
    result = load_library(mini)
    assert "relocation" not in result.library.playbooks
    assert set(result.library.playbooks) == set(CAUSE_IDS) - {"relocation"}
    assert [p.code for p in result.problems] == ["yaml-syntax"]
    # the validator reports the very same problem
    assert validate(mini) == result.problems


def test_a_case_file_with_a_graph_error_is_skipped_too(mini: Path) -> None:
    path = mini / "cases" / "poached.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("objects: trial", "objects: trail"),
                    encoding="utf-8")
    result = load_library(mini)
    assert "poached" not in result.library.playbooks
    assert [p.code for p in result.problems] == ["missing-step"]


def test_a_broken_cause_entry_is_left_out_and_the_others_load(mini: Path) -> None:
    path = mini / "causes.yaml"
    text = path.read_text(encoding="utf-8").replace("keywords: {搬家: 3, 太远: 2}",
                                                      "keywords: {搬家: 3, 太远: lots}")
    path.write_text(text, encoding="utf-8")
    causes, problems = load_causes(path)
    assert "relocation" not in causes and len(causes) == 10
    assert [p.code for p in problems] == ["wrong-type"]


def test_load_causes_is_fast() -> None:
    load_causes(MINI / "causes.yaml")
    start = time.perf_counter()
    causes, _ = load_causes(MINI / "causes.yaml")
    assert len(causes) == 11 and time.perf_counter() - start < 0.5


def test_load_playbook_alone() -> None:
    playbook, problems = load_playbook(MINI / "cases" / "other.yaml")
    assert problems == [] and playbook is not None and playbook.start == "listen"
    assert playbook.path.endswith("other.yaml")


def test_missing_files_are_problems_not_crashes(tmp_path: Path) -> None:
    result = load_library(tmp_path)
    codes = sorted((Path(p.path).name, p.code) for p in result.problems)
    assert codes == [
        ("cases", "missing-file"),
        ("causes.yaml", "missing-file"),
        ("firm.yaml", "missing-file"),
        ("principles.yaml", "missing-file"),
        ("techniques.yaml", "missing-file"),
    ]
    assert result.library.causes == {} and result.library.firm is None


GARBAGE = {
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "empty": b"",
    "list": b"- a\n- b\n",
    "gbk": "cause: 其他".encode("gbk"),
    "scalar": b"just some words\n",
    "syntax": b"a: [1\n",
    "tag": b"!!python/object/apply:os.getcwd []\n",
}


@pytest.mark.parametrize("kind", sorted(GARBAGE))
@pytest.mark.parametrize(
    "name", ["causes.yaml", "techniques.yaml", "principles.yaml", "firm.yaml", "cases/other.yaml"]
)
def test_garbage_in_any_file_is_reported_and_the_rest_still_loads(
    mini: Path, name: str, kind: str
) -> None:
    (mini / name).write_bytes(GARBAGE[kind])
    result = load_library(mini)
    broken = [p for p in result.problems if p.path == str(mini / name)]
    assert broken and all(p.level == "error" for p in broken)
    assert all(p.line >= 1 for p in broken)
    assert len(result.library.playbooks) >= 10


def test_a_folder_named_like_a_case_file(mini: Path) -> None:
    (mini / "cases" / "x.yaml").mkdir()
    result = load_library(mini)
    assert [(Path(p.path).name, p.line, p.code) for p in result.problems] == [
        ("x.yaml", 0, "not-a-file")
    ]
    assert len(result.library.playbooks) == 11


def test_yml_case_files_are_not_silently_ignored(mini: Path) -> None:
    (mini / "cases" / "other.yaml").rename(mini / "cases" / "other.yml")
    problems = load_library(mini).problems
    assert {(Path(p.path).name, p.code, p.level) for p in problems} >= {
        ("other.yml", "ignored-file", "warning"),
        ("causes.yaml", "missing-case", "warning"),
    }
