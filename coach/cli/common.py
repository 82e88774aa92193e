"""Options shared by the app and the subcommands."""

from __future__ import annotations

import argparse
import os
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
