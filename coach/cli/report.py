"""`coach report`: outcomes by cause and by the technique that decided them, from the transcripts.

    coach report [--json] [--overrides] [--transcripts DIR] [--mode counter|practice|all]

Every skipped transcript file is named on stderr with its reason; a missing or unreadable
folder is an error (exit 2). Text from transcripts is printed with control characters made
visible, so a file cannot drive the terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from coach.cli.common import add_common_options, playbooks_dir, transcripts_dir

if TYPE_CHECKING:
    from coach.core.records.report import Report, Row


EXIT_BAD_INPUT = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="按原因和话术技巧统计挽留结果 / outcomes by cause and technique",
        description="按原因和决定结果的话术技巧统计挽留结果 / outcomes by cause and deciding technique",
    )
    add_common_options(parser, sub=True)
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    parser.add_argument(
        "--overrides",
        action="store_true",
        help="列出员工改选原因的记录 / list where staff overrode the classifier",
    )
    parser.add_argument(
        "--mode",
        choices=("counter", "practice", "all"),
        default="counter",
        help="统计哪类会话 / which sessions to count (default: counter)",
    )
    parser.add_argument("--outreach", action="store_true",
                        help="回访与激活效果 / reactivation of contacted clients (coach watch --record)")
    parser.add_argument("--accounts", type=Path, metavar="FILE",
                        help="配合 --outreach：账户月度数据，用来衡量激活效果 / account export")
    parser.set_defaults(func=run)


def load_labels(folder: Path, lang: str) -> dict[str, str]:
    """Cause and technique names from the playbooks, for the human-readable table."""
    from coach.core.content.library import load_library

    library = load_library(folder).library
    names = {cid: cause.name.get(lang) for cid, cause in library.causes.items()}
    names |= {tid: t.name.get(lang) for tid, t in library.techniques.items()}
    return names


def run(args: argparse.Namespace) -> int:
    if args.outreach:
        from coach.cli.outreach_report import run_outreach

        return run_outreach(args)
    from coach.core.records.report import build_report
    from coach.core.records.transcript import TranscriptFolderError, load_sessions
    from coach.core.text import visible

    lang = args.lang
    try:
        loaded = load_sessions(transcripts_dir(args), lang=lang, strict=True)
    except TranscriptFolderError as error:
        print(f"coach report: {visible(error.message(lang))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for warning in loaded.warnings:
        print(visible(warning), file=sys.stderr)
    modes = () if args.mode == "all" else (args.mode,)
    report = build_report(loaded.sessions, modes=modes)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return 0
    labels = load_labels(playbooks_dir(args), lang)
    _print_tables(report, labels, lang)
    if args.overrides:
        _print_overrides(report, labels, lang)
    return 0


def _print_overrides(report: Report, labels: Mapping[str, str], lang: str) -> None:
    """Statement, the classifier's answer and the staff member's cause, one per line."""
    from coach.core.text import visible

    en = lang == "en"
    if not report.overrides:
        print("No overrides recorded." if en else "没有改选原因的记录。")
        return
    print(f"Overrides: {len(report.overrides)}" if en else f"改选原因：{len(report.overrides)} 条")
    for o in report.overrides:
        said = labels.get(o.classifier, o.classifier) or "-"
        chosen = labels.get(o.chosen, o.chosen) or "-"
        how = {"pick": "F5", "second": "F2"}.get(o.via, o.via)
        line = (
            f"{o.time[:16]}  {o.session}  classifier {said} -> staff {chosen} ({how})  \"{o.text}\""
            if en
            else f"{o.time[:16]}  {o.session}  识别 {said} → 员工选 {chosen}（{how}）  “{o.text}”"
        )
        print(visible(line))


def _rate(row: Row) -> str:
    rate = row.retention_rate
    return "-" if rate is None else f"{rate:.0%}"


def _print_tables(report: Report, labels: Mapping[str, str], lang: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from coach.core.text import visible

    console = Console(highlight=False)
    en = lang == "en"
    if report.sessions == 0:
        console.print(Text("No sessions recorded yet." if en else "还没有会话记录。"))
        return
    heads = (
        ("visits", "retained", "trial", "transfer", "lost", "unfinished", "kept", "second cause")
        if en
        else ("来访", "挽留", "体验", "司内转移", "流失", "未完成", "挽留率", "第二原因")
    )

    def table(title: str, first: str, rows: tuple[Row, ...], blank: str, unfinished: bool) -> Table:
        t = Table(title=Text(title), title_justify="left")
        t.add_column(Text(first))
        shown = [i for i in range(len(heads)) if unfinished or i not in (5, 7)]
        for i in shown:
            t.add_column(Text(heads[i]), justify="right")
        for row in rows:
            name = labels.get(row.key, row.key) if row.key else blank
            label = f"{name} ({row.key})" if name != row.key and row.key else name
            second = ("、" if not en else ", ").join(
                f"{labels.get(cause, cause)} {n}" for cause, n in row.second
            )
            cells = (
                row.sessions,
                row.retained,
                row.trial,
                row.transfer_within_firm,
                row.lost,
                row.unfinished,
                _rate(row),
                second or "-",
            )
            t.add_row(Text(visible(label)), *(Text(visible(str(cells[i]))) for i in shown))
        return t

    total = report.total
    summary = (
        f"{report.sessions} sessions, {total.results} outcomes, kept {_rate(total)}"
        if en
        else f"共 {report.sessions} 个会话，{total.results} 个结果，挽留率 {_rate(total)}"
    )
    console.print(Text(summary))
    if total.unfinished:
        console.print(
            Text(
                f"{total.unfinished} unfinished visit(s) (no outcome): not in the rate"
                if en
                else f"另有 {total.unfinished} 个未完成的来访（没有记录结果），不计入挽留率"
            )
        )
    if report.overrides:
        console.print(
            Text(
                f"{len(report.overrides)} override(s) of the classifier: coach report --overrides"
                if en
                else f"员工改选原因 {len(report.overrides)} 次：coach report --overrides 查看"
            )
        )
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
