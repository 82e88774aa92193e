"""Counter mode, the client's words: classified as they are typed (in a worker, the latest
keystroke winning), then confirmed as a cause, or as an answer to the step's question, or kept
with the playbook under way when they hold no new reason.

A mixin of `CounterScreen` (coach.tui.screens.counter), which holds the widgets, the notices
and the guard around every move; the message handlers stay there, where Textual finds them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from coach.core.records.masking import mask
from coach.tui.i18n import t
from coach.tui.widgets.suggestions import CauseSuggestions

if TYPE_CHECKING:
    from coach.core.understand.classifier import Classification, Classifier


class StatementMixin:
    """Typing, classifying and confirming the statement in the input."""

    def _classify_in_background(self) -> None:
        """While typing: classify in a worker thread so a slow statement (or a slow content
        pattern) never freezes the keys; the latest keystroke wins, stale answers are dropped."""
        self._timer = None
        text = self.statement_input.value
        if self.classifier is None or self.library is None or not text.strip():
            self._classify()
            return
        if self.result is not None and self.result.text == text:
            self.query_one(CauseSuggestions).show(self.result, self.library.causes)
            return
        self._classify_worker(self.classifier, text)

    @work(thread=True, exclusive=True, group="classify")
    def _classify_worker(self, classifier: Classifier, text: str) -> None:
        result = classifier.classify(text)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._classified, result)

    def _classified(self, result: Classification) -> None:
        if result.text != self.statement_input.value or self.library is None:
            return  # a newer keystroke is on its way: this answer is stale
        self.result = result
        self.query_one(CauseSuggestions).show(result, self.library.causes)

    def _classify(self) -> Classification | None:
        """Classify the input as it stands and show the candidates."""
        self._timer = None
        text = self.statement_input.value
        suggestions = self.query_one(CauseSuggestions)
        if self.classifier is None or self.library is None or not text.strip():
            self.result = None
            suggestions.show(None, {})
            return None
        if self.result is None or self.result.text != text:
            self.result = self.classifier.classify(text)
        suggestions.show(self.result, self.library.causes)
        return self.result

    def action_second_cause(self) -> None:
        self._take_candidate(1)

    def _take_candidate(self, rank: int) -> None:
        if self.library is None or self.session is None:
            self._tell(t("msg.loading", self.lang))
            return
        if self.classifier is None:
            self.action_pick_cause()
            return
        result = self._classify()
        if result is None:
            self._tell(t("msg.no_session", self.lang))
            return
        cause = self.query_one(CauseSuggestions).candidate(rank)
        if cause is None:
            self._tell(t("msg.no_second", self.lang))
            return
        session = self._session()
        if rank == 0 and session.walkthrough is not None and session.answers_step(result):
            # no cause in it, and it answers the step's question: the playbook goes on
            self._tell(t("msg.answers_step", self.lang, name=self._cause_name(session.walkthrough.cause)))
            self._confirm(result, session.walkthrough.cause, answers=True)
            return
        if rank == 0 and session.keeps_playbook(result):
            name = self._cause_name(session.walkthrough.cause)
            self._tell(t("msg.no_new_cause", self.lang, name=name))
            self._confirm(result, session.walkthrough.cause, kept=True)
            return
        self._confirm(result, cause, override="second" if rank else "")

    def _confirm(self, result: Classification, cause: str, *, override: str = "", answers: bool = False,
                 kept: bool = False) -> None:
        session = self._session()
        first = session.walkthrough is None
        current = session.walkthrough.cause if session.walkthrough else ""
        # the log stays on screen for the whole visit: numbers that identify the client are
        # starred there as in the transcript, whatever the staff member typed
        self.log_view.add("client", t("log.client", self.lang), mask(result.text))
        score = next((c.score for c in result.ranking if c.id == cause), 0.0)
        if answers:
            detail = t("log.answers_step", self.lang, cause=self._cause_name(cause))
        elif kept:
            detail = t("log.no_new_cause", self.lang, cause=self._cause_name(cause))
        elif override and cause != result.leading:
            detail = t("log.override", self.lang, cause=self._cause_name(cause), said=self._cause_name(result.leading))
        else:
            detail = f"{self._cause_name(cause)} ({score * 100:.0f}%)"
        self.log_view.add("cause", t("log.cause", self.lang), detail)
        if answers:
            moved = self._guard(lambda: session.answer(result))
        else:
            moved = self._guard(lambda: session.confirm(result, cause, override=override))
        self.calculators.take(result)
        self.statement_input.value = ""
        self.result = None
        self.query_one(CauseSuggestions).show(None, {})
        if moved is None:
            return
        self.switching = False
        if moved.switched_from:
            self._log_switch(moved.switched_from, cause)
        elif not first and cause == current:
            self._show_step(arrived=False)  # what the client added may answer the step's question
            self._focus_input()
            return
        walkthrough = session.walkthrough
        if first and walkthrough is not None and walkthrough.queued:
            names = "、".join(self._cause_name(c) for c in walkthrough.queued)
            self.log_view.add("cause", "", t("suggest.queued", self.lang, name=names))
        self._after_move(moved)
