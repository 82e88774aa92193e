"""The log speaks the staff member's language: no internal step ids (issue 10 item 11), and an
override says whose choice it was."""

from __future__ import annotations

import re

from coach.tui.screens.outcome import CausePickerScreen

ASCII_ID = re.compile(r"[（(][a-z_]+[）)]")


async def test_steps_and_back_are_named_not_ids(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, "你们的客户经理从来不联系我，服务太差")
        await ui.press_reaction(pilot, "accepts")
        await pilot.press("ctrl+b")
        await pilot.pause()
        kinds = {e.kind for e in screen.log_view.entries}
        assert {"step", "back"} <= kinds
        for entry in screen.log_view.entries:
            if entry.kind in ("step", "back"):
                assert not ASCII_ID.search(entry.body), entry.body


async def test_an_override_is_logged_as_the_staff_members_choice(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.say(pilot, "你们的客户经理从来不联系我，服务太差")
        await pilot.press("f5")
        await pilot.pause()
        causes = [cause for cause, _ in app.screen.causes]
        assert isinstance(app.screen, CausePickerScreen)
        await pilot.press(str(causes.index("relocation") + 1))
        await pilot.pause()
        cause = next(e for e in screen.log_view.entries if e.kind == "cause")
        assert "员工选定" in cause.body and "服务不满" in cause.body


async def test_english_mode_says_plainly_that_the_content_is_chinese(ui, counter_app) -> None:
    """Issue 10 item 10 (the content has no English: the app says so)."""
    app = counter_app(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        assert any("written in Chinese" in e.body for e in screen.log_view.entries)
        assert "Chinese" in str(screen.query_one("#panel").border_title)


def test_english_sentences_use_cny_and_percent() -> None:
    """'At 200万元 a year' mixed units (issue 10 item 10)."""
    from coach.core.visit.calc.commission import commission
    from coach.core.visit.calc.sentences import commission_sentence

    sentence = commission_sentence(commission("200万", 40, "万2.5", "万1"), "en")
    assert "At CNY 2,000,000 a year" in sentence and "0.025%" in sentence
    assert "万" not in sentence and "元" not in sentence


async def test_a_phone_or_id_number_typed_in_a_statement_is_starred_in_the_log(ui, counter_app) -> None:
    """The log stays on screen all visit: it masks personal numbers as the transcript does."""
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        said = "我搬家了，手机 138 1234 5678，身份证110101199003071234，太远了"
        await ui.confirm(pilot, said)
        body = next(e for e in screen.log_view.entries if e.kind == "client").body
        assert body == "我搬家了，手机 138 **** 5678，身份证110***********1234，太远了"
