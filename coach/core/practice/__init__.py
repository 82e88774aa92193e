"""Role-play practice: simulated clients, honest feedback per reply, a scorecard.

    personas    Persona dataclasses, `load_personas`
    cues        denial-aware fuzzy phrase matching
    numbers     commission figures quoted in a reply, checked against the client's numbers
    analysis    `Analyzer.analyse(reply) -> ReplyAnalysis`
    simulation  `Session`: the client's mood, patience, lines and decision, under one seed
    guide       the case file's technique order and model lines
    scoring     `load_scoring`, `score(session, config) -> Scorecard`, `summary_text`
    scripts     `model_reply` / `model_script`: what a trainee following the playbook says
    validation  `validate_personas`, `check_folder`: what `coach validate` adds for practice
    record      `PracticeRecorder`: the session as a transcript (mode "practice")
    history     `past_scores(folder, staff)`: a trainee's progress

No module here imports textual or rich.
"""

from __future__ import annotations

from coach.core.practice.analysis import Analyzer, ReplyAnalysis, asked_question
from coach.core.practice.history import PastScore, past_scores, progress
from coach.core.practice.personas import (
    DIFFICULTIES,
    Persona,
    PersonaSet,
    load_for_library,
    load_personas,
)
from coach.core.practice.record import PracticeRecorder
from coach.core.practice.scoring import (
    Scorecard,
    ScoringConfig,
    load_scoring,
    score,
    summary_text,
)
from coach.core.practice.scripts import model_reply, model_script
from coach.core.practice.simulation import Session, SessionOver, Turn, mood_band
from coach.core.practice.validation import validate_personas

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
