"""Where the bundled content and the default transcript folder live."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def default_playbooks() -> Path:
    """The bundled playbooks: the repository's `playbooks/`, overridable with COACH_PLAYBOOKS."""
    return Path(os.environ.get("COACH_PLAYBOOKS", PACKAGE_ROOT / "playbooks"))


def default_transcripts() -> Path:
    """Where sessions are written: COACH_TRANSCRIPTS, else the repository's `transcripts/`."""
    return Path(os.environ.get("COACH_TRANSCRIPTS", PACKAGE_ROOT / "transcripts"))
