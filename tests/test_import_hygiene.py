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
    assert "coach.core.content.model" in CORE_MODULES
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


# ---------------------------------------------------------------- layering
#
# The core is grouped by responsibility and arrows only run down:
#   cli -> tui -> workbench -> practice -> visit -> records -> {outreach, understand} -> content
# Each part may import the parts listed for it (and the shared base: coach, errors, paths).
# Imports under `if TYPE_CHECKING:` are annotations only and do not count.

import ast  # noqa: E402

# Shared by every part: the error base, the folders, safe file reads, and text normalisation (content checks
# keywords on the normalised form; the classifier and reply analysis match on it).
BASE = ("coach.core", "coach.core.errors", "coach.core.files", "coach.core.paths", "coach.core.text")

ALLOWED: dict[str, set[str]] = {
    "base": set(),
    "content": set(),
    "understand": {"content"},
    "records": {"content", "understand"},
    "outreach": {"content", "understand", "records"},
    "visit": {"content", "understand", "records"},
    "practice": {"content", "understand", "records", "visit"},
    # the trainer's workbench: schemas, skeletons, walks and the test suite, over everything above
    "workbench": {"content", "understand", "records", "visit", "practice"},
    "tui": {"content", "understand", "records", "outreach", "visit", "practice", "workbench"},
    "cli": {"content", "understand", "records", "outreach", "visit", "practice", "workbench", "tui"},
}


def part_of(module: str) -> str:
    parts = module.split(".")
    if parts[:2] == ["coach", "core"] and len(parts) > 2 and parts[2] in ALLOWED:
        return parts[2]
    if module == "coach.__main__":
        return "cli"
    if parts[:2] in (["coach", "tui"], ["coach", "cli"]):
        return parts[1]
    return "base"  # coach, coach.__main__, coach.core, coach.core.errors, coach.core.paths


def module_name(path: Path) -> str:
    return "coach." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(source: str, module: str) -> set[str]:
    """Every coach module `source` imports at run time, late imports in functions included."""
    found: set[str] = set()
    package = module.rsplit(".", 1)[0] if not module.endswith("__init__") else module

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names if a.name.startswith("coach"))
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - child.level + 1]
                                    + ([base] if base else []))
                if base.startswith("coach"):
                    found.add(base)
                    found.update(f"{base}.{a.name}" for a in child.names)
            visit(child)

    visit(ast.parse(source))
    return found


def _known(modules: set[str], name: str) -> str | None:
    """`name` if it is a module or package of coach, else the module it is a name of."""
    if name in modules:
        return name
    head = name.rsplit(".", 1)[0]
    return head if head in modules else None


def source_tree() -> dict[str, str]:
    return {module_name(p): p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))}


def upward_imports(tree: dict[str, str]) -> list[str]:
    modules = set(tree)
    bad = []
    for module, source in tree.items():
        mine = part_of(module)
        for name in sorted(imports_of(source, module)):
            target = _known(modules, name)
            if target is None:
                continue
            theirs = part_of(target)
            if theirs != mine and theirs != "base" and theirs not in ALLOWED[mine]:
                bad.append(f"{module} ({mine}) imports {target} ({theirs})")
            if mine == "base" and module.startswith("coach.core") and theirs != "base":
                bad.append(f"{module} (base) imports {target} ({theirs})")
    return sorted(set(bad))


def import_circles(tree: dict[str, str]) -> list[list[str]]:
    """Strongly connected groups of two or more modules (Tarjan), over run-time imports."""
    modules = set(tree)
    edges = {
        m: sorted({t for n in imports_of(s, m) if (t := _known(modules, n)) and t != m
                   and not m.startswith(t + ".")})  # a package's own __init__ is no circle
        for m, s in tree.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    circles: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            strong(v)
    return circles


def test_every_core_module_sits_in_a_part() -> None:
    loose = [m for m in CORE_MODULES
             if part_of(m) == "base" and m not in BASE]
    assert loose == []


def test_arrows_only_run_down() -> None:
    assert upward_imports(source_tree()) == []


def test_no_import_circles() -> None:
    assert import_circles(source_tree()) == []


def test_a_planted_upward_import_fails() -> None:
    tree = source_tree()
    tree["coach.core.content.model"] += "\nfrom coach.core.practice.scoring import Scorecard\n"
    tree["coach.core.understand.leaving"] += "\ndef late():\n    from coach.tui.app import CoachApp\n"
    tree["coach.core.text"] += "\nimport coach.core.visit.engine\n"
    assert upward_imports(tree) == [
        "coach.core.content.model (content) imports coach.core.practice.scoring (practice)",
        "coach.core.text (base) imports coach.core.visit.engine (visit)",
        "coach.core.understand.leaving (understand) imports coach.tui.app (tui)",
    ]


def test_a_planted_circle_is_found() -> None:
    tree = source_tree()
    tree["coach.core.content.problems"] += "\nfrom coach.core.content.yamlpos import load_yaml\n"
    assert ["coach.core.content.problems", "coach.core.content.yamlpos"] in import_circles(tree)


def test_type_checking_imports_do_not_count() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from coach.tui.app import X\n"
    assert imports_of(source, "coach.core.content.model") == set()
