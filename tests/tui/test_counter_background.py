"""Classifying while typing runs off the UI thread; the latest keystroke wins (issue 14 item 6)."""

from __future__ import annotations

import threading
import time

import pytest

from coach.tui.screens.counter import CounterScreen
from coach.tui.widgets.suggestions import CauseSuggestions


async def test_a_slow_classification_does_not_freeze_typing(ui, counter_app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CounterScreen, "DEBOUNCE", 0.01)
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        classifier = screen.classifier
        real = classifier.classify
        threads: list[str] = []

        def slow(text: str):
            threads.append(threading.current_thread().name)
            time.sleep(0.4)
            return real(text)

        monkeypatch.setattr(classifier, "classify", slow)
        screen.statement_input.focus()
        await pilot.press(*"我搬家了")
        await pilot.pause(0.05)
        started = time.monotonic()
        await pilot.press("x")  # handled at once although a classification is running
        assert time.monotonic() - started < 0.3
        assert screen.statement_input.value == "我搬家了x"
        for _ in range(40):
            await pilot.pause(0.1)
            if screen.result is not None and screen.result.text == "我搬家了x":
                break
        assert screen.result is not None and screen.result.text == "我搬家了x"  # the latest wins
        assert screen.query_one(CauseSuggestions).candidate(0) == "relocation"
        assert threads and threading.main_thread().name not in threads
