"""Every persona played twice: with the model script (a trainee who follows the playbook must
pass and keep the client) and with a poor script (a trainee who breaks the principles must fail, with the
violation named on the scorecard). A persona the model script cannot win, or that a rude
trainee still passes, is a persona (or a scorecard) that teaches the wrong thing.

The poor script says the violations' own `phrases` from principles.yaml, one per reply, in
the catalogue's order: what `coach validate` calls a violation is what the scorecard must catch.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coach.core.content.model import Library
from coach.core.practice.personas import Persona, load_for_library
from coach.core.practice.scoring import score
from coach.core.practice.scoring_config import ScoringConfig, load_scoring
from coach.core.practice.scripts import MAX_TURNS, model_script
from coach.core.practice.simulation import Session

SEED = 0


@dataclass(frozen=True, slots=True)
class Played:
    persona: str
    script: str  # "model" | "poor"
    score: int
    passed: bool
    outcome: str
    violations: tuple[str, ...]
    turns: int

    @property
    def as_expected(self) -> bool:
        if self.script == "model":
            return self.passed and self.outcome not in ("", "lost")
        return not self.passed and bool(self.violations)

    def problem(self) -> str:
        if self.as_expected:
            return ""
        if self.script == "model":
            return (f"the model script scores {self.score} (outcome {self.outcome or 'none'}):"
                    " a trainee who follows the playbook does not pass, or loses the client")
        if self.passed:
            return f"the poor script passes with {self.score}: the scorecard misses the violations"
        return "the poor script fails but no violation is named"

    def to_json(self) -> dict[str, object]:
        return {"persona": self.persona, "script": self.script, "score": self.score,
                "passed": self.passed, "outcome": self.outcome,
                "violations": list(self.violations), "turns": self.turns,
                "ok": self.as_expected, "problem": self.problem()}


def poor_script(library: Library, turns: int = MAX_TURNS) -> list[str]:
    """One violation phrase per reply, cycling through the catalogue."""
    phrases = [v.phrases[0] for v in library.violations.values() if v.phrases]
    return [phrases[i % len(phrases)] + "。" for i in range(turns)] if phrases else []


def play(persona: Persona, library: Library, config: ScoringConfig, replies: list[str],
         script: str, *, seed: int = SEED) -> Played:
    session = Session(persona, library, seed=seed)
    session.play(replies)
    card = score(session, config)
    return Played(persona.id, script, card.score, card.passed, card.outcome,
                  tuple(card.violations), len(card.turns))


def rehearse(library: Library, *, seed: int = SEED) -> tuple[list[Played], list[str]]:
    """Both scripts for every valid persona; and why nothing could be played, if so."""
    config, problems = load_scoring(Path(library.root), techniques=set(library.techniques) or None)
    if config is None:
        return [], [str(p) for p in problems if p.is_error] or ["scoring.yaml cannot be used"]
    personas = load_for_library(library).personas
    poor = poor_script(library)
    played: list[Played] = []
    for persona in personas.values():
        model = model_script(persona, library, seed=seed)
        played.append(play(persona, library, config, model, "model", seed=seed))
        if poor:
            played.append(play(persona, library, config, poor, "poor", seed=seed))
    return played, [] if poor else ["principles.yaml lists no violation phrases: no poor script"]
