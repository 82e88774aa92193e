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


def score_replies(data: Path, playbooks: Path):  # noqa: ANN201 - a ReplyReport
    """The reply yardstick: one LinearSVC per technique and per violation over character
    1-3-grams, trained on exactly what coach's reply model learns from (the corpus, the
    techniques' lines, the case files' `say` lines, the violations' phrases), counted by the
    same ReplyReport as `coach test --replies-data`."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer
    from sklearn.svm import LinearSVC

    from coach.core.content.library import load_library
    from coach.core.content.replies import REPLIES_FILE, read_replies
    from coach.core.practice.reply_eval import ReplyReport, load_reply_data
    from coach.core.understand.replies import examples_from

    library = load_library(playbooks).library
    examples = examples_from(library, read_replies(playbooks / REPLIES_FILE))
    binarizer = MultiLabelBinarizer(classes=sorted({*library.techniques, *library.violations}))
    targets = binarizer.fit_transform([e.labels for e in examples])
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
    model = OneVsRestClassifier(LinearSVC(C=1.0))
    model.fit(vectorizer.fit_transform([e.text for e in examples]), targets)
    items = load_reply_data(data)
    decision = model.decision_function(vectorizer.transform([i.text for i in items]))
    report = ReplyReport(f"{data} (baseline LinearSVC)")
    labels = list(binarizer.classes_)
    for item, row in zip(items, decision, strict=True):
        got = {labels[k] for k, value in enumerate(row) if value > 0}
        report.add(item, got & set(library.techniques), got & set(library.violations))
    return report


def print_replies(report, name: str) -> None:  # noqa: ANN001 - a ReplyReport
    t, v = report.techniques, report.violations
    print(f"{name}: violating flagged {report.flagged_share:.1%} (n={report.violating})  "
          f"clean falsely flagged {report.false_share:.1%} (n={report.clean})  "
          f"violation P/R/F1 {v.precision:.2f}/{v.recall:.2f}/{v.f1:.2f}  "
          f"technique P/R/F1 {t.precision:.2f}/{t.recall:.2f}/{t.f1:.2f}")


def main() -> None:
    from coach.core.paths import default_playbooks

    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=None, help="labelled client statements")
    parser.add_argument("--replies-data", type=Path, default=None, help="labelled trainee replies")
    parser.add_argument("--playbooks", type=Path, default=None)
    args = parser.parse_args()
    playbooks = args.playbooks or default_playbooks()
    if args.data is None and args.replies_data is None:
        parser.error("give --data, --replies-data or both")
    if args.data:
        result = score(args.data, playbooks)
        print(f"baseline LinearSVC: top-1 {result['top1']:.1%}  top-3 {result['top3']:.1%}  (n={result['total']})")
        for tag, s in result["tags"].items():
            print(f"  {tag:12} {s['total']:4}  {s['top1']:.1%}")
    if args.replies_data:
        print_replies(score_replies(args.replies_data, playbooks), "baseline LinearSVC per label")


if __name__ == "__main__":
    main()
