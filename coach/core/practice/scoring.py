"""The role-play scorecard, from the weighted yes/no checks of `playbooks/scoring.yaml`.

A check that does not apply to the session (no numbers to quote, nothing held back, no need
for the trial) is left out, and the score is the weight passed out of the weight that applied,
scaled to 0-100. The scorecard also gives, for each reply, what worked, what hurt, and a model
line from the playbook the trainee could have said, plus the techniques that suit the cause
and were never used. It records the playbooks version (`Library.version`).

Reading scoring.yaml is `scoring_config`; the scorecard as text is `scorecard_text`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from coach.core.content.model import Library, Text
from coach.core.practice.calls import opens_the_call, respected_wish
from coach.core.practice.guide import closing_line, model_line, next_technique, technique_ranks
from coach.core.practice.scoring_config import PARTS, Check, ScoringConfig
from coach.core.practice.simulation import Session
from coach.core.practice.turns import Turn

WINS: frozenset[str] = frozenset({"retained", "trial", "transfer_within_firm", "resumed_trading",
                                  "appointment"})  # the client decided in our favour


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
        words = analysis.quoted(vid) or (analysis.reply,)
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
