"""`coach practice`: role-play with simulated clients.

    coach practice [--persona ID] [--difficulty easy|normal|hard]     opens the practice screen
    coach practice --list [--json]                                    the personas (clients at the
                                                                      counter, and clients to call)
    coach practice --persona ID --replies FILE [--json] [--seed N] [--difficulty ...]
                                                                      a scripted session

A scripted session reads the trainee's replies from FILE, one per line (`-` for standard input;
blank lines are skipped), plays them against the persona and prints the scorecard: JSON with
`--json`, else a readable summary. Lines left over after the client decides are not used. The
session is written to the transcripts folder like any practice session (`--no-record` skips it).
Exit codes: 0 done, 1 the content cannot score (scoring.yaml broken), 2 bad usage (unknown
persona, unreadable file).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coach.cli.common import add_common_options, playbooks_dir, transcripts_dir
from coach.core.text import terminal_safe

if TYPE_CHECKING:
    from coach.core.content.model import Library
    from coach.core.practice.personas import Persona
    from coach.core.practice.record import PracticeRecorder

EXIT_CONTENT = 1
EXIT_USAGE = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "practice",
        help="角色扮演练习 / role-play practice",
        description="与模拟客户进行挽留练习并评分 / role-play a departing client and get a scorecard",
    )
    add_common_options(parser, sub=True)
    parser.add_argument("--persona", metavar="ID", help="客户角色编号 / persona id (see --list)")
    parser.add_argument("--list", action="store_true", help="列出客户角色 / list the personas")
    parser.add_argument(
        "--replies", metavar="FILE",
        help="学员回答文件，每行一句；- 表示标准输入 / trainee replies, one per line (- = stdin)",
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    parser.add_argument("--seed", type=int, help="随机种子，同一种子同样的对话 / random seed")
    parser.add_argument(
        "--difficulty", choices=("easy", "normal", "hard"), help="难度 / difficulty",
    )
    parser.add_argument(
        "--no-record", action="store_true",
        help="不写会话记录 / do not write a transcript",
    )
    parser.set_defaults(func=run)


def _error(message: str) -> None:
    print(terminal_safe(f"coach practice: {message}"), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", "zh")
    en = lang == "en"
    if args.json and not (args.list or args.replies):
        _error("--json 需要和 --list 或 --replies 一起用 / --json goes with --list or --replies")
        return EXIT_USAGE
    if args.replies and not args.persona:
        _error("--replies 需要指定 --persona / --replies needs --persona")
        return EXIT_USAGE
    folder = playbooks_dir(args)
    if not folder.is_dir():
        _error(f"找不到话术目录 / playbooks folder not found: {folder}")
        return EXIT_USAGE

    from coach.core.content.library import load_library
    from coach.core.practice.personas import load_for_library

    library = load_library(folder).library
    loaded = load_for_library(library)
    for problem in loaded.problems:
        if problem.is_error:
            print(f"{problem} ({'skipped' if en else '已跳过'})", file=sys.stderr)
    personas = loaded.personas

    if args.list:
        return _list(personas, lang, as_json=args.json)
    if args.persona and args.persona not in personas:
        _unknown(args.persona, personas, lang)
        return EXIT_USAGE
    if not args.replies:
        from coach.cli.app import run_practice_app

        return run_practice_app(args)
    return _scripted(args, library, personas[args.persona], lang)


def _unknown(ident: str, personas: dict[str, Persona], lang: str) -> None:
    import difflib

    close = difflib.get_close_matches(ident, list(personas), n=1, cutoff=0.5)
    if not close:
        # "poor_service" or "fan": match on a cause or a part of the id as well
        close = [p for p in personas if ident and ident in p][:1]
    known = ", ".join(personas) or "-"
    if lang == "en":
        guess = f" Did you mean '{close[0]}'?" if close else ""
        _error(f"no persona '{ident}'.{guess} Personas: {known}")
    else:
        guess = f"您是不是要找“{close[0]}”？" if close else ""
        _error(f"没有客户角色“{ident}”。{guess}可选：{known}")


def _list(personas: dict[str, Persona], lang: str, *, as_json: bool) -> int:
    if as_json:
        rows = [
            {
                "id": p.id,
                "causes": list(p.causes),
                "outreach": p.outreach or None,  # a call: the outreach playbook practised
                "difficulty": p.difficulty,
                "name": p.name.get(lang),
                "background": p.background.get(lang),
            }
            for p in personas.values()
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not personas:
        print("没有可用的客户角色。" if lang != "en" else "No personas.", file=sys.stderr)
        return 0
    width = max(len(p) for p in personas)
    levels = {"easy": ("易", "easy"), "normal": ("中", "normal"), "hard": ("难", "hard")}
    for p in personas.values():
        level = levels.get(p.difficulty, (p.difficulty, p.difficulty))[1 if lang == "en" else 0]
        causes = ",".join(p.causes) or ("call:" if lang == "en" else "电话回访:") + p.outreach
        print(terminal_safe(f"{p.id:<{width}}  {level:<6}  {causes:<32}  "
                            f"{p.name.get(lang)}：{p.background.get(lang)}", keep_newlines=False))
    return 0


def _read_replies(source: str) -> list[str] | None:
    try:
        if source == "-":
            text = sys.stdin.read()
        else:
            text = Path(source).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        _error(f"无法读取回答文件 / cannot read the replies file {source}: {reason}")
        return None
    replies = [line.strip() for line in text.splitlines() if line.strip()]
    if not replies:
        _error(f"回答文件是空的 / the replies file is empty: {source}")
        return None
    return replies


def _report_write_error(recorder: PracticeRecorder, lang: str) -> None:
    """A transcript that stopped being written is said once; the scorecard still prints."""
    error = recorder.unreported_error()
    if error is not None:
        _error(error.message(lang))


def _scripted(args: argparse.Namespace, library: Library, persona: Persona, lang: str) -> int:
    from coach.core.practice.record import PracticeRecorder
    from coach.core.practice.scorecard_text import summary_text
    from coach.core.practice.scoring import score
    from coach.core.practice.scoring_config import load_scoring
    from coach.core.practice.simulation import Session
    from coach.core.records.transcript import TranscriptError

    replies = _read_replies(args.replies)
    if replies is None:
        return EXIT_USAGE
    config, problems = load_scoring(Path(library.root), techniques=set(library.techniques) or None)
    if config is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        _error("评分表无法使用 / scoring.yaml cannot be used")
        return EXIT_CONTENT
    staff = getattr(args, "staff", "")
    session = Session(persona, library, seed=args.seed, difficulty=args.difficulty, staff=staff,
                      lang=lang)
    recorder = None
    if not args.no_record:
        try:
            recorder = PracticeRecorder.start(transcripts_dir(args), session, staff=staff)
        except TranscriptError as error:
            _error(error.message(lang))

    def recorded(turn) -> None:  # noqa: ANN001 - a simulation Turn
        if recorder is not None:
            recorder.reply(turn)
            _report_write_error(recorder, lang)

    used = session.play(replies, on_turn=recorded)
    card = score(session, config, lang=lang)
    if recorder is not None:
        recorder.finish(card)
        _report_write_error(recorder, lang)
    if args.json:
        data = card.as_dict(lang)
        data["unused_replies"] = len(replies) - used
        if recorder is not None:
            data["transcript"] = str(recorder.path)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        head = (f"{persona.name.get(lang)} ({persona.id}): {session.opening}" if lang == "en"
                else f"{persona.name.get(lang)}（{persona.id}）：{session.opening}")
        print(terminal_safe(head))  # the persona's and the trainee's words: shown, never run
        print(terminal_safe(summary_text(card, library, lang)))
    return 0
