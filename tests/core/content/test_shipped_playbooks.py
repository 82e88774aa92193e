"""The playbooks that ship with coach validate with no errors and load completely."""

from __future__ import annotations

from coach.core.content.library import load_library
from coach.core.content.model import CAUSE_IDS
from coach.core.paths import PACKAGE_ROOT
from coach.core.practice.validation import validate

SHIPPED = PACKAGE_ROOT / "playbooks"


def test_shipped_playbooks_have_no_errors() -> None:
    errors = [str(p) for p in validate(SHIPPED) if p.level == "error"]
    assert errors == []


def test_shipped_playbooks_cover_every_cause() -> None:
    library = load_library(SHIPPED).library
    assert set(library.causes) == set(CAUSE_IDS)
    assert set(library.playbooks) == set(CAUSE_IDS)
    assert library.firm is not None
