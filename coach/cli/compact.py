"""`coach compact [--transcripts DIR]`: compact closed days of transcripts into Parquet.

`coach report` does the same on its way; this command lets a nightly job do it ahead. The JSONL
files stay where they are (they are the record); see coach.core.records.compact.
"""

from __future__ import annotations

import argparse
import sys

from coach.cli.common import add_common_options, transcripts_dir


def _safe(text: str) -> str:
    """One line for the terminal: control characters shown, never acted on."""
    from coach.core.text import terminal_safe

    return terminal_safe(text, keep_newlines=False)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "compact",
        help="把已结束的日子压缩成 Parquet / compact closed days into Parquet",
        description="把已结束的日子的会话记录压缩成 Parquet，报表更快 / compact closed days "
                    "of transcripts into Parquet so reports read them fast",
    )
    add_common_options(parser, sub=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from coach.core.records.compact import sources
    from coach.core.records.transcript_read import TranscriptFolderError, check_folder

    folder = transcripts_dir(args)
    en = args.lang == "en"
    try:
        check_folder(folder)
    except TranscriptFolderError as error:
        print(f"coach compact: {_safe(error.message(args.lang))}", file=sys.stderr)
        return 2
    found = sources(folder)
    for problem in found.problems:
        print(_safe(problem), file=sys.stderr)
    done = found.compacted
    print(_safe(
        (f"compacted {len(done)} day(s): {', '.join(done)}" if done else "nothing to compact")
        + f"; {len(found.parquet)} day(s) in Parquet, {len(found.live)} file(s) read as they are"
        if en else
        (f"压缩了 {len(done)} 天：{'、'.join(done)}" if done else "没有需要压缩的日子")
        + f"；{len(found.parquet)} 天已是 Parquet，{len(found.live)} 个文件按原样读取"
    ))
    return 0
