"""`coach author [DIR]`: the author screen, following every save in the playbooks folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli.common import add_common_options, playbooks_dir


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "author",
        help="编写模式：边改话术边看员工界面 / the author screen with live reload",
        description="左边是话术树，右边是员工看到的这一步（示例客户），下面是检查结果；"
        "保存任何 YAML 文件，屏幕立即跟着更新。",
    )
    parser.add_argument("dir", nargs="?", type=Path, default=None, metavar="DIR",
                        help="话术目录 / playbooks folder (default: --playbooks or the bundled one)")
    add_common_options(parser, sub=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.dir or playbooks_dir(args)
    if not root.is_dir():
        print(f"coach author: 找不到话术目录 / playbooks folder not found: {root}", file=sys.stderr)
        return 2
    from coach.tui.app import make_app

    app = make_app(root, mode="author", lang=getattr(args, "lang", "zh"))
    app.run()
    return int(app.return_code or 0)
