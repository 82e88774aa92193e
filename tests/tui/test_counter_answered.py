"""A step whose question the client already answered says so, quoting the client's words, in a
real flow: type the statement, Enter, read the playbook panel."""

from __future__ import annotations

from textual.widgets import Input, Static

from coach.tui.widgets.calculators import CommissionForm
from coach.tui.widgets.playbook_panel import PlaybookPanel


def shown(screen) -> str:
    return screen.query_one(PlaybookPanel).step_text


async def test_a_place_already_said_is_quoted_instead_of_asked(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, "我搬到江北了，离你们这太远")
        assert screen.session.walkthrough.cause == "relocation"
        text = shown(screen)
        assert "客户已经说过，不用再问" in text
        assert "“我搬到江北了”" in text
        assert "问客户：" not in text  # not asked again ...
        assert "新家在哪个城市、哪个区？" in text  # ... but there to confirm
        assert "搬到哪一片了" not in text  # and the lines to say do not ask it either
        # the step the client has not answered asks as before
        await ui.press_reaction(pilot, "accepts")
        assert "问客户：您平时来营业部" in shown(screen)
        assert "客户已经说过" not in shown(screen)


async def test_a_question_nobody_answered_is_asked(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, "我搬家了，离你们这太远")
        text = shown(screen)
        assert "问客户：新家在哪个城市、哪个区？" in text
        assert "客户已经说过" not in text and "客户已说" not in text


async def test_partly_answered_then_the_rest_in_a_later_statement(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, "那边给我万一，你们太贵了")
        text = shown(screen)
        assert "问客户：对方给您报的佣金是多少？" in text
        assert "客户已说：" in text and "“那边给我万一”" in text
        assert "还要问：年交易额、年交易笔数" in text
        await ui.confirm(pilot, "我一个月交易三百万，一年两百笔")
        assert screen.session.walkthrough.step.id == "listen"
        text = shown(screen)
        assert "客户已经说过，不用再问" in text
        for words in ("“那边给我万一”", "“我一个月交易三百万”", "“一年两百笔”"):
            assert words in text


async def test_answered_figures_go_on_into_the_calculator_the_next_step_opens(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        # typed like staff: digits and a stray Enter before the statement
        await pilot.press("enter")
        await ui.confirm(pilot, "人家给我万一免五，你们这万2.5，我一个月交易三百万，一年大概两百笔")
        assert "客户已经说过，不用再问" in shown(screen)
        await ui.press_reaction(pilot, "accepts")
        assert screen.session.walkthrough.step.id == "math"
        form = screen.query_one(CommissionForm)
        values = {f: form.query_one(f"#{f}", Input).value for f in ("turnover", "trades", "our_rate", "their_rate")}
        assert values == {"turnover": "36000000", "trades": "200", "our_rate": "万2.5", "their_rate": "万1免五"}
        assert "客户原话" in form.message_text
        # each filled field is marked where staff look, and the note is on screen
        marks = {f: str(form.query_one(f"#{f}-source", Static).content) for f in ("turnover", "trades", "our_rate", "their_rate")}
        assert all("客户原话" in mark for mark in marks.values()), marks
        message = form.query_one(f"#{form.id}-message", Static)
        assert message.display and message.styles.display == "block"
        # editable: the staff member's own value loses the mark, the others keep it
        box = form.query_one("#trades", Input)
        box.focus()
        await pilot.press("backspace", "backspace", "backspace", "1", "5", "0")
        await pilot.pause()
        assert box.value == "150" and not box.has_class("-given")
        assert str(form.query_one("#trades-source", Static).content) == ""
        assert "客户原话" in str(form.query_one("#turnover-source", Static).content)
        await pilot.press("enter")
        await pilot.pause()
        assert form.result is not None and (form.result.turnover, form.result.trades) == (36_000_000, 150)


async def test_the_clients_words_are_shown_literally(ui, counter_app) -> None:
    app = counter_app()
    said = "我搬到[bold]江北[/bold]了\x1b[2J，离你们太远"
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, said)
        assert app.is_running
        text = shown(screen)
        assert "“我搬到[bold]江北[/bold]了␛[2J”" in text
        step = screen.query_one("#step", Static)
        rendered = "".join(s.text for y in range(step.size.height) for s in step.render_line(y))
        assert "[bold]江北[/bold]" in rendered and "\x1b" not in rendered


async def test_in_english_the_mark_is_english(ui, counter_app) -> None:
    app = counter_app(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, "那边给我万一，你们太贵了")
        text = shown(screen)
        assert "The client said:" in text and "Still to ask: yearly turnover, trades a year" in text


async def test_figures_alone_answer_the_step_and_do_not_switch_the_playbook(ui, counter_app, transcripts) -> None:
    # found in a real terminal: "我一个月交易300万，一年200笔" names no cause; Enter took the
    # classifier's `other` and left the commission playbook for the "other" one
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, "那边给我万1，你们这万2.5太贵了")
        await ui.confirm(pilot, "我一个月交易300万，一年200笔")
        walkthrough = screen.session.walkthrough
        assert (walkthrough.cause, walkthrough.step.id) == ("competitor_commission", "listen")
        assert "回答了这一步的问题" in screen.notice
        assert "原因：佣金竞争（回答了这一步的问题）" in [e.plain for e in screen.log_view.entries]
        assert "客户已经说过，不用再问" in shown(screen)
        await pilot.press("f3")
        await pilot.pause()
        form = screen.query_one(CommissionForm)
        assert form.query_one("#turnover", Input).value == "36000000"
        assert form.query_one("#trades", Input).value == "200"
    [events] = ui.sessions(transcripts)
    assert "answer" in ui.kinds(events) and "switch" not in ui.kinds(events)


async def test_a_remark_with_no_reason_in_it_keeps_the_playbook(ui, counter_app, transcripts) -> None:
    # found in a real terminal: a paste of one character over and over, read as `other`
    # (unsure, 55%), switched the commission playbook found at 98% for the "other" one
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, "那边给我万1，你们这万2.5太贵了")
        await ui.confirm(pilot, "我" * 300)
        assert screen.session.walkthrough.cause == "competitor_commission"
        assert "没听出新的原因" in screen.notice
        assert "原因：佣金竞争（没听出新的原因）" in [e.plain for e in screen.log_view.entries]
    [events] = ui.sessions(transcripts)
    assert "switch" not in ui.kinds(events)
    assert [e["leading"] for e in events if e["kind"] == "classification"][-1] == "other"
