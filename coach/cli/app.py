"""`coach` (no subcommand): the counter app; and the app frame that `coach practice` opens.

Textual is imported inside the handlers: `coach classify` and friends never pay for it.
"""

from __future__ import annotations

import argparse
import sys

from coach.cli.common import playbooks_dir, transcripts_dir


def _check_playbooks(args: argparse.Namespace) -> bool:
    folder = playbooks_dir(args)
    if folder.is_dir():
        return True
    print(f"coach: 找不到话术目录 / playbooks folder not found: {folder}", file=sys.stderr)
    return False


def run_counter(args: argparse.Namespace) -> int:
    """Open counter mode on the playbooks of --playbooks (default: the bundled ones)."""
    if not _check_playbooks(args):
        return 2
    from coach.tui.app import make_app

    app = make_app(
        playbooks_dir(args),
        mode="counter",
        lang=getattr(args, "lang", "zh"),
        staff=getattr(args, "staff", ""),
        transcripts=transcripts_dir(args),
    )
    app.run()
    return int(app.return_code or 0)


def run_practice_app(args: argparse.Namespace) -> int:
    """Open practice mode; `args` may carry persona, difficulty and seed."""
    if not _check_playbooks(args):
        return 2
    from coach.tui.app import make_app

    app = make_app(
        playbooks_dir(args),
        mode="practice",
        persona=getattr(args, "persona", None),
        difficulty=getattr(args, "difficulty", None),
        lang=getattr(args, "lang", "zh"),
        staff=getattr(args, "staff", ""),
        transcripts=transcripts_dir(args),
        seed=getattr(args, "seed", None),
    )
    app.run()
    return int(app.return_code or 0)
