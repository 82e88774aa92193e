"""A linear model's score of one text in a few C-level passes of Python: what scores a text
where the C extension (`_gramsum.c`, the same sums) could not be built at install.

Scoring a text is a sum over its known n-grams of their (idf-scaled) weight rows, one column per
label. Done as Python floats that is a loop over n-grams times labels. Here each row is packed
into one big integer, every label's weight in fixed point in its own 112-bit field with an
offset that keeps it positive, so adding rows is one built-in `sum` of integers and the label
totals are read back out of the fields.

A repeated n-gram weighs 1 + log(count) (sublinear term frequency), not count: the difference
is taken off with the factor in fixed point at 2**-24. Weights are fixed point at 2**-40: a
score stays within 1e-8 of the float sum. A weight is clamped to ±2**24 before packing so that
even a damaged model cannot carry one field into the next. Rows are packed on first use: a
start from the cache packs only what its texts meet, and nothing is built up front.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from operator import add, lshift, mul

FIELD = 112  # bits per label: room for 2**16 n-grams in a text, times FACTOR_SCALE
SCALE = float(1 << 40)  # fixed point
LIMIT = float(1 << 24)  # |weight| clamped to this: SCALE * LIMIT stays below OFFSET
OFFSET = 1 << 66  # added to every field so that no field is ever negative
MASK = (1 << FIELD) - 1
FACTOR_SCALE = 1 << 24  # a repeated n-gram's 1 + log(count), in fixed point
_SHIFTS = [FIELD * k for k in range(256)]  # where each label's field starts


class RowTally:
    """Sums of scaled weight rows and of squared idfs over the known n-grams of a text."""

    __slots__ = ("_known", "_sizes", "_packed", "_squares", "_width")

    def __init__(
        self,
        known: Callable[[str], bool],
        row: Callable[[str], Sequence[float]],
        idf: Callable[[str], float],
        width: int,
        sizes: tuple[int, int],
    ) -> None:
        self._known = known
        self._width = width
        self._sizes = sizes
        self._packed = _Packed(row)
        self._squares = _Squares(idf)

    def __call__(self, norm: str) -> tuple[list[float], float, int] | None:
        """(per-label sum of rows, sum of squared feature values before unit scaling, how many
        distinct known n-grams), or None when the text holds no known n-gram."""
        counts = gram_counts(norm, self._sizes)
        known = list(filter(self._known, counts))  # a learnt n-gram never spans a break
        if not known:
            return None
        packed, squares = self._packed.__getitem__, self._squares.__getitem__
        total = sum(map(packed, known))
        square = sum(map(squares, known))
        base, unit = len(known) * OFFSET, SCALE
        times = list(map(counts.__getitem__, known))
        if max(times) > 1:  # each repeated n-gram counted once so far: add 1 + log(count) - 1
            repeated = [(g, c) for g, c in zip(known, times, strict=True) if c > 1]
            grams = [g for g, _ in repeated]
            extras = [_EXTRA[c] for _, c in repeated]
            total = total * FACTOR_SCALE + sum(map(mul, map(packed, grams), extras))
            base = base * FACTOR_SCALE + sum(extras) * OFFSET
            unit *= FACTOR_SCALE
            square += sum(map(mul, map(squares, grams), (_SQUARE_EXTRA[c] for _, c in repeated)))
        sums = [(((total >> (FIELD * k)) & MASK) - base) / unit for k in range(self._width)]
        return sums, square, len(known)


def gram_counts(norm: str, sizes: tuple[int, int]) -> Counter[str]:
    """How often each n-gram (of the sizes given) occurs in `norm`, breaks included: first
    every 1-gram in text order, then every 2-gram, and so on (the order of the counter)."""
    low, high = sizes
    every: list[str] = []
    grams: Iterable[str] = norm
    for n in range(1, high + 1):
        if n > 1:
            grams = list(map(add, grams, norm[n - 1 :]))
        if n >= low:
            every += grams
    return Counter(every)


class _Packed(dict):
    """n-gram -> its row packed into one integer, made on first lookup."""

    __slots__ = ("_row",)

    def __init__(self, row: Callable[[str], Sequence[float]]) -> None:
        super().__init__()
        self._row = row

    def __missing__(self, gram: str) -> int:
        row = self._row(gram)
        if not (-LIMIT <= min(row, default=0.0) and max(row, default=0.0) <= LIMIT):
            row = [min(LIMIT, max(-LIMIT, w)) for w in row]
        # every field at once, in C: round(w * SCALE) + OFFSET, shifted to its place
        fields = map(OFFSET.__add__, map(round, map(SCALE.__mul__, row)))
        value = self[gram] = sum(map(lshift, fields, _SHIFTS[: len(row)]))
        return value


class _Squares(dict):
    """n-gram -> its idf squared, made on first lookup."""

    __slots__ = ("_idf",)

    def __init__(self, idf: Callable[[str], float]) -> None:
        super().__init__()
        self._idf = idf

    def __missing__(self, gram: str) -> float:
        v = self._idf(gram)
        square = self[gram] = v * v
        return square


class _Extra(dict):
    """Count -> what a repeated n-gram adds beyond its one counted occurrence: log(count) in
    fixed point (an integer) for its row, (1 + log(count))**2 - 1 for its squared idf."""

    __slots__ = ("_squared",)

    def __init__(self, *, squared: bool) -> None:
        super().__init__()
        self._squared = squared

    def __missing__(self, count: int) -> float | int:
        factor = 1.0 + math.log(count)
        value = factor * factor - 1.0 if self._squared else round((factor - 1.0) * FACTOR_SCALE)
        self[count] = value
        return value


_EXTRA = _Extra(squared=False)
_SQUARE_EXTRA = _Extra(squared=True)
