"""The author screen: the tree, a step as staff see it, live reload on save, Try a statement,
Walk from here."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Tree

from coach.cli import main
from coach.core.paths import PACKAGE_ROOT
from coach.tui.app import make_app
from coach.tui.screens.author import AuthorScreen, WalkScreen
from coach.tui.widgets.playbook_panel import PlaybookPanel
from coach.tui.widgets.suggestions import CauseSuggestions


@pytest.fixture
def books(tmp_path: Path) -> Path:
    copy = tmp_path / "books"
    shutil.copytree(PACKAGE_ROOT / "playbooks", copy, ignore=shutil.ignore_patterns(".coach-test.*"))
    return copy


async def until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 15.0) -> None:
    """Wait for the screen to catch up (a worker, a file event), failing after `timeout`."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen never got there")


def author(app) -> AuthorScreen:
    screen = app.screen
    assert isinstance(screen, AuthorScreen)
    return screen


async def ready(pilot: Pilot) -> AuthorScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, AuthorScreen) and pilot.app.screen.reloads > 0)
    return author(pilot.app)


async def select(pilot: Pilot, screen: AuthorScreen, data: tuple[str, ...]) -> None:
    tree: Tree = screen.query_one("#author-tree", Tree)

    def find(node):
        if node.data == data and node.parent is not None and node.parent.data[0] == "playbook":
            return node
        for child in node.children:
            if (hit := find(child)) is not None:
                return hit
        return None

    node = find(tree.root)
    assert node is not None, data
    node.parent.expand()
    node.expand()
    await pilot.pause()
    tree.move_cursor(node)
    await until(pilot, lambda: screen.selected == data)


async def test_the_tree_and_a_step_as_staff_see_it(books: Path) -> None:
    app = make_app(books, mode="author")
    async with app.run_test(size=(130, 42)) as pilot:
        screen = await ready(pilot)
        tree: Tree = screen.query_one("#author-tree", Tree)
        labels = [str(node.label) for node in tree.root.children]
        assert labels[0].startswith("身份问题") and "角色扮演客户" in labels and "手法" in labels
        await select(pilot, screen, ("step", "relocation", "near_branch"))
        text = screen.query_one("#author-panel", PlaybookPanel).step_text
        assert "【居住搬迁】" in text and "司内转移" in text
        firm = screen.draft.library.firm
        assert f"用{firm.app}" in text and firm.hotline in text  # {app} and {hotline} filled in
        assert "{" not in text and "【" not in text.split("\n", 1)[1]  # every variable filled
        view = screen.query_one("#author-panel", PlaybookPanel).view
        assert ("accepts", "客户接受 → transferred") in view.reactions
        assert "no problems" not in screen.query_one("#author-problems").render().plain.lower()
        assert screen.problem_lines == []


async def test_a_save_updates_the_problem_list_live(books: Path) -> None:
    app = make_app(books, mode="author")
    async with app.run_test(size=(130, 42)) as pilot:
        screen = await ready(pilot)
        await select(pilot, screen, ("step", "relocation", "near_branch"))
        case = books / "cases" / "relocation.yaml"
        good = case.read_text("utf-8")
        before = screen.reloads
        case.write_text(good.replace("      objects: trial\n      insists: trial\n\n  - id: kept",
                                     "      objects: trail\n      insists: trial\n\n  - id: kept"), "utf-8")
        await until(pilot, lambda: screen.reloads > before and screen.problem_lines)
        assert any(line.startswith(f"{case}:") and "missing-step" in line and "'trail'" in line
                   for line in screen.problem_lines)
        assert "missing-step" in screen.query_one("#author-problems").render().plain
        assert "relocation" not in screen.draft.library.playbooks  # a broken case file is skipped
        before = screen.reloads
        case.write_text(good.replace("{client}住到哪儿都是我们的客户", "{client}搬到哪儿都是我们的客户"), "utf-8")
        await until(pilot, lambda: screen.reloads > before and not screen.problem_lines)
        await pilot.pause()
        assert screen.selected == ("step", "relocation", "near_branch")  # the place is kept
        assert "司内转移" in screen.query_one("#author-panel", PlaybookPanel).step_text
        await select(pilot, screen, ("step", "relocation", "kept"))
        assert "王先生搬到哪儿都是我们的客户" in screen.query_one("#author-panel", PlaybookPanel).step_text


async def test_try_a_statement_uses_the_edited_lexicon(books: Path) -> None:
    app = make_app(books, mode="author", lang="en")
    async with app.run_test(size=(130, 42)) as pilot:
        screen = await ready(pilot)
        await pilot.press("t")
        assert screen.query_one("#author-try", Input).has_focus
        await pilot.press(*"zzqq")
        suggestions = screen.query_one("#author-suggestions", CauseSuggestions)
        assert suggestions.candidate(0) == "other"
        causes = books / "causes.yaml"
        before = screen.reloads
        causes.write_text(causes.read_text("utf-8").replace("      搬家: ", "      zzqq: 3\n      搬家: ", 1), "utf-8")
        await until(pilot, lambda: screen.reloads > before)
        assert suggestions.candidate(0) == "relocation"
        assert "zzqq" in suggestions.render().plain


async def test_walk_from_here_opens_a_counter_session_at_the_step(books: Path) -> None:
    app = make_app(books, mode="author")
    async with app.run_test(size=(130, 42)) as pilot:
        screen = await ready(pilot)
        await select(pilot, screen, ("step", "relocation", "trial"))
        await pilot.press("w")
        await until(pilot, lambda: isinstance(app.screen, WalkScreen))
        walk = app.screen
        await until(pilot, lambda: walk.session is not None and walk.session.walkthrough is not None)
        assert walk.session.walkthrough.step.id == "trial"
        assert "一周体验" in walk.query_one("#panel", PlaybookPanel).step_text
        assert walk.transcripts.name.startswith("coach-author-")  # a walk is no client
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(app.screen, AuthorScreen))
    assert not walk.transcripts.exists()  # scratch removed with the screen


async def test_walk_needs_a_step(books: Path) -> None:
    app = make_app(books, mode="author", lang="en")
    async with app.run_test(size=(130, 42)) as pilot:
        await ready(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, AuthorScreen)


def test_coach_author_on_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["author", str(tmp_path / "nope")]) == 2
    assert "nope" in capsys.readouterr().err
