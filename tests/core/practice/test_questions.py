"""Whether a reply asks the client something."""

from __future__ import annotations

import pytest

from coach.core.practice.questions import asked_question


@pytest.mark.parametrize(
    ("reply", "asked"),
    [
        ("您一年大概交易多少？", True),
        ("方便说说是什么原因吗", True),
        ("您看这样好不好", True),
        ("是哪家券商给您报的价呢", True),
        ("What did they offer you", True),
        ("我们的服务很全面。", False),
        ("不管怎么样，我都会帮您办好。", False),
    ],
)
def test_questions(reply: str, asked: bool) -> None:
    assert asked_question(reply) is asked
