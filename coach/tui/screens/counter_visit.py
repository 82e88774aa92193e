"""Counter mode, the visit: the playbook's steps on the panel, the client's reactions, going
back, picking another cause, and the outcome that ends the visit.

A mixin of `CounterScreen` (coach.tui.screens.counter), which holds the widgets, the notices
and the guard around every move; the message handlers stay there, where Textual finds them.
"""

from __future__ import annotations

from coach.core.visit.counter import Moved
from coach.core.visit.reactions import ANOTHER_CAUSE
from coach.tui.i18n import colon, t
from coach.tui.screens.outcome import CausePickerScreen, OutcomeScreen
from coach.tui.widgets.calculators import CalculatorForm
from coach.tui.widgets.playbook_panel import PlaybookPanel
from coach.tui.widgets.step_view import step_view

# Reactions that are not the client's but the staff member's next move at a terminal step.
OFFER, FINISH = "offer", "finish"


class VisitMixin:
    """The walkthrough as the staff member sees and moves it."""

    def _after_move(self, moved: Moved) -> None:
        if moved.trial_end is not None:
            self.log_view.add("trial", t("log.trial", self.lang), t("log.trial_detail", self.lang, end=moved.trial_end.isoformat()))
        self._show_step(arrived=True)

    def _show_step(self, *, arrived: bool) -> None:
        """Show the current step; on arrival also log it and open what the step asks for
        (its calculator, or the outcome modal at the end)."""
        session = self._session()
        walkthrough = session.walkthrough
        panel = self.query_one(PlaybookPanel)
        if walkthrough is None:
            panel.show(None)
            return
        step = walkthrough.step
        library = self.library
        assert library is not None
        technique = library.techniques.get(step.technique)
        technique_name = technique.name.get(self.lang) if technique else step.technique
        number = 1 + sum(1 for r in walkthrough.history if r.cause == walkthrough.cause and r.reaction and not r.to_cause)
        if step.terminal:
            reactions = self._terminal_choices()
        else:
            reactions = tuple((c.id, c.title) for c in walkthrough.choices(self.lang))
        view = step_view(
            walkthrough,
            library,
            self.lang,
            number=number,
            reactions=reactions,
            queue=tuple(self._cause_name(c) for c in walkthrough.queued),
        )
        panel.show(view)
        self._refresh_side(step.technique)
        self._refresh_status()
        if not arrived:
            return
        self.log_view.add("step", t("log.step", self.lang), t("log.step_detail", self.lang, technique=technique_name, n=number))
        if step.calculator in ("commission", "bundle") and step.calculator not in session.calculated_with:
            self._open_calculator(step.calculator)
        elif step.terminal and walkthrough.offer is None:
            self.action_finish()
        else:
            self._focus_input()

    def _terminal_choices(self) -> tuple[tuple[str, str], ...]:
        walkthrough = self._session().walkthrough
        assert walkthrough is not None
        choices: list[tuple[str, str]] = []
        offer = walkthrough.offer
        if offer is not None:
            choices.append((OFFER, t("panel.offer", self.lang, name=self._cause_name(offer.cause))))
        outcome = t(f"outcome.{walkthrough.outcome}", self.lang)
        choices.append((FINISH, f"{t('outcome.title', self.lang)}{colon(self.lang)}{outcome}"))
        return tuple(choices)

    def _focus_input(self) -> None:
        """Where the focus rests between moves: typed keys are always the client's words."""
        self.statement_input.focus()

    def action_reaction_mode(self) -> None:
        """Tab: in a calculator, the next field; else into the reactions (only from an empty
        input: words being typed are never turned into reactions) and back out."""
        focused = self.focused
        if focused is not None and any(isinstance(a, CalculatorForm) for a in focused.ancestors):
            self.focus_next()
            return
        if self.reactions.has_focus:
            self._focus_input()
            return
        if not (self.reactions.display and self.reactions.option_count):
            self._tell(t("msg.no_reactions", self.lang))
            return
        if self.statement_input.value.strip():
            self._tell(t("msg.input_not_empty", self.lang))
            return
        self.reactions.focus()

    def react(self, reaction: str) -> None:
        """A reaction chosen in the list (a digit in reaction mode): the walkthrough moves on,
        switches cause, or the visit ends."""
        session = self._session()
        if reaction == FINISH:
            self.action_finish()
            return
        if reaction == OFFER:
            taken = self._guard(session.take_offer)
            if taken is not None:
                offer, moved = taken
                self._log_switch(moved.switched_from, offer.cause)
                self._after_move(moved)
            return
        view = self.query_one(PlaybookPanel).view
        label = dict(view.reactions).get(reaction, reaction) if view else reaction
        if reaction == ANOTHER_CAUSE:
            self.log_view.add("reaction", t("log.reaction", self.lang), label)
            self.switching = True
            self.log_view.add("switch", t("log.switch", self.lang), t("panel.another_cause", self.lang))
            self.statement_input.focus()
            return
        moved = self._guard(lambda: session.react(reaction))
        self._focus_input()  # one digit, one reaction: the next key is the client's words again
        if moved is not None:
            self.log_view.add("reaction", t("log.reaction", self.lang), label)
            self._after_move(moved)

    def _log_switch(self, from_cause: str, to_cause: str) -> None:
        self.log_view.add("switch", t("log.switch", self.lang), f"{self._cause_name(from_cause)} → {self._cause_name(to_cause)}")

    def action_back(self) -> None:
        session = self.session
        if session is None or session.walkthrough is None:
            self._tell(t("msg.no_session", self.lang))
            return
        step = self._guard(session.back)
        if step is None:
            self._tell(t("msg.no_back", self.lang))
            return
        self.switching = False
        technique = self.library.techniques.get(step.technique) if self.library else None
        name = technique.name.get(self.lang) if technique else self._cause_name(session.walkthrough.cause)
        self.log_view.add("back", t("log.back", self.lang), t("log.back_detail", self.lang, cause=self._cause_name(session.walkthrough.cause), technique=name))
        self._show_step(arrived=False)

    def action_pick_cause(self) -> None:
        if self.library is None:
            self._tell(t("msg.loading", self.lang))
            return
        causes = [
            (cause, self._cause_name(cause))
            for cause in self.library.causes
            if cause in self.library.playbooks
        ] or [(cause, self._cause_name(cause)) for cause in self.library.playbooks]
        walkthrough = self.session.walkthrough if self.session else None
        highlight = (walkthrough.suggested_switch or "") if walkthrough else ""
        self.app.push_screen(CausePickerScreen(causes, highlight=highlight, lang=self.lang), self._picked)

    def _picked(self, cause: str | None) -> None:
        if cause is None:
            return
        session = self._session()
        if self.classifier is not None and self.statement_input.value.strip():
            # The client's words are in the input: they are recorded with the classifier's
            # answer and the staff member's override, never dropped.
            result = self._classify()
            if result is not None:
                self._confirm(result, cause, override="pick")
                return
        self.log_view.add("cause", t("log.cause", self.lang), self._cause_name(cause))
        if session.walkthrough is None:
            moved = self._guard(lambda: session.start(cause))
        elif cause == session.walkthrough.cause:
            self._focus_input()
            return
        else:
            moved = self._guard(lambda: session.switch(cause))
            if moved is not None:
                self._log_switch(moved.switched_from, cause)
        if moved is not None:
            self.switching = False
            self._after_move(moved)

    def action_finish(self) -> None:
        session = self.session
        if session is None or session.walkthrough is None:
            self._tell(t("msg.no_session", self.lang))
            return
        outcome = session.walkthrough.outcome or ""
        trial = session.trial_recorded is not None
        self.app.push_screen(OutcomeScreen(outcome, lang=self.lang, trial=trial), self._finished)

    def _finished(self, chosen: tuple[str, str, str] | None) -> None:
        if chosen is None:
            self._focus_input()
            return
        outcome, note, client = chosen
        session = self._session()
        data = self._guard(lambda: session.finish(outcome, note, client=client))
        if data is None:
            return
        label = t(f"outcome.{outcome}", self.lang)
        self._tell(t("outcome.saved", self.lang, outcome=label))
        self.log_view.clear()
        self.log_view.add("outcome", "", t("log.new_session", self.lang, outcome=label))
        self.new_session()
        self.statement_input.focus()

    @property
    def visit_open(self) -> bool:
        """A client is being served: a cause was confirmed and no outcome recorded yet."""
        session = self.session
        return session is not None and session.walkthrough is not None and not session.finished

    def leave_unfinished(self, reason: str) -> None:
        """The app closes mid-visit: the transcript says the visit ended without an outcome."""
        session = self.session
        if session is not None and self.visit_open:
            self._guard(lambda: session.unfinished(reason))
            session.close()
