"""`coach report`: outcomes by cause and by the technique that decided them, from the transcripts.

    coach report [--json] [--transcripts DIR] [--mode counter|practice|all]

Damaged transcript files are skipped with a warning on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from coach.cli.common import add_common_options, playbooks_dir, transcripts_dir
from coach.core.text import terminal_safe

if TYPE_CHECKING:
    from coach.core.records.report import Report, Row


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="按原因和话术技巧统计挽留结果 / outcomes by cause and technique",
        description="按原因和决定结果的话术技巧统计挽留结果 / outcomes by cause and deciding technique",
    )
    add_common_options(parser, sub=True)
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    parser.add_argument(
        "--mode",
        choices=("counter", "practice", "all"),
        default="counter",
        help="统计哪类会话 / which sessions to count (default: counter)",
    )
    parser.set_defaults(func=run)


def load_labels(folder: Path, lang: str) -> dict[str, str]:
    """Cause and technique names from the playbooks, for the human-readable table."""
    from coach.core.content.library import load_library

    library = load_library(folder).library
    names = {cid: cause.name.get(lang) for cid, cause in library.causes.items()}
    names |= {tid: t.name.get(lang) for tid, t in library.techniques.items()}
    return names


def run(args: argparse.Namespace) -> int:
    from coach.core.records.report import build_report
    from coach.core.records.transcript import load_sessions

    lang = args.lang
    loaded = load_sessions(transcripts_dir(args), lang=lang)
    for warning in loaded.warnings:
        print(terminal_safe(str(warning), keep_newlines=False), file=sys.stderr)
    modes = () if args.mode == "all" else (args.mode,)
    report = build_report(loaded.sessions, modes=modes)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return 0
    _print_tables(report, load_labels(playbooks_dir(args), lang), lang)
    return 0


def _rate(row: Row) -> str:
    rate = row.retention_rate
    return "-" if rate is None else f"{rate:.0%}"


def _print_tables(report: Report, labels: Mapping[str, str], lang: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    en = lang == "en"
    if report.sessions == 0:
        console.print(Text("No sessions recorded yet." if en else "还没有会话记录。"))
        return
    heads = (
        ("sessions", "retained", "trial", "transfer", "lost", "unfinished", "kept")
        if en
        else ("会话", "挽留", "体验", "司内转移", "流失", "未完成", "挽留率")
    )

    def table(title: str, first: str, rows: tuple[Row, ...], blank: str, unfinished: bool) -> Table:
        t = Table(title=Text(title), title_justify="left")
        t.add_column(Text(first))
        shown = [i for i in range(len(heads)) if unfinished or i != 5]
        for i in shown:
            t.add_column(Text(heads[i]), justify="right")
        for row in rows:
            name = labels.get(row.key, row.key) if row.key else blank
            label = f"{name} ({row.key})" if name != row.key and row.key else name
            cells = (
                row.sessions,
                row.retained,
                row.trial,
                row.transfer_within_firm,
                row.lost,
                row.unfinished,
                _rate(row),
            )
            t.add_row(Text(terminal_safe(label, keep_newlines=False)), *(Text(str(cells[i])) for i in shown))
        return t

    total = report.total
    summary = (
        f"{report.sessions} sessions, {total.results} outcomes, kept {_rate(total)}"
        if en
        else f"共 {report.sessions} 个会话，{total.results} 个结果，挽留率 {_rate(total)}"
    )
    console.print(Text(summary))
    console.print(
        table("By cause" if en else "按原因", "cause" if en else "原因", report.by_cause, "-", True)
    )
    console.print(
        table(
            "By deciding technique" if en else "按决定结果的话术技巧",
            "technique" if en else "技巧",
            report.by_technique,
            "(unknown)" if en else "（未记录）",
            False,
        )
    )
