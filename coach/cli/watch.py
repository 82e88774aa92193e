"""`coach watch`: the month's early-warning list and dormant clients, from the branch's export.

    coach watch --sample N --to FILE [--month YYYY-MM]    a fictional export to try it on
    coach watch FILE [--month YYYY-MM] [--json | --csv OUT] [--plan] [--limit K]
    coach watch --columns                                 the columns the export needs

Bad rows are named by line on stderr (and in the JSON) and skipped; the rest is processed.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coach.cli.common import add_common_options, playbooks_dir

if TYPE_CHECKING:
    from coach.core.outreach.watch import Flagged, WatchResult

SEGMENTS = {"at_risk": ("流失预警", "at risk"), "heavy_loss": ("大亏客户", "heavy loss"),
            "dormant": ("休眠客户", "dormant")}
BAD_SHOWN = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "watch",
        help="流失预警与休眠客户 / early warning and dormant clients",
        description="从营业部每月导出的账户数据里找出可能流失和已经休眠的客户，排好序，附上要准备的话术。",
    )
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE",
                        help="账户月度数据 CSV 或 Parquet / monthly account export")
    parser.add_argument("--sample", type=int, metavar="N",
                        help="生成 N 个虚构客户 12 个月的示例数据 / write a sample of N clients")
    parser.add_argument("--to", type=Path, metavar="FILE", help="示例数据写到哪里 / where --sample writes")
    parser.add_argument("--month", metavar="YYYY-MM",
                        help="看哪个月（默认数据里最新的月份） / the month to look at")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    parser.add_argument("--csv", type=Path, metavar="OUT", help="名单另存为 CSV / write the list as CSV")
    parser.add_argument("--plan", action="store_true",
                        help="排出本周联系计划（不超过 firm.yaml 的打扰上限） / a week's contact plan")
    parser.add_argument("--limit", type=int, default=50, metavar="K",
                        help="表格最多列出多少位客户（JSON/CSV 不限） / rows shown in the table")
    parser.add_argument("--week", metavar="YYYY-MM-DD",
                        help="计划哪一周（默认下周一起） / the week --plan covers (default: next week)")
    parser.add_argument("--record", metavar="CLIENT",
                        help="记录一次联系：客户号，配合 --channel 和 --outcome / record a contact")
    parser.add_argument("--channel", choices=("phone", "sms", "email", "visit"))
    parser.add_argument("--outcome", choices=("resumed_trading", "appointment", "declined",
                                              "do_not_contact", "no_answer"))
    parser.add_argument("--note", default="", help="备注 / a note")
    parser.add_argument("--columns", action="store_true", help="列出数据需要的列 / list the columns")
    add_common_options(parser, sub=True)
    parser.set_defaults(func=run)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    en = lang == "en"
    if args.columns:
        return _print_columns(lang)
    if args.sample is not None:
        return _write_sample(args)
    if args.record is not None:
        return _record(args)
    if args.file is None:
        return _fail("请给出账户数据文件，或用 --sample N --to FILE 先生成示例数据" if not en
                     else "give the account export FILE, or write a sample with --sample N --to FILE")
    from coach.core.content.library import load_library
    from coach.core.content.warning_file import default_rules
    from coach.core.errors import CoachError
    from coach.core.outreach.watch import watch

    loaded = load_library(playbooks_dir(args))
    bad = [p for p in loaded.problems if p.is_error and p.path.endswith("warning.yaml")]
    if bad:
        for p in bad:
            print(p, file=sys.stderr)
        return 1
    library = loaded.library
    names = {cid: cause.name.get(lang) for cid, cause in library.causes.items()}
    # The short name of each outreach playbook: its title up to the colon.
    names |= {f"outreach:{oid}": o.title.get(lang).split("：")[0].split(":")[0]
              for oid, o in library.outreach.items()}
    try:
        result = watch(args.file, library.warning or default_rules(), args.month)
        plan = _plan(args, result, library.firm) if args.plan else None
    except CoachError as e:
        return _fail(e.message(lang))
    _print_bad_rows(result, lang)
    if args.csv:
        _write_csv(args.csv, result, lang)
    if args.json:
        print(json.dumps(_as_json(result, lang, plan), ensure_ascii=False))
    else:
        _print_table(result, args.limit, lang, names)
        if plan is not None:
            _print_plan(plan, lang, names)
    return 0


def _plan(args: argparse.Namespace, result: WatchResult, firm: object) -> object:
    from datetime import date

    from coach.cli.common import transcripts_dir
    from coach.core.errors import CoachError
    from coach.core.outreach.attempts import load_attempts
    from coach.core.outreach.plan import plan_week

    week = None
    if args.week:
        try:
            week = date.fromisoformat(args.week)
        except ValueError:
            raise CoachError(f"日期写法不对：{args.week}（应为 2026-12-07）",
                             f"not a date: {args.week} (write 2026-12-07)") from None
    attempts, warnings = load_attempts(transcripts_dir(args))
    for w in warnings:
        print(w, file=sys.stderr)
    limits = getattr(firm, "contact_limits", None) or None
    return plan_week(result.flagged, limits, attempts, week, args.lang)


def _record(args: argparse.Namespace) -> int:
    from datetime import date

    from coach.cli.common import transcripts_dir
    from coach.core.errors import CoachError
    from coach.core.outreach.attempts import OUTCOME_NAMES, Attempt, record

    en = args.lang == "en"
    if not args.channel or not args.outcome:
        return _fail("--record 需要 --channel 和 --outcome" if not en
                     else "--record needs --channel and --outcome")
    client = args.record.strip()
    if not client or len(client) > 64 or not client.isprintable():
        return _fail("客户号不对" if not en else "not a client reference")
    try:
        path = record(transcripts_dir(args), Attempt(client, args.channel, args.outcome,
                                                     date.today(), args.staff, args.note))
    except CoachError as e:
        return _fail(e.message(args.lang))
    zh, english = OUTCOME_NAMES[args.outcome]
    print(f"已记录：{client} {english if en else zh}（{path}）")
    return 0


def _write_sample(args: argparse.Namespace) -> int:
    from coach.core.errors import CoachError
    from coach.core.outreach.sample import write_sample
    from coach.core.outreach.watch import month_index

    en = args.lang == "en"
    if args.to is None:
        return _fail("--sample 需要 --to FILE" if not en else "--sample needs --to FILE")
    if args.sample < 1 or args.sample > 10_000_000:
        return _fail("客户数应在 1 到 1000万 之间" if not en else "N must be between 1 and 10,000,000")
    if args.to.exists():
        return _fail(f"{args.to} 已存在，不覆盖" if not en else f"{args.to} exists: not overwritten")
    try:
        if args.month:
            month_index(args.month)
        rows = write_sample(args.to, args.sample, end=args.month)
    except CoachError as e:
        return _fail(e.message(args.lang))
    except OSError as e:
        return _fail(f"写不了 {args.to}：{e.strerror}" if not en else f"cannot write {args.to}: {e.strerror}")
    print(f"已写入 {args.to}：{args.sample} 位虚构客户，{rows} 行" if not en
          else f"wrote {args.to}: {args.sample} fictional clients, {rows} rows")
    return 0


def _print_columns(lang: str) -> int:
    from rich.console import Console
    from rich.table import Table

    from coach.core.outreach.columns import COLUMNS

    en = lang == "en"
    table = Table(title="账户月度数据的列" if not en else "Columns of the monthly export")
    for head in (("列名", "column"), ("中文表头", "Chinese header"), ("必填", "required"),
                 ("含义", "meaning")):
        table.add_column(head[1] if en else head[0])
    for c in COLUMNS:
        table.add_row(c.name, c.zh, ("是" if c.required else "否") if not en else
                      ("yes" if c.required else "no"), c.meaning_en if en else c.meaning_zh)
    Console().print(table)
    return 0


def _print_bad_rows(result: WatchResult, lang: str) -> None:
    if not result.bad_count:
        return
    en = lang == "en"
    print(f"跳过 {result.bad_count} 行有问题的数据：" if not en
          else f"skipped {result.bad_count} bad rows:", file=sys.stderr)
    for bad in result.bad_rows[:BAD_SHOWN]:
        print(f"  第 {bad.line} 行：{_safe(bad.reason)}" if not en
              else f"  line {bad.line}: {_safe(bad.reason)}", file=sys.stderr)
    if result.bad_count > BAD_SHOWN:
        print(f"  ……另有 {result.bad_count - BAD_SHOWN} 行（--json 列出前 1000 行）" if not en
              else f"  ... and {result.bad_count - BAD_SHOWN} more (--json lists the first 1000)",
              file=sys.stderr)


def _safe(text: str) -> str:
    """Values read from the export are shown as characters, never as terminal controls."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)


def _flagged_json(f: Flagged, lang: str) -> dict[str, object]:
    from coach.core.outreach.explain import describe, summary

    return {
        "client": f.client, "month": f.month, "segment": f.segment, "risk": f.risk,
        "assets": round(f.assets, 2), "idle_months": f.idle_months,
        "indicators": [{"id": x.id, "family": x.family, "name": x.name.get(lang),
                        "text": describe(x, lang),
                        "figures": {k: round(v, 4) for k, v in x.figures.items()}} for x in f.fired],
        "summary": summary(f, lang), "cause": f.cause, "outreach": f.outreach,
    }


def _as_json(result: WatchResult, lang: str, plan: object) -> dict[str, object]:
    out: dict[str, object] = {
        "month": result.month, "rows": result.rows, "clients": result.clients,
        "flagged": [_flagged_json(f, lang) for f in result.flagged],
        "bad_rows": [{"line": b.line, "reason": b.reason} for b in result.bad_rows],
        "bad_row_count": result.bad_count,
    }
    if plan is not None:
        out["plan"] = [c.as_dict() for c in plan.contacts]
    return out


def _write_csv(path: Path, result: WatchResult, lang: str) -> None:
    from coach.core.outreach.explain import summary

    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(["rank", "client", "month", "segment", "risk", "assets", "indicators",
                      "details", "cause", "outreach"])
        for rank, flag in enumerate(result.flagged, 1):
            out.writerow([rank, flag.client, flag.month, flag.segment, flag.risk,
                          f"{flag.assets:.2f}", " ".join(x.id for x in flag.fired),
                          "；".join(summary(flag, lang)), flag.cause, flag.outreach])


def _print_table(result: WatchResult, limit: int, lang: str, names: dict[str, str]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from coach.core.content.variables import wan
    from coach.core.outreach.explain import summary

    en = lang == "en"
    console = Console()
    console.print(Text(
        f"{result.month or '—'}：读取 {result.rows} 行，{result.clients} 位客户，"
        f"{len(result.segment('at_risk'))} 位有流失迹象，{len(result.segment('heavy_loss'))} 位大亏，"
        f"{len(result.segment('dormant'))} 位休眠" if not en else
        f"{result.month or '—'}: {result.rows} rows, {result.clients} clients; "
        f"{len(result.segment('at_risk'))} at risk, {len(result.segment('heavy_loss'))} heavy loss, "
        f"{len(result.segment('dormant'))} dormant"))
    for segment, (zh, english) in SEGMENTS.items():
        rows = result.segment(segment)
        if not rows:
            continue
        table = Table(title=english if en else zh, show_lines=False)
        for head in (("#", "#"), ("客户", "client"), ("风险", "risk"), ("资产", "assets"),
                     ("信号", "signals"), ("可能原因", "likely cause"), ("准备话术", "prepare")):
            table.add_column(head[1] if en else head[0], overflow="fold")
        for rank, flag in enumerate(rows[:limit], 1):
            table.add_row(str(rank), Text(_safe(flag.client)), f"{flag.risk:g}", wan(flag.assets),
                          Text("\n".join(summary(flag, lang))),
                          names.get(flag.cause, flag.cause),
                          names.get(f"outreach:{flag.outreach}", flag.outreach))
        console.print(table)
        if len(rows) > limit:
            console.print(Text(f"……另有 {len(rows) - limit} 位（--limit 或 --csv 看全部）" if not en
                               else f"... {len(rows) - limit} more (use --limit or --csv)"))


def _print_plan(plan: object, lang: str, names: dict[str, str]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    en = lang == "en"
    table = Table(title="本周联系计划" if not en else "This week's contact plan")
    for head in (("日期", "day"), ("客户", "client"), ("方式", "channel"), ("话术", "playbook"),
                 ("原因", "why")):
        table.add_column(head[1] if en else head[0])
    for c in plan.contacts:
        table.add_row(c.day.isoformat(), Text(_safe(c.client)), c.channel_name(lang),
                      names.get(f"outreach:{c.outreach}", c.outreach),
                      Text(c.why))
    Console().print(table)
    if plan.skipped:
        Console().print(Text(
            f"{len(plan.skipped)} 次联系因本周打扰上限没有排进去" if not en
            else f"{len(plan.skipped)} contacts left out by this week's contact limits"))
