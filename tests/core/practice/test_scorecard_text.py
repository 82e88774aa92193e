"""The scorecard read out, in Chinese and in English."""

from __future__ import annotations

from coach.core.content.model import Library
from coach.core.practice.personas import Persona
from coach.core.practice.scorecard_text import summary_text
from coach.core.practice.scoring import score
from coach.core.practice.scoring_config import ScoringConfig
from coach.core.practice.simulation import Session


def test_summary_text_is_chinese_and_english(library: Library, personas: dict[str, Persona],
                                             config: ScoringConfig, poor_script: list[str]) -> None:
    session = Session(personas["poor_service_fan"], library, seed=1)
    session.play(poor_script)
    card = score(session, config)
    zh = summary_text(card, library)
    assert "得分" in zh and "贬低同行" in zh and "可以这样说" in zh
    en = summary_text(card, library, "en")
    assert "Score" in en and "Disparaging a competitor" in en
