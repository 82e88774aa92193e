"""F5 (pick a cause) and F2 keep the client's words and record that the classifier's answer was
overridden; no queued cause from the overridden reading is offered afterwards (issue 10 item 4)."""

from __future__ import annotations

from pathlib import Path

from coach.tui.screens.outcome import CausePickerScreen

TWO_CAUSES = "我在这亏了好多，而且你们的客户经理从来不联系我"


async def test_f5_records_statement_classifier_answer_and_override(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.say(pilot, TWO_CAUSES)
        leading = screen.result.leading
        assert leading in ("heavy_loss", "poor_service")
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, CausePickerScreen)
        causes = [cause for cause, _ in app.screen.causes]
        await pilot.press(str(causes.index("competitor_commission") + 1))
        await pilot.pause()
        assert screen.session.walkthrough.cause == "competitor_commission"
        assert screen.session.walkthrough.queued == ()  # nothing stale from the overridden reading
        assert screen.statement_input.value == ""
        assert any(e.kind == "client" and TWO_CAUSES in e.body for e in screen.log_view.entries)
    [events] = ui.sessions(transcripts)
    kinds = ui.kinds(events)
    assert kinds[:4] == ["start", "statement", "classification", "override"]
    assert events[1]["text"] == TWO_CAUSES
    assert events[2]["leading"] == leading and events[2]["chosen"] == "competitor_commission"
    override = events[3]
    assert override["text"] == TWO_CAUSES
    assert override["classifier"] == leading
    assert override["chosen"] == "competitor_commission"
    assert override["via"] == "pick"


async def test_f2_is_an_override_too(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.say(pilot, TWO_CAUSES)
        leading = screen.result.leading
        await pilot.press("f2")
        await pilot.pause()
        chosen = screen.session.walkthrough.cause
        assert chosen != leading
    [events] = ui.sessions(transcripts)
    override = next(e for e in events if e["kind"] == "override")
    assert (override["classifier"], override["chosen"], override["via"]) == (leading, chosen, "second")


async def test_enter_on_the_leading_cause_is_no_override(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.ready(pilot)
        await ui.confirm(pilot, TWO_CAUSES)
    [events] = ui.sessions(transcripts)
    assert "override" not in ui.kinds(events)
