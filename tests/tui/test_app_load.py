"""The app's start-up compile goes through the cache like `coach classify` (issue 10 item 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.paths import PACKAGE_ROOT
from coach.tui.app import load


def test_the_app_creates_the_cache_folder_and_reuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "not" / "yet" / "cache"
    monkeypatch.setenv("COACH_CACHE", str(folder))
    first = load(PACKAGE_ROOT / "playbooks")
    assert first.classifier is not None
    cached = list(folder.iterdir())
    assert cached, "the app compiled without keeping the result"
    stamps = {p: p.stat().st_mtime_ns for p in cached}
    second = load(PACKAGE_ROOT / "playbooks")
    assert {p: p.stat().st_mtime_ns for p in folder.iterdir()} == stamps  # read, not rewritten
    text = "那边给我万一免五，你们这还是万三"
    assert second.classifier.classify(text).leading == first.classifier.classify(text).leading


def test_the_app_runs_uncached_when_the_cache_is_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_CACHE", "off")
    assert load(PACKAGE_ROOT / "playbooks").classifier is not None
