"""The practice core never imports the UI, nor does the `coach practice` command module."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import coach.core.practice

PACKAGE = Path(coach.core.practice.__file__).resolve().parent
MODULES = ["coach.core.practice", "coach.cli.practice"] + sorted(
    f"coach.core.practice.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"
)
PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted({n.split(".")[0] for n in sys.modules} & {"textual", "rich"})))
"""


@pytest.mark.parametrize("module", MODULES)
def test_no_ui_packages(module: str) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, module], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
