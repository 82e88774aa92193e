"""`coach test [DIR]`: the trainer's proof that a change is safe. Non-zero exit on any failure.

Classifier accuracy on the examples and cross-validated (precision and recall per cause,
confusion, misses and near misses, the difference from the previous run), the reply model
when there is one, seeded random walks through every playbook with coverage, every persona
with a model and a poor script, and the sample transcripts replayed. `--json` prints one
document; `--walk SEED` replays one walk in every playbook; `--data FILE` measures the
classifier on a labelled file only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli.common import add_common_options
from coach.cli.selftest_output import (
    print_calibration,
    print_reply_figures,
    print_suite,
    print_walk,
)

DEFAULT_MIN_TOP1 = 0.85


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "test",
        help="证明话术改动安全：分类、走查、角色扮演、回放 / prove a playbook change is safe",
        description="在话术库上测量分类（含交叉验证）、随机走遍每份话术、用示范和糟糕回复演练每个客户、"
        "回放样例会话记录。任何一项失败即以非零退出。",
    )
    parser.add_argument("dir", nargs="?", type=Path, default=None, metavar="DIR",
                        help="话术目录 / playbooks folder")
    parser.add_argument("--data", type=Path, default=None,
                        help="只在这个标注文件（dev.yaml 格式）上测分类 / labelled statements file only")
    parser.add_argument("--replies-data", type=Path, default=None, metavar="FILE",
                        help="标注的学员回答（replies.yaml 格式）/ labelled trainee replies to measure")
    parser.add_argument("--no-replies", action="store_true",
                        help="不做学员回答的交叉验证 / skip the reply cross-validation")
    parser.add_argument("--samples", type=Path, default=None,
                        help="样例记录目录 / sample transcripts (default: transcripts/samples)")
    parser.add_argument("--min-top1", type=float, default=DEFAULT_MIN_TOP1,
                        help=f"低于此 top-1 准确率即失败 (default {DEFAULT_MIN_TOP1})")
    parser.add_argument("--min-crossval", type=float, default=None,
                        help="低于此交叉验证准确率即失败 (default 0.8)")
    parser.add_argument("--walk", type=int, default=None, metavar="SEED",
                        help="用这个种子重走每份话术 / replay the walk with this seed in every playbook")
    parser.add_argument("--seed", type=int, default=0, help="随机走查的种子 / walk seed base")
    parser.add_argument("--walks", type=int, default=200, help="每份话术最多走几遍 / walks per playbook")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.add_argument("--misses", action="store_true", help="列出全部判错的句子 / every miss")
    parser.add_argument("--no-save", action="store_true",
                        help="不记录本次结果（下次不比较）/ do not keep this run for comparison")
    add_common_options(parser, sub=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json

    from coach.core.content.library import load_library
    from coach.core.paths import default_playbooks, default_transcripts
    from coach.core.understand.evaluation import load_labelled
    from coach.core.workbench.suite import DEFAULT_MIN_CROSSVAL, run_suite, save

    root = Path(args.dir or args.playbooks or default_playbooks())
    lang = getattr(args, "lang", "zh")
    if args.replies_data:
        return _run_replies(args, root, lang)
    if not root.is_dir():
        print(f"coach test: {'no such playbooks folder' if lang == 'en' else '找不到话术目录'}: {root}",
              file=sys.stderr)
        return 2
    loaded = load_library(root)
    if not loaded.library.causes:
        errors = [str(p) for p in loaded.problems if p.is_error][:5]
        print("coach test: " + ("\n".join(errors) or f"no causes in {root}"), file=sys.stderr)
        return 2
    data = None
    if args.data:
        try:
            data = load_labelled(args.data)
        except (OSError, ValueError) as exc:
            print(f"coach test: {_reason(exc, args.data, lang)}", file=sys.stderr)
            return 2
        except Exception as exc:  # noqa: BLE001 - a YAML error in a user's file: report, no traceback
            print(f"coach test: {args.data}: {exc}", file=sys.stderr)
            return 2
    samples = args.samples or (getattr(args, "transcripts", None) or default_transcripts()) / "samples"
    suite = run_suite(
        loaded.library, data=data, source=str(args.data) if args.data else "",
        samples=samples, min_top1=args.min_top1,
        min_crossval=DEFAULT_MIN_CROSSVAL if args.min_crossval is None else args.min_crossval,
        seed=args.seed, walks=max(1, args.walks), only_walk=args.walk,
    )
    if data is None and args.walk is None and not args.no_replies and (root / "replies.yaml").is_file():
        suite.replies = _reply_cv(root)
    calibration = _calibration(root, data, args) if args.walk is None else []
    if args.json:
        out = suite.to_json()
        out["calibration"] = [c.to_json() for c in calibration]
        print(json.dumps(out, ensure_ascii=False, indent=2))
    elif args.walk is not None:
        print_walk(suite, args.walk, lang)
    else:
        print_suite(suite, loaded.library.causes, lang, show_all=args.misses, problems=[p for p in loaded.problems if p.is_error])
        for table in calibration:
            print_calibration(table, lang)
    if data is None and args.walk is None and not args.no_save:
        save(suite, root)
    return 0 if suite.passed else 1


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


def _calibration(root: Path, data, args: argparse.Namespace) -> list:
    """The reliability tables: by cross-validation on the labelled statements, and on --data."""
    from coach.core.understand.classifier import Classifier
    from coach.core.understand.evaluation import measured_calibration

    classifier = Classifier.load(root)
    tables = [_cv_calibration(classifier, root)]
    if data is not None:
        tables.append(measured_calibration(classifier, data, str(args.data)))
    return tables


def _reply_cv(root: Path) -> dict[str, object]:
    """The reply analysis cross-validated on the corpus (kept in the compiled cache: it trains
    five models)."""
    from coach.core.content.library import load_library
    from coach.core.content.replies import read_replies
    from coach.core.practice import analysis, model_lines, questions
    from coach.core.practice.reply_eval import cross_validate
    from coach.core.understand.cache import cached, file_key
    from coach.core.understand.replies import model_files

    def build() -> dict[str, object]:
        library = load_library(root).library
        return cross_validate(library, read_replies(root / "replies.yaml")).to_json()

    code = [Path(m.__file__) for m in (analysis, model_lines, questions)]
    files = [Path(__file__), *code, *model_files(root), root / "firm.yaml"]
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


