"""Shared fixtures for the practice tests: the bundled playbooks, loaded once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import practice_scripts
import pytest
from practice_scripts import SCRIPTS

from coach.core.content.library import load_library
from coach.core.content.model import Library
from coach.core.paths import PACKAGE_ROOT
from coach.core.practice.personas import Persona, load_for_library
from coach.core.practice.scoring_config import ScoringConfig, load_scoring

BUNDLED = PACKAGE_ROOT / "playbooks"


@pytest.fixture(scope="session")
def library() -> Library:
    result = load_library(BUNDLED)
    assert not [p for p in result.problems if p.is_error]
    return result.library


@pytest.fixture(scope="session")
def personas(library: Library) -> dict[str, Persona]:
    loaded = load_for_library(library)
    assert not [p for p in loaded.problems if p.is_error], [str(p) for p in loaded.problems]
    return dict(loaded.personas)


@pytest.fixture(scope="session")
def config(library: Library) -> ScoringConfig:
    config, problems = load_scoring(BUNDLED, techniques=set(library.techniques))
    assert config is not None, [str(p) for p in problems]
    return config


@pytest.fixture(scope="session")
def poor_script() -> list[str]:
    """No apology, arguing, disparaging the competitor, promising profit, pressure, rudeness."""
    return (SCRIPTS / "poor.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def script() -> Callable[[str], list[str]]:
    """A hand-written trainee script from scripts/<name>.txt, one reply per line."""
    return practice_scripts.script


@pytest.fixture(scope="session")
def bundled() -> Path:
    return BUNDLED
