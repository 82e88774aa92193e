"""What the walkthrough cannot do, each error with `message(lang)` for the screen.

    EngineError
    ├── MissingPlaybookError   a cause without a (valid) case file
    ├── BrokenPlaybookError    a `start`/`next` pointing at a step that does not exist
    └── InvalidMoveError       a reaction not available here, a move from a terminal step, ...

Kept apart from the engine: the counter screen catches them without the state machine.
"""

from __future__ import annotations

from coach.core.errors import CoachError


class EngineError(CoachError):
    """Something the walkthrough cannot do; `message(lang)` is fit for the screen."""


class MissingPlaybookError(EngineError):
    def __init__(self, cause: str) -> None:
        super().__init__(
            f"原因“{cause}”没有可用的话术（playbooks/cases/{cause}.yaml 缺失或有错误，请运行 coach validate）。",
            f"No playbook for cause '{cause}' (playbooks/cases/{cause}.yaml is missing or invalid; "
            "run coach validate).",
        )
        self.cause = cause


class BrokenPlaybookError(EngineError):
    pass


class InvalidMoveError(EngineError):
    pass
