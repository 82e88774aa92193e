"""Shared helpers for the Pilot tests of counter mode.

The app under test is built with `make_app`, exactly as the command line builds it, on the
bundled playbooks (or a copy of them in tmp_path) with transcripts in tmp_path. Classifying is
not debounced in tests and cursors do not blink, so nothing depends on wall-clock time.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from coach.core.content.library import LoadResult, load_library
from coach.core.paths import PACKAGE_ROOT
from coach.core.records.transcript_read import iter_transcripts, read_transcript
from coach.tui.app import CoachApp, make_app
from coach.tui.screens.counter import CounterScreen
from coach.tui.widgets.reactions import ReactionList

BUNDLED = PACKAGE_ROOT / "playbooks"


@pytest.fixture(autouse=True)
def _no_timing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CounterScreen, "DEBOUNCE", 0)
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture(scope="session")
def bundled() -> LoadResult:
    """The bundled playbooks, read once for the whole run (content is frozen)."""
    return load_library(BUNDLED)


@pytest.fixture
def playbooks(bundled: LoadResult) -> LoadResult:
    return bundled


@pytest.fixture
def playbooks_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled playbooks that a test may break."""
    target = tmp_path / "playbooks"
    shutil.copytree(BUNDLED, target)
    return target


@pytest.fixture
def transcripts(tmp_path: Path) -> Path:
    return tmp_path / "transcripts"


@pytest.fixture
def counter_app(playbooks: LoadResult, transcripts: Path) -> Callable[..., CoachApp]:
    def build(**options: Any) -> CoachApp:
        options.setdefault("staff", "S007")
        return make_app(options.pop("source", playbooks), transcripts=transcripts, **options)

    return build


class UI:
    """Helpers for driving the app (a fixture, since test modules here cannot import each
    other: pytest puts each test folder on sys.path under its own name)."""

    @staticmethod
    async def ready(pilot: Pilot) -> CounterScreen:
        """Wait for the playbooks to load; returns the counter screen."""
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, CounterScreen)
        assert screen.library is not None
        return screen

    @staticmethod
    async def say(pilot: Pilot, text: str) -> None:
        """What an input method does: commit a run of characters into the focused input."""
        box = pilot.app.screen.query_one("#statement", Input)
        box.focus()
        box.value = text
        box.cursor_position = len(text)
        await pilot.pause()

    @staticmethod
    async def confirm(pilot: Pilot, text: str) -> None:
        """Type what the client says and confirm it with Enter."""
        await UI.say(pilot, text)
        await pilot.press("enter")
        await pilot.pause()

    @staticmethod
    def counter(pilot: Pilot) -> CounterScreen:
        """The counter screen, even while a modal is open above it."""
        return next(s for s in pilot.app.screen_stack if isinstance(s, CounterScreen))

    @staticmethod
    def sessions(folder: Path) -> list[list[dict[str, Any]]]:
        """Every transcript written under `folder`, oldest first, as lists of events."""
        found = [read_transcript(path) for path in iter_transcripts(folder)]
        return sorted(found, key=lambda events: events[0]["t"])

    @staticmethod
    def kinds(events: list[dict[str, Any]]) -> list[str]:
        return [event["kind"] for event in events]

    @staticmethod
    async def accept_until(
        pilot: Pilot, done: Callable[[CounterScreen], bool], limit: int = 12
    ) -> None:
        """Tab into reaction mode and press 1 (the client accepts) until `done(counter screen)`
        holds; a calculator a step opens is closed first."""
        for _ in range(limit):
            if done(UI.counter(pilot)):
                return
            await UI.reaction_mode(pilot)
            await pilot.press("1")
            await pilot.pause()
        raise AssertionError("the playbook never got there")

    @staticmethod
    async def reaction_mode(pilot: Pilot) -> None:
        """Tab into the reactions from the empty input (closing an open calculator first)."""
        screen = UI.counter(pilot)
        if pilot.app.screen is not screen:
            return
        if screen.has_class("-calculating"):
            await pilot.press("escape")
            await pilot.pause()
        if not screen.query_one("#reactions", ReactionList).has_focus:
            await pilot.press("tab")
            await pilot.pause()

    @staticmethod
    async def press_reaction(pilot: Pilot, reaction: str) -> None:
        """Press the number key of `reaction` in the list on screen."""
        reactions = UI.counter(pilot).query_one("#reactions", ReactionList)
        await UI.reaction_mode(pilot)
        await pilot.press(str(reactions.reaction_ids.index(reaction) + 1))
        await pilot.pause()


@pytest.fixture
def ui() -> type[UI]:
    return UI
