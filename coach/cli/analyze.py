"""`coach analyze`: what a trainee's reply does, as a table or as JSON lines.

Each TEXT, or each line of standard input (streamed: answered as soon as it is read), gives
`{"text", "techniques": [{"id", "score", "matched": [{"start", "end", "text"}]}], "violations":
[same], "asked_question", "figures"}`: the labels detected (score at or above their threshold,
0.5 on the 0-1 scale), best first. Diagnostics go to stderr; stdout carries only the answers.
"""

from __future__ import annotations

import argparse
import json
import sys

from coach.cli.common import add_common_options, input_batches, playbooks_dir

MAX_CHARS = 4000  # a reply is a few spoken sentences; anything longer is not one


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="分析学员的回答 / analyse trainee replies",
        description="判断学员每句回答用到的挽留方法和违规；不给 TEXT 时逐行读取标准输入。"
        " / Name the techniques and violations of each reply; reads standard input line by"
        " line when no TEXT is given.",
    )
    parser.add_argument("text", nargs="*", metavar="TEXT", help="学员的回答 / a trainee reply")
    parser.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    add_common_options(parser, sub=True)
    parser.set_defaults(func=run)


def empty(text: str) -> dict[str, object]:
    """The analysis of a reply that says nothing (or cannot be read as one)."""
    return {"text": text, "techniques": [], "violations": [], "asked_question": False, "figures": []}


def run(args: argparse.Namespace) -> int:
    from coach.core.practice.analysis import Analyzer

    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    try:
        analyzer = Analyzer.load(playbooks_dir(args), lang=getattr(args, "lang", "zh"))
    except (OSError, ValueError) as exc:
        print(f"coach analyze: {exc}", file=sys.stderr)
        return 2
    lang = getattr(args, "lang", "zh")
    console = None
    if not args.json:
        from rich.console import Console

        console = Console(highlight=False, soft_wrap=False)
    for number, text in enumerate((t for batch in input_batches(args) for t in batch), start=1):
        if len(text) > MAX_CHARS:
            where = f"line {number}" if not args.text else f"reply {number}"
            message = (f"{where}: {len(text):,} characters is not a reply (at most {MAX_CHARS:,});"
                       " left unanalysed")
            print(f"coach analyze: {message}", file=sys.stderr)
            result = {**empty(text), "error": message}
        elif not text.strip():
            result = empty(text)
        else:
            result = analyzer.analyse(text).to_json()
        if console is None:
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            console.print(render(result, analyzer, lang))
    return 0


def _shown(text: str) -> str:
    """Client or trainee text as it may reach a terminal: no control characters."""
    return "".join(c if c.isprintable() or c == " " else "\ufffd" for c in text)


def render(result: dict[str, object], analyzer, lang: str):  # noqa: ANN001
    """A reply with its techniques and violations (words highlighted), as Rich renderables."""
    from rich.console import Group
    from rich.text import Text

    en = lang == "en"
    reply = str(result["text"])
    shown = Text(_shown(reply[:300]) + ("…" if len(reply) > 300 else ""))
    rows = [Text("")]
    for kind, style in (("techniques", "bold green"), ("violations", "bold red")):
        for item in result[kind]:  # type: ignore[attr-defined]
            for m in item["matched"]:
                if m["end"] <= 300:
                    shown.stylize(style if kind == "violations" else "bold yellow", m["start"], m["end"])
            name = analyzer.name_of(item["id"], lang)
            words = "、".join(_shown(m["text"]) for m in item["matched"])
            rows.append(Text(f"  {'✗' if kind == 'violations' else '✓'} {name} ({item['id']}) "
                             f"{item['score']:.2f}  {words}", style=style))
    if len(rows) == 1:
        rows.append(Text("  no technique, no violation" if en else "  没有识别出方法或违规",
                         style="dim"))
    if result.get("asked_question"):
        rows.append(Text("  asked a question" if en else "  提了问题", style="cyan"))
    for fig in result["figures"]:  # type: ignore[attr-defined]
        mark = {True: "✓", False: "✗"}.get(fig["correct"], "·")
        rows.append(Text(f"  {mark} {fig['name']}: {_shown(str(fig['text']))}"))
    return Group(shown, *rows, Text(""))
