"""`coach test`: prove a playbook change. Accuracy on the taxonomy's examples (or a labelled
file), a confusion table, and the sample transcripts replayed. Non-zero exit on failure."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli.common import add_common_options

DEFAULT_MIN_TOP1 = 0.85


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "test",
        help="测试分类准确率并回放样例记录 / measure accuracy and replay sample transcripts",
        description="在话术库的例句（或 --data 指定的标注文件）上测量分类准确率，并回放样例会话记录。",
    )
    parser.add_argument("dir", nargs="?", type=Path, default=None, metavar="DIR",
                        help="话术目录 / playbooks folder")
    parser.add_argument("--data", type=Path, default=None,
                        help="标注文件（dev.yaml 格式）/ labelled statements file")
    parser.add_argument("--replies-data", type=Path, default=None, metavar="FILE",
                        help="标注的学员回答（replies.yaml 格式）/ labelled trainee replies to measure")
    parser.add_argument("--no-replies", action="store_true",
                        help="不做学员回答的交叉验证 / skip the reply cross-validation")
    parser.add_argument("--samples", type=Path, default=None,
                        help="样例记录目录 / sample transcripts (default: transcripts/samples)")
    parser.add_argument("--min-top1", type=float, default=DEFAULT_MIN_TOP1,
                        help=f"低于此 top-1 准确率即失败 (default {DEFAULT_MIN_TOP1})")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.add_argument("--misses", action="store_true", help="列出判错的句子")
    add_common_options(parser, sub=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json

    from coach.core.paths import default_playbooks, default_transcripts
    from coach.core.understand.classifier import Classifier
    from coach.core.understand.evaluation import evaluate, examples_of, load_labelled

    root = args.dir or args.playbooks or default_playbooks()
    lang = getattr(args, "lang", "zh")
    if args.replies_data:
        return _run_replies(args, Path(root), lang)
    try:
        classifier = Classifier.load(root)
    except (OSError, ValueError) as exc:
        print(f"coach test: {exc}", file=sys.stderr)
        return 2
    if args.data:
        try:
            items = load_labelled(args.data)
        except (OSError, ValueError) as exc:
            print(f"coach test: {exc}", file=sys.stderr)
            return 2
        except Exception as exc:  # noqa: BLE001 - a YAML error in a user's file: report, no traceback
            print(f"coach test: {args.data}: {exc}", file=sys.stderr)
            return 2
        source = str(args.data)
    else:
        items = examples_of(classifier.causes)
        source = str(Path(root) / "causes.yaml")
    report = evaluate(classifier, items)

    samples_dir = args.samples or (getattr(args, "transcripts", None) or default_transcripts()) / "samples"
    replay = _replay(root, samples_dir) if not args.data else None

    replies = None
    if not args.data and not args.no_replies and (Path(root) / "replies.yaml").is_file():
        replies = _reply_cv(Path(root))

    failed = report.top1_accuracy < args.min_top1 or bool(replay and replay["failures"])
    if args.json:
        out = {"source": source, **report.to_json()}
        if replay is not None:
            out["replay"] = replay
        if replies is not None:
            out["replies"] = replies
        out["passed"] = not failed
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 1 if failed else 0
    _print_report(report, source, replay, lang, show_misses=args.misses, classifier=classifier)
    if replies is not None:
        print_reply_figures(replies, lang)
    if failed:
        print(
            ("FAILED" if lang == "en" else "未通过")
            + f" (top-1 {report.top1_accuracy:.1%} < {args.min_top1:.0%})"
            if report.top1_accuracy < args.min_top1
            else ("FAILED: transcript replay" if lang == "en" else "未通过：样例记录回放有差异"),
            file=sys.stderr,
        )
        return 1
    return 0


def _reply_cv(root: Path) -> dict[str, object]:
    """The reply analysis cross-validated on the corpus (kept in the compiled cache: it trains
    five models)."""
    from coach.core.content.library import load_library
    from coach.core.content.replies import read_replies
    from coach.core.practice import analysis
    from coach.core.practice.reply_eval import cross_validate
    from coach.core.understand.cache import cached, file_key
    from coach.core.understand.replies import model_files

    def build() -> dict[str, object]:
        library = load_library(root).library
        return cross_validate(library, read_replies(root / "replies.yaml")).to_json()

    files = [Path(__file__), Path(analysis.__file__), *model_files(root), root / "firm.yaml"]
    return cached("reply-cv", file_key(files), build, dict, dict)  # type: ignore[arg-type]


def _run_replies(args: argparse.Namespace, root: Path, lang: str) -> int:
    import json

    from coach.core.content.library import load_library
    from coach.core.practice.analysis import Analyzer
    from coach.core.practice.reply_eval import evaluate_replies, load_reply_data

    try:
        items = load_reply_data(args.replies_data)
    except (OSError, ValueError) as exc:
        print(f"coach test: {exc}", file=sys.stderr)
        return 2
    analyzer = Analyzer(load_library(root).library)
    report = evaluate_replies(analyzer.analyse, items, str(args.replies_data))
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0
    print_reply_figures(report.to_json(), lang)
    if args.misses:
        for miss in report.misses:
            print(f"  ✗ {miss.text}  {list(miss.expected)} → {list(miss.got)}")
    return 0


def print_reply_figures(figures: dict, lang: str) -> None:
    """The reply figures: violations flagged, false alarms, micro F1, then per label."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    en = lang == "en"
    console = Console(highlight=False)
    console.print(Text(("Replies: " if en else "学员回答：") + str(figures["source"]), style="bold"))
    t, v = figures["techniques"], figures["violations"]
    console.print(Text(
        f"{'replies' if en else '条数'} {figures['replies']}   "
        f"{'violating flagged' if en else '违规被识别'} {figures['violating_flagged']:.1%} "
        f"({figures['violating']})   "
        f"{'clean falsely flagged' if en else '无违规被误判'} {figures['clean_falsely_flagged']:.1%} "
        f"({figures['clean']})\n"
        f"{'violations' if en else '违规'} P {v['precision']:.3f} R {v['recall']:.3f} "
        f"F1 {v['f1']:.3f}   "
        f"{'techniques' if en else '方法'} P {t['precision']:.3f} R {t['recall']:.3f} F1 {t['f1']:.3f}"
    ))
    table = Table(box=None)
    for col in ("label", "P", "R", "F1", "n"):
        table.add_column(col, justify="left" if col == "label" else "right")
    for label, c in figures["labels"].items():
        table.add_row(Text(label), f"{c['precision']:.2f}", f"{c['recall']:.2f}", f"{c['f1']:.2f}",
                      str(c["tp"] + c["fn"]))
    console.print(table)


def _replay(root: Path, samples: Path) -> dict[str, object] | None:
    try:
        from coach.core.records.replay import replay_samples
    except ImportError:
        return None
    return replay_samples(root, samples)


def _print_report(report, source, replay, lang, *, show_misses, classifier) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    en = lang == "en"
    console = Console(highlight=False)
    console.print(Text(("Source: " if en else "数据：") + source))
    console.print(
        Text(
            f"{'statements' if en else '句数'} {report.total}   "
            f"top-1 {report.top1_accuracy:.1%}   top-3 {report.top3_accuracy:.1%}   "
            f"{'all causes found' if en else '多原因全部命中'} "
            f"{(report.all_causes / report.total if report.total else 0):.1%}",
            style="bold",
        )
    )
    tags = Table(title="by tag" if en else "按标签", box=None)
    tags.add_column("tag" if en else "标签")
    tags.add_column("n", justify="right")
    tags.add_column("top-1", justify="right")
    for tag, score in sorted(report.tags.items()):
        tags.add_row(Text(tag), str(score.total), f"{score.accuracy:.1%}")
    console.print(tags)

    ids = list(classifier.causes)
    confusion = Table(title="confusion (rows: expected, columns: got)" if en else "混淆表（行：标注，列：判定）", box=None)
    confusion.add_column("")
    short = {cid: cid[:6] for cid in ids}
    for cid in ids:
        confusion.add_column(short[cid], justify="right")
    for expected in ids:
        row = [str(report.confusion.get((expected, got), "") or ".") for got in ids]
        if any(cell != "." for cell in row):
            confusion.add_row(Text(expected), *row)
    console.print(confusion)
    if show_misses:
        for miss in report.misses:
            console.print(Text(f"  ✗ {miss.text}  {list(miss.expected)} → {list(miss.got)}"))
    if replay is not None:
        line = (
            f"{'transcripts replayed' if en else '回放样例记录'} {replay['sessions']}, "
            f"{'statements' if en else '语句'} {replay['statements']}, "
            f"{'differences' if en else '差异'} {len(replay['failures'])}"
        )
        console.print(Text(line, style="bold"))
        for failure in replay["failures"]:
            console.print(Text(f"  ✗ {failure}", style="red"))
