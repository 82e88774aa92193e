"""`coach report --outreach [--accounts FILE]`: contact attempts and reactivation.

Outcomes come from the attempts recorded with `coach watch --record`; with the month's account
export, the guide's success measures (trading resumed, more volume, more products, more often,
more commission) are counted for the contacted clients.
"""

from __future__ import annotations

import argparse
import json
import sys

from coach.cli.common import transcripts_dir


def run_outreach(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from coach.core.errors import CoachError
    from coach.core.outreach.attempts import OUTCOME_NAMES, load_attempts
    from coach.core.outreach.plan import CHANNEL_NAMES
    from coach.core.outreach.reactivation import MEASURES, reactivation

    en = args.lang == "en"
    attempts, warnings = load_attempts(transcripts_dir(args))
    for warning in warnings:
        print(warning, file=sys.stderr)
    try:
        result = reactivation(attempts, args.accounts)
    except CoachError as e:
        print(e.message(args.lang), file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({
            "attempts": result.attempts, "contacted": result.contacted,
            "by_outcome": result.by_outcome, "by_channel": result.by_channel,
            "measured": result.measured, "measures": result.counts,
        }, ensure_ascii=False))
        return 0
    console = Console()
    if not attempts:
        console.print("还没有回访记录（coach watch --record 记录每次联系）" if not en
                      else "no contact attempts yet (record them with coach watch --record)")
        return 0
    table = Table(title="回访结果" if not en else "Contact outcomes")
    table.add_column("结果" if not en else "outcome")
    table.add_column("次数" if not en else "attempts", justify="right")
    for outcome, count in sorted(result.by_outcome.items(), key=lambda kv: -kv[1]):
        zh, english = OUTCOME_NAMES.get(outcome, (outcome, outcome))
        table.add_row(english if en else zh, str(count))
    for channel, count in sorted(result.by_channel.items(), key=lambda kv: -kv[1]):
        zh, english = CHANNEL_NAMES.get(channel, (channel, channel))
        table.add_row(("channel: " + english) if en else f"渠道：{zh}", str(count))
    console.print(table)
    if result.counts is None:
        console.print("加上 --accounts FILE（最新的账户月度数据）可以看激活效果" if not en
                      else "add --accounts FILE (the latest export) to measure reactivation")
        return 0
    measured = result.measured
    table = Table(title=(f"激活效果：联系过 {result.contacted} 位，有前后数据的 {measured} 位" if not en
                         else f"Reactivation: {result.contacted} contacted, {measured} with data"))
    table.add_column("指标" if not en else "measure")
    table.add_column("客户数" if not en else "clients", justify="right")
    table.add_column("占比" if not en else "share", justify="right")
    for key, zh, english in MEASURES:
        count = result.counts[key]
        share = "—" if count is None or not measured else f"{count / measured:.0%}"
        table.add_row(english if en else zh, "—" if count is None else str(count), share)
    console.print(table)
    return 0
