"""Training the linear n-gram model (`coach.core.understand.linear`) from labelled examples.

Deterministic: sorted inputs, no randomness, the same bytes in, the same weights out. numpy is
imported here only, when content changed: a start from the compiled cache never trains.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from coach.core.text import normalize
from coach.core.understand.linear import DEFAULT_NGRAMS, LinearModel, ngrams


def train(
    texts: Sequence[str],
    labels: Sequence[Iterable[str]],
    label_ids: Sequence[str],
    *,
    sizes: tuple[int, int] = DEFAULT_NGRAMS,
    l2: float = 1.0,
    min_df: int = 2,
    iterations: int = 60,
    prune: float = 1e-4,
    loss: str = "ridge",
    rounds: int = 8,
) -> LinearModel:
    """One scorer per label over the texts' n-grams (multi-label: an item may carry several).

    `loss` is "ridge" (squared error to the +1/-1 targets) or "squared_hinge" (a linear SVM's
    L2 loss, as liblinear's default: only texts inside the margin pull on the weights; solved
    by `rounds` of active-set Newton steps, each a ridge solve over the texts still inside).
    `l2` is the penalty; n-grams seen in fewer than `min_df` texts are dropped, and so are
    n-grams whose every weight is below `prune` (they would change no score that matters).
    """
    import numpy as np

    label_ids = tuple(label_ids)
    order = sorted(range(len(texts)), key=lambda i: (texts[i], sorted(labels[i])))
    docs = [_counts(normalize(texts[i]), sizes) for i in order]
    targets = [set(labels[i]) for i in order]

    df: dict[str, int] = {}
    for doc in docs:
        for gram in doc:
            df[gram] = df.get(gram, 0) + 1
    vocab = sorted(g for g, n in df.items() if n >= min_df)
    index = {g: j for j, g in enumerate(vocab)}
    n_docs = len(docs)
    idf = np.array([math.log((1 + n_docs) / (1 + df[g])) + 1.0 for g in vocab])

    indptr = [0]
    indices: list[int] = []
    values: list[float] = []
    for doc in docs:
        row = sorted((index[g], 1.0 + math.log(c)) for g, c in doc.items() if g in index)
        indices.extend(j for j, _ in row)
        values.extend(v for _, v in row)
        indptr.append(len(indices))
    ind = np.asarray(indices, dtype=np.int64)
    val = np.asarray(values, dtype=np.float64) * idf[ind] if len(ind) else np.zeros(0)
    rows = np.repeat(np.arange(n_docs), np.diff(indptr))
    norms = np.sqrt(np.bincount(rows, weights=val * val, minlength=n_docs))
    val = val / np.where(norms > 0, norms, 1.0)[rows]
    # A constant feature for the bias, penalised like the rest (keeps the solve one system).
    n_feat = len(vocab) + 1
    ind = np.concatenate([ind, np.full(n_docs, n_feat - 1)])
    val = np.concatenate([val, np.ones(n_docs)])
    rows = np.concatenate([rows, np.arange(n_docs)])
    by_row = np.argsort(rows, kind="stable")
    ind, val, rows = ind[by_row], val[by_row], rows[by_row]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])  # every text has its bias entry

    y = np.array([[1.0 if lab in t else -1.0 for lab in label_ids] for t in targets])
    if y.size == 0:
        y = np.zeros((n_docs, len(label_ids)))

    xv, xtu = _products(np, ind, val, rows, starts, n_docs, n_feat)

    w = np.zeros((n_feat, len(label_ids)))
    if loss == "ridge":
        w = _solve(xv, xtu, y, np.ones_like(y), l2, w, iterations)
    elif loss == "squared_hinge":
        active = np.ones_like(y)
        for _ in range(rounds):
            w = _solve(xv, xtu, y, active, l2, w, iterations)
            inside = ((y * xv(w)) < 1.0).astype(np.float64)
            if np.array_equal(inside, active):
                break
            active = inside
    else:
        raise ValueError(f"unknown loss {loss!r}")

    keep = np.abs(w[:-1]).max(axis=1) >= prune if len(label_ids) else np.zeros(len(vocab), bool)
    weights = {
        vocab[j]: tuple(float(x) for x in w[j]) for j in np.flatnonzero(keep)
    }
    return LinearModel(
        labels=label_ids,
        sizes=sizes,
        idf={vocab[j]: float(idf[j]) for j in np.flatnonzero(keep)},
        weights=weights,
        bias=tuple(float(x) for x in w[-1]),
    )


def _products(np, ind, val, rows, starts, n_docs: int, n_feat: int):  # noqa: ANN001 - numpy
    """X @ W and X.T @ U for the texts' sparse rows (entries sorted by row): with SciPy's sparse
    matrices when it is installed (several times faster on a large corpus), else in numpy."""
    try:
        from scipy.sparse import csr_matrix
    except ImportError:
        csr_matrix = None
    if csr_matrix is not None:
        indptr = np.searchsorted(rows, np.arange(n_docs + 1))  # rows are sorted
        x = csr_matrix((val, ind, indptr), shape=(n_docs, n_feat))
        xt = x.T.tocsr()
        return (lambda w: np.asarray(x @ w)), (lambda u: np.asarray(xt @ u))

    def xv(w):  # X @ W: (docs x labels)
        return np.add.reduceat(val[:, None] * w[ind], starts, axis=0)

    def xtu(u):  # X.T @ U: (features x labels)
        return np.stack(
            [np.bincount(ind, weights=val * u[rows, k], minlength=n_feat) for k in range(u.shape[1])],
            axis=1,
        ) if u.shape[1] else np.zeros((n_feat, 0))

    return xv, xtu


def _solve(xv, xtu, y, mask, l2: float, w, iterations: int):
    """(X' M X + l2 I) W = X' M Y by conjugate gradients, one independent system per label run
    side by side; M masks, per label, the texts that count (all of them for ridge)."""
    import numpy as np

    def a(v: np.ndarray) -> np.ndarray:
        return xtu(mask * xv(v)) + l2 * v

    r = xtu(mask * y) - a(w)
    p = r.copy()
    rs = (r * r).sum(axis=0)
    for _ in range(iterations):
        if not np.any(rs > 1e-12):
            break
        ap = a(p)
        denom = (p * ap).sum(axis=0)
        alpha = np.divide(rs, denom, out=np.zeros_like(rs), where=denom > 0)
        w = w + p * alpha
        r = r - ap * alpha
        rs_new = (r * r).sum(axis=0)
        beta = np.divide(rs_new, rs, out=np.zeros_like(rs), where=rs > 0)
        p = r + p * beta
        rs = rs_new
    return w


def _counts(norm: str, sizes: tuple[int, int]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for gram, _ in ngrams(norm, sizes):
        counts[gram] = counts.get(gram, 0) + 1
    return counts


def folds(n: int, k: int = 5) -> list[list[int]]:
    """Deterministic k-fold split of range(n): item i goes to fold i % k."""
    k = max(2, min(k, n)) if n >= 2 else 1
    return [[i for i in range(n) if i % k == f] for f in range(k)]


def cross_val_scores(
    texts: Sequence[str],
    labels: Sequence[Iterable[str]],
    label_ids: Sequence[str],
    *,
    k: int = 5,
    **options: object,
) -> list[dict[str, float]]:
    """Out-of-fold scores for every item: what the model would say of text it never saw.

    For choosing thresholds and calibrating confidence on the training content itself, never
    on a measuring set.
    """
    labels = [tuple(x) for x in labels]
    out: list[dict[str, float]] = [{} for _ in texts]
    for held in folds(len(texts), k):
        held_set = set(held)
        keep = [i for i in range(len(texts)) if i not in held_set]
        model = train([texts[i] for i in keep], [labels[i] for i in keep], label_ids,
                      **options)  # type: ignore[arg-type]
        for i in held:
            out[i] = model.scores(texts[i])
    return out
