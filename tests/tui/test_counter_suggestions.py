"""What the cause panel says (issue 10 item 6): the clarifying questions are on screen in full,
rows are best first, and the empty panel does not promise more than it shows."""

from __future__ import annotations

import re

import pytest

from coach.tui.widgets.suggestions import CauseSuggestions

AMBIGUOUS = "佣金有点高，而且服务也一般"


def on_screen(widget) -> str:
    return "".join(
        "".join(segment.text for segment in widget.render_line(y)) for y in range(widget.size.height)
    )


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_clarifying_questions_are_shown_in_full(ui, counter_app, size) -> None:
    app = counter_app()
    async with app.run_test(size=size) as pilot:
        screen = await ui.ready(pilot)
        await ui.say(pilot, AMBIGUOUS)
        await pilot.pause()
        result = screen.result
        assert result.questions
        seen = re.sub(r"[\s│╭╮╰╯─]", "", on_screen(screen.query_one(CauseSuggestions)))
        for cause in result.questions:
            question = re.sub(r"\s", "", screen.library.causes[cause].question.get("zh"))
            assert question in seen, (size, question, seen)


async def test_rows_are_best_first(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        await ui.say(pilot, "我上次打电话等了30分钟")
        text = str(screen.query_one(CauseSuggestions).content)
        percents = [int(p) for p in re.findall(r"(\d+)%", text)]
        assert percents == sorted(percents, reverse=True), text


async def test_the_empty_panel_promises_no_fixed_number(ui, counter_app) -> None:
    app = counter_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ui.ready(pilot)
        assert "最可能的三个原因" not in str(screen.query_one(CauseSuggestions).content)
