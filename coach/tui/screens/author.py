"""The author screen (`coach author [DIR]`): a trainer edits the YAML in any editor and sees,
as they save, what counter staff will see.

Left, the playbooks as a tree (cause → steps → reactions → next step), with personas and
techniques. Right, the selected step rendered by the counter's own `PlaybookPanel` with a
sample client's numbers; "Try a statement" classifies text with the edited lexicon through
the counter's `CauseSuggestions` (matched words highlighted). Below, every problem
`coach validate` reports, as file:line:col. The folder is watched with watchfiles (the OS's
change notifications, no polling loop): each save re-reads it in a worker and the screen
follows. W ("walk from here") opens a counter session starting at the selected step.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static, Tree
from textual.widgets.tree import TreeNode

from coach.tui.i18n import t
from coach.tui.screens.counter import CounterScreen, Loaded
from coach.tui.widgets.playbook_panel import PlaybookPanel, StepView
from coach.tui.widgets.step_view import step_view
from coach.tui.widgets.suggestions import CauseSuggestions

if TYPE_CHECKING:
    from coach.core.workbench.preview import Draft

WATCH_DEBOUNCE_MS = 150

# What a tree node stands for: ("step", cause, step) | ("persona", id) | ("technique", id) | ...
NodeData = tuple[str, ...]


class WalkScreen(CounterScreen):
    """A counter session opened from the author screen at the selected step; F10 goes back.
    Its transcripts go to a scratch folder: a trainer's walk is not a client at the counter."""

    BINDINGS = [*CounterScreen.BINDINGS, Binding("f10", "app.pop_screen", show=False)]

    def __init__(self, loaded: Loaded, cause: str, *, lang: str, transcripts: Path) -> None:
        super().__init__(lang=lang, transcripts=transcripts)
        self._start = (loaded, cause)

    def on_mount(self) -> None:
        # Textual also runs CounterScreen.on_mount (after this one): begin once it has.
        self.call_after_refresh(self._begin)

    def _begin(self) -> None:
        loaded, cause = self._start
        self.set_library(loaded)
        self._picked(cause)  # as if the staff member had picked the cause by hand (F5)
        self.notify(t("author.walk_keys", self.lang), markup=False)


class AuthorScreen(Screen[None]):
    BINDINGS = [
        Binding("w", "walk", show=False),
        Binding("t", "try", show=False),
        Binding("f5", "reload", show=False),
        Binding("escape", "tree", show=False),
    ]

    def __init__(self, root: Path, *, lang: str = "zh", watch: bool = True) -> None:
        super().__init__(id="author")
        self.root = Path(root)
        self.lang = lang
        self.watching = watch
        self.draft: Draft | None = None
        self.selected: NodeData = ()
        self.reloads = 0  # readings of the folder shown so far (tests wait on it)
        self._stop = threading.Event()
        self._scratch: Path | None = None  # transcripts of walks: made on the first walk

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(Text(f"{t('app.title', self.lang)} · {t('mode.author', self.lang)} · {self.root}"),
                     id="author-status")
        with Horizontal(id="author-main"):
            tree: Tree[NodeData] = Tree(t("author.tree", self.lang), id="author-tree")
            tree.show_root = False
            yield tree
            with Vertical(id="author-right"):
                panel = PlaybookPanel(lang=self.lang, id="author-panel")
                panel.border_title = t("author.preview", self.lang)
                yield panel
                yield Static("", id="author-detail", markup=False)
                box = Input(placeholder=t("author.try", self.lang), id="author-try")
                yield box
                yield CauseSuggestions(lang=self.lang, id="author-suggestions")
        problems = VerticalScroll(Static("", id="author-problems", markup=False), id="author-problems-box")
        problems.border_title = t("author.problems", self.lang)
        yield problems
        yield Static(Text(t("author.keys", self.lang), style="dim"), id="author-keys")

    def on_mount(self) -> None:
        self.query_one(PlaybookPanel).show(None)
        self.query_one("#author-tree", Tree).focus()
        self.reload()
        if self.watching:
            self._watch()

    def on_unmount(self) -> None:
        self._stop.set()
        if self._scratch is not None:
            # the trainer's practice walks, not clients: nothing in them is kept
            shutil.rmtree(self._scratch, ignore_errors=True)

    # ------------------------------------------------------------ reading the folder

    def action_reload(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="author-read")
    def reload(self, changed: str = "") -> None:
        from coach.core.workbench.preview import read_draft

        draft = read_draft(self.root)
        self.app.call_from_thread(self._show_draft, draft, changed)

    @work(thread=True, group="author-watch")
    def _watch(self) -> None:
        """Follow every save in the folder (watchfiles: OS notifications, not a polling loop)."""
        from watchfiles import watch

        for changes in watch(self.root, stop_event=self._stop, debounce=WATCH_DEBOUNCE_MS,
                             step=50, watch_filter=lambda _, path: path.endswith(".yaml"),
                             raise_interrupt=False):
            names = sorted({Path(path).name for _, path in changes})
            if self._stop.is_set():
                return
            self.app.call_from_thread(self.reload, "、".join(names))

    def _show_draft(self, draft: Draft, changed: str) -> None:
        self.draft = draft
        self.reloads += 1
        self._fill_tree(draft)
        self._show_problems(draft)
        self._show_selected()
        self._classify()
        if changed:
            self.notify(t("author.reloaded", self.lang, name=changed), markup=False, timeout=2)

    def _show_problems(self, draft: Draft) -> None:
        lines = Text()
        errors = sum(p.is_error for p in draft.problems)
        warnings = len(draft.problems) - errors
        if not draft.problems:
            lines.append(t("author.no_problems", self.lang, files=len(draft.files)), style="green")
        else:
            lines.append(t("author.count", self.lang, errors=errors, warnings=warnings) + "\n",
                         style="bold red" if errors else "bold yellow")
        for problem in draft.problems:
            lines.append(str(problem), style="red" if problem.is_error else "yellow")
            lines.append("\n")
            if problem.hint:
                lines.append(f"  hint: {problem.hint}\n", style="dim")
        lines.rstrip()
        self.query_one("#author-problems", Static).update(lines)

    @property
    def problem_lines(self) -> list[str]:
        return [str(p) for p in self.draft.problems] if self.draft else []

    # ------------------------------------------------------------ the tree

    def _fill_tree(self, draft: Draft) -> None:
        tree: Tree[NodeData] = self.query_one("#author-tree", Tree)
        library = draft.library
        tree.clear()
        keep: TreeNode[NodeData] | None = None
        for cause_id, playbook in sorted(library.playbooks.items(),
                                         key=lambda kv: list(library.causes).index(kv[0])
                                         if kv[0] in library.causes else 99):
            cause = library.causes.get(cause_id)
            label = Text(cause.name.get(self.lang) if cause else cause_id, style="bold")
            label.append(f"  {cause_id}", style="dim")
            branch = tree.root.add(label, data=("playbook", cause_id),
                                   expand=self.selected[:2] == ("step", cause_id))
            for step in playbook.steps.values():
                technique = library.techniques.get(step.technique)
                line = Text(step.id)
                line.append(f"  {technique.name.get(self.lang) if technique else step.technique}",
                            style="dim")
                if step.outcome:
                    line.append("  " + t("author.outcome", self.lang,
                                         outcome=t(f"outcome.{step.outcome}", self.lang)), style="green")
                data = ("step", cause_id, step.id)
                node = branch.add(line, data=data, expand=data == self.selected)
                if data == self.selected:
                    keep = node
                for reaction, target in step.next.items():
                    named = playbook.reactions.get(reaction)
                    title = named.label.get(self.lang) if named else reaction
                    node.add_leaf(Text(t("author.reaction", self.lang, label=title, target=target)),
                                  data=("step", cause_id, target))
        personas = tree.root.add(Text(t("author.personas", self.lang), style="bold"), data=("personas",))
        for ident, persona in draft.personas.items():
            node = personas.add_leaf(Text(f"{persona.name.get(self.lang)}  {ident}"), data=("persona", ident))
            if ("persona", ident) == self.selected:
                keep = node
        techniques = tree.root.add(Text(t("author.techniques", self.lang), style="bold"),
                                   data=("techniques",))
        for ident, technique in library.techniques.items():
            node = techniques.add_leaf(Text(f"{technique.name.get(self.lang)}  {ident}"),
                                       data=("technique", ident))
            if ("technique", ident) == self.selected:
                keep = node
        # Keep the trainer's place: the same node again, or none while its file is broken (the
        # highlight that clearing the tree posts must not replace the selection).
        tree.move_cursor(keep)

    @on(Tree.NodeHighlighted, "#author-tree")
    def _highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        # Only a step, persona or technique is a place: the group nodes (a playbook, "personas")
        # leave the selection as it is, so the highlight that rebuilding the tree posts on its
        # first line never loses the trainer's place.
        if event.node.data and event.node.data[0] in ("step", "persona", "technique"):
            self.selected = event.node.data
            self._show_selected()

    def action_tree(self) -> None:
        self.query_one("#author-tree", Tree).focus()

    # ------------------------------------------------------------ the preview

    def _show_selected(self) -> None:
        panel = self.query_one(PlaybookPanel)
        detail = self.query_one("#author-detail", Static)
        draft, data = self.draft, self.selected
        detail.update("")
        if draft is None or not data:
            panel.show(None)
            return
        library = draft.library
        if data[0] == "step" and data[1] in library.playbooks and data[2] in library.playbooks[data[1]].steps:
            panel.show(self._step_view(data[1], data[2]))
            return
        panel.show(None)
        if data[0] == "persona" and data[1] in draft.personas:
            persona = draft.personas[data[1]]
            text = Text(persona.name.get(self.lang), style="bold")
            text.append(f"  {', '.join(persona.about)} · {persona.difficulty}\n", style="dim")
            text.append(persona.background.get(self.lang) + "\n")
            for opening in persona.openings:
                text.append(f"  “{opening}”\n", style="italic")
            detail.update(text)
        elif data[0] == "technique" and data[1] in library.techniques:
            technique = library.techniques[data[1]]
            text = Text(technique.name.get(self.lang), style="bold")
            text.append("\n" + technique.purpose.get(self.lang) + "\n")
            for line in technique.lines:
                text.append(f"  “{line}”\n", style="italic")
            detail.update(text)

    def _step_view(self, cause: str, step_id: str) -> StepView:
        from coach.core.workbench.preview import sample_walkthrough

        assert self.draft is not None
        library = self.draft.library
        walkthrough = sample_walkthrough(library, cause, step_id)
        return step_view(
            walkthrough,
            library,
            self.lang,
            number=list(walkthrough.playbook.steps).index(step_id) + 1,
            reactions=tuple((c.id, f"{c.title} → {c.target or '…'}") for c in walkthrough.choices(self.lang)),
        )

    # ------------------------------------------------------------ try a statement

    def action_try(self) -> None:
        self.query_one("#author-try", Input).focus()

    @on(Input.Changed, "#author-try")
    def _typed(self, event: Input.Changed) -> None:
        self._classify()

    def _classify(self) -> None:
        suggestions = self.query_one("#author-suggestions", CauseSuggestions)
        text = self.query_one("#author-try", Input).value
        draft = self.draft
        if draft is None or draft.classifier is None or not text.strip():
            suggestions.show(None, {})
            return
        suggestions.show(draft.classifier.classify(text), draft.library.causes)

    # ------------------------------------------------------------ walk from here

    def action_walk(self) -> None:
        draft, data = self.draft, self.selected
        if draft is None or not data or data[0] != "step":
            self.notify(t("author.walk_needs_step", self.lang), markup=False)
            return
        cause, step = data[1], data[2]
        if cause not in draft.library.playbooks or step not in draft.library.playbooks[cause].steps:
            self.notify(t("author.walk_broken", self.lang), severity="warning", markup=False)
            return
        from coach.core.workbench.preview import playbooks_starting_at

        library = playbooks_starting_at(draft.library, cause, step)
        loaded = Loaded(library, (), draft.classifier)
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="coach-author-"))
        self.app.push_screen(WalkScreen(loaded, cause, lang=self.lang, transcripts=self._scratch))
