"""Practice mode: role-play with a simulated client, feedback per reply, a scorecard.

Pick a client (or come in with one from `coach practice --persona ID`), type what you would
say, and the client answers from the persona file; the mood meter moves with every reply and
the feedback panel says what worked, what hurt, and a line from the playbook you could have
said. F2 hides the feedback (exam mode: it is all on the scorecard at the end). The session is
written as a practice transcript; the trainee's past scores come from those transcripts.

The screen displays and routes keys; `coach.core.practice` decides everything. Persona lines,
replies and model lines are shown as `rich.text.Text`, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, OptionList, Static

from coach.core.practice.history import PastScore, past_scores
from coach.core.practice.personas import DIFFICULTIES, Persona, load_for_library
from coach.core.practice.record import PracticeRecorder
from coach.core.practice.scorecard_text import outcome_name
from coach.core.practice.scoring import Feedback, Scorecard, feedback_for, score
from coach.core.practice.scoring_config import ScoringConfig, load_scoring
from coach.core.practice.scripts import model_reply
from coach.core.practice.simulation import Session
from coach.core.records.transcript import TranscriptError
from coach.tui.widgets.mood_meter import MoodMeter
from coach.tui.widgets.practice_chat import PracticeChat
from coach.tui.widgets.practice_feedback import feedback_text, hint_text, persona_text
from coach.tui.widgets.practice_picker import PersonaPicker
from coach.tui.widgets.practice_scorecard import (
    render_history,
    render_scorecard,
)
from coach.tui.widgets.practice_strings import s

if TYPE_CHECKING:
    from coach.core.content.model import Library
    from coach.core.content.problems import Problem

PICKER, CHAT, CARD = "practice-picker-view", "practice-chat-view", "practice-card-view"
_LEVELS: tuple[str | None, ...] = (None, *DIFFICULTIES)


class PracticeScreen(Screen[None]):
    """Picker, chat and scorecard views in one screen, switched as the session goes."""

    DEFAULT_CSS = """
    PracticeScreen #practice-status { dock: top; height: 1; background: $primary; padding: 0 1; }
    PracticeScreen #practice-keys { dock: bottom; height: 1; background: $panel; padding: 0 1; }
    PracticeScreen #practice-switcher { height: 1fr; }
    PracticeScreen #practice-picker-title { height: auto; padding: 0 1; text-style: bold; }
    PracticeScreen #practice-picker-hint { height: auto; padding: 0 1; color: $text-muted; }
    PracticeScreen #practice-picker { height: 1fr; border: round $panel-lighten-2; }
    PracticeScreen #practice-left { width: 1fr; }
    PracticeScreen #practice-side { width: 36; border: round $secondary; padding: 0 1; }
    PracticeScreen.-narrow #practice-side { display: none; }
    PracticeScreen #practice-chat { height: 1fr; min-height: 4; border: round $panel-lighten-2; padding: 0 1; }
    PracticeScreen .chat-client { color: $text; }
    PracticeScreen .chat-trainee { color: $accent; }
    PracticeScreen .chat-info { color: $text-muted; }
    PracticeScreen .chat-outcome { color: $success; text-style: bold; }
    PracticeScreen #practice-feedback { height: auto; max-height: 8; border: round $secondary; padding: 0 1; }
    PracticeScreen #practice-feedback.-off { color: $text-muted; }
    PracticeScreen #practice-mood { height: 1; padding: 0 1; }
    PracticeScreen #practice-card { height: 1fr; border: round $success; padding: 0 1; }
    PracticeScreen #practice-card-next { height: auto; padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("f1", "help", show=False),
        Binding("f2", "toggle_feedback", show=False),
        Binding("f3", "hint", show=False),
        Binding("f9", "finish", show=False),
        Binding("escape", "escape", show=False),
        Binding("d", "cycle_difficulty", show=False),
        Binding("n", "new_client", show=False),
        Binding("r", "again", show=False),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(
        self,
        library: Library,
        persona_id: str | None = None,
        difficulty: str | None = None,
        *,
        lang: str = "zh",
        staff: str = "",
        transcripts: Path = Path("transcripts"),
        seed: int | None = None,
        persona: str | None = None,
        problems: Sequence[Problem] = (),
    ) -> None:
        super().__init__(id="practice")
        self.library = library
        self.requested = persona_id or persona
        self.difficulty = difficulty if difficulty in DIFFICULTIES else None
        self.lang = "en" if lang == "en" else "zh"
        self.staff = staff
        self.transcripts = Path(transcripts)
        self.seed = seed
        self.library_problems = tuple(problems)
        loaded = load_for_library(library)
        self.personas: dict[str, Persona] = dict(loaded.personas)
        self.persona_problems = tuple(loaded.problems)
        self.config: ScoringConfig | None
        self.config, self.scoring_problems = load_scoring(
            Path(library.root), techniques=set(library.techniques) or None
        )
        self.session: Session | None = None
        self.recorder: PracticeRecorder | None = None
        self.card: Scorecard | None = None
        self.feedback_on = True
        self.last_feedback: Feedback | None = None
        self.history: list[PastScore] = []
        self.view = PICKER

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(self._status(), id="practice-status", markup=False)
        with ContentSwitcher(initial=PICKER, id="practice-switcher"):
            with Vertical(id=PICKER):
                yield Static(Text(s("picker.title", self.lang)), id="practice-picker-title", markup=False)
                yield Static(self._picker_hint(), id="practice-picker-hint", markup=False)
                yield PersonaPicker(id="practice-picker")
            with Horizontal(id=CHAT):
                with Vertical(id="practice-left"):
                    chat = PracticeChat(id="practice-chat")
                    chat.border_title = s("chat.title", self.lang)
                    yield chat
                    feedback = Static("", id="practice-feedback", markup=False)
                    feedback.border_title = s("feedback.title", self.lang)
                    yield feedback
                    yield MoodMeter(lang=self.lang, id="practice-mood")
                    yield Input(placeholder=s("reply.placeholder", self.lang), id="practice-reply")
                with VerticalScroll(id="practice-side"):
                    yield Static("", id="practice-persona", markup=False)
                    yield Static("", id="practice-history", markup=False)
            with Vertical(id=CARD):
                with VerticalScroll(id="practice-card"):
                    yield Static("", id="practice-card-body", markup=False)
                    yield Static("", id="practice-card-history", markup=False)
                yield Static(Text(s("card.next", self.lang)), id="practice-card-next", markup=False)
        yield Static(self._keys(), id="practice-keys", markup=False)

    def on_mount(self) -> None:
        cause_names = {c.id: c.name.get(self.lang) for c in self.library.causes.values()}
        cause_names.update({o.id: o.title.get(self.lang) for o in self.library.outreach.values()})
        picker = self.query_one(PersonaPicker)
        picker.fill(self.personas, self.lang, cause_names)
        errors = [p for p in self.persona_problems if p.is_error]
        if errors:
            self.notify(s("error.personas", self.lang, n=len(errors)) + "\n" + str(errors[0]),
                        severity="warning", timeout=10, markup=False)
        if self.config is None:
            self.notify(s("error.scoring", self.lang), severity="error", timeout=10, markup=False)
        if not self.personas:
            self.query_one("#practice-picker-hint", Static).update(Text(s("picker.empty", self.lang)))
        self.load_history()
        if self.requested:
            if self.requested in self.personas:
                self.start(self.requested)
                return
            self.notify(s("error.persona", self.lang, id=self.requested), severity="warning", markup=False)
        self._switch(PICKER)

    # ------------------------------------------------------------ small views

    def _status(self) -> Text:
        parts = [s("title", self.lang)]
        parts.append(s("staff", self.lang, staff=self.staff) if self.staff else s("no_staff", self.lang))
        if self.session is not None:
            p = self.session.persona
            parts.append(f"{p.name.get(self.lang)} ({p.id})")
            parts.append(f"{s('difficulty', self.lang)} {s('level.' + self.session.difficulty, self.lang)}")
        parts.append(self.library.version)
        return Text(" · ".join(parts), no_wrap=True, overflow="ellipsis")

    def _keys(self) -> Text:
        if self.view == PICKER:
            keys = (("Enter", "key.start"), ("D", "key.difficulty"), ("F1", "key.help"), ("^Q", "key.quit"))
        elif self.view == CHAT:
            keys = (("Enter", "key.send"), ("F2", "key.feedback"), ("F3", "key.hint"),
                    ("F9", "key.finish"), ("F1", "key.help"), ("^Q", "key.quit"))
        else:
            keys = (("F1", "key.help"), ("^Q", "key.quit"))
        text = Text(no_wrap=True, overflow="ellipsis")
        for i, (key, label) in enumerate(keys):
            if i:
                text.append(" ")
            text.append(f" {key} ", style="reverse bold")
            text.append(" " + s(label, self.lang))
        return text

    def _picker_hint(self) -> Text:
        level = s(f"level.{self.difficulty}", self.lang) if self.difficulty else s("level.own", self.lang)
        return Text(s("picker.hint", self.lang, level=level))

    def _switch(self, view: str) -> None:
        self.view = view
        self.query_one(ContentSwitcher).current = view
        self.query_one("#practice-status", Static).update(self._status())
        self.query_one("#practice-keys", Static).update(self._keys())
        if view == PICKER:
            self.query_one(PersonaPicker).focus()
        elif view == CHAT:
            self.reply_input.focus()
        else:
            self.query_one("#practice-card", VerticalScroll).focus()
        self.refresh_bindings()

    @property
    def chat(self) -> PracticeChat:
        return self.query_one(PracticeChat)

    @property
    def reply_input(self) -> Input:
        return self.query_one("#practice-reply", Input)

    @property
    def mood_meter(self) -> MoodMeter:
        return self.query_one(MoodMeter)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys act only in the view they belong to."""
        if action == "cycle_difficulty":
            return self.view == PICKER
        if action in ("new_client", "again"):
            return self.view == CARD
        if action in ("hint", "finish", "toggle_feedback"):
            return self.view == CHAT
        return True

    # ------------------------------------------------------------ a session

    def start(self, persona_id: str) -> None:
        """A fresh role-play with `persona_id`: opening line, mood, transcript."""
        if self.recorder is not None:
            self.recorder.close()
            self.recorder = None
        persona = self.personas[persona_id]
        self.session = Session(persona, self.library, seed=self.seed, difficulty=self.difficulty,
                               staff=self.staff, lang=self.lang)
        self.card = None
        self.last_feedback = None
        try:
            self.recorder = PracticeRecorder.start(self.transcripts, self.session, staff=self.staff)
        except TranscriptError as error:
            self.notify(s("error.transcript", self.lang, error=error.message(self.lang)),
                        severity="warning", timeout=8, markup=False)
        chat = self.chat
        chat.clear()
        name = persona.name.get(self.lang)
        chat.add("info", "", s("chat.call" if persona.outbound else "chat.start", self.lang, name=name,
                               background=persona.background.get(self.lang)))
        chat.add("client", name, self.session.opening)
        self.mood_meter.show(self.session.mood, self.session.patience)
        self._show_feedback()
        self.query_one("#practice-persona", Static).update(persona_text(persona, self.lang))
        self.reply_input.value = ""
        self.reply_input.disabled = False
        self._switch(CHAT)

    @on(OptionList.OptionSelected, "#practice-picker")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.start(event.option.id)

    @on(Input.Submitted, "#practice-reply")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text or self.session is None or self.session.finished:
            return
        self.send(text)

    def send(self, text: str) -> None:
        """One trainee reply: the client answers, the mood moves, feedback appears."""
        session = self.session
        assert session is not None
        self.reply_input.value = ""
        self.chat.add("trainee", s("chat.you", self.lang), text)
        turn = session.reply(text)
        if self.recorder is not None:
            self.recorder.reply(turn)
            error = self.recorder.unreported_error()
            if error is not None:
                self._lose_recorder(error)
        self.chat.add("client", session.persona.name.get(self.lang), turn.line)
        self.mood_meter.show(session.mood, session.patience)
        self.last_feedback = feedback_for(session, turn, lang=self.lang)
        self._show_feedback()
        if session.finished:
            self._end()

    def _lose_recorder(self, error: TranscriptError) -> None:
        self.notify(s("error.transcript", self.lang, error=error.message(self.lang)),
                    severity="warning", timeout=8, markup=False)
        if self.recorder is not None:
            self.recorder.close()
        self.recorder = None

    def _end(self) -> None:
        """Score the session, record it, and show the scorecard."""
        session = self.session
        assert session is not None
        session.stop("stopped")
        self.chat.add("outcome", "", s("chat.ended", self.lang, outcome=outcome_name(session.outcome, self.lang)))
        self.reply_input.disabled = True
        if self.config is None:
            self.notify(s("error.scoring", self.lang), severity="error", markup=False)
            return
        self.card = score(session, self.config, lang=self.lang)
        if self.recorder is not None:
            self.recorder.finish(self.card)
            error = self.recorder.unreported_error() if self.recorder else None
            if error is not None:
                self._lose_recorder(error)
            self.recorder = None
        self.query_one("#practice-card-body", Static).update(
            render_scorecard(self.card, self.library, self.lang)
        )
        self._switch(CARD)
        self.load_history()

    # ------------------------------------------------------------ feedback

    def _show_feedback(self, extra: Text | None = None) -> None:
        panel = self.query_one("#practice-feedback", Static)
        panel.set_class(not self.feedback_on, "-off")
        if not self.feedback_on:
            panel.update(Text(s("feedback.off", self.lang)))
            return
        text = feedback_text(self.last_feedback, self.library, self.lang)
        if extra is not None:
            if text.plain:
                text.append("\n")
            text.append_text(extra)
        panel.update(text)
        panel.display = bool(text.plain)

    def action_toggle_feedback(self) -> None:
        self.feedback_on = not self.feedback_on
        self.query_one("#practice-feedback", Static).display = True
        self._show_feedback()

    def action_hint(self) -> None:
        if self.session is None or self.session.finished or not self.feedback_on:
            if not self.feedback_on:
                self.notify(s("feedback.off", self.lang), markup=False)
            return
        self._show_feedback(hint_text(model_reply(self.session), self.lang))

    # ------------------------------------------------------------ keys

    def action_finish(self) -> None:
        if self.session is not None and not self.session.finished:
            self.session.stop("stopped")
            self._end()

    def action_escape(self) -> None:
        if self.view == CHAT and self.reply_input.value:
            self.reply_input.value = ""
        elif self.view == CARD:
            self._switch(PICKER)

    def action_new_client(self) -> None:
        self._switch(PICKER)

    def action_again(self) -> None:
        if self.session is not None:
            self.start(self.session.persona.id)

    def action_cycle_difficulty(self) -> None:
        self.difficulty = _LEVELS[(_LEVELS.index(self.difficulty) + 1) % len(_LEVELS)]
        self.query_one("#practice-picker-hint", Static).update(self._picker_hint())

    def action_help(self) -> None:
        self.notify(s("help.text", self.lang), title=s("key.help", self.lang), timeout=12, markup=False)

    # ------------------------------------------------------------ past scores

    @work(thread=True, exclusive=True, group="practice-history")
    def load_history(self) -> None:
        scores = past_scores(self.transcripts, self.staff or None)
        self.app.call_from_thread(self._show_history, scores)

    def _show_history(self, scores: list[PastScore]) -> None:
        self.history = scores
        text = Text()
        text.append(s("history.title", self.lang) + "\n", style="bold")
        text.append_text(render_history(scores, self.lang))
        self.query_one("#practice-history", Static).update(text)
        self.query_one("#practice-card-history", Static).update(Text("\n").append_text(text))
