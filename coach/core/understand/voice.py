"""What a trainee says in their own voice: a reply without the words they quote, report or deny.

"他们说保本" reports a competitor's promise, "监管规定不能说保本" quotes a rule, "保本这种话我们
从来不说" denies ever saying it: none of them promises returns, yet each holds the words of a
promise. "您刚才说你们这太贵了" gives the client's complaint back: it is not the trainee's rudeness. Violations are judged on the reply with such words blanked out (each blanked
character becomes a clause break, so no n-gram reaches across the gap), both when the reply
model learns and when it scores, so what is left is what the trainee says themselves.

Works on normalised text (`coach.core.text.normalize`: Simplified, no spaces, clause breaks
as "|"); the patterns are linear-time (no nested quantifiers) and bounded to one clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from coach.core.text import CLAUSE_BREAK

_B = re.escape(CLAUSE_BREAK)
_REST = rf"[^{_B}]*"  # up to the end of the clause

# Words inside quotation marks: a quoted phrase is mentioned, not said.
_QUOTED = re.compile(r"[“\"「『‘'《]([^“”\"「」『』‘’'《》]{1,40})[”\"」』’'》]")
# Someone else's words: "他们(跟您)说……", "那边宣传……", "有人会讲……" to the end of the clause
# ("他们说的都是骗人的" is the trainee's own judgement, so 说的 is left alone).
_OTHERS = (
    r"(?:他们|她们|他|她|对方|那边|那家|人家|别人|别家|有人|同行|网上|外面|朋友|对面|"
    r"那个经理|客户经理|他们经理|那个业务员|业务员|理财经理|销售)"
)
_REPORTED = re.compile(
    rf"{_OTHERS}(?:都|也|还|就|会|可能|是不是|是)?(?:跟您|给您|对您|和您|向您|跟你|给你|对你|和你)?"
    rf"(?:说|讲|宣传|号称|吹嘘|吹|承诺|保证|许诺|打包票|拍胸脯|告诉您|告诉你|忽悠您说|讲的是)"
    rf"(?![的得])(?:过)?{_REST}"
)
# "不能说/从不承诺/不敢保证……": what follows is denied, to the end of the clause.
_DENIED_SAYING = re.compile(
    r"(?:不|没|别|从不|从来不|从没|从来没|绝不|决不|不得|不许|不准|严禁|禁止|不可以|不可|不让|谁也不|谁都不)"
    r"(?:能|会|敢|可以|应该|该|要|有)?(?:(?:跟|给|对|和|向)(?:您|你|客户|人家|人|大家|任何人|谁)|随便|乱|轻易)?"
    rf"(?:说|讲|提|承诺|保证|许诺|打包票|夸口|吹|担保|拍胸脯)(?![了啦吧嘛呀啊])(?=[^{_B}]){_REST}"
)
# "保本这种话我们从来不说": the denial comes after the words, the whole clause is denied.
_DENIED_AFTER = re.compile(
    rf"[^{_B}]*(?:这种|这样的|这类|那种|这些|那样的)(?:话|承诺|说法|字眼|保证|口号)"
    rf"[^{_B}]{{0,8}}?(?:不|没|别|违规|不能|不会|不敢|不允许|不让)[^{_B}]{{0,4}}?"
    rf"(?:说|讲|提|承诺|保证|许|打包票|干|做)?[^{_B}]*"
)
# A rule quoted: "监管/规定/合规要求……不能……" (what is forbidden is not said).
_RULE = re.compile(
    rf"(?:监管|规定|合规|证监会|法规|制度|纪律|红线|公司要求|按规定|按要求)[^{_B}]{{0,12}}?"
    rf"(?:不能|不得|不许|不准|严禁|禁止|不允许|不可以)[^{_B}]*"
)

# The client's own words given back: "您刚才说你们这太贵了", "您嫌我们办事慢" (the trainee
# repeats a complaint to take it up, so its words are the client's, not a violation).
# "您说得对" / "您说的是" are the trainee's own agreement and stay.
_CLIENT_SAID = re.compile(
    r"(?<!随便)(?<!爱)(?:您|你)(?:"
    r"(?:刚才|刚刚|方才|上次|之前|前面|一直)(?:跟我|和我|对我)?(?:说|讲|提到|抱怨|反映|嫌)"
    r"|(?:也|是|跟我|和我|对我)?(?:说|讲|提到)(?=你们|我们|咱们|贵公司|这边|这儿)"
    r"|(?:也|是)?(?:嫌|抱怨|反映))"
    rf"(?![的得过了吧呢吗么嘛呀啊]){_REST}"
)

PATTERNS: tuple[re.Pattern[str], ...] = (_QUOTED, _REPORTED, _DENIED_SAYING, _DENIED_AFTER, _RULE,
                                         _CLIENT_SAID)


def not_own(norm: str) -> list[tuple[int, int]]:
    """Spans of a normalised text that are quoted, reported or denied saying."""
    spans = []
    for pattern in PATTERNS:
        for m in pattern.finditer(norm):
            if m.end() > m.start():
                spans.append(m.span())
    return spans


def blank(norm: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with each span's characters replaced by clause breaks (offsets unchanged)."""
    spans = list(spans)
    if not spans:
        return norm
    chars = list(norm)
    for start, end in spans:
        for i in range(max(0, start), min(len(chars), end)):
            chars[i] = CLAUSE_BREAK
    return "".join(chars)


def own_voice(norm: str, extra: Iterable[tuple[int, int]] = ()) -> str:
    """A normalised reply with what is not the trainee's own saying blanked out."""
    return blank(norm, [*not_own(norm), *extra])
