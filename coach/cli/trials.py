"""`coach trials`: the one-week trials to follow up, from the transcripts and trial records.

    coach trials [--all] [--json] [--transcripts DIR] [--today YYYY-MM-DD]

By default every open trial is listed in three groups: overdue, due today, upcoming (a trial
recorded a minute ago is on the list). Each row names whom to call: the client reference from
the private trial record (see coach.core.records.trials), else the session to look up.
`--all` is kept for scripts and lists the same trials. Every skipped file is named on stderr;
a missing or unreadable folder is an error (exit 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from coach.cli.common import add_common_options, transcripts_dir
from coach.core.text import terminal_safe

EXIT_BAD_INPUT = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "trials",
        help="一周体验回访：过期、今天、即将到期 / one-week trials to follow up",
        description="列出一周体验回访：已过期、今天到期、即将到期 / trials overdue, due today and upcoming",
    )
    add_common_options(parser, sub=True)
    parser.add_argument("--all", action="store_true", help="列出全部体验（与默认相同）/ every trial (as the default)")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", help="按这一天计算 / count from this date (default: today)"
    )
    parser.set_defaults(func=run)


def _status(days_left: int, lang: str) -> str:
    if lang == "en":
        if days_left < 0:
            return f"overdue {-days_left}d"
        return {0: "due today", 1: "due tomorrow"}.get(days_left, f"in {days_left} days")
    if days_left < 0:
        return f"已过期{-days_left}天"
    return {0: "今天到期", 1: "明天到期"}.get(days_left, f"{days_left}天后到期")


GROUPS = (
    ("overdue", "已过期", "Overdue"),
    ("today", "今天到期", "Due today"),
    ("upcoming", "即将到期", "Upcoming"),
)


def _group(days_left: int) -> str:
    return "overdue" if days_left < 0 else "today" if days_left == 0 else "upcoming"


def run(args: argparse.Namespace) -> int:
    from coach.core.records.transcript_read import TranscriptFolderError, load_sessions
    from coach.core.records.trials import read_trial_records, trials_in, with_references

    lang = args.lang
    en = lang == "en"
    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        print(
            f"coach trials: write the date '{terminal_safe(args.today, keep_newlines=False)}' as YYYY-MM-DD."
            if en
            else f"coach trials: 日期“{terminal_safe(args.today, keep_newlines=False)}”请写成 YYYY-MM-DD。",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    folder = transcripts_dir(args)
    try:
        loaded = load_sessions(folder, lang=lang, strict=True)
    except TranscriptFolderError as error:
        print(f"coach trials: {terminal_safe(error.message(lang), keep_newlines=False)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    warnings = list(loaded.warnings)
    references = read_trial_records(folder, warnings)
    for warning in warnings:
        print(terminal_safe(str(warning), keep_newlines=False), file=sys.stderr)
    shown = with_references(trials_in(loaded.sessions), references)
    if args.json:
        data = {
            "today": today.isoformat(),
            "trials": [{**t.as_dict(today), "group": _group(t.days_left(today))} for t in shown],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    if not shown:
        print("No trials to follow up." if en else "没有需要回访的体验客户。")
        return 0
    print(f"Trials to follow up: {len(shown)}" if en else f"一周体验回访：{len(shown)} 位")
    for key, zh, english in GROUPS:
        rows = [t for t in shown if _group(t.days_left(today)) == key]
        if not rows:
            continue
        print(f"\n{english} ({len(rows)})" if en else f"\n{zh}（{len(rows)} 位）")
        for trial in rows:
            print(terminal_safe(_row(trial, today, lang), keep_newlines=False))
    return 0


def _row(trial, today: date, lang: str) -> str:  # noqa: ANN001 - a Trial
    en = lang == "en"
    services = (", " if en else "、").join(trial.services) or "-"
    if trial.reference:
        whom = trial.reference
    elif en:
        whom = f"(no reference: see session {trial.session})"
    else:
        whom = f"（未登记，查会话 {trial.session}）"
    staff = trial.staff or ("not recorded" if en else "未登记")
    if en:
        return (
            f"  {trial.end.isoformat()}  {_status(trial.days_left(today), lang)}  call {whom}  "
            f"staff {staff}  cause {trial.cause or '-'}  session {trial.session}  services: {services}"
        )
    return (
        f"  {trial.end.isoformat()}  {_status(trial.days_left(today), lang)}  回访 {whom}  "
        f"员工 {staff}  原因 {trial.cause or '-'}  会话 {trial.session}  服务：{services}"
    )
