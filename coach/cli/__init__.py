"""The command line: parses arguments and hands over to the core or the app.

Each subcommand lives in its own module with `register(subparsers)`; modules keep heavy imports
inside their handlers so that `coach classify` starts fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from coach import __version__
from coach.cli import (
    analyze,
    author,
    calc,
    classify,
    compact,
    new,
    practice,
    report,
    schema,
    selftest,
    trials,
    validate,
    watch,
)
from coach.cli.common import add_common_options

SUBCOMMANDS = (
    classify, analyze, validate, selftest, practice, calc, report, trials, watch, new, schema,
    compact, author,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coach",
        description="券商柜台客户挽留话术教练 / retention-script coach for counter staff",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    add_common_options(parser)
    parser.set_defaults(func=_run_app)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in SUBCOMMANDS:
        module.register(subparsers)
    return parser


def _run_app(args: argparse.Namespace) -> int:
    from coach.cli.app import run_counter

    return run_counter(args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # A downstream pipe closed (e.g. `coach classify | head`): not an error of ours.
        sys.stderr.close()
        return 0
