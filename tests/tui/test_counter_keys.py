"""The staff member's words are never lost or turned into actions (issue 10, items 1-3).

Keys here arrive the way a terminal delivers an input method's commit: a burst of key events sent
before the app has handled the first (`burst`), so a focus change posted by the first key cannot
save the later ones.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from coach.tui.screens.help import HelpScreen
from coach.tui.widgets.reactions import ReactionList

COMMISSION = "那边给我万一免五，你们这还是万三"


async def burst(pilot: Pilot, text: str) -> None:
    """Every character of `text` as a key event, all queued before any is handled."""
    driver = pilot.app._driver
    assert driver is not None
    for character in text:
        key = events.Key(character if character.isalnum() else f"char{ord(character)}", character)
        key.set_sender(pilot.app)
        driver.send_message(key)
    await pilot.pause()
    await pilot.pause()


async def started(ui, pilot: Pilot):
    screen = await ui.ready(pilot)
    await ui.confirm(pilot, COMMISSION)
    assert screen.session.walkthrough is not None
    return screen


def reactions_written(ui, transcripts: Path) -> list[dict]:
    return [e for events_ in ui.sessions(transcripts) for e in events_ if e["kind"] == "reaction"]


async def test_digits_typed_mid_walkthrough_stay_in_the_input(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(ui, pilot)
        step = screen.session.walkthrough.step.id
        await burst(pilot, "我上次打电话等了30分钟")
        assert screen.statement_input.value == "我上次打电话等了30分钟"
        assert screen.session.walkthrough.step.id == step
        assert isinstance(app.focused, Input) and app.focused.id == "statement"
    assert reactions_written(ui, transcripts) == []


async def test_digits_after_closing_a_calculator_are_text(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(ui, pilot)
        step = screen.session.walkthrough.step.id
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await burst(pilot, "13812345678 110101199003071234")
        assert screen.statement_input.value == "13812345678 110101199003071234"
        assert screen.session.walkthrough.step.id == step
        assert screen.session.trial_recorded is None
    assert reactions_written(ui, transcripts) == []


async def test_enter_on_an_empty_input_does_nothing(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(ui, pilot)
        step = screen.session.walkthrough.step.id
        for _ in range(3):
            await pilot.press("enter")
            await pilot.pause()
        assert screen.session.walkthrough.step.id == step
        assert "Tab" in screen.notice  # it says how to record a reaction instead
    assert reactions_written(ui, transcripts) == []


async def test_a_question_mark_typed_is_kept(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(ui, pilot)
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await burst(pilot, "why?")
        assert screen.statement_input.value == "why?"
        assert not isinstance(app.screen, HelpScreen)


async def test_escape_never_clears_the_words(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(ui, pilot)
        await burst(pilot, "他说太贵")
        await pilot.press("escape")
        await pilot.pause()
        await burst(pilot, "了12")
        assert screen.statement_input.value == "他说太贵了12"


async def test_reactions_come_only_from_the_visible_reaction_mode(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(ui, pilot)
        reactions = screen.query_one("#reactions", ReactionList)
        plain_title = str(reactions.border_title)
        step = screen.session.walkthrough.step.id
        # Tab with words in the input does not enter reaction mode.
        await burst(pilot, "嗯")
        await pilot.press("tab")
        await pilot.pause()
        assert not reactions.has_focus
        await burst(pilot, "1")
        assert screen.statement_input.value == "嗯1"
        screen.statement_input.value = ""
        await pilot.pause()
        # Tab on an empty input: the mode is on and says so; one digit records one reaction.
        await pilot.press("tab")
        await pilot.pause()
        assert reactions.has_focus
        assert str(reactions.border_title) != plain_title
        await pilot.press("1")
        await pilot.pause()
        assert screen.session.walkthrough.step.id != step
        assert not reactions.has_focus  # one digit, one reaction (this step opens its calculator)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "statement"
        # A burst of words in reaction mode is text, digits included.
        step = screen.session.walkthrough.step.id
        await pilot.press("tab")
        await pilot.pause()
        await burst(pilot, "我30")
        assert screen.statement_input.value == "我30"
        assert screen.session.walkthrough.step.id == step
    assert len(reactions_written(ui, transcripts)) == 1


async def test_a_pasted_statement_with_digits_stays_whole(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(ui, pilot)
        step = screen.session.walkthrough.step.id
        await pilot.press("tab")
        await pilot.pause()
        screen.query_one("#reactions", ReactionList).post_message(events.Paste("我在别家3万资产，佣金万1.5"))
        await pilot.pause()
        await pilot.pause()
        assert screen.statement_input.value == "我在别家3万资产，佣金万1.5"
        assert screen.session.walkthrough.step.id == step


async def test_notices_keep_every_wide_character(ui, counter_app) -> None:
    """Issue 10 item 7: a notice crossing the side panel's edge lost "新会"."""
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        screen._tell("已记录：挽留成功。新会话开始。")
        await pilot.pause()
        lines = app.export_screenshot()
        import html
        import re

        shown = html.unescape("".join(re.findall(r">([^<]*)</text>", lines))).replace("\xa0", " ")
        assert "已记录：挽留成功。新会话开始。" in shown.replace(" ", "")
