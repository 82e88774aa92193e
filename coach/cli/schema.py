"""`coach schema [--to DIR] [--link] [--check]`: JSON Schemas for every kind of playbook file,
derived from the loader, so that an editor with a YAML language server completes keys and flags
errors as a trainer types. `--link` gives each content file its `# yaml-language-server` line.

After a loader change (a new key, a new kind of file) one command brings everything up to date:
`coach schema --link`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli.common import add_common_options, playbooks_dir


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="生成话术文件的 JSON Schema（供编辑器补全和检查）/ write JSON Schemas for editors",
        description="从加载器推导每类话术文件的 JSON Schema，写到 DIR（默认 话术目录/schema）。",
    )
    parser.add_argument("dir", nargs="?", type=Path, default=None, metavar="PLAYBOOKS",
                        help="话术目录 / playbooks folder (default: --playbooks or the bundled one)")
    parser.add_argument("--to", type=Path, default=None, metavar="DIR",
                        help="写到哪个目录 / where to write (default: PLAYBOOKS/schema)")
    parser.add_argument("--link", action="store_true",
                        help="给每个话术文件加上 yaml-language-server 首行 / add the schema line to each file")
    parser.add_argument("--check", action="store_true",
                        help="只检查是否过期，不写文件；过期时退出码 1 / exit 1 when out of date")
    add_common_options(parser, sub=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from coach.core.workbench.schema import SCHEMA_FOLDER, derive
    from coach.core.workbench.schema_files import link, missing_headers, stale, write

    en = getattr(args, "lang", "zh") == "en"
    root: Path = args.dir or playbooks_dir(args)
    if not root.is_dir():
        print(f"coach schema: {'no such playbooks folder' if en else '找不到话术目录'}: {root}",
              file=sys.stderr)
        return 2
    folder = args.to or root / SCHEMA_FOLDER
    derived = derive(root)
    for place in derived.untyped:
        note = "typed by the values found (the loader reads it by hand)" if en else "按现有内容推断类型（加载器未经 Fields 读取）"
        print(f"coach schema: note: {place}: {note}", file=sys.stderr)
    if args.check:
        out_of_date = stale(derived, folder) + [str(p) for p, _ in (missing_headers(root) if args.link else [])]
        for path in out_of_date:
            print(f"{path}: {'out of date: run coach schema --link' if en else '已过期：请运行 coach schema --link'}")
        return 1 if out_of_date else 0
    for path in write(derived, folder):
        print(path)
    if args.link:
        for path in link(root):
            print(path)
    return 0
