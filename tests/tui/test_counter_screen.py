"""What the counter screen shows: literal client text, loading problems, languages, help,
calculators with bad input, and the small terminal."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Input, Static

from coach.tui.screens.help import HelpScreen
from coach.tui.screens.outcome import OutcomeScreen
from coach.tui.widgets.calculators import BundleForm, CommissionForm
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.playbook_panel import PlaybookPanel
from coach.tui.widgets.side_panel import SidePanel
from coach.tui.widgets.suggestions import CauseSuggestions

MARKUP = "[bold]佣金[/bold] 太贵 [@click=app.quit]点我[/] [red]"


async def test_client_markup_is_shown_literally_and_does_nothing(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.say(pilot, MARKUP)
        assert MARKUP in str(screen.query_one(CauseSuggestions).content)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        entry = screen.log_view.query(".entry-client").first(Static)
        content = entry.content
        assert isinstance(content, Text)
        assert content.plain == f"客户：{MARKUP}"
        assert not any("link" in str(span.style) or "click" in str(span.style) for span in content.spans)
        # What reaches the terminal holds the brackets, not bold or a link.
        rendered = "".join(segment.text for segment in entry.render_line(0))
        assert "[bold]佣金[/bold]" in rendered
        assert "[@click=app.quit]" in rendered
    [events] = ui.sessions(transcripts)
    assert events[1]["text"] == MARKUP


async def test_broken_case_file_is_reported_and_the_rest_works(ui, counter_app, playbooks_copy: Path) -> None:
    broken = playbooks_copy / "cases" / "relocation.yaml"
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "  : [unclosed")
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = counter_app(source=playbooks_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        problems = [e.body for e in screen.log_view.entries if e.kind == "problem"]
        assert any(f"{broken}:" in p and p.split(f"{broken}:")[1][:1].isdigit() for p in problems), problems
        assert "relocation" not in screen.library.playbooks
        assert screen.notice  # the staff member is told, not only the log

        await ui.confirm(pilot, "那边给我万一免五，你们这还是万三")
        assert screen.session.walkthrough.cause == "competitor_commission"
        assert "【佣金竞争】" in screen.query_one(PlaybookPanel).step_text


async def test_a_cause_without_playbook_is_a_message_not_a_crash(ui, counter_app, playbooks_copy: Path) -> None:
    (playbooks_copy / "cases" / "relocation.yaml").unlink()
    app = counter_app(source=playbooks_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, "我搬家了，离你们营业部太远了")
        assert app.is_running
        assert screen.session.walkthrough is None
        assert any(e.kind == "problem" and "relocation" in e.body for e in screen.log_view.entries)


async def test_english_mode_shows_english_labels(ui, counter_app) -> None:
    app = counter_app(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        assert "Retention coach" in str(screen.query_one("#status", Static).content)
        assert "Help" in str(screen.query_one(KeyBar).content)
        assert "Principles" in screen.query_one(SidePanel).plain
        assert screen.query_one("#statement", Input).placeholder.startswith("Type what the client says")
        await ui.confirm(pilot, "那边给我万一免五，你们这还是万三")
        text = screen.query_one(PlaybookPanel).step_text
        assert "Step 1" in text and "Say" in text
        assert "Client accepts" in [label for _, label in screen.query_one(PlaybookPanel).view.reactions]
        client = next(e for e in screen.log_view.entries if e.kind == "client")
        assert client.plain.startswith("Client: ")


async def test_help_overlay_lists_the_keys_and_closes(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).content)
        for key in ("F2", "F3", "F4", "F9", "Ctrl+B", "1-9"):
            assert key in text
        assert "佣金计算器" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        # "?" is always a character of the statement, never the help key (issue 10 item 3).
        await ui.confirm(pilot, "你们的客户经理从来不联系我")
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.screen.query_one("#statement", Input).value == "?"


async def test_question_mark_in_the_input_is_text(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await pilot.press("a", "question_mark")
        await pilot.pause()
        assert screen.query_one("#statement", Input).value == "a?"
        assert not isinstance(app.screen, HelpScreen)


async def test_bad_calculator_input_shows_a_message(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await pilot.press("f3")
        await pilot.pause()
        form = screen.query_one(CommissionForm)
        assert form.query_one("#turnover", Input).has_focus
        form.query_one("#turnover", Input).value = "很多钱"
        form.query_one("#trades", Input).value = "10"
        form.query_one("#their_rate", Input).value = "万1"
        form.compute()
        await pilot.pause()
        assert app.is_running
        assert "很多钱" in form.message_text
        assert form.query_one(".calc-message").has_class("-error")
        assert form.result is None

        form.query_one("#turnover", Input).value = "10万"
        form.query_one("#their_rate", Input).value = "2.5"  # no unit: asked, never guessed
        form.compute()
        await pilot.pause()
        assert "万2.5" in form.message_text and form.result is None

        form.query_one("#their_rate", Input).value = ""
        form.compute()
        await pilot.pause()
        assert "对方佣金率" in form.message_text
        assert form.query_one("#their_rate", Input).has_focus
    assert ui.sessions(transcripts) == []  # nothing computed, nothing written


async def test_bundle_calculator_finds_the_tier(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, "那边给我万一免五，你们这还是万三")
        await pilot.press("f4")
        await pilot.pause()
        form = screen.query_one(BundleForm)
        tiers = sorted(screen.library.firm.tiers, key=lambda tier: tier.min_turnover)
        top = tiers[-1]
        share = top.min_turnover / 2
        box = form.query_one("#turnovers", Input)
        assert box.has_focus
        box.value = f"{share:.0f}、{share:.0f} {share:.0f}"
        await pilot.press("enter")
        await pilot.pause()
        assert top.name in form.result_text
        assert screen.session.walkthrough.values["bundle_tier"] == top.name
    [events] = ui.sessions(transcripts)
    calculator = next(e for e in events if e["kind"] == "calculator")
    assert calculator["name"] == "bundle"
    assert calculator["values"]["accounts"] == "3"


async def test_finish_early_with_an_outcome_chosen_by_number(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.ready(pilot)
        await ui.confirm(pilot, "我搬家了，离你们营业部太远了")
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("4")  # lost
        await pilot.pause()
        assert app.screen.query_one("#outcome-note", Input).has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, OutcomeScreen)
    [events] = ui.sessions(transcripts)
    assert events[-1]["kind"] == "outcome"
    assert events[-1]["outcome"] == "lost"
    assert events[-1]["cause"] == "relocation"


async def test_small_terminal_session(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ui.ready(pilot)
        side = screen.query_one(SidePanel)
        assert not side.display or side.region.width == 0  # no room: hidden until F6
        box = screen.query_one("#statement", Input)
        assert box.region.height >= 1 and box.region.bottom <= 24
        await ui.confirm(pilot, "那边给我万一免五，你们这还是万三")
        panel = screen.query_one(PlaybookPanel)
        assert panel.region.height >= 6
        assert screen.query_one("#reactions").region.height >= 4
        await ui.press_reaction(pilot, "accepts")
        assert len(screen.session.walkthrough.history) == 1
        await pilot.press("f6")
        await pilot.pause()
        assert side.region.width > 0
    [events] = ui.sessions(transcripts)
    assert ui.kinds(events)[-2:] == ["reaction", "step"]


async def test_keys_typed_while_loading_are_kept(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press(*"我搬家了")
        await ui.ready(pilot)
        assert screen.query_one("#statement", Input).value == "我搬家了"
        assert screen.query_one(CauseSuggestions).candidate(0) == "relocation"


async def test_unclear_statement_offers_the_clarifying_questions(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.say(pilot, "没什么原因，就是想转走")
        shown = str(screen.query_one(CauseSuggestions).content)
        result = screen.result
        assert result is not None and (result.ambiguous or result.leading == "other")
        assert result.questions
        for cause in result.questions:
            assert screen.library.causes[cause].question.get("zh") in shown


async def test_pick_a_cause_from_the_list(ui, counter_app, transcripts: Path) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await pilot.press("f5")
        await pilot.pause()
        causes = list(screen.library.causes)
        await pilot.press(str(causes.index("heavy_loss") + 1))
        await pilot.pause()
        assert screen.session.walkthrough.cause == "heavy_loss"
        assert "【大额亏损】" in screen.query_one(PlaybookPanel).step_text
    [events] = ui.sessions(transcripts)
    assert ui.kinds(events)[:2] == ["start", "step"]


async def test_the_clients_figures_fill_the_commission_calculator(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, "那边给我万1免五，你们这万2.5，我一个月交易三百万，一年大概两百笔")
        await pilot.press("f3")
        await pilot.pause()
        form = screen.query_one(CommissionForm)
        values = {f: form.query_one(f"#{f}", Input).value for f in ("turnover", "trades", "our_rate", "their_rate")}
        assert values == {"turnover": "36000000", "trades": "200", "our_rate": "万2.5", "their_rate": "万1免五"}
        assert "客户原话" in form.message_text  # marked as taken from the client's words
        form.query_one("#trades", Input).value = "150"  # and editable
        form.compute()
        await pilot.pause()
        assert form.result is not None
        assert (form.result.trades, form.result.turnover) == (150, 36_000_000)
