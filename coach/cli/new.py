"""`coach new case CAUSE | persona ID | technique ID [--to DIR]`: a commented skeleton that
validates as written. Never overwrites; prints the path written and what to do next."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli.common import add_common_options, playbooks_dir


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="生成可直接通过检查的话术/角色/手法骨架 / write a skeleton that validates",
        description="生成带注释的骨架文件：case 写到 DIR/cases/CAUSE.yaml，persona 写到"
        " DIR/personas/ID.yaml，technique 追加到 DIR/techniques.yaml。已有文件不会被覆盖。",
    )
    parser.add_argument("kind", choices=("case", "persona", "technique"))
    parser.add_argument("ident", metavar="CAUSE|ID")
    parser.add_argument("--to", type=Path, default=None, metavar="DIR",
                        help="话术目录 / playbooks folder (default: --playbooks or the bundled one)")
    parser.add_argument("--cause", default=None,
                        help="persona 的原因（默认取编号开头的原因）/ the persona's cause")
    add_common_options(parser, sub=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from coach.core.workbench.skeletons import SkeletonError, new_case, new_persona, new_technique

    lang = getattr(args, "lang", "zh")
    root: Path = args.to or playbooks_dir(args)
    try:
        if args.kind == "case":
            written = new_case(root, args.ident)
        elif args.kind == "persona":
            written = new_persona(root, args.ident, args.cause)
        else:
            written = new_technique(root, args.ident)
    except SkeletonError as error:
        print(f"coach new: {error.message(lang)}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"coach new: {error.filename or root}: {error.strerror or error}", file=sys.stderr)
        return 2
    print(written.path)
    hint = (f"next: edit it, then `coach validate {root}` and `coach test {root}`"
            if lang == "en" else f"下一步：编辑它，然后运行 coach validate {root} 和 coach test {root}")
    print(hint, file=sys.stderr)
    return 0
