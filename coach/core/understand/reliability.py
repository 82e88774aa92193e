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

from collections.abc import Iterable

from coach.core.content.model import Labelled

PRIOR = 4.0  # statements' worth of trust every keyword starts with (5-fold CV, benchmarks/cv.py)
LEAST = 0.25  # no keyword is trusted less than this


def keyword_factors(classify, items: Iterable[Labelled]) -> dict[tuple[str, str], float]:
    """(cause, keyword) -> its trust, for every keyword found at least once in `items`
    (`classify` is the `classify` of a classifier with keywords only, all fully trusted)."""
    found: dict[tuple[str, str], int] = {}
    right: dict[tuple[str, str], int] = {}
    for item in items:
        result = classify(item.text)
        seen = {
            (score.id, m.keyword)
            for score in result.ranking
            for m in score.matched
            if not m.negated and m.channel != "learned"
        }
        for key in seen:
            found[key] = found.get(key, 0) + 1
            if key[0] in item.causes:
                right[key] = right.get(key, 0) + 1
    return {
        key: max(LEAST, (right.get(key, 0) + PRIOR) / (n + PRIOR)) for key, n in found.items()
    }
