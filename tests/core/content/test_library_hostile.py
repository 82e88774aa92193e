"""A playbooks folder with hostile entries: links out, FIFOs, devices, huge or unreadable files.

Each is a problem naming the file; nothing hangs, nothing outside the folder is echoed, and a
folder that cannot be read is an error rather than a quiet "nothing there".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coach.core import files
from coach.core.content.library import content_version, load_library
from coach.core.practice.validation import check_folder

MINI = Path(__file__).resolve().parents[2] / "fixtures" / "mini"
SECRET = "root:$6$SECRETHASH:19000:0:99999:7:::"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "playbooks"
    shutil.copytree(MINI, copy)
    return copy


def codes(problems, name: str) -> list[str]:
    return [p.code for p in problems if p.path.endswith(name)]


def test_a_link_out_of_the_folder_is_refused_and_never_echoed(root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "shadow"
    secret.write_text(f"{SECRET}\nbin:*:19000:0:99999:7:::\n")
    (root / "cases" / "x.yaml").symlink_to(secret)
    (root / "personas").mkdir(exist_ok=True)
    (root / "personas" / "y.yaml").symlink_to(secret)
    problems = check_folder(root).problems
    assert codes(problems, "cases/x.yaml") == ["outside-folder"]
    assert codes(problems, "personas/y.yaml") == ["outside-folder"]
    assert not any("SECRETHASH" in str(p) or "SECRETHASH" in p.hint for p in problems)


def test_a_link_to_a_core_file_is_refused(root: Path) -> None:
    (root / "techniques.yaml").unlink()
    (root / "techniques.yaml").symlink_to("/etc/passwd")
    result = load_library(root)
    assert codes(result.problems, "techniques.yaml") == ["outside-folder"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_a_device_costs_nothing(root: Path, device: str) -> None:
    (root / "cases" / "dev.yaml").symlink_to(device)
    result = load_library(root)
    assert codes(result.problems, "dev.yaml") == ["outside-folder"]
    content_version(root)  # hashing the folder does not read the device either


def test_a_fifo_does_not_hang_validate(root: Path) -> None:
    os.mkfifo(root / "cases" / "pipe.yaml")
    os.mkfifo(root / "phrasings.yaml.fifo")
    done = subprocess.run(
        [sys.executable, "-m", "coach", "validate", str(root)],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 1
    assert "cases/pipe.yaml: error not-a-file: this is a named pipe (FIFO)" in done.stdout


def test_a_fifo_in_place_of_phrasings_does_not_hang_start_up(root: Path) -> None:
    from coach.core.content.labelled import read_phrasings

    (root / "phrasings.yaml").unlink(missing_ok=True)
    os.mkfifo(root / "phrasings.yaml")
    assert read_phrasings(root / "phrasings.yaml") == ()


def test_a_huge_file_is_refused_naming_the_limit(root: Path, monkeypatch) -> None:
    monkeypatch.setenv("COACH_MAX_FILE_MB", "1")
    (root / "cases" / "big.yaml").write_text("# " + "x" * (2 * 1024 * 1024) + "\n")
    result = load_library(root)
    assert codes(result.problems, "big.yaml") == ["too-large"]


def _deny(monkeypatch, folder: Path) -> None:
    """Make listing `folder` fail as `chmod 000` does for anyone but root (tests may run as root)."""
    real = os.scandir

    def scandir(path):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(files.os, "scandir", scandir)


def test_an_unreadable_cases_folder_is_an_error(root: Path, monkeypatch) -> None:
    _deny(monkeypatch, root / "cases")
    problems = load_library(root).problems
    assert [(p.level, p.code) for p in problems if p.path.endswith("cases")] == [
        ("error", "unreadable-folder")
    ]
    assert not any(p.code == "missing-case" for p in problems)


def test_an_unreadable_playbooks_folder_is_one_error(root: Path, monkeypatch) -> None:
    _deny(monkeypatch, root)
    result = load_library(root)
    assert [(p.path, p.code) for p in result.problems] == [(str(root), "unreadable-folder")]
    assert result.library.playbooks == {}


def test_an_unreadable_personas_folder_is_an_error(root: Path, monkeypatch) -> None:
    (root / "personas").mkdir(exist_ok=True)
    _deny(monkeypatch, root / "personas")
    problems = check_folder(root).problems
    assert ("error", "unreadable-folder") in [(p.level, p.code) for p in problems]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_chmod_000_folder_as_a_user(root: Path) -> None:  # pragma: no cover - not as root
    (root / "cases").chmod(0)
    try:
        problems = load_library(root).problems
    finally:
        (root / "cases").chmod(0o755)
    assert ("error", "unreadable-folder") in [(p.level, p.code) for p in problems]
