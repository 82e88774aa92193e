"""Role-play practice: simulated clients, honest feedback per reply, a scorecard.

    personas        Persona dataclasses, `load_personas`
    cues            denial-aware fuzzy phrase matching
    numbers         commission figures quoted in a reply, checked against the client's numbers
    analysis        `Analyzer.analyse(reply) -> ReplyAnalysis`
    reply_analysis  `ReplyAnalysis`: what one reply did, as data
    model_lines     the playbook's model lines a reply holds
    questions       `asked_question(reply)`
    client_values   a simulated client's template values and commission
    simulation      `Session`: the client's mood, patience, lines and decision, under one seed
    turns           `Turn`: one reply as it played out; `mood_band`
    guide           the case file's technique order and model lines
    scoring_config  `load_scoring`: scoring.yaml's weighted checks
    scoring         `score(session, config) -> Scorecard`, the feedback per reply
    scorecard_text  `summary_text`: the scorecard as lines to read
    scripts         `model_reply` / `model_script`: what a trainee following the playbook says
    validation      `validate_personas`, `check_folder`: what `coach validate` adds for practice
    record          `PracticeRecorder`: the session as a transcript (mode "practice")
    history         `past_scores(folder, staff)`: a trainee's progress

No module here imports textual or rich.
"""

from __future__ import annotations

import importlib
from typing import Any

# Names are imported on first use, so that `coach analyze` pays only for the analysis module.
_WHERE = {
    "Analyzer": "coach.core.practice.analysis",
    "DIFFICULTIES": "coach.core.practice.personas",
    "PastScore": "coach.core.practice.history",
    "Persona": "coach.core.practice.personas",
    "PersonaSet": "coach.core.practice.personas",
    "PracticeRecorder": "coach.core.practice.record",
    "ReplyAnalysis": "coach.core.practice.reply_analysis",
    "Scorecard": "coach.core.practice.scoring",
    "ScoringConfig": "coach.core.practice.scoring_config",
    "Session": "coach.core.practice.simulation",
    "SessionOver": "coach.core.practice.simulation",
    "Turn": "coach.core.practice.turns",
    "asked_question": "coach.core.practice.questions",
    "load_for_library": "coach.core.practice.personas",
    "load_personas": "coach.core.practice.personas",
    "load_scoring": "coach.core.practice.scoring_config",
    "model_reply": "coach.core.practice.scripts",
    "model_script": "coach.core.practice.scripts",
    "mood_band": "coach.core.practice.turns",
    "past_scores": "coach.core.practice.history",
    "progress": "coach.core.practice.history",
    "score": "coach.core.practice.scoring",
    "summary_text": "coach.core.practice.scorecard_text",
    "validate_personas": "coach.core.practice.validation",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "DIFFICULTIES",
    "Analyzer",
    "PastScore",
    "Persona",
    "PersonaSet",
    "PracticeRecorder",
    "ReplyAnalysis",
    "Scorecard",
    "ScoringConfig",
    "Session",
    "SessionOver",
    "Turn",
    "asked_question",
    "load_for_library",
    "load_personas",
    "load_scoring",
    "model_reply",
    "model_script",
    "mood_band",
    "past_scores",
    "progress",
    "score",
    "summary_text",
    "validate_personas",
]
