"""The scorecard read out: the lines `coach practice` prints, and the names and legend the
practice screen shows beside it, in Chinese or English."""

from __future__ import annotations

from collections.abc import Mapping

from coach.core.content.model import Library
from coach.core.practice.scoring import Scorecard
from coach.core.practice.scoring_config import PARTS


def summary_text(card: Scorecard, library: Library, lang: str = "zh") -> str:
    """The scorecard as a few readable lines (what `coach practice` prints without --json)."""
    def tname(t: str) -> str:
        entry = library.techniques.get(t)
        return entry.name.get(lang) if entry else t

    def vname(v: str) -> str:
        entry = library.violations.get(v)
        return entry.name.get(lang) if entry else v

    en = lang == "en"
    outcome = _OUTCOME_NAMES[card.outcome][1 if en else 0]
    lines: list[str] = []
    if en:
        lines.append(f"Score {card.score}/100 ({'pass' if card.passed else 'below the pass mark'}"
                     f" {card.pass_mark:g}); outcome: {outcome}")
    else:
        lines.append(f"得分 {card.score}/100（{'合格' if card.passed else '未达合格线'} {card.pass_mark:g}）；"
                     f"结果：{outcome}")
    if card.turns:
        lines.append(last_words(card, lang))
    if card.violations:
        lines.append("A violation was committed: the session cannot pass." if en
                     else "出现违规：本次练习不能合格。")
    parts = "  ".join(
        f"{_PART_NAMES[p][1 if en else 0]} {v}" for p in PARTS
        if (v := card.part_score(p)) is not None
    )
    lines.append(parts)
    sep = ", " if en else "、"
    none = "none" if en else "无"
    lines.append(("Techniques used: " if en else "用到的方法：")
                 + (sep.join(tname(t) for t in card.techniques) or none))
    lines.append(("Violations: " if en else "违规：")
                 + (sep.join(f"{vname(v)}×{card.violation_counts[v]}" for v in card.violations) or none))
    if card.missed_techniques:
        lines.append(("Could also have used: " if en else "还可以用：")
                     + sep.join(tname(t) for t in card.missed_techniques))
    lines.append("")
    lines.append(LEGEND[1 if en else 0])
    for check in card.checks:
        mark = "✓" if check.passed else ("✗" if check.applies else "-")
        lines.append(f"  {mark} {check.label.get(lang)}")
    lines.append("")
    for turn, fb in zip(card.turns, card.feedback, strict=True):
        lines.append(f"[{turn.index}] {turn.reply}")
        lines.append(("    client: " if en else "    客户：") + turn.line)
        notes = []
        if fb.helped:
            notes.append(("worked: " if en else "有效：") + sep.join(tname(t) for t in fb.helped))
        for note in fb.violation_notes:
            quoted = sep.join(f"“{w}”" for w in note.words)
            notes.append(("violation: " if en else "违规：") + f"{note.name} {quoted}")
        if fb.ignored_feelings:
            notes.append("ignored the client's feelings" if en else "没有先照顾客户的情绪")
        if fb.missed_question:
            notes.append("the client held something back: ask" if en else "客户有所保留，应该先问清楚")
        if fb.wrong_figures:
            notes.append(("figures off: " if en else "数字不对：") + sep.join(fb.wrong_figures))
        if notes:
            lines.append("    " + "；".join(notes) if not en else "    " + "; ".join(notes))
        for note in fb.violation_notes:
            if note.advice:
                lines.append(("    instead: " if en else "    应该：") + note.advice)
        if fb.model_line:
            lines.append(("    could say: " if en else "    可以这样说：") + fb.model_line)
    return "\n".join(lines)


_OUTCOME_NAMES: Mapping[str, tuple[str, str]] = {
    "retained": ("挽留成功", "retained"),
    "trial": ("一周体验", "one-week trial"),
    "transfer_within_firm": ("司内转移", "transfer within the firm"),
    "lost": ("客户流失", "lost"),
    "resumed_trading": ("恢复交易", "resumed trading"),
    "appointment": ("约好时间", "appointment made"),
    "declined": ("客户婉拒", "declined"),
    "do_not_contact": ("客户不希望再被联系", "asked not to be contacted"),
    "unfinished": ("未完成（回答用完，客户还没有决定）", "unfinished (replies ran out before the client decided)"),
}
LEGEND = (
    "✓ 做到  ✗ 未做到  - 不适用（本次对话中没有出现这种情况，不计分）",
    "✓ done  ✗ not done  - not applicable (the situation did not arise; not scored)",
)


def last_words(card: Scorecard, lang: str = "zh") -> str:
    """The client's last line, shown with the scorecard so it is not lost when the chat goes."""
    if not card.turns:
        return ""
    return ("The client's last words: " if lang == "en" else "客户最后说：") + card.turns[-1].line


_PART_NAMES: Mapping[str, tuple[str, str]] = {
    "technique": ("方法", "technique"),
    "order": ("顺序", "order"),
    "principles": ("原则", "principles"),
    "violations": ("违规", "violations"),
    "outcome": ("结果", "outcome"),
}


def outcome_name(outcome: str, lang: str = "zh") -> str:
    return _named(_OUTCOME_NAMES, outcome, lang)


def part_name(part: str, lang: str = "zh") -> str:
    return _named(_PART_NAMES, part, lang)


def _named(names: Mapping[str, tuple[str, str]], key: str, lang: str) -> str:
    """`key`'s (Chinese, English) name in `lang`; an unknown key stands for itself."""
    pair = names.get(key)
    return (pair[1] if lang == "en" else pair[0]) if pair else key
