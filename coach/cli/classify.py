"""`coach classify`: name the cause of each statement, as a table or as JSON lines.

Streams: each line of standard input is answered as soon as it is read, so other programs can
keep it open as a pipe. Input is read in whatever chunks the pipe holds and the answers to a
chunk are written and flushed together: one line at a time when a person types, thousands per
write when a file is piped in. Diagnostics go to stderr; stdout carries only the answers.
"""

from __future__ import annotations

import argparse
import sys

from coach.cli.common import add_common_options, input_batches, playbooks_dir

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
        from coach.core.understand.classify_json import json_line

        classify = classifier.classify
        for batch in input_batches(args):
            sys.stdout.write("".join([json_line(classify(text)) + "\n" for text in batch]))
            sys.stdout.flush()
        return 0
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    for batch in input_batches(args):
        console.print(Text("\n").join(
            render_result(classifier, classifier.classify(text), lang) for text in batch
        ))
    return 0


def render_result(classifier, result, lang: str):
    """One classification as styled text: the statement (evidence highlighted), a row per cause
    (name, score, bar, the words that matched) and the question to ask. Client text is a Text
    object, never markup. Columns are padded by display width, without a layout engine: the
    table streams as fast as the JSON."""
    from rich.cells import cell_len
    from rich.text import Text

    from coach.core.text import terminal_safe

    shown = result.text[:DISPLAY_LIMIT] + ("…" if len(result.text) > DISPLAY_LIMIT else "")
    out = Text(terminal_safe(shown, keep_newlines=False))  # same length: offsets hold
    for score in result.ranking[:3]:
        for m in score.matched:
            if m.end <= DISPLAY_LIMIT:
                out.stylize("strike dim" if m.negated else "bold yellow", m.start, m.end)
    out.append("\n")
    detected = {c.id for c in result.causes}
    en = lang == "en"
    rows = list(result.causes) + [c for c in result.ranking if c.id not in detected]
    lines = []
    for score in rows[: max(3, len(result.causes))]:
        if score.score <= 0 and score.id not in detected:
            continue
        cause = classifier.causes.get(score.id)
        name = terminal_safe(f"{cause.name.get(lang) if cause else score.id} ({score.id})",
                             keep_newlines=False)
        filled = round(score.score * 10)
        matched = terminal_safe("、".join(
            result.text[m.start : m.end]
            + (("(negated)" if en else "(否定)") if m.negated else "")
            for m in score.matched
        ), keep_newlines=False)
        lines.append((name, score.id in detected, f"{score.score:.2f}", "█" * filled + "░" * (10 - filled), matched))
    header = ("cause", "score", "", "matched") if en else ("原因", "置信度", "", "命中词")
    width = max([cell_len(header[0]), *(cell_len(n) for n, *_ in lines)])
    digits = max(5, cell_len(header[1]))
    out.append(header[0] + " " * (width - cell_len(header[0])) + "  "
               + " " * (digits - cell_len(header[1])) + header[1], "bold")
    out.append("  " + " " * 10 + "  " + header[3] + "\n", "bold")
    for name, is_detected, number, bar, matched in lines:
        out.append(name + " " * (width - cell_len(name)), "bold green" if is_detected else "")
        out.append("  " + number.rjust(digits) + f"  {bar}  ")
        out.append(matched)
        out.append("\n")
    if result.ambiguous or result.leading == "other":
        for cid in result.questions:
            cause = classifier.causes.get(cid)
            if cause:
                out.append(("Ask: " if en else "可以问：") + terminal_safe(cause.question.get(lang)) + "\n", "italic cyan")
    if result.ambiguous:
        out.append(("near tie between the top causes" if en else "前两个原因很接近，请确认") + "\n", "magenta")
    return out
