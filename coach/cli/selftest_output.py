"""What `coach test` prints: the suite's figures, walks, confusion, misses, the reliability
table and the reply figures, as Rich tables and lines (Chinese unless `--lang en`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from coach.core.content.model import Cause
    from coach.core.workbench.suite import Suite

SHOWN = 10


def _console():
    from rich.console import Console

    return Console(highlight=False)


def _pct(x: float) -> str:
    return f"{x:.1%}"


def print_walk(suite: Suite, seed: int, lang: str) -> None:
    from rich.text import Text

    en = lang == "en"
    console = _console()
    assert suite.walks is not None
    for coverage in suite.walks.playbooks:
        for walk in coverage.replayed:
            mark, style = ("✓", "green") if walk.ok else ("✗", "red")
            line = Text(f"{mark} {coverage.cause} ", style=style)
            line.append(walk.path(), style="")
            line.append(f"  ⇒ {walk.outcome or ('no outcome' if en else '没有结果')}", style="bold")
            console.print(line)
            for problem in walk.problems:
                console.print(Text(f"    {problem}", style="red"))
    console.print(Text(("walk seed " if en else "走查种子 ") + str(seed), style="dim"))


def _names(suite: Suite, causes: Mapping[str, Cause], lang: str) -> dict[str, str]:
    return {c: (causes[c].name.get(lang) if c in causes else c) for c in suite.causes}


def print_suite(suite: Suite, causes: Mapping[str, Cause], lang: str, *, show_all: bool,
           problems: list) -> None:
    from rich.table import Table
    from rich.text import Text

    en = lang == "en"
    console = _console()
    names = _names(suite, causes, lang)
    title = Text("coach test  ", style="bold")
    title.append(f"{suite.root}  ({'version' if en else '版本'} {suite.version})", style="dim")
    console.print(title)
    for problem in problems[:5]:
        console.print(Text(f"  ! {problem}", style="yellow"))

    # classifier --------------------------------------------------------------
    ex = suite.examples
    console.rule(Text("classifier" if en else "分类", style="bold"))
    console.print(Text(f"{'Source' if en else '数据'}: {suite.source}"))
    console.print(Text(
        f"{'statements' if en else '句数'} {ex.total}   top-1 {_pct(ex.top1_accuracy)}   "
        f"top-3 {_pct(ex.top3_accuracy)}   {'all causes found' if en else '多原因全部命中'} "
        f"{_pct(ex.all_causes / ex.total if ex.total else 0)}", style="bold"))
    if len(ex.tags) > 1:
        tags = Table(title="by tag" if en else "按标签", box=None, title_justify="left")
        tags.add_column("tag" if en else "标签")
        tags.add_column("n", justify="right")
        tags.add_column("top-1", justify="right")
        for tag, score in sorted(ex.tags.items()):
            tags.add_row(Text(tag), str(score.total), _pct(score.accuracy))
        console.print(tags)
    cv = suite.crossval
    if cv is None:
        _confusion(console, suite.causes, names, ex.confusion, en)
        if ex.misses:
            console.print(Text("misses" if en else "判错", style="bold"))
            for miss in ex.misses[: None if show_all else SHOWN]:
                console.print(Text(f"  ✗ {miss.text}  {list(miss.expected)} → {list(miss.got)}"))
    else:
        line = Text(f"{'cross-validated' if en else '交叉验证'} ({cv.folds} {'folds' if en else '折'}, "
                    f"{cv.total} {'statements' if en else '句'}): ", style="bold")
        line.append(_pct(cv.accuracy), style="bold green" if cv.accuracy >= suite.min_crossval else "bold red")
        change = suite.change() or {}
        if "crossval" in change:
            line.append(_delta(change["crossval"]["delta"]))
        console.print(line)
        per = Table(box=None, title="by cause" if en else "按原因", title_justify="left")
        per.add_column("#", justify="right", style="dim")
        per.add_column("cause" if en else "原因")
        per.add_column("n", justify="right")
        per.add_column("precision" if en else "准确率", justify="right")
        per.add_column("recall" if en else "召回率", justify="right")
        per.add_column("Δ recall" if en else "召回变化", justify="right")
        moved = change.get("recall", {})
        for i, (cause, p) in enumerate(cv.per_cause(suite.causes).items(), 1):
            per.add_row(str(i), Text(names[cause]), str(p.support), _pct(p.precision),
                        _pct(p.recall), _delta(moved[cause]["delta"]) if cause in moved else Text(""))
        console.print(per)
        _confusion(console, suite.causes, names, cv.confusion(), en)
        _judged(console, "misses" if en else "判错", cv.misses(), names, show_all, "red")
        _judged(console, "near misses (right by a hair)" if en else "险些判错（差距很小）",
                cv.near_misses(), names, show_all, "yellow")
        if change:
            _print_change(console, change, en)
    console.rule(Text("reply analysis" if en else "回复分析", style="bold"))
    if suite.replies is None:
        console.print(Text("not available yet (no reply model)" if en else "暂无（还没有回复模型）", style="dim"))
    else:
        print_reply_figures(suite.replies, lang)

    # walks --------------------------------------------------------------------
    if suite.walks is not None:
        console.rule(Text("walks" if en else "走查", style="bold"))
        s, sn, r, rn = suite.walks.totals()
        console.print(Text(f"{'steps' if en else '步骤覆盖'} {s}/{sn}   {'reactions' if en else '反应覆盖'} {r}/{rn}"
                           f"   {'seed' if en else '种子'} {suite.walks.base_seed}", style="bold"))
        table = Table(box=None)
        for head, just in (("playbook" if en else "话术", "left"), ("walks" if en else "走查", "right"),
                           ("steps" if en else "步骤", "right"), ("reactions" if en else "反应", "right"),
                           ("outcomes" if en else "结果", "left"), ("", "left")):
            table.add_column(head, justify=just)  # type: ignore[arg-type]
        for c in suite.walks.playbooks:
            status = Text("✓", style="green") if c.ok else Text("✗", style="red")
            table.add_row(Text(names.get(c.cause, c.cause)), str(c.walks),
                          f"{len(c.steps_taken)}/{len(c.steps)}",
                          f"{len(c.reactions_taken)}/{len(c.reactions)}",
                          Text(" ".join(f"{k} {v}" for k, v in c.outcomes.items())), status)
        console.print(table)
        for c in suite.walks.playbooks:
            missed = [f"{st}.{re}" for st, re in c.reactions if (st, re) not in c.reactions_taken]
            if missed:
                console.print(Text(f"  {c.cause}: {'never taken' if en else '没走到'}: {', '.join(missed)}",
                                   style="yellow"))
            for step in c.unreachable:
                console.print(Text(f"  ✗ {c.cause}: {'unreachable step' if en else '走不到的步骤'} '{step}'",
                                   style="red"))
            for w in c.failures:
                console.print(Text(f"  ✗ {c.cause} {'seed' if en else '种子'} {w.seed}: {w.path()}", style="red"))
                for problem in w.problems:
                    console.print(Text(f"      {problem}", style="red"))
                console.print(Text(f"      {'replay' if en else '重走'}: coach test --walk {w.seed}", style="dim"))

    # personas -----------------------------------------------------------------
    console.rule(Text("personas" if en else "角色扮演", style="bold"))
    for note in suite.roleplay_notes:
        console.print(Text(f"  ! {note}", style="yellow"))
    if suite.roleplay:
        table = Table(box=None)
        table.add_column("persona" if en else "客户")
        table.add_column("model script" if en else "示范回复", justify="right")
        table.add_column("poor script" if en else "糟糕回复", justify="right")
        table.add_column("violations named" if en else "点出的违规")
        rows: dict[str, dict[str, object]] = {}
        for p in suite.roleplay:
            rows.setdefault(p.persona, {})[p.script] = p
        for persona, scripts in rows.items():
            model, poor = scripts.get("model"), scripts.get("poor")
            table.add_row(Text(persona), _played(model, en), _played(poor, en),
                          Text(", ".join(poor.violations) if poor else ""))  # type: ignore[union-attr]
        console.print(table)
        for p in suite.roleplay:
            if not p.as_expected:
                console.print(Text(f"  ✗ {p.persona}: {p.problem()}", style="red"))

    # replay -------------------------------------------------------------------
    if suite.replay is not None:
        console.rule(Text("sample transcripts" if en else "样例记录回放", style="bold"))
        replay = suite.replay
        console.print(Text(
            f"{'transcripts replayed' if en else '回放样例记录'} {replay['sessions']}, "
            f"{'statements' if en else '语句'} {replay['statements']}, "
            f"{'differences' if en else '差异'} {len(replay['failures'])}", style="bold"))
        for failure in replay["failures"]:
            console.print(Text(f"  ✗ {failure}", style="red"))

    console.rule()
    failures = suite.failures()
    if failures:
        console.print(Text(("FAILED" if en else "未通过") + f" ({len(failures)})", style="bold red"))
        for failure in failures[:SHOWN]:
            console.print(Text(f"  {failure}", style="red"))
    else:
        console.print(Text("passed" if en else "全部通过", style="bold green"))


def _played(p, en: bool):
    from rich.text import Text

    if p is None:
        return Text("")
    ok = p.as_expected
    word = ("pass" if p.passed else "fail") if en else ("通过" if p.passed else "未通过")
    return Text(f"{p.score} {word}", style="green" if ok else "bold red")


def _delta(delta: float):
    from rich.text import Text

    if abs(delta) < 1e-4:
        return Text("  ±0", style="dim")
    return Text(f"  {delta * 100:+.1f}", style="green" if delta > 0 else "red")


def _confusion(console, causes, names, confusion, en: bool) -> None:
    """Rows: the labelled cause (numbered, named); columns: the cause given, by number."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, title="confusion (rows: labelled, columns: classified as #)" if en
                  else "混淆表（行：标注的原因；列：判定为第几号原因）", title_justify="left")
    table.add_column("#", justify="right", style="dim")
    table.add_column("labelled" if en else "标注")
    for i, _ in enumerate(causes, 1):
        table.add_column(str(i), justify="right")
    for i, expected in enumerate(causes, 1):
        cells = []
        for got in causes:
            n = confusion.get((expected, got), 0)
            style = "" if not n else ("green" if got == expected else "red")
            cells.append(Text(str(n) if n else "·", style=style or "dim"))
        table.add_row(str(i), Text(names.get(expected, expected)), *cells)
    console.print(table)


def _judged(console, title: str, items, names, show_all: bool, style: str) -> None:
    from rich.text import Text

    if not items:
        return
    console.print(Text(f"{title}: {len(items)}", style="bold"))
    for j in items[: None if show_all else SHOWN]:
        line = Text(f"  {j.text}", style="")
        line.append(f"  {names.get(j.expected[0], j.expected[0])} → {names.get(j.got, j.got)}",
                    style=style)
        if j.got == j.expected[0]:
            line.append(f" (vs {names.get(j.runner_up, j.runner_up)}, {j.margin:.2f})", style="dim")
        console.print(line, soft_wrap=True)
    if not show_all and len(items) > SHOWN:
        console.print(Text(f"  … +{len(items) - SHOWN} (--misses)", style="dim"))


def _print_change(console, change: dict, en: bool) -> None:
    from rich.text import Text

    head = Text("since the previous run" if en else "与上次相比", style="bold")
    if change.get("same_content"):
        head.append("  (same content)" if en else "（内容未变）", style="dim")
    console.print(head)
    for key, label in (("newly_missed", "newly missed" if en else "新判错"),
                       ("newly_right", "newly right" if en else "新判对")):
        items = change.get(key) or []
        if items:
            console.print(Text(f"  {label}: {len(items)}", style="red" if key == "newly_missed" else "green"))
            for text in items[:SHOWN]:
                console.print(Text(f"    {text}"))


def print_calibration(report, lang: str) -> None:
    """The reliability table: of the statements shown with a confidence in a bucket, how many
    were right; and the expected calibration error (0 is perfect)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    en = lang == "en"
    source = report.source
    if source == "cross-validation" and not en:
        source = "交叉验证"
    table = Table(
        title=(f"reliability ({source}, {report.total} statements)" if en
               else f"置信度可靠性（{source}，{report.total} 句）"),
        box=None,
    )
    table.add_column("confidence" if en else "置信度区间")
    table.add_column("n", justify="right")
    table.add_column("mean confidence" if en else "平均置信度", justify="right")
    table.add_column("accuracy" if en else "实际准确率", justify="right")
    for b in report.buckets:
        table.add_row(f"{b.low:.1f}–{b.high:.1f}", str(b.count), f"{b.confidence:.1%}",
                      f"{b.accuracy:.1%}")
    console = Console(highlight=False)
    console.print(table)
    console.print(Text(f"ECE {report.ece:.3f}", style="bold"))


def print_reply_figures(figures: dict, lang: str) -> None:
    """The reply figures: violations flagged, false alarms, micro F1, then per label."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    en = lang == "en"
    console = Console(highlight=False)
    console.print(Text(("Replies: " if en else "学员回答：") + str(figures["source"]), style="bold"))
    t, v = figures["techniques"], figures["violations"]
    console.print(Text(
        f"{'replies' if en else '条数'} {figures['replies']}   "
        f"{'violating flagged' if en else '违规被识别'} {figures['violating_flagged']:.1%} "
        f"({figures['violating']})   "
        f"{'clean falsely flagged' if en else '无违规被误判'} {figures['clean_falsely_flagged']:.1%} "
        f"({figures['clean']})\n"
        f"{'violations' if en else '违规'} P {v['precision']:.3f} R {v['recall']:.3f} "
        f"F1 {v['f1']:.3f}   "
        f"{'techniques' if en else '方法'} P {t['precision']:.3f} R {t['recall']:.3f} F1 {t['f1']:.3f}"
    ))
    table = Table(box=None)
    for col in ("label", "P", "R", "F1", "n"):
        table.add_column(col, justify="left" if col == "label" else "right")
    for label, c in figures["labels"].items():
        table.add_row(Text(label), f"{c['precision']:.2f}", f"{c['recall']:.2f}", f"{c['f1']:.2f}",
                      str(c["tp"] + c["fn"]))
    console.print(table)
