"""A full disk mid-visit: one notice, the walkthrough goes on (issue 14 item 2)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from coach.core.content.library import load_library
from coach.core.paths import PACKAGE_ROOT
from coach.core.records import transcript
from coach.core.understand.classifier import Classifier
from coach.core.visit.counter import CounterSession


def test_a_disk_full_mid_visit_is_reported_once_and_the_visit_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = load_library(PACKAGE_ROOT / "playbooks").library
    classifier = Classifier.from_library(library)
    session = CounterSession(library, folder=tmp_path, staff="S1")
    result = classifier.classify("我搬家了，离你们营业部太远了")
    session.confirm(result, result.leading)
    assert session.unreported_error() is None

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(transcript.os, "write", full)
    choice = session.walkthrough.choices()[0].id
    moved = session.react(choice)  # no exception: the staff member keeps the script
    assert moved.step is session.walkthrough.step
    error = session.unreported_error()
    assert error is not None and "No space left" in error.message("en")
    assert session.unreported_error() is None  # said once
    session.react(session.walkthrough.choices()[0].id)
