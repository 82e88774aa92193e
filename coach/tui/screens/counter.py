"""Counter mode: the one screen a staff member keeps open while a client is at the counter.

Type what the client says; the likeliest causes appear as you type; Enter confirms the first
(F2 the second) and the playbook panel shows what to say. The input keeps the focus: whatever is
typed is the client's words. The client's reaction is recorded in reaction mode only (Tab on an
empty input, shown on the list's border), one digit per reaction, and the focus then returns to
the input; so digits in a statement, a stray Enter or a `?` are never taken as actions. The calculators open inline; the outcome closes the session and a fresh
one begins. Everything shown from a client or a YAML file is `rich.text.Text`, never markup.

The screen displays; `CounterSession` (walkthrough + transcript) decides and records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from coach.core.records.transcript import TranscriptError
from coach.core.visit.counter import CounterSession, Moved, NoWalkthroughError
from coach.core.visit.engine_errors import EngineError
from coach.core.visit.reactions import ANOTHER_CAUSE
from coach.tui.i18n import colon, t
from coach.tui.screens.help import HelpScreen
from coach.tui.screens.outcome import CausePickerScreen, OutcomeScreen
from coach.tui.widgets.calculator_dock import CalculatorDock
from coach.tui.widgets.calculators import CalculatorForm
from coach.tui.widgets.conversation import ConversationLog
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.playbook_panel import PlaybookPanel
from coach.tui.widgets.reactions import ReactionList
from coach.tui.widgets.side_panel import SidePanel
from coach.tui.widgets.step_view import cause_name, step_view
from coach.tui.widgets.suggestions import CauseSuggestions

if TYPE_CHECKING:
    from coach.core.content.model import Library
    from coach.core.content.problems import Problem
    from coach.core.understand.classifier import Classification, Classifier

# (key as shown, label key): the help overlay lists all; the key bar the first ones.
KEYS: tuple[tuple[str, str], ...] = (
    ("F1", "key.help"),
    ("Enter", "key.confirm"),
    ("F2", "key.second"),
    ("Tab", "key.reaction_mode"),
    ("1-9", "key.reactions"),
    ("Ctrl+B", "key.back"),
    ("F3", "key.commission"),
    ("F4", "key.bundle"),
    ("F5", "key.pick"),
    ("F6", "key.side"),
    ("F9", "key.finish"),
    ("Ctrl+U", "key.clear"),
    ("Esc", "key.escape"),
    ("Ctrl+Q", "key.quit"),
)
BAR_KEYS: tuple[tuple[str, str], ...] = (
    ("F1", "footer.help"),
    ("F2", "footer.second"),
    ("F3", "footer.commission"),
    ("F4", "footer.bundle"),
    ("F5", "footer.pick"),
    ("F9", "footer.finish"),
    ("^B", "footer.back"),
    ("^Q", "footer.quit"),
)
T = TypeVar("T")
MAX_PROBLEM_LINES = 12
# Reactions that are not the client's but the staff member's next move at a terminal step.
OFFER, FINISH = "offer", "finish"


@dataclass(frozen=True, slots=True)
class Loaded:
    """What the app hands over once the playbooks are read (in a worker, off the first frame)."""

    library: Library | None
    problems: tuple[Problem, ...]
    classifier: Classifier | None
    error: str = ""  # set when nothing could be loaded at all


class CounterScreen(Screen[None]):
    """Log, playbook panel, suggestions and the input on the left; reminders on the right."""

    DEBOUNCE = 0.15  # seconds of quiet typing before classifying; tests set 0

    BINDINGS = [
        Binding("f1", "help", show=False),
        Binding("tab", "reaction_mode", show=False),
        Binding("f2", "second_cause", show=False),
        Binding("f3", "calculator('commission')", show=False),
        Binding("f4", "calculator('bundle')", show=False),
        Binding("f5", "pick_cause", show=False),
        Binding("f6", "toggle_side", show=False),
        Binding("f9", "finish", show=False),
        Binding("ctrl+b,backspace", "back", show=False),
        Binding("escape", "escape", show=False),
    ]

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    def __init__(self, *, lang: str = "zh", staff: str = "", transcripts: Path) -> None:
        super().__init__(id="counter")
        self.lang = lang
        self.staff = staff
        self.transcripts = Path(transcripts)
        self.library: Library | None = None
        self.classifier: Classifier | None = None
        self.session: CounterSession | None = None
        self.result: Classification | None = None  # classification of the input as it stands
        self.switching = False  # the client raised another cause: the next statement switches
        self._timer: Timer | None = None
        self._notice_timer: Timer | None = None
        self.notice = ""  # the last notice shown (what a test or a screen reader reads)
        self.composed = False  # set once mounted: the app hands over the playbooks after that
        self.loaded: Loaded | None = None
        self.calculators = CalculatorDock(self, host="#left", before="#suggestions", lang=lang)

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(self._status_text(), id="status")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                log = ConversationLog(lang=self.lang, id="log")
                log.border_title = t("log.title", self.lang)
                yield log
                panel = PlaybookPanel(lang=self.lang, id="panel")
                panel.border_title = t("panel.title", self.lang)
                yield panel
                suggestions = CauseSuggestions(lang=self.lang, id="suggestions")
                suggestions.border_title = t("suggest.title", self.lang)
                yield suggestions
                yield Input(placeholder=t("input.waiting", self.lang), id="statement")
            yield SidePanel(lang=self.lang, id="side")
        with Vertical(id="footer"):
            yield Static("", id="notice", markup=False)
            yield KeyBar(BAR_KEYS, lang=self.lang, id="keys")

    def on_mount(self) -> None:
        self.query_one(PlaybookPanel).show(None)
        self.query_one("#statement", Input).focus()
        self.composed = True
        loaded = getattr(self.app, "loaded", None)
        if loaded is not None:
            self.set_library(loaded)  # the playbooks were read before this screen was ready

    def _status_text(self) -> Text:
        parts = [t("app.title", self.lang), t("mode.counter", self.lang)]
        parts.append(
            t("status.staff", self.lang, staff=self.staff) if self.staff else t("status.no_staff", self.lang)
        )
        if self.library is None:
            parts.append(t("status.loading", self.lang))
        else:
            parts.append(t("status.ready", self.lang, version=self.library.version))
        if self.session is not None and self.session.path is not None:
            parts.append(t("status.session", self.lang, name=self.session.path.stem))
        return Text(" · ".join(parts))

    def _refresh_status(self) -> None:
        self.query_one("#status", Static).update(self._status_text())

    @property
    def log_view(self) -> ConversationLog:
        return self.query_one("#log", ConversationLog)

    @property
    def statement_input(self) -> Input:
        return self.query_one("#statement", Input)

    @property
    def reactions(self) -> ReactionList:
        return self.query_one("#reactions", ReactionList)

    # ------------------------------------------------------------ loading

    def set_library(self, loaded: Loaded) -> None:
        """Called by the app once the worker has read the playbooks (once only)."""
        if self.loaded is not None:
            return
        self.loaded = loaded
        self.library = loaded.library
        self.classifier = loaded.classifier
        if loaded.error:
            self.log_view.add("problem", t("log.problem", self.lang), t("load.failed", self.lang, error=loaded.error))
            self._tell(t("load.failed", self.lang, error=loaded.error), severity="error", timeout=10)
        self._show_problems(loaded.problems)
        if self.lang == "en" and self.library is not None:
            # The content has no English: say so plainly rather than mix languages unannounced.
            self.log_view.add("problem", "", t("load.content_zh", self.lang))
        if self.library is not None and self.classifier is None:
            self.log_view.add("problem", t("log.problem", self.lang), t("load.no_causes", self.lang))
        self.statement_input.placeholder = t("input.placeholder", self.lang)
        self._refresh_status()
        self._refresh_side("")
        if self.statement_input.value.strip():
            self._classify()
        self.new_session()

    def _show_problems(self, problems: tuple[Problem, ...]) -> None:
        if not problems:
            return
        ordered = sorted(problems, key=lambda p: (not p.is_error, p.sort_key()))
        for problem in ordered[:MAX_PROBLEM_LINES]:
            self.log_view.add("problem", t("log.problem", self.lang), str(problem))
        if len(ordered) > MAX_PROBLEM_LINES:
            self.log_view.add("problem", "", f"… +{len(ordered) - MAX_PROBLEM_LINES}")
        errors = [p for p in ordered if p.is_error]
        message = t("load.problems", self.lang, n=len(ordered))
        if errors:
            message += "\n" + str(errors[0])
        self._tell(message, severity="error" if errors else "warning", timeout=10)

    def new_session(self) -> None:
        """A fresh client: new walkthrough, new transcript (opened at its first event)."""
        if self.library is None:
            return
        if self.session is not None:
            self.session.close()
        self.session = CounterSession(self.library, folder=self.transcripts, staff=self.staff)
        self.switching = False
        self.calculators.reset()
        self.query_one(PlaybookPanel).show(None)
        self._refresh_side("")
        self._refresh_status()

    # ------------------------------------------------------------ typing and classifying

    @on(Input.Changed, "#statement")
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.DEBOUNCE <= 0:
            self._classify()
        else:
            self._timer = self.set_timer(self.DEBOUNCE, self._classify_in_background)

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

    @on(Input.Submitted, "#statement")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            # A stray Enter (after a calculation, say) must not move the visit on: only say how.
            if self.session is not None and self.session.walkthrough is not None:
                self._tell(t("msg.empty_enter", self.lang))
            return
        self._take_candidate(0)

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
        self.log_view.add("client", t("log.client", self.lang), result.text)
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

    # ------------------------------------------------------------ the playbook

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

    @on(ReactionList.ModeChanged, "#reactions")
    def _reaction_mode_changed(self, event: ReactionList.ModeChanged) -> None:
        event.stop()
        key = "panel.reactions_on" if event.on else "panel.reactions"
        self.reactions.border_title = t(key, self.lang)
        self.statement_input.border_title = "" if event.on else t("input.title", self.lang)

    def on_key(self, event: events.Key) -> None:
        """A printable key that reached the screen (focus on the log, the side panel...) is the
        start of the client's words: it goes to the input, never lost."""
        if event.is_printable and event.character and not isinstance(self.focused, Input):
            event.stop()
            event.prevent_default()
            box = self.statement_input
            box.focus()
            box.insert_text_at_cursor(event.character)

    @on(ReactionList.Chosen, "#reactions")
    def _reaction(self, event: ReactionList.Chosen) -> None:
        event.stop()
        session = self._session()
        reaction = event.reaction
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

    @on(ReactionList.TypingStarted, "#reactions")
    def _typing(self, event: ReactionList.TypingStarted) -> None:
        event.stop()
        box = self.statement_input
        box.focus()
        box.insert_text_at_cursor(event.text)

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

    # ------------------------------------------------------------ calculators

    def action_calculator(self, kind: str) -> None:
        self._open_calculator(kind)

    def _open_calculator(self, kind: str) -> None:
        if self.library is None:
            self._tell(t("msg.loading", self.lang))
            return
        self.calculators.open(kind, self.library.firm)

    @on(CalculatorForm.Computed)
    def _computed(self, event: CalculatorForm.Computed) -> None:
        event.stop()
        values = event.result.values()
        self.log_view.add("calculator", t("log.calculator", self.lang), event.sentence)
        session = self._session()
        self._guard(lambda: session.calculated(event.kind, event.inputs, values, event.sentence))
        if session.walkthrough is not None:
            self._show_step(arrived=False)

    @on(CalculatorForm.Closed)
    def _calculator_closed(self, event: CalculatorForm.Closed) -> None:
        event.stop()
        self.calculators.close()
        self._focus_input()

    # ------------------------------------------------------------ finishing

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

    # ------------------------------------------------------------ misc keys

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(KEYS, lang=self.lang))

    def action_toggle_side(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("-show-side")
        else:
            self.toggle_class("-hide-side")

    def action_escape(self) -> None:
        """Back out of whatever is open; never clears the words typed (Ctrl+U does that)."""
        if self.calculators.is_open:
            self.calculators.close()
        elif self.switching:
            self.switching = False
        self._focus_input()

    # ------------------------------------------------------------ helpers

    def _session(self) -> CounterSession:
        if self.session is None:
            self.new_session()
        assert self.session is not None
        return self.session

    NOTICE_SECONDS = 6.0

    def _tell(self, message: str, *, severity: SeverityLevel = "information", timeout: float | None = None) -> None:
        """A notice in its own line above the key bar (never markup: it may hold a path or a
        client's words). Not a toast: a toast laid over the panels lost wide characters where
        it crossed a panel's edge ("已记录：挽留成功。    话开始。")."""
        style = {"error": "bold white on red", "warning": "bold black on yellow"}.get(severity, "bold")
        notice = self.query_one("#notice", Static)
        notice.update(Text(message, style=style))
        notice.display = True
        self.notice = message
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = self.set_timer(timeout or self.NOTICE_SECONDS, self._clear_notice)

    def _clear_notice(self) -> None:
        self._notice_timer = None
        self.query_one("#notice", Static).display = False

    def _cause_name(self, cause: str) -> str:
        return cause_name(self.library, cause, self.lang)

    def _refresh_side(self, technique: str) -> None:
        if self.library is None:
            return
        self.query_one(SidePanel).show(self.library.principles, self.library.firm, technique)

    def _guard(self, move: Callable[[], T]) -> T | None:
        """Run a move; an engine or transcript error becomes a message, never a traceback.
        A transcript that stopped being written is reported once; the coaching goes on."""
        try:
            result = move()
        except EngineError as error:
            self._problem(error.message(self.lang))
            return None
        except TranscriptError as error:
            self._problem(t("log.transcript_error", self.lang, error=error.message(self.lang)))
            return None
        except NoWalkthroughError:
            self._problem(t("msg.no_session", self.lang))
            return None
        unwritten = self.session.unreported_error() if self.session else None
        if unwritten is not None:
            self._problem(t("log.transcript_error", self.lang, error=unwritten.message(self.lang)))
        return result

    def _problem(self, message: str) -> None:
        self.log_view.add("problem", t("log.problem", self.lang), message)
        self._tell(message, severity="error")
