"""`coach trials`: one-week trials whose follow-up call is due (by tomorrow), from the transcripts.

    coach trials [--all] [--json] [--transcripts DIR] [--today YYYY-MM-DD]

Damaged transcript files are skipped with a warning on stderr.
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
        help="到期的一周体验回访 / one-week trials due for a follow-up",
        description="列出到期（截至明天）的一周体验回访 / trials whose follow-up is due by tomorrow",
    )
    add_common_options(parser, sub=True)
    parser.add_argument("--all", action="store_true", help="列出全部体验 / list every trial")
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


def run(args: argparse.Namespace) -> int:
    from coach.core.records.transcript import load_sessions
    from coach.core.records.trials import due, trials_in

    lang = args.lang
    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        print(
            f"coach trials: 日期“{args.today}”请写成 YYYY-MM-DD。"
            if lang != "en"
            else f"coach trials: write the date '{args.today}' as YYYY-MM-DD.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    loaded = load_sessions(transcripts_dir(args), lang=lang)
    for warning in loaded.warnings:
        print(terminal_safe(str(warning), keep_newlines=False), file=sys.stderr)
    everything = trials_in(loaded.sessions)
    shown = everything if args.all else due(everything, today)
    if args.json:
        data = {"today": today.isoformat(), "trials": [t.as_dict(today) for t in shown]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    if not shown:
        print("No trials to follow up." if lang == "en" else "没有需要回访的体验客户。")
        return 0
    if lang == "en":
        scope = "All trials" if args.all else f"Trials due by {today.isoformat()} + 1 day"
        print(f"{scope}: {len(shown)}")
    else:
        scope = "全部体验" if args.all else f"截至{today.isoformat()}（含明天）到期的体验回访"
        print(f"{scope}：{len(shown)} 位")
    for trial in shown:
        services = ("、" if lang != "en" else ", ").join(trial.services) or "-"
        client = trial.client or "-"
        if lang == "en":
            line = (
                f"{trial.end.isoformat()}  {_status(trial.days_left(today), lang)}  "
                f"session {trial.session}  staff {trial.staff or '-'}  cause {trial.cause or '-'}  "
                f"client {client}  services: {services}"
            )
        else:
            line = (
                f"{trial.end.isoformat()}  {_status(trial.days_left(today), lang)}  "
                f"会话 {trial.session}  员工 {trial.staff or '-'}  原因 {trial.cause or '-'}  "
                f"客户 {client}  服务：{services}"
            )
        print(terminal_safe(line, keep_newlines=False))  # transcripts hold client text
    return 0
