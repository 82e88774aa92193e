"""How far each keyword can be trusted, learnt from the labelled statements at compile time.

A keyword of causes.yaml says its cause wherever it stands; real clients use the same words for
other reasons (楼下 for the agent who waits downstairs, 活动 for an event they were invited to,
朋友 for a friend's tip). The labelled statements tell how often a keyword's cause is really
among the causes of the statements it is found in (not denied there). That share, smoothed
towards full trust, is the keyword's trust: `(right + PRIOR) / (found + PRIOR)`, at least LEAST.
A keyword seen rarely keeps nearly full trust; one found as often for other causes as for its
own keeps about half. Trust weighs in which reason leads, not in finding one (see
`KeywordIndex.trusted`). Trainers mend a misleading keyword by adding statements, not weights.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from coach.core.content.model import Labelled

PRIOR = 4.0  # statements' worth of trust every keyword starts with (5-fold CV, benchmarks/cv.py)
LEAST = 0.25  # no keyword is trusted less than this


def keyword_factors(classify, items: Sequence[Labelled]) -> dict[tuple[str, str], float]:
    """(cause, keyword) -> its trust, for every keyword found at least once in `items`
    (`classify` is the `classify` of a classifier with keywords only, all fully trusted)."""
    return keyword_trust(items, keyword_mentions(classify, items))


def keyword_mentions(classify, items: Iterable[Labelled]) -> list[frozenset[tuple[str, str]]]:
    """Per statement the (cause, keyword) pairs it says, not denied. What a statement says does
    not depend on which others it is weighed with: worked out once, shared by every fold."""
    return [
        frozenset(
            (score.id, m.keyword)
            for score in classify(item.text).ranking
            for m in score.matched
            if not m.negated and m.channel != "learned"
        )
        for item in items
    ]


def keyword_trust(items: Sequence[Labelled],
                  mentions: Sequence[frozenset[tuple[str, str]]]) -> dict[tuple[str, str], float]:
    """(cause, keyword) -> its trust, from the statements and what each says."""
    found: dict[tuple[str, str], int] = {}
    right: dict[tuple[str, str], int] = {}
    for item, seen in zip(items, mentions, strict=True):
        for key in seen:
            found[key] = found.get(key, 0) + 1
            if key[0] in item.causes:
                right[key] = right.get(key, 0) + 1
    return {
        key: max(LEAST, (right.get(key, 0) + PRIOR) / (n + PRIOR)) for key, n in found.items()
    }
