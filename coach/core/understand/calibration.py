"""Calibrated confidence: a score of 0.8 should be right about eight times in ten.

The classifier's raw score (1 - exp(-evidence / scale)) orders causes well but says little about
how often the leading one is right. Platt scaling maps it through a fitted logistic curve; the
curve is fitted at compile time on cross-validated answers (each labelled statement classified
by a model that never saw it). The map is monotone, so it never changes which cause leads, and
no evidence stays at 0. `reliability` and `expected_calibration_error` are what `coach test`
prints to show it holds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Calibration:
    """p = 1 / (1 + exp(-(a * raw + c * worded + b))) for raw > 0, where `worded` is 1 when
    the client's own words (keywords, patterns) back the cause and 0 when only the learned
    channel does; no evidence (raw = 0) stays 0."""

    a: float
    b: float
    c: float = 0.0

    def apply(self, raw: float, worded: bool = True) -> float:
        if raw <= 0.0:
            return 0.0
        z = self.a * raw + self.b + (self.c if worded else 0.0)
        if z < -60:
            return 0.0
        if z > 60:
            return 1.0
        return 1.0 / (1.0 + math.exp(-z))

    def to_data(self) -> list[float]:
        return [self.a, self.b, self.c]

    @classmethod
    def from_data(cls, data: object) -> Calibration:
        if not (isinstance(data, list) and len(data) == 3):
            raise ValueError("not a calibration: expected [a, b, c]")
        if not all(isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)
                   for x in data):
            raise ValueError("not a calibration: a value is not a finite number")
        return cls(*(float(x) for x in data))


# Fitted on the bundled content's cross-validated answers; used when a classifier is built
# without enough labelled statements to fit its own.
DEFAULT_CALIBRATION = Calibration(6.0, -3.5, 1.0)
MIN_ITEMS = 100  # fewer labelled statements than this: keep the default curve


def fit(
    raw: Sequence[float], worded: Sequence[bool], correct: Sequence[bool], *, iterations: int = 50
) -> Calibration:
    """Platt scaling by Newton's method on the log loss (with a small ridge for stability)."""
    if len(raw) < MIN_ITEMS or all(correct) or not any(correct):
        return DEFAULT_CALIBRATION
    import numpy as np

    x = np.column_stack([np.asarray(raw, float), np.ones(len(raw)), np.asarray(worded, float)])
    # Platt's smoothed targets keep the curve from running to 0 or 1 on separable data.
    pos = sum(correct)
    neg = len(correct) - pos
    t = np.where(np.asarray(correct), (pos + 1) / (pos + 2), 1 / (neg + 2))
    w = np.array([1.0, 0.0, 0.0])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -60, 60)))
        grad = x.T @ (p - t)
        hess = (x * (p * (1 - p))[:, None]).T @ x + 1e-6 * np.eye(3)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    a, b, c = (float(v) for v in w)
    return Calibration(a, b, c)


@dataclass(frozen=True, slots=True)
class Bucket:
    low: float
    high: float
    count: int
    confidence: float  # mean predicted confidence
    accuracy: float


def reliability(
    confidence: Sequence[float], correct: Sequence[bool], *, buckets: int = 10
) -> list[Bucket]:
    """Predicted confidence in equal-width buckets against how often it was right."""
    rows = []
    for k in range(buckets):
        low, high = k / buckets, (k + 1) / buckets
        inside = [
            (c, ok)
            for c, ok in zip(confidence, correct, strict=True)
            if low <= c < high or (k == buckets - 1 and c == 1.0)
        ]
        if inside:
            rows.append(
                Bucket(low, high, len(inside), sum(c for c, _ in inside) / len(inside),
                       sum(ok for _, ok in inside) / len(inside))
            )
    return rows


def expected_calibration_error(rows: Sequence[Bucket]) -> float:
    """The count-weighted mean gap between confidence and accuracy over the buckets."""
    total = sum(r.count for r in rows)
    if not total:
        return 0.0
    return sum(r.count * abs(r.confidence - r.accuracy) for r in rows) / total
