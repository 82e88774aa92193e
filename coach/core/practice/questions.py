"""Whether a trainee's reply asks the client something: a question mark, a question particle
(吗/呢), an A-not-A form (好不好), a question word (多少/什么/哪), or an English question.

Read off the wording alone, with no learnt model: a question is what draws out what a client
holds back, and what the scorecard looks for then.
"""

from __future__ import annotations

import re
import unicodedata

_Q_MARK = re.compile(r"[?？]")
_Q_PARTICLE = re.compile(r"(?:吗|呢|么|嘛)[\s。.!！…~～\"”']*$")
_Q_A_NOT_A = re.compile(r"(.)[不没]\1")
_Q_WORD = re.compile(r"多少|什么|哪|怎么|为什么|为啥|是否|能否|可否|何时|几时|几年|几笔|几万|几次")
_Q_INDEFINITE = re.compile(r"^(?:不管|无论|不论)|(?:什么|怎么|哪里|哪儿|多少)(?:都|也)")
_Q_ENGLISH = re.compile(
    r"^(?:what|how|why|which|when|where|who|could|would|can|do|does|did|is|are|may)\b", re.I
)
_CLAUSES = re.compile(r"[，,。.；;！!\n]+")


def asked_question(reply: str) -> bool:
    """Whether the reply asks the client something (？, 吗/呢, 好不好, 多少/什么/哪...)."""
    text = unicodedata.normalize("NFKC", reply)
    if _Q_MARK.search(text):
        return True
    for clause in _CLAUSES.split(text):
        clause = clause.strip()
        if not clause:
            continue
        if _Q_PARTICLE.search(clause) or _Q_ENGLISH.match(clause):
            return True
        if _Q_INDEFINITE.search(clause):
            continue
        if _Q_A_NOT_A.search(clause) or _Q_WORD.search(clause):
            return True
    return False
