"""Calibrated confidence: fitted on cross-validated answers, monotone, honest about 'no cause'."""

import random

import pytest

from coach.core.understand.calibration import (
    DEFAULT_CALIBRATION,
    MAX_FALLBACK,
    Calibration,
    expected_calibration_error,
    fit,
    reliability,
)


def _answers(seed=1, n=2000):
    """Answers whose chance of being right is known: raw r is right with probability r."""
    rng = random.Random(seed)
    raw = [rng.random() for _ in range(n)]
    return raw, [rng.random() < r for r in raw]


def test_fit_recovers_a_known_relation_and_lowers_the_error():
    raw, correct = _answers()
    calibration = fit(raw, [True] * len(raw), correct)
    shown = [calibration.apply(r) for r in raw]
    fitted = expected_calibration_error(reliability(shown, correct))
    overconfident = expected_calibration_error(reliability([min(1.0, r + 0.3) for r in raw], correct))
    assert fitted < 0.05 < overconfident


def test_the_map_is_monotone_and_no_evidence_stays_zero():
    c = Calibration(7.0, -3.0, -1.0, 0.5)
    values = [c.apply(r / 100) for r in range(1, 101)]
    assert values == sorted(values)
    assert c.apply(0.0) == 0.0


def test_no_cause_found_is_never_shown_as_likely():
    raw, correct = _answers(2)
    calibration = fit(raw, [True] * len(raw), correct, [True] * 500)
    assert calibration.fallback == MAX_FALLBACK < 0.6
    assert fit(raw, [True] * len(raw), correct, [False] * 98).fallback == pytest.approx(0.01)


def test_too_few_answers_keep_the_default_curve():
    small = fit([0.5, 0.9], [True, True], [True, False])
    assert (small.a, small.b, small.c) == (DEFAULT_CALIBRATION.a, DEFAULT_CALIBRATION.b,
                                           DEFAULT_CALIBRATION.c)


def test_reliability_buckets_and_error():
    rows = reliability([0.95, 0.95, 0.15, 1.0], [True, False, False, True])
    assert [(r.low, r.count) for r in rows] == [(0.1, 1), (0.9, 3)]
    assert expected_calibration_error(rows) == pytest.approx((1 * 0.15 + 3 * abs(2.9 / 3 - 2 / 3)) / 4)


def test_round_trip_and_refusal():
    c = Calibration(1.0, 2.0, 3.0, 0.4)
    assert Calibration.from_data(c.to_data()) == c
    for bad in ([1, 2], [1, 2, 3, float("nan")], "x", [1, 2, 3, True]):
        with pytest.raises(ValueError):
            Calibration.from_data(bad)
