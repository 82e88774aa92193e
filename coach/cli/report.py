"""`coach report`: outcomes by cause, by the technique that decided them, by staff member and
by week, and practice scores, from the transcripts.

    coach report [--since DATE] [--until DATE] [--staff ID] [--json] [--html FILE]
                 [--overrides] [--misses] [--transcripts DIR] [--mode counter|practice|all]
                 [--no-compact]

Computed by DuckDB with the SQL in coach/core/records/sql; closed days are compacted into Parquet
on the way (coach compact does only that). Every skipped transcript file is named on stderr with
its reason; a missing or unreadable folder is an error (exit 2). Text from transcripts is printed
with control characters made visible, so a file cannot drive the terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from coach.cli.common import add_common_options, playbooks_dir, transcripts_dir


def _safe(text: str) -> str:
    """One line for the terminal: control characters shown, never acted on."""
    from coach.core.text import terminal_safe

    return terminal_safe(text, keep_newlines=False)


if TYPE_CHECKING:
    from coach.core.records.report import Report, Row
    from coach.core.records.report_sql import FullReport


EXIT_BAD_INPUT = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="按原因和话术技巧统计挽留结果 / outcomes by cause and technique",
        description="按原因、话术技巧、员工和周统计挽留结果，练习得分 / outcomes by cause, deciding "
                    "technique, staff member and week; practice scores",
        conflict_handler="resolve",  # --staff here filters; it does not say who is using it
    )
    add_common_options(parser, sub=True)
    parser.add_argument("--staff", dest="report_staff", metavar="ID", default=None,
                        help="只统计这位员工 / only this staff member's sessions")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="从这一天起 / first day counted")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="到这一天止 / last day counted")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    parser.add_argument("--html", type=Path, metavar="FILE",
                        help="写一个带图表的网页（可离线打开）/ write one self-contained page with charts")
    parser.add_argument("--misses", action="store_true",
                        help="列出识别错的话（phrasings.yaml 格式）/ misclassified statements, "
                             "ready to label (phrasings.yaml items)")
    parser.add_argument("--no-compact", dest="compact", action="store_false",
                        help="不压缩已结束的日子 / do not compact closed days into Parquet")
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


def _day(text: str | None, name: str, lang: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"coach report: {name} 的日期“{text}”请写成 YYYY-MM-DD。" if lang != "en"
            else f"coach report: write the {name} date '{text}' as YYYY-MM-DD."
        ) from None


def run(args: argparse.Namespace) -> int:
    if args.outreach:
        from coach.cli.outreach_report import run_outreach

        return run_outreach(args)
    from coach.core.records.masking import mask
    from coach.core.records.report_sql import Filters, run_report
    from coach.core.records.transcript_read import TranscriptFolderError, check_folder

    lang = args.lang
    folder = transcripts_dir(args)
    try:
        since = _day(args.since, "--since", lang)
        until = _day(args.until, "--until", lang)
        check_folder(folder)
    except ValueError as error:
        print(_safe(str(error)), file=sys.stderr)
        return EXIT_BAD_INPUT
    except TranscriptFolderError as error:
        print(f"coach report: {_safe(error.message(lang))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    modes = () if args.mode == "all" else (args.mode,)
    staff = mask(args.report_staff) if args.report_staff else None
    full = run_report(folder, Filters(since, until, staff, modes), misses=args.misses,
                      compact=args.compact, lang=lang)
    for warning in full.warnings:
        print(_safe(warning), file=sys.stderr)
    report = full.report
    if args.html:
        from coach.core.records.report_html import write_html

        try:
            write_html(full, load_labels(playbooks_dir(args), lang), args.html, lang)
        except OSError as error:
            print(_safe(f"coach report: {args.html}: {error.strerror or error}"),
                  file=sys.stderr)
            return EXIT_BAD_INPUT
        print(_safe(f"已写入 {args.html}" if lang != "en" else f"written: {args.html}"),
              file=sys.stderr)
    if args.json:
        print(json.dumps(full.as_dict(), ensure_ascii=False, indent=2))
        return 0
    if args.misses:
        from coach.cli.report_misses import print_misses

        print_misses(full, lang)
        return 0
    if args.html:
        return 0
    labels = load_labels(playbooks_dir(args), lang)
    _print_tables(report, labels, lang)
    if report.sessions:
        _print_more(full, labels, lang)
    if args.overrides:
        _print_overrides(report, labels, lang)
    return 0


def _print_overrides(report: Report, labels: Mapping[str, str], lang: str) -> None:
    """Statement, the classifier's answer and the staff member's cause, one per line."""

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
        print(_safe(line))


def _rate(row: Row) -> str:
    rate = row.retention_rate
    return "-" if rate is None else f"{rate:.0%}"


def _heads(en: bool) -> tuple[str, ...]:
    return (
        ("visits", "retained", "trial", "transfer", "lost", "unfinished", "kept", "second cause")
        if en
        else ("来访", "挽留", "体验", "司内转移", "流失", "未完成", "挽留率", "第二原因")
    )


def _table(title: str, first: str, rows: tuple[Row, ...], blank: str, unfinished: bool,
           labels: Mapping[str, str], lang: str):
    """One Rich table of outcome rows; every cell is plain Text (never markup)."""
    from rich.table import Table
    from rich.text import Text

    en = lang == "en"
    heads = _heads(en)
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
        t.add_row(Text(_safe(label)), *(Text(_safe(str(cells[i]))) for i in shown))
    return t


def _print_tables(report: Report, labels: Mapping[str, str], lang: str) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    en = lang == "en"
    if report.sessions == 0:
        console.print(Text("No sessions recorded yet." if en else "还没有会话记录。"))
        return
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
    console.print(_table("By cause" if en else "按原因", "cause" if en else "原因",
                         report.by_cause, "-", True, labels, lang))
    console.print(_table("By deciding technique" if en else "按决定结果的话术技巧",
                         "technique" if en else "技巧", report.by_technique,
                         "(unknown)" if en else "（未记录）", False, labels, lang))


def _print_more(full: FullReport, labels: Mapping[str, str], lang: str) -> None:
    """By staff member, by week, and the trainees' practice scores by week."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    en = lang == "en"
    unknown = "(unknown)" if en else "（未记录）"
    console.print(_table("By staff member" if en else "按员工", "staff" if en else "员工",
                         full.by_staff, unknown, True, labels, lang))
    console.print(_table("By week" if en else "按周", "week" if en else "周",
                         full.by_week, unknown, True, labels, lang))
    if not full.practice:
        return
    t = Table(title=Text("Practice scores by week" if en else "练习得分（按周）"),
              title_justify="left")
    heads = (("trainee", "week", "sessions", "average", "best", "worst", "passed") if en
             else ("学员", "周", "次数", "平均分", "最高", "最低", "通过"))
    for i, head in enumerate(heads):
        t.add_column(Text(head), justify="left" if i < 2 else "right")
    for p in full.practice:
        cells = (p.staff or unknown, p.week or "-", p.sessions, f"{p.average:.1f}", p.best,
                 p.worst, p.passed)
        t.add_row(*(Text(_safe(str(c))) for c in cells))
    console.print(t)
