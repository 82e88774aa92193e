"""The reply model's two linear models as plain data for the compiled cache, and back.

Per model its n-grams, and the idf and idf-scaled weights as flat float arrays: reading them
back makes nothing up front (rows become tuples when first looked up), so `coach analyze`
starts from the cache in a few milliseconds. Nothing read can run code, and anything malformed
raises ValueError (the cache then compiles afresh).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from coach.core.understand.cache import Texts
from coach.core.understand.linear import LinearModel, as_doubles


def packed(model: LinearModel) -> dict[str, object]:
    from array import array

    grams = sorted(model.weights)
    scaled = model._scaled
    return {
        "labels": list(model.labels),
        "sizes": list(model.sizes),
        "grams": Texts(grams),
        "idf": array("d", (model.idf[g] for g in grams)),
        "scaled": array("d", (w for g in grams for w in scaled[g])),
        "bias": list(model.bias),
    }


class _ByGram:
    """What both views of a flat array share: the n-gram -> position table behind their keys."""

    __slots__ = ("_at",)

    def __init__(self, at: dict[str, int]) -> None:
        self._at = at

    @property
    def index(self) -> dict[str, int]:
        """n-gram -> its position: what membership is asked of (see linear._membership)."""
        return self._at

    def __contains__(self, gram: object) -> bool:
        return gram in self._at

    def __iter__(self):  # noqa: ANN204
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


class _Values(_ByGram, Mapping[str, float]):
    """Per n-gram one value of a flat float array (the idf)."""

    __slots__ = ("_flat",)

    def __init__(self, at: dict[str, int], flat: Sequence[float]) -> None:
        super().__init__(at)
        self._flat = flat

    def __getitem__(self, gram: str) -> float:
        return self._flat[self._at[gram]]


class _Rows(_ByGram, Mapping[str, tuple[float, ...]]):
    """Per n-gram rows over one flat float array, made into tuples only when looked up: the
    model is ready as soon as the array is read (25,000 n-grams, 24 labels each)."""

    __slots__ = ("_flat", "_n", "_idf", "_made")

    def __init__(self, at: dict[str, int], flat: Sequence[float], n: int,
                 idf: Sequence[float] | None = None) -> None:
        super().__init__(at)
        self._flat, self._n, self._idf = flat, n, idf
        self._made: dict[str, tuple[float, ...]] = {}

    def __getitem__(self, gram: str) -> tuple[float, ...]:
        made = self._made.get(gram)
        if made is not None:
            return made
        j = self._at[gram]
        row = self._flat[j * self._n : (j + 1) * self._n]
        if self._idf is None:
            made = tuple(row)
        else:
            idf = self._idf[j]
            made = tuple(w / idf for w in row)  # the weights, from the scaled table
        self._made[gram] = made
        return made


class _StoredRows(dict):
    """n-gram -> its row of a flat float array as a tuple, made on first lookup (a dict: a row
    already made is found without a Python call)."""

    __slots__ = ("_at", "_flat", "_n")

    def __init__(self, at: dict[str, int], flat: Sequence[float], n: int) -> None:
        super().__init__()
        self._at, self._flat, self._n = at, flat, n

    def __missing__(self, gram: str) -> tuple[float, ...]:
        j = self._at[gram]
        row = self[gram] = tuple(self._flat[j * self._n : (j + 1) * self._n])
        return row


def unpacked(data: Mapping[str, object]) -> LinearModel:
    labels = tuple(str(x) for x in data["labels"])  # type: ignore[attr-defined]
    low, high = (int(x) for x in data["sizes"])  # type: ignore[attr-defined]
    grams = data["grams"]
    if not isinstance(grams, list):  # as packed, not yet through the cache: a `Texts`
        grams = list(grams)  # type: ignore[call-overload]
    if not set(map(type, grams)) <= {str}:
        raise ValueError("the n-grams are not strings")
    idf, scaled = data["idf"], data["scaled"]
    bias = tuple(float(x) for x in data["bias"])  # type: ignore[attr-defined]
    n = len(labels)
    if not (len(idf) == len(grams) and len(scaled) == n * len(grams)  # type: ignore[arg-type]
            and len(bias) == n and 1 <= low <= high <= 8):
        raise ValueError("lengths disagree")
    try:
        # NaN and infinity survive a plain sum (an exact fsum would take 30 ms of a cold start)
        finite = all(math.isfinite(sum(x)) for x in (bias, idf, scaled))  # type: ignore[arg-type]
        positive = min(idf, default=1.0) > 0  # type: ignore[type-var]
    except (OverflowError, ValueError, TypeError):
        finite = positive = False
    if not (finite and positive):
        raise ValueError("a weight is not a finite number")
    at = dict(zip(grams, range(len(grams)), strict=True))
    if len(at) != len(grams):
        raise ValueError("an n-gram twice")
    model = LinearModel(labels, (low, high), _Values(at, idf), _Rows(at, scaled, n, idf), bias)  # type: ignore[arg-type]
    # The scores' lookup table (weights times idf) is what was stored: not recomputed.
    model.__dict__["_scaled"] = _StoredRows(at, scaled, n)
    model.__dict__["_tables"] = (at, as_doubles(scaled), as_doubles(idf), True)
    return model
