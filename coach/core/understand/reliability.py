"""How far each keyword can be trusted, learnt from the labelled statements at compile time.

A keyword of causes.yaml says its cause wherever it stands; real clients use the same words for
other reasons (楼下 for the agent who waits downstairs, 活动 for an event they were invited to,
朋友 for a friend's tip). The labelled statements tell how often a keyword's cause is really
among the causes of the statements it is found in (not denied there). Its weight is scaled by
that share, smoothed towards full trust: `(right + PRIOR) / (found + PRIOR)`. A keyword seen
rarely keeps nearly all its weight; one found as often for other causes as for its own loses
about half. Trainers correct a misleading keyword by adding statements, not by editing weights.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from coach.core.content.model import Labelled

PRIOR = 4.0  # statements' worth of trust every keyword starts with (5-fold CV, benchmarks/cv.py)
LEAST = 0.25  # no keyword loses more than this share of its weight


def keyword_factors(classify, items: Iterable[Labelled], prior: float = PRIOR) -> dict[tuple[str, str], float]:
    """(cause, keyword) -> the factor its weight is scaled by, for every keyword found at least
    once in `items` (`classify` is a classifier's `classify` over the unscaled keywords only)."""
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
        key: max(LEAST, (right.get(key, 0) + prior) / (n + prior)) for key, n in found.items()
    }


def scaled(factors: Mapping[tuple[str, str], float], cause: str, keyword: str) -> float:
    """The factor of one keyword (1.0 when the statements never met it)."""
    return factors.get((cause, keyword), 1.0)
