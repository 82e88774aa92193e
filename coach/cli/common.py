"""Options shared by the app and the subcommands."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def add_common_options(parser: argparse.ArgumentParser, *, sub: bool = False) -> None:
    """Add --staff/--transcripts/--lang/--playbooks; `sub=True` on a subcommand's parser so
    that `coach --lang en practice` and `coach practice --lang en` both work."""

    def default(value: object) -> object:
        return argparse.SUPPRESS if sub else value

    parser.add_argument(
        "--staff", default=default(os.environ.get("COACH_STAFF", "")), help="员工编号 / staff id"
    )
    parser.add_argument(
        "--transcripts",
        type=Path,
        default=default(None),
        help="会话记录目录 / transcript folder (default: $COACH_TRANSCRIPTS or transcripts/)",
    )
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=default(os.environ.get("COACH_LANG", "zh")),
        help="界面语言 / interface language",
    )
    parser.add_argument(
        "--playbooks",
        type=Path,
        default=default(None),
        help="话术目录 / playbooks folder (default: the bundled playbooks)",
    )


def playbooks_dir(args: argparse.Namespace) -> Path:
    from coach.core.paths import default_playbooks

    return args.playbooks or default_playbooks()


def transcripts_dir(args: argparse.Namespace) -> Path:
    from coach.core.paths import default_transcripts

    return args.transcripts or default_transcripts()


CHUNK = 1 << 16  # bytes read from standard input at a time (at most)


def input_batches(args: argparse.Namespace):
    """Lists of statements: the TEXT arguments, or the complete lines standard input holds
    each time it is read (a list as soon as one line is there: streaming is kept)."""
    if args.text:
        yield list(args.text)
        return
    try:
        fd = sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):
        fd = None
    if fd is None:  # not a real file (embedded use): a line at a time
        for line in sys.stdin:
            yield [line.rstrip("\r\n")]
        return
    import os

    pending = b""
    while True:
        chunk = os.read(fd, CHUNK)
        if not chunk:
            if pending:
                yield [decode_line(pending)]
            return
        pending += chunk
        cut = pending.rfind(b"\n")
        if cut == -1:
            continue
        lines, pending = pending[:cut].split(b"\n"), pending[cut + 1 :]
        yield [decode_line(line) for line in lines]


def decode_line(line: bytes) -> str:
    return line.decode("utf-8", errors="replace").rstrip("\r")
