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
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from coach.core.records.transcript import TranscriptError
from coach.core.visit.counter import CounterSession, NoWalkthroughError
from coach.core.visit.engine_errors import EngineError
from coach.tui.i18n import t
from coach.tui.screens.counter_statement import StatementMixin
from coach.tui.screens.counter_visit import VisitMixin
from coach.tui.screens.help import HelpScreen
from coach.tui.widgets.calculator_dock import CalculatorDock
from coach.tui.widgets.calculators import CalculatorForm
from coach.tui.widgets.conversation import ConversationLog
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.playbook_panel import PlaybookPanel
from coach.tui.widgets.reactions import ReactionList
from coach.tui.widgets.side_panel import SidePanel
from coach.tui.widgets.step_view import cause_name
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


@dataclass(frozen=True, slots=True)
class Loaded:
    """What the app hands over once the playbooks are read (in a worker, off the first frame)."""

    library: Library | None
    problems: tuple[Problem, ...]
    classifier: Classifier | None
    error: str = ""  # set when nothing could be loaded at all


class CounterScreen(StatementMixin, VisitMixin, Screen[None]):
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

    # ------------------------------------------------------------ keys and lists (acted on by the mixins)

    @on(Input.Changed, "#statement")
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.DEBOUNCE <= 0:
            self._classify()
        else:
            self._timer = self.set_timer(self.DEBOUNCE, self._classify_in_background)

    @on(Input.Submitted, "#statement")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            # A stray Enter (after a calculation, say) must not move the visit on: only say how.
            if self.session is not None and self.session.walkthrough is not None:
                self._tell(t("msg.empty_enter", self.lang))
            return
        self._take_candidate(0)

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
        self.react(event.reaction)

    @on(ReactionList.TypingStarted, "#reactions")
    def _typing(self, event: ReactionList.TypingStarted) -> None:
        event.stop()
        box = self.statement_input
        box.focus()
        box.insert_text_at_cursor(event.text)

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
