"""The words of leaving itself: every departing client says them, whatever the cause.

They tell nothing about why ("我就是想办一下手续", "想换个地方"), so the learned channel neither
learns from them nor hears them: they are cut out (as clause breaks) before training and before
scoring. Without this, a cause whose labelled statements often say "换个地方" would claim every
client who says only that.
"""

from __future__ import annotations

import re

from coach.core.text import CLAUSE_BREAK

LEAVING_WORDS = (
    "撤销指定", "转托管", "办手续", "手续", "办理", "办一下", "销户", "消户", "转户", "转出", "转走",
    "托管", "注销", "账户", "户头", "一下", "麻烦", "帮我", "我想", "我要", "就是", "今天", "客户",
    "申请", "要求", "办了", "办个", "换个地方", "换地方", "换一家", "换家", "换个券商", "不做了",
    "不想做了", "想走", "要走", "走人",
)
_LEAVING = re.compile("|".join(sorted(LEAVING_WORDS, key=len, reverse=True)))


def without_leaving(norm: str) -> str:
    """A normalised text with the words of leaving cut out (each becomes a clause break)."""
    return _LEAVING.sub(CLAUSE_BREAK, norm)
