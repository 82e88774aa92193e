"""A role-play session: a simulated client answering a trainee, reply by reply.

The client's state is a mood (-5 furious .. 5 won over) and a patience (replies left). Each
reply moves the mood by what it did: a technique that suits the cause softens the client (the
second use counts half, later ones nothing; while the client still holds something back,
persuasion counts half), the wrong technique, a violation or ignoring an upset client's feelings
hardens them. Every reply costs one patience, a violation more.

The session ends when:
- the mood falls to the walk-out level (from the second reply on): lost;
- the trainee has offered a transfer to our other branch and the mood reaches the persona's
  threshold for it: transfer_within_firm;
- the mood reaches the persona's threshold for staying: retained;
- the trainee offers the one-week trial (not as the very first reply) and the mood is at the
  persona's threshold for it: trial;
- patience runs out: lost.

A client the trainee phones (an outbound call, `calls.py`) ends in the outreach playbook's
outcomes instead, through the same table of roles (`calls.roles`).

What the client says back comes from the persona file: a decision line when the session ends,
else the reaction to a violation, what a question drew out, the answer to the strongest
technique used for the first time (followed by a hint while the client holds something back),
the hint alone, or a line by stage and mood. In the late stage (patience nearly gone) the
client insists on leaving. Every choice among lines uses one `random.Random(seed)`, so a seed
replays the same session.

What each reply did is recorded as a `turns.Turn`; the client's figures are `client_values`.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from coach.core.content.model import Library
from coach.core.practice.analysis import Analyzer
from coach.core.practice.calls import closes, presses, roles, with_pressure
from coach.core.practice.client_values import client_values
from coach.core.practice.personas import DIFFICULTIES, MOOD_MAX, MOOD_MIN, HeldBack, Persona
from coach.core.practice.reply_analysis import ReplyAnalysis
from coach.core.practice.turns import Effect, Turn

WARMING_AT = 1.5  # from this mood the client sounds warmer, unless insisting
LATE_PATIENCE = 2  # with this much patience left the client insists on leaving
EARLY_TURNS = 2  # the first replies are the early stage


class SessionOver(Exception):
    """A reply came after the session ended."""


@dataclass(slots=True)
class _State:
    mood: float
    patience: int
    held: list[HeldBack] = field(default_factory=list)  # not yet revealed
    hinted: set[str] = field(default_factory=set)
    used: Counter[str] = field(default_factory=Counter)
    lines_said: set[str] = field(default_factory=set)
    insisted: bool = False
    transfer_offered: bool = False
    trial_offered: bool = False


class Session:
    """One role-play. `reply(text)` until `finished`; then `scoring.score(session)`."""

    def __init__(
        self,
        persona: Persona,
        library: Library,
        *,
        seed: int | None = None,
        difficulty: str | None = None,
        staff: str = "",
        lang: str = "zh",
        today: date | None = None,
    ) -> None:
        if difficulty is not None and difficulty not in DIFFICULTIES:
            raise ValueError(f"unknown difficulty {difficulty!r}; use one of {', '.join(DIFFICULTIES)}")
        self.persona = persona
        self.library = library
        self.seed = seed if seed is not None else random.Random().randrange(1 << 31)
        self.difficulty = difficulty or persona.difficulty or "normal"
        self.staff = staff
        self.lang = lang
        self._rng = random.Random(self.seed)
        self.values, self.commission = client_values(persona, library, staff=staff, today=today)
        self.analyzer = Analyzer(library, values=self.values, commission=self.commission, lang=lang)
        self.roles = roles(persona, library)

        shift = DIFFICULTIES.index(self.difficulty) - DIFFICULTIES.index(persona.difficulty or "normal")
        self.start_mood = _clamp(persona.mood - shift, MOOD_MIN + 0.5, MOOD_MAX - 0.5)
        self.start_patience = max(2, persona.patience - shift)
        self._s = _State(mood=self.start_mood, patience=self.start_patience)
        opening = self._rng.choice(persona.openings)
        if self.difficulty == "hard":
            self._s.held = list(persona.holds_back)
        elif persona.holds_back:
            # Easier levels: the client says up front what a hard one would hold back.
            opening = " ".join([opening, *(h.reveal for h in persona.holds_back)])
        self.opening = opening
        self._s.lines_said.add(opening)
        self.turns: list[Turn] = []
        self.outcome = ""
        self.ended_by = ""  # decided | walked_out | patience | stopped | no_more_replies
        self.had_held_back = bool(self._s.held)
        self._insisting = False

    # ------------------------------------------------------------ state

    @property
    def mood(self) -> float:
        return self._s.mood

    @property
    def patience(self) -> int:
        return self._s.patience

    @property
    def finished(self) -> bool:
        return bool(self.outcome)

    @property
    def holding_back(self) -> bool:
        return bool(self._s.held)

    @property
    def insisted(self) -> bool:
        return self._s.insisted

    @property
    def trial_offered(self) -> bool:
        return self._s.trial_offered

    @property
    def used(self) -> Counter[str]:
        return Counter(self._s.used)

    def stage(self) -> str:
        """early | middle | late, for the next line and for feedback."""
        if self._s.patience <= LATE_PATIENCE:
            return "late"
        if len(self.turns) < EARLY_TURNS:
            return "early"
        return "middle"

    # ------------------------------------------------------------ a reply

    def reply(self, text: str) -> Turn:
        if self.finished:
            raise SessionOver(self.outcome)
        s = self._s
        p = self.persona
        b = p.behaviour
        analysis = self.analyzer.analyse(text)
        if self.roles.closes and s.insisted and presses(p, analysis):
            analysis = with_pressure(analysis, self.library)  # asked not to be called: no more selling
        stage_before = self.stage()
        held = bool(s.held)
        mood_before = s.mood
        effects: list[Effect] = []

        for technique in analysis.techniques:
            uses = s.used[technique]
            factor = 1.0 if uses == 0 else b.repeat_factor if uses == 1 else 0.0
            if technique in p.softens and factor:
                gain = p.softens[technique] * factor * (b.guarded_factor if held else 1.0)
                effects.append(Effect("softens", technique, gain))
            if technique in p.hardens:
                effects.append(Effect("hardens", technique, -p.hardens[technique]))
        patience_cost = 1
        for violation in analysis.violations:
            effects.append(Effect("violation", violation, -p.violations.get(violation, 2.0)))
            patience_cost += b.violation_patience
        feelings = any(t in b.feelings for t in analysis.techniques)
        if s.mood < b.upset_below and not feelings:
            effects.append(Effect("ignored_feelings", "", -p.ignored_feelings))
        if not (analysis.techniques or analysis.violations or analysis.asked_question):
            effects.append(Effect("empty", "", -b.empty_reply))
        revealed = ""
        if held and (analysis.asked_question or "listen_and_clarify" in analysis.techniques):
            revealed = s.held.pop(0).reveal
            effects.append(Effect("reveal", "", b.reveal_bonus))

        gained = sum(e.delta for e in effects if e.delta > 0)
        lost = sum(e.delta for e in effects if e.delta < 0)
        s.mood = _clamp(s.mood + min(gained, b.max_gain) + lost, MOOD_MIN, MOOD_MAX)
        s.patience -= patience_cost
        first_uses = [t for t in analysis.techniques if s.used[t] == 0]
        s.used.update(analysis.techniques)
        offered_trial = any(t in self.roles.offers for t in analysis.techniques)
        s.trial_offered = s.trial_offered or offered_trial
        closed = self.roles.closes and closes(p, analysis)
        if "transfer_within_firm" in analysis.techniques:
            s.transfer_offered = True

        outcome = self._decide(offered_trial, closed)
        index = len(self.turns) + 1
        self._insisting = False
        line, kind = self._line(outcome, analysis, revealed, first_uses)
        turn = Turn(
            index=index,
            reply=text,
            analysis=analysis,
            stage=stage_before,
            held_back=held,
            revealed=revealed,
            effects=tuple(effects),
            mood_before=mood_before,
            mood=s.mood,
            patience=max(s.patience, 0),
            line=line,
            line_kind=kind,
            outcome=outcome,
            insisting=self._insisting,
        )
        self.turns.append(turn)
        if outcome:
            self.outcome = outcome
        return turn

    def play(self, replies: Iterable[str], on_turn: Callable[[Turn], None] | None = None) -> int:
        """A script, reply by reply, until the client decides; then the script has run out (a
        scripted run: `coach practice --replies`, `coach test`'s role-play). `on_turn` sees each
        turn as it is played. Returns how many replies were used."""
        used = 0
        for reply in replies:
            if self.finished:
                break
            turn = self.reply(reply)
            used += 1
            if on_turn is not None:
                on_turn(turn)
        self.stop("no_more_replies")
        return used

    def stop(self, reason: str = "stopped") -> None:
        """The trainee ends the role-play: the client leaves. A script that runs out of replies
        ends nothing: the client never decided, so the session is `unfinished`."""
        if not self.finished:
            self.outcome = "unfinished" if reason == "no_more_replies" else self.roles.gone
            self.ended_by = reason

    def _decide(self, offered_trial: bool, closed: bool = False) -> str:
        s, p, r = self._s, self.persona, self.roles
        accepts = p.accepts
        if s.mood <= p.behaviour.walk_out_at and self.turns:
            # Not on the first reply: the client came to do paperwork and hears one more out.
            self.ended_by = "walked_out"
            return r.hung_up
        if s.transfer_offered and "transfer_within_firm" in accepts and s.mood >= accepts["transfer_within_firm"]:
            self.ended_by = "decided"
            return "transfer_within_firm"
        if r.stay in accepts and s.mood >= accepts[r.stay] and not s.held:
            self.ended_by = "decided"
            return r.stay
        if offered_trial and self.turns and r.offer in accepts and s.mood >= accepts[r.offer]:
            self.ended_by = "decided"
            return r.offer
        if closed or s.patience <= 0:
            # A call closed politely, or a client out of patience; once they asked not to be
            # called again, that wish is what the call ends in.
            self.ended_by = "decided" if closed else "patience"
            return r.hung_up if s.insisted else r.gone
        return ""

    # ------------------------------------------------------------ what the client says

    def _pick(self, lines: tuple[str, ...] | list[str]) -> str:
        fresh = [line for line in lines if line not in self._s.lines_said]
        line = self._rng.choice(fresh or list(lines))
        self._s.lines_said.add(line)
        return line

    def _line(self, outcome: str, analysis: ReplyAnalysis, revealed: str,
              first_uses: list[str]) -> tuple[str, str]:
        p, s = self.persona, self._s
        if outcome:
            lines = p.decisions.get(outcome) or p.decisions.get(self.roles.gone) or ("……",)
            return self._pick(lines), "decision"
        for violation in analysis.violations:
            lines = p.on_violation.get(violation)
            if lines:
                return self._with_insistence(self._pick(lines), "violation")
        if revealed:
            return self._with_insistence(revealed, "reveal")
        hint = ""
        if s.held and s.held[0].hint not in s.hinted:
            hint = s.held[0].hint
            s.hinted.add(hint)
        answered = [t for t in first_uses if t in p.responses]
        if answered:
            strongest = max(answered, key=lambda t: max(p.softens.get(t, 0), p.hardens.get(t, 0)))
            return self._with_insistence(p.responses[strongest] + hint, "response")
        if hint:
            return self._with_insistence(hint, "hint")
        stage = self.stage()
        if stage == "late" and not self._warm_call():
            s.insisted = self._insisting = True
            return self._pick(p.objections.get("late") or p.objections.get("middle") or ("……",)), "objection"
        if s.mood >= WARMING_AT and p.warming:
            return self._pick(p.warming), "warming"
        lines = p.objections.get(stage) or p.objections.get("middle") or ("……",)
        return self._pick(lines), "objection"

    def _with_insistence(self, line: str, kind: str) -> tuple[str, str]:
        """In the late stage a client who has not decided adds that they still want to leave."""
        if self.stage() != "late" or self._warm_call():
            return line, kind
        self._s.insisted = self._insisting = True
        late = self.persona.objections.get("late")
        return (f"{line}{self._pick(late)}" if late else line), kind


    def _warm_call(self) -> bool:
        """A client on the phone who is warming up does not ask to be left alone."""
        return self.roles.closes and self._s.mood >= WARMING_AT


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))
