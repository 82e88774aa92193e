"""`coach validate`: the exact lines a trainer reads, and the exit codes scripts rely on."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import main

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "playbooks"
    shutil.copytree(MINI, copy)
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_clean_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(MINI)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "未发现问题（共 15 个文件）\n"


def test_error_line_hint_line_and_summary(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root / "cases" / "relocation.yaml", "      objects: trial", "      objects: trail")
    assert main(["validate", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{root}/cases/relocation.yaml:10:16: error missing-step: 引用的步骤不存在：'next: objects' of step"
        " 'listen' goes to 'trail', which does not exist",
        "  hint: did you mean 'trial'? steps: farewell, kept, listen, trial, trial_kept",
    ]
    assert err == "发现 1 个错误、0 个警告（共 15 个文件）\n"


def test_english_summary(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root / "firm.yaml", "hotline: 400-000-0000", "hotline: 4000000000")
    edit(root / "cases" / "other.yaml", "      objects: trial", "      objects: trail")
    assert main(["validate", str(root), "--lang", "en"]) == 1
    assert capsys.readouterr().err == "2 errors, 0 warnings in 15 files\n"
    assert main(["--lang", "en", "validate", str(root)]) == 1
    assert capsys.readouterr().err == "2 errors, 0 warnings in 15 files\n"


def test_every_problem_sorted_by_file_and_line(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root / "firm.yaml", "hotline: 400-000-0000", "hotline: 4000000000")
    edit(root / "cases" / "relocation.yaml", "      objects: trial", "      objects: trail")
    edit(root / "cases" / "other.yaml", "outcome: retained", "outcome: retain")
    main(["validate", str(root)])
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("  ")]
    assert [line.split(": ")[0] for line in lines] == [
        f"{root}/cases/other.yaml:15:14",
        f"{root}/cases/relocation.yaml:10:16",
        f"{root}/firm.yaml:3:10",
    ]


def test_warnings_alone_exit_zero(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "cases" / "other.yaml").unlink()
    assert main(["validate", str(root), "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert ": warning missing-case: the cause 'other' has no case file" in out
    assert err == "0 errors, 1 warning in 14 files\n"


def test_json_format(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root / "cases" / "relocation.yaml", "      objects: trial", "      objects: trail")
    assert main(["validate", str(root), "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert problems == [
        {
            "path": f"{root}/cases/relocation.yaml",
            "line": 10,
            "col": 16,
            "level": "error",
            "code": "missing-step",
            "message": "'next: objects' of step 'listen' goes to 'trail', which does not exist",
            "hint": "did you mean 'trial'? steps: farewell, kept, listen, trial, trial_kept",
        }
    ]


def test_json_format_clean_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(MINI), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_missing_folder_is_exit_2_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope")]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"coach validate: 找不到话术目录: {tmp_path / 'nope'}\n"


def test_default_folder_comes_from_playbooks_option_or_environment(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root / "cases" / "relocation.yaml", "      objects: trial", "      objects: trail")
    monkeypatch.setenv("COACH_PLAYBOOKS", str(root))
    assert main(["validate"]) == 1
    assert main(["validate", "--playbooks", str(MINI)]) == 0
    assert main(["--playbooks", str(MINI), "validate"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("firm.yaml", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("firm.yaml", b""),
        ("causes.yaml", b"- id: other\n"),
        ("cases/other.yaml", "cause: 其他\n".encode("gbk")),
        ("techniques.yaml", b"techniques: !!python/object/apply:os.getcwd []\n"),
    ],
)
def test_garbage_never_gives_a_traceback(
    root: Path, name: str, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / name).write_bytes(content)
    assert main(["validate", str(root)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert out.startswith(f"{root / name}:")


def test_folder_named_like_a_yaml_file(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "cases" / "x.yaml").mkdir()
    assert main(["validate", str(root)]) == 1
    out, _ = capsys.readouterr()
    assert out.splitlines()[0] == (
        f"{root}/cases/x.yaml: error not-a-file: 这里应该是文件：this is a folder, not a YAML file"
    )


def test_subprocess(root: Path) -> None:
    edit(root / "cases" / "relocation.yaml", "      objects: trial", "      objects: trail")
    env = {**os.environ, "COACH_LANG": "en", "PYTHONPATH": str(REPO)}
    clean = subprocess.run([sys.executable, "-m", "coach", "validate", str(MINI)],
                           capture_output=True, text=True, env=env, cwd=REPO)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "no problems in 15 files\n")
    broken = subprocess.run([sys.executable, "-m", "coach", "validate", str(root)],
                            capture_output=True, text=True, env=env, cwd=REPO)
    assert broken.returncode == 1
    assert broken.stdout.startswith(f"{root}/cases/relocation.yaml:10:16: error missing-step:")
    assert broken.stderr == "1 error, 0 warnings in 15 files\n"


def test_every_problem_code_has_a_chinese_meaning() -> None:
    """Issue 10 item 11: validate spoke English in Chinese mode."""
    import re

    from coach.cli.validate_zh import MEANING
    from coach.core.paths import PACKAGE_ROOT

    used: set[str] = set()
    for part in ("content", "practice", "understand", "visit", "records", "outreach", "workbench"):
        for path in (PACKAGE_ROOT / "coach" / "core" / part).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if "Problem" in text:
                used |= set(re.findall(r'"([a-z]+(?:-[a-z]+)+)"', text))
    missing = {code for code in used if code not in MEANING and not code.startswith(("utf-", "x-"))}
    assert not missing - {"first-reply"}, sorted(missing)
