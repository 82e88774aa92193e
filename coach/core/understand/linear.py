"""A small linear model over character n-grams, learnt from labelled examples at compile time.

One module serves both judgements of the product: client statements -> causes, and trainee
replies -> techniques and violations. Trainers improve either by adding labelled examples to
the content, never by writing code.

Features are the character n-grams of the normalised text (`coach.core.text.normalize`), never
across a clause break, weighted by inverse document frequency and scaled to unit length (as
scikit-learn's `TfidfVectorizer(analyzer="char", sublinear_tf=True)`). Each label gets a
ridge-regression scorer (one-vs-rest, targets +1/-1: a linear SVM's close cousin), solved by
conjugate gradients for all labels at once. Training is deterministic: sorted inputs, no
randomness, the same bytes in, the same weights out.

Training (`coach.core.understand.training`) uses numpy and is paid once per content change (the
compiled cache keeps the result). Scoring takes a text's n-gram sums in a small C extension
(`_gramsum`, built at install) or, where no compiler was at hand, in a few C-level passes of
Python (`coach.core.understand.tally`): a statement is scored in microseconds and nothing heavy
is imported at start-up. `to_data`/`from_data` turn a model into plain lists and strings
(JSON-safe; never pickle) and back.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from itertools import chain
from operator import add as _add

from coach.core.text import CLAUSE_BREAK, Normalized, normalize, normalize_tracked
from coach.core.understand.tally import RowTally

GRAMSUM_ABI = 1  # the C extension's interface this code calls (_gramsum.c: GRAMSUM_ABI)

try:  # the n-gram sums in C, built at install when a compiler is there
    from coach.core.understand import _gramsum
except ImportError:  # pragma: no cover - depends on the install
    _gramsum = None
if getattr(_gramsum, "ABI", None) != GRAMSUM_ABI:  # a build left from another checkout
    _gramsum = None

DEFAULT_NGRAMS = (1, 3)


def ngrams(norm: str, sizes: tuple[int, int] = DEFAULT_NGRAMS) -> list[tuple[str, int]]:
    """(n-gram, start) for every n-gram of a normalised text that does not cross a clause break."""
    low, high = sizes
    out: list[tuple[str, int]] = []
    length = len(norm)
    for i in range(length):
        if norm[i] == CLAUSE_BREAK:
            continue
        for n in range(low, high + 1):
            end = i + n
            if end > length:
                break
            gram = norm[i:end]
            if CLAUSE_BREAK in gram:
                break
            out.append((gram, i))
    return out


@dataclass(frozen=True, slots=True)
class Contribution:
    """One n-gram's share of a label's score, with where it stands in the original text."""

    gram: str
    weight: float
    start: int
    end: int


@dataclass(frozen=True)
class LinearModel:
    """Per label a weight for each n-gram seen in training, plus a bias.

    `weights[gram]` is a tuple aligned with `labels`; `idf[gram]` scales the n-gram's feature.
    """

    labels: tuple[str, ...]
    sizes: tuple[int, int]
    idf: dict[str, float]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]

    # ------------------------------------------------------------ scoring

    def _features(self, norm: str) -> dict[str, float]:
        """Per learnt n-gram of a text its term frequency over the length of the text's tf-idf
        vector: times the n-gram's idf, its unit-length feature. The last text's are kept,
        since a reply is explained label by label."""
        memo = self._feature_memo
        found = memo.get(norm)
        if found is None:
            memo.clear()
            found = memo[norm] = self._features_of(norm)
        return found

    @cached_property
    def _feature_memo(self) -> dict[str, dict[str, float]]:
        return {}

    def _features_of(self, norm: str) -> dict[str, float]:
        if _gramsum is not None:
            _, _, idf_flat, _ = self._tables
            return _gramsum.features(self._lookup, idf_flat, *self.sizes, norm)
        return self._features_in_python(norm)

    def _features_in_python(self, norm: str) -> dict[str, float]:
        """What `_gramsum.features` computes, where the extension was not built."""
        idf = self.idf
        # in the order of `ngrams` (by position, shortest first), which the sums below keep
        counts = Counter(filter(self._in_idf, _by_position(norm, self.sizes)))
        if CLAUSE_BREAK in norm:  # `ngrams` never crosses a break
            counts = {g: c for g, c in counts.items() if CLAUSE_BREAK not in g}
        tf = {g: 1.0 + math.log(c) for g, c in counts.items()}
        norm2 = math.sqrt(sum((t * idf[g]) ** 2 for g, t in tf.items()))
        if norm2 == 0.0:
            return {}
        return {g: t / norm2 for g, t in tf.items()}

    def scores(self, text: str, *, normalised: bool = False) -> dict[str, float]:
        """The raw score of every label (above 0 leans yes); only the bias for unseen text."""
        return self.read(text, normalised=normalised)[0]

    def read(self, text: str, *, normalised: bool = False) -> tuple[dict[str, float], int]:
        """The scores, and how many distinct learnt n-grams the text holds: its support (one
        character said 5,000 times has a support of one, and tells nothing)."""
        norm = text if normalised else normalize(text)
        summed = self._tally(norm)
        if summed is None:
            return dict(zip(self.labels, self.bias, strict=True)), 0
        sums, square, support = summed
        scale = 1.0 / math.sqrt(square)
        scores = {
            label: b + s * scale for label, b, s in zip(self.labels, self.bias, sums, strict=True)
        }
        return scores, support

    @cached_property
    def _tally(self) -> Callable[[str], tuple[list[float], float, int] | None]:
        """The sums of a text's known n-grams' rows: in C when the extension was built, else in
        a few C-level passes of Python (the same sums to 1e-8)."""
        if _gramsum is None:
            return RowTally(_membership(self.weights), self._scaled.__getitem__,
                            self.idf.__getitem__, len(self.labels), self.sizes)
        _, rows, idf, scaled = self._tables
        low, high = self.sizes
        return partial(_gramsum.tally, self._lookup, rows, idf, len(self.labels), low, high,
                       scaled)

    @cached_property
    def _lookup(self) -> dict[str, int] | bytes:
        """What the C extension finds an n-gram's row in: the n-gram -> row dict packed into a
        table keyed by the characters' codes (no string is made to look one up), or the dict
        itself where an n-gram is longer than such a table holds."""
        at = self._tables[0]
        if self.sizes[1] > 3:
            return at
        table = _gramsum.code_table(at)
        return at if table is None else table

    @cached_property
    def _tables(self) -> tuple[dict[str, int], array, array, bool]:
        """n-gram -> row, the rows and the idfs as flat arrays, and whether the rows are
        already scaled by idf: what the compiled sums read. The cache's readers set them from
        the arrays they read; a model trained here makes them once."""
        grams = list(self.weights)
        rows = array("d", chain.from_iterable(map(self.weights.__getitem__, grams)))
        idf = array("d", map(self.idf.__getitem__, grams))
        return {g: i for i, g in enumerate(grams)}, rows, idf, False

    @cached_property
    def _in_idf(self):  # noqa: ANN202
        return _membership(self.idf)

    @cached_property
    def _scaled(self) -> dict[str, tuple[float, ...]]:
        """Each n-gram's weights times its idf: a statement's score is then a sum of rows.
        Filled as n-grams are met, so a start from the cache does not scale every row."""
        return _Scaled(self.weights, self.idf)

    def evidence(self, text: str | Normalized, label: str, *, top: int = 5) -> list[Contribution]:
        """The n-grams that pushed `label` up most, each at its first place in the original."""
        tracked = text if isinstance(text, Normalized) else normalize_tracked(text)
        k = self.labels.index(label)
        norm = tracked.text
        origin = tracked.origin
        if _gramsum is not None:
            _, rows, idf, stored = self._tables
            low, high = self.sizes
            parts = _gramsum.contributions(self._lookup, rows, idf, len(self.labels), low, high,
                                           stored, k, norm)
            return _without_overlaps(
                tracked, ((norm[f : f + n], w, f, origin[f]) for f, n, w in parts), top)
        scaled = self._scaled  # weight times idf: times the tf share, the n-gram's contribution
        found = []  # (gram, weight, first normalised index, original start)
        for gram, share in self._features(norm).items():
            weight = scaled[gram][k] * share
            if weight <= 0:
                continue
            first = norm.find(gram)  # where `ngrams` first meets it: it holds no break
            found.append((gram, weight, first, origin[first]))
        found.sort(key=lambda c: (-c[1], c[3]))
        return _without_overlaps(tracked, found, top)

    def has_evidence(self, text: str, *, normalised: bool = False) -> bool:
        """Whether the text shares any n-gram with what the model learnt from."""
        norm = text if normalised else normalize(text)
        return bool(self._features(norm))

    # ------------------------------------------------------------ storage

    def to_data(self) -> dict[str, object]:
        """Plain lists and strings: what the compiled cache stores (never code)."""
        grams = sorted(self.weights)
        return {
            "labels": list(self.labels),
            "sizes": list(self.sizes),
            "grams": grams,
            "idf": [self.idf[g] for g in grams],
            "weights": [list(self.weights[g]) for g in grams],
            "bias": list(self.bias),
        }

    @classmethod
    def from_data(cls, data: dict[str, object]) -> LinearModel:
        """The model back from `to_data`; raises ValueError on anything malformed."""
        try:
            labels = tuple(str(x) for x in data["labels"])  # type: ignore[union-attr]
            low, high = (int(x) for x in data["sizes"])  # type: ignore[union-attr]
            grams = [str(g) for g in data["grams"]]  # type: ignore[union-attr]
            idf = [float(x) for x in data["idf"]]  # type: ignore[union-attr]
            rows = [tuple(float(x) for x in row) for row in data["weights"]]  # type: ignore[union-attr]
            bias = tuple(float(x) for x in data["bias"])  # type: ignore[union-attr]
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"not a linear model: {error}") from error
        if not (len(grams) == len(idf) == len(rows)) or len(bias) != len(labels):
            raise ValueError("not a linear model: lengths disagree")
        if any(len(row) != len(labels) for row in rows) or not 1 <= low <= high <= 8:
            raise ValueError("not a linear model: bad shape")
        numbers = [*idf, *bias, *(w for row in rows for w in row)]
        if not all(math.isfinite(x) for x in numbers):
            raise ValueError("not a linear model: a weight is not a finite number")
        return cls(labels, (low, high), dict(zip(grams, idf, strict=True)),
                   dict(zip(grams, rows, strict=True)), bias)


    @classmethod
    def from_arrays(
        cls,
        labels: Sequence[str],
        sizes: Sequence[int],
        grams: Sequence[str],
        idf: Sequence[float],
        flat: Sequence[float],
        bias: Sequence[float],
    ) -> LinearModel:
        """The model from flat arrays (row-major weights, one row per n-gram): the compiled
        cache's fast path, which also fills the scoring tables in the same pass. Raises
        ValueError on anything malformed."""
        labels = tuple(str(x) for x in labels)
        width = len(labels)
        try:
            low, high = (int(x) for x in sizes)
        except (TypeError, ValueError) as error:
            raise ValueError(f"not a linear model: {error}") from error
        if not width or len(grams) != len(idf) or len(flat) != width * len(grams):
            raise ValueError("not a linear model: lengths disagree")
        if len(bias) != width or not 1 <= low <= high <= 8:
            raise ValueError("not a linear model: bad shape")
        if not all(isinstance(g, str) for g in grams):
            raise ValueError("not a linear model: an n-gram is not text")
        values = list(flat)
        idfs = [float(x) for x in idf]
        # NaN and infinity survive a sum (inf - inf is NaN): one pass checks every number
        if not math.isfinite(sum(values) + sum(idfs) + sum(float(b) for b in bias)):
            raise ValueError("not a linear model: a weight is not a finite number")
        rows = list(zip(*[iter(values)] * width, strict=True))
        weights = dict(zip(grams, rows, strict=True))
        idf_map = dict(zip(grams, idfs, strict=True))
        model = cls(labels, (low, high), idf_map, weights, tuple(float(b) for b in bias))
        # an n-gram given twice maps to its last row, as in `weights`
        at = {g: i for i, g in enumerate(grams)}
        model.__dict__["_tables"] = (at, as_doubles(flat), as_doubles(idfs), False)
        return model


class _Scaled(dict):
    """n-gram -> its weights times its idf, computed on first lookup (a known n-gram only)."""

    __slots__ = ("_weights", "_idf")

    def __init__(self, weights: dict[str, tuple[float, ...]], idf: dict[str, float]) -> None:
        super().__init__()
        self._weights = weights
        self._idf = idf

    def __missing__(self, gram: str) -> tuple[float, ...]:
        v = self._idf[gram]
        row = self[gram] = tuple([w * v for w in self._weights[gram]])
        return row


def as_doubles(values: Sequence[float]) -> array:
    """A flat array of doubles: the one given, or one made of it."""
    if isinstance(values, array) and values.typecode == "d":
        return values
    return array("d", values)


def _by_position(norm: str, sizes: tuple[int, int]) -> list[str]:
    """Every n-gram (of the sizes given) in the order of `ngrams`: by position, shortest first;
    those crossing a break included (`ngrams` leaves them out)."""
    if sizes != (1, 3):
        return [gram for gram, _ in ngrams(norm, sizes)]
    pairs = list(map(_add, norm, norm[1:]))
    # positions with all three sizes, then the last two (shorter ones only)
    out = list(chain.from_iterable(zip(norm, pairs, map(_add, pairs, norm[2:]), strict=False)))
    length = len(norm)
    if length >= 2:
        out += (norm[-2], pairs[-1])
    if length >= 1:
        out.append(norm[-1])
    return out


def _membership(mapping: Mapping[str, object]):  # noqa: ANN202
    """A C-level `__contains__` for a mapping's keys: a dict's own, or the dict of positions a
    packed mapping keeps (`index`), or else a set of its keys."""
    if isinstance(mapping, dict):
        return mapping.__contains__
    index = getattr(mapping, "index", None)
    if isinstance(index, dict):
        return index.__contains__
    return frozenset(mapping).__contains__


def _without_overlaps(
    tracked: Normalized, found: Iterable[tuple[str, float, int, int]], top: int
) -> list[Contribution]:
    """Strongest first, at most `top`; an n-gram inside a stronger one's span (in the original)
    says nothing new."""
    kept: list[Contribution] = []
    for gram, weight, first, _ in found:
        if len(kept) >= top:
            break
        start, end = tracked.span(first, first + len(gram))
        if any(k.start <= start and end <= k.end for k in kept):
            continue
        kept.append(Contribution(gram, weight, start, end))
    return kept


# ---------------------------------------------------------------- training
