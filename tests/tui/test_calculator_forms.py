"""The calculator forms as staff fill them in (issue 10 item 9): 免五 is named in the field and
in every error, and a line of accounts counts every account whatever commas separate them."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label

from coach.tui.widgets.calculators import BundleForm, CommissionForm


async def test_commission_form_names_mian_wu_and_explains_a_bare_waiver(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await pilot.press("f3")
        await pilot.pause()
        form = screen.query_one(CommissionForm)
        labels = " ".join(str(label.content) for label in form.query(Label))
        assert "免五" in labels
        form.query_one("#turnover", Input).value = "60万"
        form.query_one("#trades", Input).value = "60"
        form.query_one("#their_rate", Input).value = "免五"
        form.compute()
        await pilot.pause()
        assert "万1免五" in form.message_text and form.result is None
        form.query_one("#their_rate", Input).value = "万1免五"
        form.compute()
        await pilot.pause()
        assert form.result is not None and form.result.yearly_diff == 240


async def test_bundle_form_counts_accounts_separated_by_ascii_commas(
    ui, counter_app, transcripts: Path
) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, "那边给我万一免五，你们这还是万三")
        await pilot.press("f4")
        await pilot.pause()
        form = screen.query_one(BundleForm)
        form.query_one("#turnovers", Input).value = "200万,300万,600万"
        form.compute()
        await pilot.pause()
        assert form.result is not None and form.result.accounts == 3
        assert "3个账户" in form.result_text
