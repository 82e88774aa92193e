"""Ctrl+Q mid-visit asks first and the session is not left silently unfinished; the key bar shows
^Q at 80x24 (issue 10 item 5)."""

from __future__ import annotations

from pathlib import Path

from coach.tui.screens.confirm import QuitScreen
from coach.tui.widgets.key_bar import KeyBar


def bar_text(screen) -> str:
    bar = screen.query_one(KeyBar)
    return "".join(segment.text for segment in bar.render_line(0))


async def test_the_key_bar_shows_quit_at_80_by_24(ui, counter_app) -> None:
    for size in ((80, 24), (120, 40)):
        app = counter_app()
        async with app.run_test(size=size) as pilot:
            screen = await ui.ready(pilot)
            text = bar_text(screen)
            assert "^Q" in text and "退出" in text, (size, text)
            assert "F1" in text


async def test_ctrl_q_mid_visit_asks_and_cancel_keeps_the_visit(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, "我搬家了，离你们营业部太远了")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.session.walkthrough is not None
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("2")  # quit without an outcome: recorded as unfinished
        await pilot.pause()
    assert not app.is_running
    [events] = ui.sessions(transcripts)
    assert events[-1]["kind"] == "unfinished"
    assert events[-1]["cause"] == "relocation"


async def test_ctrl_q_with_no_visit_quits_at_once(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.ready(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_a_terminal_that_goes_away_mid_visit_leaves_it_unfinished_and_stops(
        ui, counter_app, transcripts: Path) -> None:
    import os
    import signal

    app = counter_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.ready(pilot)
        await ui.confirm(pilot, "我搬家了，离你们营业部太远了")
        os.kill(os.getpid(), signal.SIGHUP)  # what closing the window or tmux sends
        await pilot.pause()
        await pilot.pause()
    assert not app.is_running
    [events] = ui.sessions(transcripts)
    assert events[-1]["kind"] == "unfinished" and events[-1]["reason"] == "hangup"


async def test_a_terminal_gone_without_a_signal_is_noticed_and_the_visit_left_unfinished(
        ui, counter_app, transcripts: Path, monkeypatch) -> None:
    # found in tmux: started as `sh -c "cd ... && make run"`, killing tmux signalled only the
    # shell; the app ran on, its terminal gone, and the visit was never closed
    import coach.tui.app as app_module

    terminal = {"there": True}
    monkeypatch.setattr(app_module, "has_terminal", lambda: terminal["there"])
    monkeypatch.setattr(app_module.CoachApp, "TERMINAL_CHECK", 0.05)
    app = counter_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.ready(pilot)
        await ui.confirm(pilot, "我搬家了，离你们营业部太远了")
        assert app.is_running
        terminal["there"] = False
        for _ in range(40):
            await pilot.pause(0.05)
            if not app.is_running:
                break
    assert not app.is_running
    [events] = ui.sessions(transcripts)
    assert events[-1]["kind"] == "unfinished" and events[-1]["reason"] == "hangup"
