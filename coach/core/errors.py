"""The one base for errors a person reads: each carries its Chinese and English message.

    CoachError
    ├── EngineError        coach.core.visit.engine_errors (MissingPlaybookError, BrokenPlaybookError, ...)
    ├── CalcError          coach.core.visit.calc (also a ValueError: bad numbers typed)
    └── TranscriptError    coach.core.records.transcript (TranscriptCorruptError)
"""

from __future__ import annotations


class CoachError(Exception):
    """An error fit for the screen: `message(lang)` in the interface language."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh
