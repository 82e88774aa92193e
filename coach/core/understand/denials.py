"""Where a client turns a keyword down or aside: denials around it, and the turn to the reason.

A keyword inside a denial ("不是佣金的问题", "跟佣金没关系", "佣金多少我无所谓") votes for
nobody; what a client says after "但是/就是" is the reason, what comes before is usually set
aside. Both are looked for within the keyword's own clause of the normalised text (clause
breaks are `coach.core.text.CLAUSE_BREAK`). Trainee replies have their own, different list of
denials (`coach.core.practice.cues`): a denied promise is not a denied reason.
"""

from __future__ import annotations

import re

from coach.core.text import clause_bounds
from coach.core.understand.keywords import Hit

# Denials before a keyword, within its clause ("不是佣金的问题", "并非搬家原因"). "要不是/若不是/
# 如果不是" + reason is no denial: "if it weren't for" says the reason.
_NEG_BEFORE_WORDS = (
    r"不是|并不是|并非|倒不是|也不是|不因为|不是因为|不图|不为了|不为|不在乎|不怪|"
    r"不嫌|没嫌|没打算|没想过|不关|无关|不存在|跟这没关系|未提及|没提"
)
_NEG_BEFORE = re.compile(rf"(?<!是)(?<!要)(?<!若)(?<!如果)(?:{_NEG_BEFORE_WORDS}|非(?!常|要|得))")
# Denials after a keyword, within its clause ("跟佣金没关系", "佣金多少我无所谓").
_NEG_AFTER_WORDS = (
    r"我都要走|都要走|都得走|都要转|都要销|没关系|没有关系|无关|不相干|无所谓|不在乎|看不上|不算高|不算贵|不贵|也还行|还行|"
    r"差不多|没得说|挺好|不错|我认|不怪|不重要|是其次|倒是其次|不是问题|不是主要"
)
_NEG_AFTER = re.compile(f"(?:{_NEG_AFTER_WORDS})")
# Any word of either kind anywhere: a text without one denies nothing (most statements).
_ANY_DENIAL = re.compile(f"{_NEG_BEFORE_WORDS}|非|{_NEG_AFTER_WORDS}")
_NEG_AFTER_REACH = 10  # characters after the keyword that a trailing denial may govern
_CONTRAST = re.compile(r"(?:但是|可是|不过|就是|而是|只是|主要是|关键是|其实是|是因为|是我)")


def may_deny(norm: str) -> bool:
    """Whether a normalised text holds any denial at all: when not, no keyword in it is
    denied, and `negated_at` need not be asked of each."""
    return _ANY_DENIAL.search(norm) is not None


def negated_at(norm: str, start: int, end: int) -> bool:
    left, right = clause_bounds(norm, start, end)
    before = norm[left:start]
    if _NEG_BEFORE.search(before):
        # A contrast after the denial starts a new thought: "不是A，是B" handled by clauses,
        # "不是A而是B" here.
        last = max(m.end() for m in _NEG_BEFORE.finditer(before))
        if not _CONTRAST.search(before[last:]):
            return True
    after = norm[end : min(right, end + _NEG_AFTER_REACH)]
    return bool(_NEG_AFTER.search(after))


def last_contrast(norm: str, hits: list[Hit]) -> int | None:
    """Where the client turns to the real reason, if evidence follows the turn."""
    if not hits:
        return None
    last = None
    latest = max(h.start for h in hits)
    for m in _CONTRAST.finditer(norm):
        if latest >= m.end():
            last = m.start()
    if last is None or not any(h.end <= last for h in hits):
        return None
    return last
