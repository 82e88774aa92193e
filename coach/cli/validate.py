"""`coach validate [DIR]`: every problem in a playbooks folder, one per line, with a hint.

Problems go to stdout (they are the command's output: a trainer may pipe them to a file or an
editor); the one-line summary goes to stderr. Exit 1 on any error, 0 with warnings only, 2 when
the folder does not exist.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli.common import add_common_options, playbooks_dir


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="检查话术文件 / check the playbooks",
        description="检查话术目录中的每个 YAML 文件，逐条列出问题（文件:行:列）。"
        " / Check every YAML file of a playbooks folder and list each problem (file:line:col).",
    )
    parser.add_argument(
        "dir",
        nargs="?",
        type=Path,
        default=None,
        metavar="DIR",
        help="话术目录 / playbooks folder (default: --playbooks or the bundled playbooks)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="输出格式 / output format (default: text)",
    )
    add_common_options(parser, sub=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from coach.core.content.problems import count, format_text, summary, to_json
    from coach.core.practice.validation import check_folder

    root: Path = args.dir or playbooks_dir(args)
    lang = getattr(args, "lang", "zh")
    if not root.is_dir():
        reason = "找不到话术目录" if lang != "en" else "no such playbooks folder"
        print(f"coach validate: {reason}: {root}", file=sys.stderr)
        return 2
    report = check_folder(root)
    if args.format == "json":
        print(to_json(report.problems))
    elif report.problems:
        if lang == "en":
            print(format_text(report.problems))
        else:
            from coach.cli.validate_zh import format_text_zh

            print(format_text_zh(report.problems))
    print(summary(report.problems, len(report.files), lang), file=sys.stderr)
    errors, _ = count(report.problems)
    return 1 if errors else 0
