"""Escape sequences typed or pasted at the counter are shown as symbols on screen, never sent."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from coach.tui.widgets.suggestions import CauseSuggestions

HOSTILE = "\x1b]0;PWNED\x07\x1b[2J佣金太高了\x9b2J"


def _rendered(widget) -> str:
    return "".join(
        segment.text for y in range(widget.size.height) for segment in widget.render_line(y)
    )


async def test_escapes_in_a_statement_never_reach_the_terminal(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.say(pilot, HOSTILE)
        suggestions = _rendered(screen.query_one(CauseSuggestions))
        assert "␛]0;PWNED␇␛[2J佣金太高了" in suggestions
        await pilot.press("enter")
        await pilot.pause()
        entry = screen.log_view.query(".entry-client").first(Static)
        shown = _rendered(entry)
        assert "␛]0;PWNED␇␛[2J" in shown
        for text in (suggestions, shown):
            assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    [events] = ui.sessions(transcripts)
    assert events[1]["text"] == HOSTILE  # the transcript keeps what was typed (JSON-escaped)
