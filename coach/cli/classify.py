"""`coach classify`: name the cause of each statement, as a table or as JSON lines.

Streams: each line of standard input is answered as soon as it is read, so other programs can
keep it open as a pipe. Diagnostics go to stderr; stdout carries only the answers.
"""

from __future__ import annotations

import argparse
import sys

from coach.cli.common import add_common_options, playbooks_dir

DISPLAY_LIMIT = 300  # characters of a statement shown in the table


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "classify",
        help="判断客户流失原因 / classify client statements",
        description="判断每条客户原话的流失原因；不给 TEXT 时逐行读取标准输入。",
    )
    parser.add_argument("text", nargs="*", metavar="TEXT", help="客户原话 / a client statement")
    parser.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    add_common_options(parser, sub=True)
    parser.set_defaults(func=run)


def _statements(args: argparse.Namespace):
    if args.text:
        yield from args.text
        return
    stdin = sys.stdin
    if hasattr(stdin, "reconfigure"):
        stdin.reconfigure(encoding="utf-8", errors="replace")
    while True:
        line = stdin.readline()
        if not line:
            return
        yield line.rstrip("\r\n")


def run(args: argparse.Namespace) -> int:
    from coach.core.understand.classifier import Classifier

    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    try:
        classifier = Classifier.load(playbooks_dir(args))
    except (OSError, ValueError) as exc:
        from coach.core.text import terminal_safe

        print(terminal_safe(f"coach classify: {exc}"), file=sys.stderr)
        return 2
    lang = getattr(args, "lang", "zh")
    if args.json:
        import json

        for text in _statements(args):
            result = classifier.classify(text)
            sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return 0
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False)
    for text in _statements(args):
        console.print(render_result(classifier, classifier.classify(text), lang))
    return 0


def render_result(classifier, result, lang: str):
    """A Rich table of one classification; client text is a Text object, never markup."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from coach.core.text import terminal_safe

    shown = result.text[:DISPLAY_LIMIT] + ("…" if len(result.text) > DISPLAY_LIMIT else "")
    statement = Text(terminal_safe(shown, keep_newlines=False))  # same length: offsets hold
    for score in result.ranking[:3]:
        for m in score.matched:
            if m.end <= DISPLAY_LIMIT:
                statement.stylize("strike dim" if m.negated else "bold yellow", m.start, m.end)
    detected = {c.id for c in result.causes}
    en = lang == "en"
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("cause" if en else "原因")
    table.add_column("score" if en else "置信度", justify="right")
    table.add_column("" if en else "", width=12)
    table.add_column("matched" if en else "命中词")
    rows = list(result.causes) + [c for c in result.ranking if c.id not in detected]
    for score in rows[: max(3, len(result.causes))]:
        if score.score <= 0 and score.id not in detected:
            continue
        cause = classifier.causes.get(score.id)
        name = cause.name.get(lang) if cause else score.id
        label = Text(terminal_safe(f"{name} ({score.id})", keep_newlines=False),
                     style="bold green" if score.id in detected else "")
        bar = Text("█" * round(score.score * 10) + "░" * (10 - round(score.score * 10)))
        matched = Text(terminal_safe(
            "、".join(
                result.text[m.start : m.end] + ("(否定)" if m.negated and not en else "")
                + ("(negated)" if m.negated and en else "")
                for m in score.matched
            ), keep_newlines=False)
        )
        table.add_row(label, f"{score.score:.2f}", bar, matched)
    parts = [statement, table]
    if result.ambiguous or result.leading == "other":
        for cid in result.questions:
            cause = classifier.causes.get(cid)
            if cause:
                prefix = "Ask: " if en else "可以问："
                parts.append(Text(terminal_safe(prefix + cause.question.get(lang)),
                                  style="italic cyan"))
    if result.ambiguous:
        parts.append(Text("near tie between the top causes" if en else "前两个原因很接近，请确认", style="magenta"))
    parts.append(Text(""))
    return Group(*parts)
