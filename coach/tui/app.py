"""The Textual app and `make_app`, the one factory the command line and the tests use.

The first frame must not wait for the playbooks: the app shows its screen with the input focused
at once, reads the YAML and compiles the classifier in a worker thread, then hands the result
to the screen. Keys typed meanwhile are kept and classified when the lexicon is ready.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual import work
from textual.app import App
from textual.binding import Binding

from coach.tui.i18n import t
from coach.tui.screens.counter import CounterScreen, Loaded

if TYPE_CHECKING:
    from coach.core.content.library import LoadResult
    from coach.core.content.model import Library
    from coach.core.understand.classifier import Classifier

Mode = Literal["counter", "practice", "author"]


@dataclass(frozen=True, slots=True)
class AppConfig:
    """How this run was started: what the command line (or a test) asked for."""

    mode: Mode = "counter"
    lang: str = "zh"
    staff: str = ""
    transcripts: Path = Path("transcripts")
    persona: str | None = None
    difficulty: str | None = None
    seed: int | None = None


def load(source: LoadResult | Path) -> Loaded:
    """Read the playbooks (unless already read) and compile the classifier; runs off the UI."""
    from coach.core.content.library import load_library
    from coach.core.understand.classifier import Classifier

    if isinstance(source, Path):
        try:
            result = load_library(source)
        except OSError as error:
            return Loaded(None, (), None, error=f"{source}: {error.strerror or error}")
    else:
        result = source
    library = result.library
    classifier = _compile(library, Classifier) if library.causes else None
    return Loaded(library, tuple(result.problems), classifier)


def _compile(library: Library, classifier: type[Classifier]) -> Classifier:
    """The classifier from the compiled cache (COACH_CACHE, created on first use), as `coach
    classify` has it; compiled from the loaded library when the folder cannot be compiled alone."""
    root = Path(library.root)
    if (root / "causes.yaml").is_file():
        try:
            return classifier.load(root)
        except (ValueError, OSError):
            pass  # causes.yaml with errors: the library kept what is valid; compile from that
    return classifier.from_library(library)


class CoachApp(App[None]):
    """Counter mode (and the frame around practice mode)."""

    CSS_PATH = "coach.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "request_quit", show=False, priority=True)]

    def __init__(self, source: LoadResult | Path, config: AppConfig) -> None:
        super().__init__()
        self.source = source
        self.config = config
        self.loaded: Loaded | None = None
        self._hung_up = False
        self.title = t("app.title", config.lang)

    def on_mount(self) -> None:
        self._stop_on_hangup()
        if self.config.mode == "author":
            from coach.tui.screens.author import AuthorScreen

            assert isinstance(self.source, Path)
            self.push_screen(AuthorScreen(self.source, lang=self.config.lang))
            return  # the author screen reads (and re-reads) the folder itself
        if self.config.mode == "counter":
            self.push_screen(
                CounterScreen(
                    lang=self.config.lang, staff=self.config.staff, transcripts=self.config.transcripts
                )
            )
        self.load_playbooks()

    def _stop_on_hangup(self) -> None:
        """The terminal went away (window closed, SSH dropped, tmux killed) or the system asks
        us to stop: leave the visit as `unfinished` on disk and exit, instead of running on
        unseen (a TUI whose terminal is gone otherwise keeps a core busy indefinitely)."""
        import signal

        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            sig = getattr(signal, name, None)
            if sig is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(sig, self.hang_up)

        # The hang-up signal does not always arrive: run as `sh -c "... && make run"` in tmux,
        # killing tmux signalled the shell alone, and the app ran on with its terminal gone.
        # So the terminal itself is looked at now and then: gone, it is a hang-up.
        if has_terminal():
            self.set_interval(self.TERMINAL_CHECK, self._watch_terminal)

    TERMINAL_CHECK = 2.0  # seconds between looks at the terminal

    def _watch_terminal(self) -> None:
        if not has_terminal():
            self.hang_up()

    def hang_up(self) -> None:
        if self._hung_up:
            return
        self._hung_up = True
        counter = next((s for s in self.screen_stack if isinstance(s, CounterScreen)), None)
        if counter is not None and counter.visit_open:
            counter.leave_unfinished("hangup")
        self.exit()

    def action_request_quit(self) -> None:
        """Ctrl+Q: at once when no client is being served; mid-visit, ask first (a visit is
        never ended by one stray key), and a visit left without an outcome says so on disk."""
        from coach.tui.screens.confirm import QuitScreen

        if isinstance(self.screen, QuitScreen):
            return
        counter = next((s for s in self.screen_stack if isinstance(s, CounterScreen)), None)
        if counter is None or not counter.visit_open:
            self.exit()
            return

        def chosen(choice: str | None) -> None:
            if choice == "finish":
                counter.action_finish()
            elif choice == "quit":
                counter.leave_unfinished("quit")
                self.exit()

        self.push_screen(QuitScreen(lang=self.config.lang), chosen)

    @work(exclusive=True, group="load")
    async def load_playbooks(self) -> None:
        loaded = await asyncio.to_thread(load, self.source)
        self.loaded = loaded
        if self.config.mode == "counter":
            for screen in self.screen_stack:
                if isinstance(screen, CounterScreen) and screen.composed:
                    screen.set_library(loaded)  # else its on_mount picks `self.loaded` up
        else:
            self._open_practice(loaded)

    def _open_practice(self, loaded: Loaded) -> None:
        from coach.tui.screens.practice import PracticeScreen

        if loaded.library is None:
            self.notify(t("load.failed", self.config.lang, error=loaded.error), severity="error")
            return
        self.push_screen(
            PracticeScreen(
                loaded.library,
                persona=self.config.persona,
                difficulty=self.config.difficulty,
                lang=self.config.lang,
                staff=self.config.staff,
                transcripts=self.config.transcripts,
                seed=self.config.seed,
                problems=loaded.problems,
            )
        )


def make_app(
    source: LoadResult | Path | str | None = None,
    *,
    mode: Mode = "counter",
    persona: str | None = None,
    difficulty: str | None = None,
    lang: str = "zh",
    staff: str = "",
    transcripts: Path | str | None = None,
    seed: int | None = None,
) -> CoachApp:
    """Build the app on a playbooks folder (default: the bundled one) or an already loaded
    `LoadResult`; transcripts go to `transcripts` (default: $COACH_TRANSCRIPTS or transcripts/)."""
    from coach.core.paths import default_playbooks, default_transcripts

    if source is None:
        source = default_playbooks()
    if isinstance(source, str):
        source = Path(source)
    config = AppConfig(
        mode=mode,
        lang="en" if lang == "en" else "zh",
        staff=staff,
        transcripts=Path(transcripts) if transcripts is not None else default_transcripts(),
        persona=persona,
        difficulty=difficulty,
        seed=seed,
    )
    return CoachApp(source, config)


def has_terminal() -> bool:
    """Whether standard input is still a terminal (a closed window or a killed tmux leaves a
    hung-up one, which is no longer a tty)."""
    stdin = sys.__stdin__
    try:
        return stdin is not None and os.isatty(stdin.fileno())
    except (OSError, ValueError):
        return False
