"""The role-play scorecard, from the weighted yes/no checks of `playbooks/scoring.yaml`.

A check that does not apply to the session (no numbers to quote, nothing held back, no need
for the trial) is left out, and the score is the weight passed out of the weight that applied,
scaled to 0-100. The scorecard also gives, for each reply, what worked, what hurt, and a model
line from the playbook the trainee could have said, plus the techniques that suit the cause
and were never used. It records the playbooks version (`Library.version`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.core.content.fields import Fields
from coach.core.content.model import OUTCOMES, Library, Pos, Text
from coach.core.content.outreach_file import OUTREACH_OUTCOMES
from coach.core.content.problems import Problem, choices_hint, has_errors
from coach.core.content.yamlpos import YList, YMap, load_yaml
from coach.core.practice.calls import opens_the_call, respected_wish
from coach.core.practice.guide import closing_line, model_line, next_technique, technique_ranks
from coach.core.practice.simulation import Session, Turn

SCORING_FILE = "scoring.yaml"
PARTS: tuple[str, ...] = ("technique", "order", "principles", "violations", "outcome")
KINDS: tuple[str, ...] = ("counter", "outbound")  # `applies_to`: clients at the counter, or called
WINS: frozenset[str] = frozenset({"retained", "trial", "transfer_within_firm", "resumed_trading",
                                  "appointment"})  # the client decided in our favour

# evidence kind -> {setting: (type, default)}
EVIDENCE: Mapping[str, Mapping[str, tuple[type, object]]] = {
    "first_reply": {"techniques": (list, ())},
    "cause_techniques": {"min": (int, 2), "min_weight": (float, 1.5)},
    "playbook_order": {"min_agreement": (float, 0.6)},
    "question_when_held_back": {},
    "commission_quote": {},
    "principles": {"min_kept": (int, 1)},
    "violations": {},
    "outcome": {"outcomes": (list, ("retained", "trial", "transfer_within_firm"))},
    "trial_offer": {},
    "call_opening": {"good_time": (tuple, ("方便", "有空", "打扰", "几分钟"))},
    "respect_wish": {},
}


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    part: str
    weight: float
    label: Text
    evidence: str
    settings: Mapping[str, Any]
    pos: Pos = field(default=Pos(""), compare=False)
    applies_to: str = ""  # "counter" | "outbound": the one kind of client it is for; "" both

    def for_persona(self, outbound: bool) -> bool:
        return not self.applies_to or self.applies_to == ("outbound" if outbound else "counter")


@dataclass(frozen=True, slots=True)
class ScoringConfig:
    version: str
    pass_mark: float
    checks: tuple[Check, ...]
    path: str = ""

    def min_weight(self) -> float:
        for check in self.checks:
            if check.evidence == "cause_techniques":
                return float(check.settings["min_weight"])
        return 0.0

    def min_suiting(self) -> int:
        for check in self.checks:
            if check.evidence == "cause_techniques":
                return int(check.settings["min"])
        return 0


def load_scoring(root: Path, *, techniques: set[str] | None = None
                 ) -> tuple[ScoringConfig | None, list[Problem]]:
    """scoring.yaml under `root`; None (with the problems) when it cannot be used."""
    path = Path(root) / SCORING_FILE
    problems: list[Problem] = []
    if not path.is_file():
        problems.append(Problem(str(path), 0, 0, "error", "missing-file",
                                "scoring.yaml is missing: practice mode cannot score",
                                "restore playbooks/scoring.yaml (see playbooks/README.md)"))
        return None, problems
    tree, found = load_yaml(path)
    problems.extend(found)
    if not isinstance(tree, YMap):
        if tree is not None or not found:
            problems.append(Problem(str(path), 1, 1, "error", "wrong-type",
                                    "scoring.yaml should be a mapping with 'checks:'",
                                    "see the comment at the top of the shipped scoring.yaml"))
        return None, problems
    top = Fields(tree, SCORING_FILE, problems)
    top.allow(("checks",), ("version", "pass_mark"))
    version = tree.get("version", 1)
    pass_mark = top.number("pass_mark", 60.0, minimum=0)
    checks: list[Check] = []
    seen: dict[str, Pos] = {}
    for _, node in top.items("checks", "check"):
        check = _check(node, problems, Fields, techniques)
        if check is None:
            continue
        if check.id in seen:
            problems.append(Problem.at(node.at("id"), "duplicate-id",
                                       f"check '{check.id}' is defined twice",
                                       f"the first one is at {seen[check.id]}"))
            continue
        seen[check.id] = check.pos
        checks.append(check)
    # Each kind of client is scored on the checks for it: their weights add up to 100.
    split = any(c.applies_to for c in checks)
    totals = {kind: sum(c.weight for c in checks if c.for_persona(kind == "outbound"))
              for kind in (KINDS if split else ("",))}
    off = [f"{total:g}" + (f" for {kind} clients" if kind else "")
           for kind, total in totals.items() if abs(total - 100) > 1e-6]
    if checks and off and not has_errors(problems):
        problems.append(Problem.at(tree.at("checks"), "weights-sum",
                                   f"the check weights add up to {' and '.join(off)}, not 100",
                                   "adjust the weights so that they add up to 100 (for each kind "
                                   "of client, counting the checks without 'applies_to')"))
    if has_errors(problems) or not checks:
        if not checks and not has_errors(problems):
            problems.append(Problem.at(tree.pos, "no-checks", "scoring.yaml has no checks",
                                       "add at least one check under 'checks:'"))
        return None, problems
    return ScoringConfig(str(version), pass_mark, tuple(checks), str(path)), problems


def _check(node: YMap, problems: list[Problem], fields_cls: type,
           techniques: set[str] | None) -> Check | None:
    ident = node.get("id") if isinstance(node.get("id"), str) else f"at line {node.pos.line}"
    what = f"check '{ident}'"
    entry: list[Problem] = []
    f = fields_cls(node, what, entry)
    evidence = f.string("evidence")
    settings_spec = EVIDENCE.get(evidence, {})
    f.allow(("id", "part", "weight", "zh", "evidence"), ("en", "applies_to", *settings_spec))
    if evidence and evidence not in EVIDENCE:
        f.error(node.at("evidence"), "unknown-evidence", f"unknown evidence '{evidence}' in {what}",
                choices_hint(evidence, EVIDENCE, what="evidence kinds"))
    part = f.string("part")
    if part and part not in PARTS:
        f.error(node.at("part"), "unknown-part", f"unknown part '{part}' in {what}",
                choices_hint(part, PARTS, what="parts"))
    weight = f.number("weight", 0.0, minimum=0)
    applies_to = f.string("applies_to")
    if applies_to and applies_to not in KINDS:
        f.error(node.at("applies_to"), "bad-value", f"'applies_to' of {what} is '{applies_to}'",
                choices_hint(applies_to, KINDS, what="kinds of client"))
    settings: dict[str, Any] = {}
    for key, (kind, default) in settings_spec.items():
        if kind is list:
            values = f.strings(key) if key in node else tuple(default)  # type: ignore[arg-type]
            known = {*OUTCOMES, *OUTREACH_OUTCOMES} if key == "outcomes" else techniques
            for i, value in enumerate(values):
                if known is not None and value not in known:
                    where = node[key].at(i) if isinstance(node.get(key), YList) else node.at(key)
                    f.error(where, "unknown-id", f"'{value}' in '{key}' of {what} is not known",
                            choices_hint(value, known, what=key))
            settings[key] = tuple(values)
        elif kind is tuple:  # phrases, not ids
            settings[key] = f.strings(key) if key in node else tuple(default)  # type: ignore[arg-type]
        elif kind is int:
            settings[key] = f.integer(key, int(default))  # type: ignore[call-overload]
        else:
            settings[key] = f.number(key, float(default), minimum=0)  # type: ignore[arg-type]
    if evidence == "playbook_order" and not 0 <= settings.get("min_agreement", 0.6) <= 1:
        f.error(node.at("min_agreement"), "bad-value", "'min_agreement' must lie between 0 and 1")
    problems.extend(entry)
    if has_errors(entry):
        return None
    return Check(
        id=f.string("id"),
        part=part,
        weight=weight,
        label=Text(f.string("zh"), f.string("en")),
        evidence=evidence,
        settings=settings,
        pos=node.pos,
        applies_to=applies_to,
    )


# ---------------------------------------------------------------- the scorecard


@dataclass(frozen=True, slots=True)
class CheckResult:
    id: str
    part: str
    weight: float
    label: Text
    applies: bool
    passed: bool
    detail: str  # the evidence, in a few words (ids and numbers)

    def as_dict(self, lang: str = "zh") -> dict[str, object]:
        return {
            "id": self.id,
            "part": self.part,
            "weight": self.weight,
            "label": self.label.get(lang),
            "applies": self.applies,
            "passed": self.passed,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class ViolationNote:
    """A violation in one reply: what it is, the trainee's own words, and the advice."""

    id: str
    name: str
    words: tuple[str, ...]
    advice: str

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "words": list(self.words), "advice": self.advice}


@dataclass(frozen=True, slots=True)
class Feedback:
    """After one reply: what worked, what hurt, and what the playbook would say next."""

    index: int
    helped: tuple[str, ...]  # techniques that softened the client
    hurt: tuple[str, ...]  # techniques wrong for this cause
    violations: tuple[str, ...]
    ignored_feelings: bool
    missed_question: bool  # the client held something back and the reply asked nothing
    wrong_figures: tuple[str, ...]  # commission figures that do not agree with the numbers
    suggestion: str  # technique id of the model line ("" when none is left)
    model_line: str
    violation_notes: tuple[ViolationNote, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "violation_notes": [n.as_dict() for n in self.violation_notes],
            "helped": list(self.helped),
            "hurt": list(self.hurt),
            "violations": list(self.violations),
            "ignored_feelings": self.ignored_feelings,
            "missed_question": self.missed_question,
            "wrong_figures": list(self.wrong_figures),
            "suggestion": self.suggestion,
            "model_line": self.model_line,
        }


@dataclass(frozen=True, slots=True)
class Scorecard:
    persona: str
    causes: tuple[str, ...]
    difficulty: str
    seed: int
    score: int
    passed: bool
    pass_mark: float
    outcome: str
    ended_by: str
    techniques: tuple[str, ...]  # every technique used, in first-use order
    violations: tuple[str, ...]  # every violation, in first-occurrence order
    violation_counts: Mapping[str, int]
    missed_techniques: tuple[str, ...]  # suit the cause, never used (strongest first)
    checks: tuple[CheckResult, ...]
    parts: Mapping[str, tuple[float, float]]  # part -> (earned, possible)
    feedback: tuple[Feedback, ...]
    turns: tuple[Turn, ...]
    opening: str
    final_mood: float
    version: str  # the playbooks version
    scoring_version: str
    outreach: str = ""  # an outbound call: the outreach playbook practised

    def part_score(self, part: str) -> int | None:
        earned, possible = self.parts.get(part, (0.0, 0.0))
        return round(100 * earned / possible) if possible else None

    def as_dict(self, lang: str = "zh") -> dict[str, object]:
        """The `coach practice --json` object (the command-line contract)."""
        return {
            "persona": self.persona,
            "causes": list(self.causes),
            "difficulty": self.difficulty,
            "seed": self.seed,
            "score": self.score,
            "passed": self.passed,
            "pass_mark": self.pass_mark,
            "outcome": self.outcome,
            "ended_by": self.ended_by,
            "techniques": list(self.techniques),
            "violations": list(self.violations),
            "violation_counts": dict(self.violation_counts),
            "missed_techniques": list(self.missed_techniques),
            "parts": {p: self.part_score(p) for p in PARTS if p in self.parts},
            "checks": [c.as_dict(lang) for c in self.checks],
            "opening": self.opening,
            "turns": [
                {**t.as_dict(), "feedback": f.as_dict()}
                for t, f in zip(self.turns, self.feedback, strict=True)
            ],
            "final_mood": round(self.final_mood, 2),
            "version": self.version,
            "scoring_version": self.scoring_version,
            **({"outreach": self.outreach} if self.outreach else {}),
        }


def score(session: Session, config: ScoringConfig, *, lang: str = "zh") -> Scorecard:
    persona, library = session.persona, session.library
    turns = tuple(session.turns)
    techniques = _ordered(t for turn in turns for t in turn.analysis.techniques)
    violations_all = [v for turn in turns for v in turn.analysis.violations]
    violations = _ordered(violations_all)
    min_weight = config.min_weight()
    suits = persona.suits(min_weight) if min_weight else tuple(persona.softens)
    missed = tuple(sorted((t for t in suits if t not in techniques),
                          key=lambda t: -persona.softens[t]))

    results = tuple(_evaluate(check, session, techniques, violations) for check in config.checks
                    if check.for_persona(persona.outbound))
    parts: dict[str, tuple[float, float]] = {}
    for r in results:
        earned, possible = parts.get(r.part, (0.0, 0.0))
        if r.applies:
            parts[r.part] = (earned + (r.weight if r.passed else 0.0), possible + r.weight)
        else:
            parts.setdefault(r.part, (earned, possible))
    earned = sum(r.weight for r in results if r.applies and r.passed)
    possible = sum(r.weight for r in results if r.applies)
    total = round(100 * earned / possible) if possible else 0
    if violations:
        # A violation committed fails the session, whatever else went well.
        total = min(total, capped_score(config.pass_mark))
    return Scorecard(
        persona=persona.id,
        causes=persona.causes,
        difficulty=session.difficulty,
        seed=session.seed,
        score=total,
        passed=total >= config.pass_mark,
        pass_mark=config.pass_mark,
        outcome=session.outcome or "lost",
        ended_by=session.ended_by or "no_more_replies",
        techniques=techniques,
        violations=violations,
        violation_counts={v: violations_all.count(v) for v in violations},
        missed_techniques=missed,
        checks=results,
        parts=parts,
        feedback=tuple(feedback_for(session, turn, lang=lang) for turn in turns),
        turns=turns,
        opening=session.opening,
        final_mood=session.mood,
        version=library.version,
        scoring_version=config.version,
        outreach=persona.outreach,
    )


def capped_score(pass_mark: float) -> int:
    """The best score a session with a violation can get: just below the pass mark."""
    return max(0, math.ceil(pass_mark) - 1)


def _evaluate(check: Check, session: Session, techniques: tuple[str, ...],
              violations: tuple[str, ...]) -> CheckResult:
    turns = session.turns
    persona = session.persona
    s = check.settings
    applies, passed, detail = True, False, ""
    kind = check.evidence
    if kind == "first_reply":
        first = turns[0].analysis.techniques if turns else ()
        hit = [t for t in first if t in s["techniques"]]
        applies = bool(turns)
        passed = bool(hit)
        detail = ",".join(hit or first)
    elif kind == "cause_techniques":
        suits = persona.suits(float(s["min_weight"]))
        used = [t for t in techniques if t in suits]
        passed = len(used) >= int(s["min"])
        detail = ",".join(used)
    elif kind == "playbook_order":
        ranks = technique_ranks(persona, session.library)
        ranked = [ranks[t] for t in techniques if t in ranks]
        pairs = [(a, b) for i, a in enumerate(ranked) for b in ranked[i + 1 :] if a != b]
        applies = len(pairs) > 0
        agree = sum(1 for a, b in pairs if a < b) / len(pairs) if pairs else 0.0
        passed = applies and agree >= float(s["min_agreement"])
        detail = f"{agree:.2f}"
    elif kind == "question_when_held_back":
        asked = [t.index for t in turns if t.held_back and t.analysis.asked_question]
        applies = session.had_held_back
        passed = bool(asked)
        detail = ",".join(map(str, asked))
    elif kind == "commission_quote":
        figures = [f for t in turns for f in t.analysis.figures if f.correct is not None]
        applies = session.commission is not None
        right = [f for f in figures if f.correct and f.kind != "rate"]
        wrong = [f for f in figures if f.correct is False]
        passed = bool(right) and not wrong
        detail = ",".join([f"✓{f.text}" for f in right] + [f"✗{f.text}" for f in wrong])
    elif kind == "principles":
        kept = _ordered(p for t in turns for p in t.analysis.principles_kept)
        broken = _ordered(p for t in turns for p in t.analysis.principles_broken)
        passed = not broken and len(kept) >= int(s["min_kept"])
        detail = ",".join(kept) + (f" / {','.join(broken)}" if broken else "")
    elif kind == "violations":
        passed = not violations
        detail = ",".join(violations)
    elif kind == "outcome":
        outcome = session.outcome or "lost"
        applies = outcome != "unfinished"  # the client never decided: nothing to judge
        passed = outcome in s["outcomes"]
        detail = outcome
    elif kind == "call_opening":
        applies = bool(turns)
        if applies:
            passed, detail = opens_the_call(turns[0].reply, session.library, s["good_time"])
    elif kind == "respect_wish":
        applies, passed, detail = respected_wish(session)
    elif kind == "trial_offer":
        applies = "trial" in persona.accepts and (
            session.insisted or (session.outcome or "lost") == "lost"
        )
        passed = session.trial_offered
        detail = "offered" if session.trial_offered else ""
    return CheckResult(check.id, check.part, check.weight, check.label, applies,
                       applies and passed, detail)


def feedback_for(session: Session, turn: Turn, *, lang: str = "zh") -> Feedback:
    """The feedback on one reply, with the model line the playbook suggests at that point."""
    persona, library = session.persona, session.library
    a = turn.analysis
    used_before = {t for prior in session.turns[: turn.index - 1] for t in prior.analysis.techniques}
    feelings = persona.behaviour.feelings
    ignored = any(e.kind == "ignored_feelings" for e in turn.effects)
    missed_question = turn.held_back and not turn.revealed
    settled = turn.outcome in WINS
    if settled and not a.violations and not ignored:
        suggestion = ""  # the client decided to stay: nothing left to say but thanks
    elif persona.outbound and any(t.insisting for t in session.turns[: turn.index]):
        suggestion = "graceful_exit"  # the client asked not to be called again: close politely
    elif missed_question:
        suggestion = "listen_and_clarify"
    elif ignored:
        suggestion = max((t for t in feelings if t in persona.softens),
                         key=lambda t: persona.softens[t], default="empathy")
    elif ((turn.stage == "late" or turn.insisting) and "trial" in persona.accepts
          and "one_week_trial" not in used_before | set(a.techniques)):
        suggestion = "one_week_trial"
    else:
        # Past the first reply, with nothing held back, listening is no longer the next step.
        skip = ("listen_and_clarify",) if turn.index > 1 and not session_holds(session, turn) else ()
        suggestion = next_technique(persona, library, used_before | set(a.techniques), skip=skip)
    line = model_line(suggestion, persona, library, session.values, lang) if suggestion else ""
    if suggestion == "graceful_exit" and persona.outbound:
        line = closing_line(persona, library, session.values, lang) or line
    return Feedback(
        index=turn.index,
        helped=tuple(e.id for e in turn.effects if e.kind == "softens"),
        hurt=tuple(e.id for e in turn.effects if e.kind == "hardens"),
        violations=a.violations,
        ignored_feelings=ignored,
        missed_question=missed_question,
        wrong_figures=tuple(f.text for f in a.figures if f.correct is False),
        suggestion=suggestion,
        model_line=line,
        violation_notes=violation_notes(library, a, lang),
    )


def violation_notes(library: Library, analysis: Any, lang: str = "zh") -> tuple[ViolationNote, ...]:
    """Each violation of a reply named, quoted and answered with its principle's advice."""
    notes = []
    for vid in analysis.violations:
        entry = library.violations.get(vid)
        words = tuple(m.text for m in analysis.matched(vid)) or (analysis.reply,)
        notes.append(ViolationNote(
            vid,
            entry.name.get(lang) if entry else vid,
            words,
            entry.advice.get(lang) if entry else "",
        ))
    return tuple(notes)


def session_holds(session: Session, turn: Turn) -> bool:
    """Whether the client still held something back after `turn`."""
    later = session.turns[turn.index :]
    return any(t.held_back for t in later) or (turn.index == len(session.turns) and session.holding_back)


def _ordered(items: Any) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return tuple(seen)


# ---------------------------------------------------------------- reading it out


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
    names = _OUTCOME_NAMES.get(outcome)
    return (names[1] if lang == "en" else names[0]) if names else outcome


def part_name(part: str, lang: str = "zh") -> str:
    names = _PART_NAMES.get(part)
    return (names[1] if lang == "en" else names[0]) if names else part
