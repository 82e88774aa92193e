"""The yardstick: a plain linear SVM over character 1-3-grams, trained on the same labelled data
as coach (the causes' examples and playbooks/phrasings.yaml), scored on a labelled file.

scikit-learn is a test/bench extra only (`pip install -e '.[test]'`); coach itself never
imports it. Run alone: `python benchmarks/baseline.py --data ../shared/eval/dev.yaml`.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path


def training_data(playbooks: Path) -> tuple[list[str], list[str]]:
    from coach.core.content.causes_file import load_causes
    from coach.core.content.labelled import PHRASINGS_FILE, read_phrasings
    from coach.core.understand.compiled import training_items

    causes, _ = load_causes(playbooks / "causes.yaml")
    items = training_items(causes, read_phrasings(playbooks / PHRASINGS_FILE))
    return [i.text for i in items], [i.causes[0] for i in items]


def score(data: Path, playbooks: Path) -> dict[str, object]:
    """top-1, top-3 and top-1 by tag of the baseline on a labelled file."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    from coach.core.understand.evaluation import load_labelled

    texts, labels = training_data(playbooks)
    model = make_pipeline(
        TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True),
        LinearSVC(C=1.0),
    )
    model.fit(texts, labels)
    items = load_labelled(data)
    decision = model.decision_function([i.text for i in items])
    classes = list(model.classes_)
    top1 = top3 = 0
    tags: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item, row in zip(items, decision, strict=True):
        ranked = [classes[k] for k in sorted(range(len(classes)), key=lambda k: -row[k])]
        hit = ranked[0] == item.causes[0]
        top1 += hit
        top3 += item.causes[0] in ranked[:3]
        for tag in (*item.tags, *(("other",) if item.causes[0] == "other" else ())):
            tags[tag][0] += 1
            tags[tag][1] += hit
    n = len(items)
    return {
        "total": n,
        "top1": top1 / n if n else 0.0,
        "top3": top3 / n if n else 0.0,
        "tags": {t: {"total": k, "top1": h / k} for t, (k, h) in sorted(tags.items())},
    }


def main() -> None:
    from coach.core.paths import default_playbooks

    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--playbooks", type=Path, default=None)
    args = parser.parse_args()
    result = score(args.data, args.playbooks or default_playbooks())
    print(f"baseline LinearSVC: top-1 {result['top1']:.1%}  top-3 {result['top3']:.1%}  (n={result['total']})")
    for tag, s in result["tags"].items():
        print(f"  {tag:12} {s['total']:4}  {s['top1']:.1%}")


if __name__ == "__main__":
    main()
