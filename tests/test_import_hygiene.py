"""The core never imports the UI: each `coach.core` module, imported alone in a fresh
interpreter, must leave `textual` and `rich` out of `sys.modules`.

So does the command line's entry module (`coach classify` must not pay for Textual).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import coach

PACKAGE = Path(coach.__file__).resolve().parent
CORE_MODULES = sorted(
    "coach." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
    for path in (PACKAGE / "core").rglob("*.py")
)
HEADLESS = [*CORE_MODULES, "coach.cli"]
UI_PACKAGES = ("textual", "rich")

PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules} & set(sys.argv[2:]))))
"""


def test_the_core_has_modules_to_check() -> None:
    assert "coach.core.model" in CORE_MODULES
    assert len(CORE_MODULES) >= 5


@pytest.mark.parametrize("module", HEADLESS)
def test_module_imports_without_ui_packages(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, module, *UI_PACKAGES],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=PACKAGE.parent,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [], f"{module} pulls in {done.stdout.strip()}"
