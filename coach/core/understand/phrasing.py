"""The phrasing channel: how close a statement sounds to the labelled statements of each cause.

Keywords catch what a client names; they miss what a client only implies ("开盘就转圈" for slow
software, "这户头跟我八字不合" for a heavy loss). `playbooks/phrasings.yaml` holds labelled
statements; each cause gets the centroid of their character-pair TF-IDF vectors, and a new
statement is compared with the eleven centroids. Character pairs need no word segmentation and
survive the odd typo. The classifier adds this as evidence beside the keywords; denied clauses
are left out before comparing, so "不是佣金的事" does not sound like a commission complaint.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from coach.core.content.model import Labelled
from coach.core.text import CLAUSE_BREAK, normalize

# The words of leaving itself: every departing client says them, whatever the cause, so they
# tell nothing about it ("我就是想办一下手续" must not sound like any cause in particular).
LEAVING_WORDS = (
    "撤销指定", "转托管", "办手续", "手续", "办理", "办一下", "销户", "消户", "转户", "转出", "转走",
    "托管", "注销", "账户", "户头", "一下", "麻烦", "帮我", "我想", "我要", "就是", "今天", "客户",
    "申请", "要求", "办了", "办个",
)
_LEAVING = re.compile("|".join(sorted(LEAVING_WORDS, key=len, reverse=True)))


def pairs(norm: str) -> set[str]:
    """Neighbouring character pairs of a normalised text, never across a clause break, and
    none from the words of leaving."""
    norm = _LEAVING.sub(CLAUSE_BREAK, norm)
    return {
        norm[i : i + 2]
        for i in range(len(norm) - 1)
        if CLAUSE_BREAK not in norm[i : i + 2]
    }


@dataclass(frozen=True, slots=True)
class PhrasingModel:
    """Per-cause centroids (unit length), kept as postings: pair -> ((cause, weight), ...),
    so that comparing touches only the pairs a statement has."""

    idf: dict[str, float]
    postings: dict[str, tuple[tuple[str, float], ...]]
    size: int  # statements learned from

    @classmethod
    def learn(cls, statements: Iterable[Labelled]) -> PhrasingModel:
        docs = [(pairs(normalize(s.text)), s.causes[0]) for s in statements if s.causes]
        docs = [(d, c) for d, c in docs if d]
        df: Counter[str] = Counter()
        for d, _ in docs:
            df.update(d)
        n = len(docs)
        idf = {p: math.log(n / (1 + k)) + 1.0 for p, k in df.items()}
        sums: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for d, cause in docs:
            length = math.sqrt(sum(idf[p] ** 2 for p in d)) or 1.0
            for p in d:
                sums[cause][p] += idf[p] / length
        postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for cause, vector in sums.items():
            length = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            for p, v in vector.items():
                postings[p].append((cause, v / length))
        return cls(idf, {p: tuple(entries) for p, entries in postings.items()}, n)

    def similarity(self, norm: str) -> dict[str, float]:
        """Cosine similarity of a normalised text with each cause's centroid (absent: 0)."""
        scores: dict[str, float] = defaultdict(float)
        length = 0.0
        idf, postings = self.idf, self.postings
        for p in pairs(norm):
            weight = idf.get(p)
            if weight is None:
                continue
            length += weight * weight
            for cause, value in postings[p]:
                scores[cause] += value * weight
        if not length:
            return {}
        root = math.sqrt(length)
        return {cause: value / root for cause, value in scores.items()}
