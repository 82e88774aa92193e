"""Whole counter sessions driven with the keyboard, checked on the screen and on disk."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from coach.core.records.masking import mask
from coach.tui.screens.outcome import OutcomeScreen
from coach.tui.widgets.calculators import CommissionForm
from coach.tui.widgets.playbook_panel import PlaybookPanel
from coach.tui.widgets.reactions import ReactionList
from coach.tui.widgets.side_panel import SidePanel
from coach.tui.widgets.suggestions import CauseSuggestions

COMMISSION = "那边给我万一免五，你们这还是万三，我手机13812345678"


async def test_commission_session_from_statement_to_outcome(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "statement"

        await ui.say(pilot, COMMISSION)
        suggestions = screen.query_one(CauseSuggestions)
        assert suggestions.candidate(0) == "competitor_commission"
        assert "佣金竞争" in str(suggestions.content)
        assert "免五" in str(suggestions.content)  # the matched words are shown

        await pilot.press("enter")
        await pilot.pause()
        panel = screen.query_one(PlaybookPanel)
        assert "【佣金竞争】" in panel.step_text
        assert screen.query_one(Input).value == ""
        assert isinstance(app.focused, Input)  # the focus stays on the words, never on reactions
        assert screen.log_view.entries[0].plain == f"客户：{mask(COMMISSION)}"  # the phone starred

        # The commission calculator: F3, four fields, Enter between them.
        await pilot.press("f3")
        await pilot.pause()
        form = screen.query_one(CommissionForm)
        assert form.display
        for field, value in (("turnover", "10万"), ("trades", "10"), ("our_rate", "0.25%"), ("their_rate", "0.2%")):
            box = form.query_one(f"#{field}", Input)
            box.value = value
        form.query_one("#their_rate", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "一年差额 50元" in form.result_text  # the seed's worked example
        assert screen.session.walkthrough.values["yearly_diff"] == "50元"
        assert any(e.kind == "calculator" and "50元" in e.body for e in screen.log_view.entries)
        await pilot.press("escape")
        await pilot.pause()
        assert not form.display

        await ui.accept_until(pilot, lambda s: isinstance(pilot.app.screen, OutcomeScreen))
        note = app.screen.query_one("#outcome-note", Input)
        assert note.has_focus
        note.value = "客户说下周再来"
        await pilot.press("enter")
        await pilot.pause()

        # A fresh session: empty panel, cleared log, input focused.
        assert ui.counter(pilot).session.walkthrough is None
        assert panel.step_text == ""
        assert [e.kind for e in screen.log_view.entries] == ["outcome"]
        assert isinstance(app.focused, Input)

    [events] = ui.sessions(transcripts)
    order = ui.kinds(events)
    assert order[:4] == ["start", "statement", "classification", "step"]
    assert order[-1] == "outcome"
    assert "calculator" in order and "reaction" in order
    assert events[0]["mode"] == "counter" and events[0]["staff"] == "S007"
    statement = events[1]
    assert "13812345678" not in statement["text"]
    assert "138****5678" in statement["text"]
    assert events[2]["chosen"] == "competitor_commission"
    calculator = next(e for e in events if e["kind"] == "calculator")
    assert calculator["name"] == "commission"
    assert calculator["inputs"]["turnover"] == "10万"
    assert calculator["values"]["yearly_diff"] == "50元"
    assert "50元" in calculator["sentence"]
    outcome = events[-1]
    assert outcome["cause"] == "competitor_commission"
    assert outcome["outcome"] in ("retained", "trial", "transfer_within_firm", "lost")
    assert outcome["note"] == "客户说下周再来"
    # Steps and reactions alternate as they happened: every reaction leaves the step shown last.
    shown = [e for e in events if e["kind"] in ("step", "reaction")]
    for before, after in zip(shown, shown[1:], strict=False):
        if after["kind"] == "reaction":
            assert before["kind"] == "step" and before["step"] == after["step"]


async def test_next_client_gets_a_new_transcript(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.ready(pilot)
        for statement in ("我搬家了，离你们营业部太远了", "你们的客户经理从来不联系我，服务太差"):
            await ui.confirm(pilot, statement)
            await pilot.press("f9")
            await pilot.pause()
            assert isinstance(app.screen, OutcomeScreen)
            await pilot.press("1")  # retained
            await pilot.press("enter")
            await pilot.pause()
    first, second = ui.sessions(transcripts)
    assert first[1]["text"] == "我搬家了，离你们营业部太远了"
    assert second[1]["text"].startswith("你们的客户经理")
    assert first[0]["session"] != second[0]["session"]
    assert first[-1]["kind"] == second[-1]["kind"] == "outcome"
    assert first[-1]["early"] is True  # finished before the playbook reached its end


async def test_two_causes_in_one_statement_queue_the_second(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, "我在这亏了好多，而且你们的客户经理从来不联系我")
        walkthrough = screen.session.walkthrough
        first = walkthrough.cause
        assert len(walkthrough.queued) == 1
        second = walkthrough.queued[0]
        assert {first, second} == {"heavy_loss", "poor_service"}
        assert "接下来" in screen.query_one(PlaybookPanel).step_text

        # Reach the first outcome: the queued playbook is offered as choice 1.
        await ui.accept_until(pilot, lambda s: s.session.walkthrough.outcome is not None)
        reactions = screen.query_one("#reactions", ReactionList)
        assert reactions.reaction_ids[0] == "offer"
        await ui.press_reaction(pilot, "offer")
        await pilot.pause()
        assert screen.session.walkthrough.cause == second
        assert any(e.kind == "switch" for e in screen.log_view.entries)
    [events] = ui.sessions(transcripts)
    switch = next(e for e in events if e["kind"] == "switch")
    assert (switch["from_cause"], switch["to_cause"], switch["reason"]) == (first, second, "queued")
    # the first playbook's outcome is on record before the second one starts
    first_outcome = next(e for e in events if e["kind"] == "outcome")
    assert first_outcome["cause"] == first
    assert events.index(first_outcome) < events.index(switch)


async def test_another_cause_switches_and_back_returns(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, "我搬家了，离你们营业部太远了")
        assert screen.session.walkthrough.cause == "relocation"
        reactions = screen.query_one("#reactions", ReactionList)
        assert "another_cause" in reactions.reaction_ids
        await ui.press_reaction(pilot, "another_cause")
        assert screen.switching
        assert isinstance(app.focused, Input)

        await ui.confirm(pilot, "其实是你们服务太差，客户经理从来不联系我")
        walkthrough = screen.session.walkthrough
        assert walkthrough.cause == "poor_service"
        assert [r.reaction for r in walkthrough.history] == ["another_cause"]
        assert any(e.kind == "switch" and "居住搬迁" in e.body for e in screen.log_view.entries)

        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.session.walkthrough.cause == "relocation"
        assert "【居住搬迁】" in screen.query_one(PlaybookPanel).step_text
    [events] = ui.sessions(transcripts)
    order = ui.kinds(events)
    assert order.index("switch") > order.index("reaction")
    switch = next(e for e in events if e["kind"] == "switch")
    assert (switch["from_cause"], switch["to_cause"], switch["reason"]) == (
        "relocation",
        "poor_service",
        "another_cause",
    )
    assert order[-1] == "back"


async def test_f2_takes_the_second_candidate(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.say(pilot, "我在这亏了好多，而且你们的客户经理从来不联系我")
        second = screen.query_one(CauseSuggestions).candidate(1)
        assert second is not None
        await pilot.press("f2")
        await pilot.pause()
        assert screen.session.walkthrough.cause == second
    [events] = ui.sessions(transcripts)
    assert events[2]["chosen"] == second


async def test_trial_accepted_records_a_trial_event(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, COMMISSION)
        # Insist until the one-week trial is offered, then accept it.
        for _ in range(10):
            if screen.session.walkthrough.step.technique == "one_week_trial":
                break
            if screen.has_class("-calculating"):
                await pilot.press("escape")  # the client gives no numbers: close the calculator
            await ui.press_reaction(pilot, "insists")
        assert screen.session.walkthrough.step.technique == "one_week_trial"
        await ui.reaction_mode(pilot)
        await pilot.press("1")
        await pilot.pause()
        assert any(e.kind == "trial" for e in screen.log_view.entries)
    [events] = ui.sessions(transcripts)
    trial = next(e for e in events if e["kind"] == "trial")
    assert trial["cause"] == "competitor_commission"
    assert trial["services"]
    assert trial["end"] > trial["start"]


async def test_side_panel_shows_principles_and_products_for_the_step(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        side = screen.query_one(SidePanel)
        library = screen.library
        for principle in library.principles.values():
            assert principle.name.get("zh") in side.plain
        await ui.say(pilot, "你们的客户经理从来不联系我，服务太差")
        await pilot.press("enter")
        await ui.accept_until(
            pilot,
            lambda s: any(
                s.session.walkthrough.step.technique in p.techniques
                for p in library.firm.service_products
            ),
        )
        technique = screen.session.walkthrough.step.technique
        product = next(p for p in library.firm.service_products if technique in p.techniques)
        assert product.name in side.plain
