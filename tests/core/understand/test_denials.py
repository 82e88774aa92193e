"""Denials and the turn to the real reason, around a keyword of a client statement."""

from __future__ import annotations

import pytest

from coach.core.text import normalize
from coach.core.understand.denials import negated_at


def span(text: str, word: str) -> tuple[str, int, int]:
    norm = normalize(text)
    start = norm.index(word)
    return norm, start, start + len(word)


@pytest.mark.parametrize(
    ("text", "word", "denied"),
    [
        ("不是佣金的问题，是服务太差", "佣金", True),
        ("跟佣金没关系，主要是搬家了", "佣金", True),
        ("佣金多少我无所谓", "佣金", True),
        ("不是别的，就是佣金太贵", "佣金", False),  # the contrast after the denial
        ("佣金太贵了", "佣金", False),
        ("不是佣金的问题，是服务太差", "服务", False),  # another clause
        # "if it weren't for": the reason, said
        ("要不是孩子去外地上班了，我们老两口也不会跟着搬走", "搬走", False),
        ("若不是佣金差这么多，谁愿意折腾", "佣金", False),
        ("如果不是经理老换人，我也不想转", "换人", False),
        ("倒不是搬走的原因", "搬走", True),
    ],
)
def test_a_keyword_is_denied_only_in_its_own_clause(text: str, word: str, denied: bool) -> None:
    assert negated_at(*span(text, word)) is denied
