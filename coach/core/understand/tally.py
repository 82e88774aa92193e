"""A linear model's score of one text in a few C-level passes: the hot path of classifying.

Scoring a text is a sum over its known n-grams of their (idf-scaled) weight rows, one column per
label. Done as Python floats that is a loop over n-grams times labels; here it is two passes:

- one Aho-Corasick pass (pyahocorasick) over the text finds every known n-gram occurrence, as
  row numbers (a learnt n-gram never spans a clause break, so none is found across one);
- each row is packed into one big integer, every label's weight in fixed point in its own
  112-bit field with an offset that keeps it positive, so adding rows is one built-in `sum` of
  integers; the label totals are read back out of the fields.

A repeated n-gram weighs 1 + log(count) (sublinear term frequency): its row is multiplied by
that factor in fixed point at 2**-24. Fixed point at 2**-40 keeps a score within 1e-9 of the
float sum. A weight is clamped to
±2**24 before packing so that even a damaged model cannot carry one field into the next.
Rows are packed on first use: a start from the cache packs only what its texts meet.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from operator import itemgetter, mul

FIELD = 112  # bits per label: room for 2**16 n-grams in a text, times FACTOR_SCALE
SCALE = float(1 << 40)  # fixed point
LIMIT = float(1 << 24)  # |weight| clamped to this: SCALE * LIMIT stays below OFFSET
OFFSET = 1 << 66  # added to every field so that no field is ever negative
MASK = (1 << FIELD) - 1
FACTOR_SCALE = 1 << 24  # a repeated n-gram's 1 + log(count), in fixed point
_SECOND = itemgetter(1)


class _Packed(dict):
    """Row number -> its row packed into one integer, made on first lookup."""

    __slots__ = ("_row",)

    def __init__(self, row: Callable[[int], Sequence[float]]) -> None:
        super().__init__()
        self._row = row

    def __missing__(self, i: int) -> int:
        value = 0
        for k, w in enumerate(self._row(i)):
            w = min(LIMIT, max(-LIMIT, w))
            value |= (int(round(w * SCALE)) + OFFSET) << (FIELD * k)
        self[i] = value
        return value


class _Squares(dict):
    """Row number -> its n-gram's idf squared, made on first lookup."""

    __slots__ = ("_idf",)

    def __init__(self, idf: Callable[[int], float]) -> None:
        super().__init__()
        self._idf = idf

    def __missing__(self, i: int) -> float:
        v = self._idf(i)
        square = self[i] = v * v
        return square


class RowTally:
    """Sums of scaled weight rows and of squared idfs over the known n-grams of a text, each
    repeated n-gram counted 1 + log(count) times (sublinear term frequency)."""

    __slots__ = ("_automaton", "_grams", "_packed", "_squares", "_width")

    def __init__(
        self,
        grams: Sequence[str],
        row: Callable[[str], Sequence[float]],
        idf: Callable[[str], float],
        width: int,
    ) -> None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for i, gram in enumerate(grams):
            automaton.add_word(gram, i)
        if grams:
            automaton.make_automaton()
        self._automaton = automaton
        self._grams = list(grams)
        self._width = width
        self._packed = _Packed(lambda i: row(self._grams[i]))
        self._squares = _Squares(lambda i: idf(self._grams[i]))

    def __call__(self, norm: str) -> tuple[list[float], float] | None:
        """(per-label sum of rows, sum of squared feature values) before unit scaling, or None
        when the text holds no known n-gram."""
        if not self._grams:
            return None
        found = list(map(_SECOND, self._automaton.iter(norm)))
        if not found:
            return None
        packed, squares = self._packed.__getitem__, self._squares.__getitem__
        total = sum(map(packed, found))
        square = sum(map(squares, found))
        base, unit = len(found) * OFFSET, SCALE
        if len(set(found)) < len(found):
            # a repeated n-gram counts 1 + log(count) times, not count times: take the
            # difference off, the factor in fixed point
            repeated = [(i, c) for i, c in Counter(found).items() if c > 1]
            ids = [i for i, _ in repeated]
            cuts = [_CUTS[c] for _, c in repeated]
            total = total * FACTOR_SCALE - sum(map(mul, map(packed, ids), cuts))
            base = base * FACTOR_SCALE - sum(cuts) * OFFSET
            unit *= FACTOR_SCALE
            square -= sum(map(mul, map(squares, ids), (_SQUARE_CUTS[c] for _, c in repeated)))
        sums = [(((total >> (FIELD * k)) & MASK) - base) / unit for k in range(self._width)]
        return sums, square


class _Cut(dict):
    """Count -> count - (1 + log(count)): what a repeated n-gram's sum must lose; in fixed
    point (an integer), or for its squared idf (count - (1 + log(count))**2, a float)."""

    __slots__ = ("_squared",)

    def __init__(self, *, squared: bool) -> None:
        super().__init__()
        self._squared = squared

    def __missing__(self, count: int) -> float | int:
        factor = 1.0 + math.log(count)
        value = count - factor * factor if self._squared else round((count - factor) * FACTOR_SCALE)
        self[count] = value
        return value


_CUTS = _Cut(squared=False)
_SQUARE_CUTS = _Cut(squared=True)
