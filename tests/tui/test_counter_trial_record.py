"""A trial ends with whom to call: the reference goes to the private trial record, and
`coach trials` lists it at once (issue 10 item 14)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from textual.widgets import Input

from coach.cli import main
from coach.tui.screens.outcome import OutcomeScreen

COMMISSION = "那边给我万一免五，你们这还是万三"


async def test_a_trial_visit_records_whom_to_call(ui, counter_app, transcripts: Path, capsys) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.confirm(pilot, COMMISSION)
        for _ in range(10):
            if screen.session.walkthrough.step.technique == "one_week_trial":
                break
            await ui.press_reaction(pilot, "insists")
        await ui.press_reaction(pilot, "accepts")
        assert screen.session.trial_recorded is not None
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        client = app.screen.query_one("#outcome-client", Input)
        if not client.has_focus:  # the playbook had not reached an outcome: choose one first
            await pilot.press("2")  # trial
            await pilot.pause()
        assert client.has_focus
        client.value = "客户号 3100123456"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # no note
        await pilot.pause()
        assert not isinstance(app.screen, OutcomeScreen)
    [record] = (transcripts / "trials").glob("*.json")
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert json.loads(record.read_text(encoding="utf-8"))["reference"] == "客户号 3100123456"
    [events] = ui.sessions(transcripts)
    assert "3100123456" not in json.dumps(events, ensure_ascii=False)  # never in the transcript
    assert main(["trials", "--transcripts", str(transcripts)]) == 0
    out = capsys.readouterr().out
    assert "即将到期" in out and "回访 客户号 3100123456" in out
