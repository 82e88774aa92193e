"""k-fold cross-validation on the training content only (causes' examples + phrasings): coach's
fused classifier against the plain LinearSVC baseline, each fold trained without its held-out
statements. For choosing fusion and model settings without looking at any measuring set.

Run: `python benchmarks/cv.py [--folds 5] [--weight 16 --l2 1.0 --ngrams 1 3]`.
The keyword lexicon (causes.yaml) is fixed content, not refitted per fold, so coach's figure
here is somewhat optimistic next to the baseline's.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def run(playbooks: Path, folds_k: int, weight: float | None, train_options: dict[str, object],
        floor: float | None = None, reliability: bool = True) -> dict[str, float]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    import coach.core.understand.classifier as clf_module
    import coach.core.understand.compiled as compiled
    from coach.core.content.causes_file import load_causes
    from coach.core.content.labelled import PHRASINGS_FILE, read_phrasings
    from coach.core.text import normalize
    from coach.core.understand.keywords import KeywordIndex
    from coach.core.understand.leaving import without_leaving
    from coach.core.understand.training import folds, train

    causes, _ = load_causes(playbooks / "causes.yaml")
    items = compiled.training_items(causes, read_phrasings(playbooks / PHRASINGS_FILE))
    if weight is not None:
        clf_module.LEARNED_WEIGHT = weight
    if floor is not None:
        clf_module.Classifier.LEARNED_FLOOR = floor
    index = KeywordIndex.compile(causes)
    labels = list(causes)
    hits = {"coach": 0, "learned": 0, "baseline": 0, "keywords": 0, "multi_lead": 0,
            "multi_both": 0}
    multi = sum(len(i.causes) > 1 for i in items)
    for held in folds(len(items), folds_k):
        held_set = set(held)
        train_items = [it for i, it in enumerate(items) if i not in held_set]
        texts = [without_leaving(normalize(i.text)) for i in train_items]
        model = train(texts, compiled.targets(train_items), labels, **train_options)
        fold_index = index
        if reliability:
            fold_index = compiled.reliable_index(clf_module.Classifier, causes, index, train_items)
        clf = clf_module.Classifier(causes, index=fold_index, model=model)
        bare = clf_module.Classifier(causes, index=fold_index, model=None)
        svc = make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True),
                            LinearSVC(C=1.0))
        svc.fit([i.text for i in train_items], [i.causes[0] for i in train_items])
        predicted = svc.predict([items[i].text for i in held])
        for i, guess in zip(held, predicted, strict=True):
            gold = items[i].causes[0]
            result = clf.classify(items[i].text)
            hits["coach"] += result.leading == gold
            if len(items[i].causes) > 1:
                hits["multi_lead"] += result.leading == gold
                found = {c.id for c in result.causes}
                hits["multi_both"] += set(items[i].causes) <= found
            hits["keywords"] += bare.classify(items[i].text).leading == gold
            scores = model.scores(items[i].text)
            hits["learned"] += max(scores, key=scores.__getitem__) == gold
            hits["baseline"] += guess == gold
    n = len(items)
    out = {k: v / n for k, v in hits.items()} | {"n": n, "multi": multi}
    for key in ("multi_lead", "multi_both"):
        out[key] = hits[key] / max(1, multi)
    return out


def main() -> None:
    from coach.core.paths import default_playbooks

    parser = argparse.ArgumentParser()
    parser.add_argument("--playbooks", type=Path, default=None)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--weight", type=float, default=None)
    parser.add_argument("--floor", type=float, default=None)
    parser.add_argument("--l2", type=float, default=None)
    parser.add_argument("--ngrams", type=int, nargs=2, default=None)
    parser.add_argument("--loss", choices=("ridge", "squared_hinge"), default=None,
                        help="default: what compiled.py ships")
    parser.add_argument("--min-df", type=int, default=None)
    parser.add_argument("--prior", type=float, default=None, help="keyword reliability prior")
    parser.add_argument("--no-reliability", action="store_true")
    args = parser.parse_args()
    from coach.core.understand.compiled import LEARNED_OPTIONS

    options: dict[str, object] = dict(LEARNED_OPTIONS)
    if args.l2 is not None:
        options["l2"] = args.l2
    if args.loss:
        options["loss"] = args.loss
    if args.min_df is not None:
        options["min_df"] = args.min_df
    if args.ngrams:
        options["sizes"] = tuple(args.ngrams)
    start = time.perf_counter()
    if args.prior is not None:
        import coach.core.understand.reliability as reliability

        reliability.PRIOR = args.prior
    r = run(args.playbooks or default_playbooks(), args.folds, args.weight, options, args.floor,
            not args.no_reliability)
    print(f"{args.folds}-fold CV top-1 (n={r['n']}): coach {r['coach']:.1%}  learned alone "
          f"{r['learned']:.1%}  keywords alone {r['keywords']:.1%}  baseline LinearSVC "
          f"{r['baseline']:.1%}  two-cause (n={r['multi']}): led right {r['multi_lead']:.1%}, "
          f"both found {r['multi_both']:.1%}  ({time.perf_counter() - start:.0f}s)")


if __name__ == "__main__":
    main()
