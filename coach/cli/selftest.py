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
    from coach.core.understand.evaluation import (
        evaluate,
        examples_of,
        load_labelled,
        measured_calibration,
    )

    root = args.dir or args.playbooks or default_playbooks()
    lang = getattr(args, "lang", "zh")
    try:
        classifier = Classifier.load(root)
    except (OSError, ValueError) as exc:
        print(f"coach test: {_reason(exc, root, lang)}", file=sys.stderr)
        return 2
    if args.data:
        try:
            items = load_labelled(args.data)
        except (OSError, ValueError) as exc:
            print(f"coach test: {_reason(exc, args.data, lang)}", file=sys.stderr)
            return 2
        except Exception as exc:  # noqa: BLE001 - a YAML error in a user's file: report, no traceback
            print(f"coach test: {args.data}: {exc}", file=sys.stderr)
            return 2
        source = str(args.data)
    else:
        items = examples_of(classifier.causes)
        source = str(Path(root) / "causes.yaml")
    report = evaluate(classifier, items)
    calibration = [_cv_calibration(classifier, root)]
    if args.data:
        calibration.append(measured_calibration(classifier, items, str(args.data)))

    samples_dir = args.samples or (getattr(args, "transcripts", None) or default_transcripts()) / "samples"
    replay = _replay(root, samples_dir) if not args.data else None

    failed = report.top1_accuracy < args.min_top1 or bool(replay and replay["failures"])
    if args.json:
        out = {"source": source, **report.to_json()}
        out["calibration"] = [c.to_json() for c in calibration]
        if replay is not None:
            out["replay"] = replay
        out["passed"] = not failed
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 1 if failed else 0
    _print_report(report, source, replay, lang, show_misses=args.misses, classifier=classifier)
    for table in calibration:
        _print_calibration(table, lang)
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


def _reason(exc: Exception, path: Path | str, lang: str) -> str:
    """An error as a sentence naming the file: never "[Errno 2] ..." or a bare codec error."""
    from coach.core.text import terminal_safe

    en = lang == "en"
    if isinstance(exc, UnicodeDecodeError):
        why = (f"not UTF-8 text (byte {exc.start})" if en else f"不是 UTF-8 文本（第 {exc.start} 字节）")
        return terminal_safe(f"{path}: {why}", keep_newlines=False)
    if isinstance(exc, OSError):
        where = exc.filename or path
        if isinstance(exc, FileNotFoundError):
            why = "no such file" if en else "找不到文件"
        elif isinstance(exc, PermissionError):
            why = "permission denied" if en else "没有读取权限"
        elif isinstance(exc, IsADirectoryError):
            why = "is a folder, not a file" if en else "这是目录，不是文件"
        else:
            why = exc.strerror or str(exc)
        return terminal_safe(f"{where}: {why}", keep_newlines=False)
    text = str(exc)
    return terminal_safe(text if str(path) in text else f"{path}: {text}", keep_newlines=False)


def _cv_calibration(classifier, root: Path):
    from coach.core.content.labelled import PHRASINGS_FILE, read_phrasings
    from coach.core.understand.evaluation import cross_validated_calibration

    return cross_validated_calibration(classifier, read_phrasings(Path(root) / PHRASINGS_FILE))


def _print_calibration(report, lang: str) -> None:
    """The reliability table: of the statements shown with a confidence in a bucket, how many
    were right; and the expected calibration error (0 is perfect)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    en = lang == "en"
    source = report.source
    if source == "cross-validation" and not en:
        source = "交叉验证"
    table = Table(
        title=(f"reliability ({source}, {report.total} statements)" if en
               else f"置信度可靠性（{source}，{report.total} 句）"),
        box=None,
    )
    table.add_column("confidence" if en else "置信度区间")
    table.add_column("n", justify="right")
    table.add_column("mean confidence" if en else "平均置信度", justify="right")
    table.add_column("accuracy" if en else "实际准确率", justify="right")
    for b in report.buckets:
        table.add_row(f"{b.low:.1f}–{b.high:.1f}", str(b.count), f"{b.confidence:.1%}",
                      f"{b.accuracy:.1%}")
    console = Console(highlight=False)
    console.print(table)
    console.print(Text(f"ECE {report.ece:.3f}", style="bold"))


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

    from coach.core.text import terminal_safe

    en = lang == "en"
    console = Console(highlight=False)
    console.print(Text(terminal_safe(("Source: " if en else "数据：") + source)))
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
        tags.add_row(Text(terminal_safe(tag, keep_newlines=False)), str(score.total), f"{score.accuracy:.1%}")
    console.print(tags)

    # Columns are numbered (a cause id cut to "indu…" names nothing); the rows and the legend
    # carry the full ids, so the table fits 80 columns whatever the ids are.
    ids = list(classifier.causes)
    confusion = Table(title="confusion (rows: expected, columns: got)" if en else "混淆表（行：标注，列：判定）", box=None)
    confusion.add_column("", no_wrap=True)
    for number in range(1, len(ids) + 1):
        confusion.add_column(str(number), justify="right", no_wrap=True, min_width=len(str(number)))
    for number, expected in enumerate(ids, start=1):
        row = [str(report.confusion.get((expected, got), "") or ".") for got in ids]
        if any(cell != "." for cell in row):
            confusion.add_row(Text(f"{number} {expected}"), *row)
    console.print(confusion)
    names = {cid: cause.name.get(lang) for cid, cause in classifier.causes.items()}
    legend = "  ".join(f"{n}={cid}({names.get(cid, cid)})" for n, cid in enumerate(ids, start=1))
    console.print(Text(("columns: " if en else "列：") + legend))
    if show_misses:
        for miss in report.misses:
            console.print(Text(terminal_safe(
                f"  ✗ {miss.text}  {list(miss.expected)} → {list(miss.got)}", keep_newlines=False)))
    if replay is not None:
        line = (
            f"{'transcripts replayed' if en else '回放样例记录'} {replay['sessions']}, "
            f"{'statements' if en else '语句'} {replay['statements']}, "
            f"{'differences' if en else '差异'} {len(replay['failures'])}"
        )
        console.print(Text(line, style="bold"))
        for failure in replay["failures"]:
            console.print(Text(terminal_safe(f"  ✗ {failure}", keep_newlines=False), style="red"))
