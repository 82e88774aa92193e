"""Pilot tests of practice mode: a role-play from the first line to the scorecard."""

from __future__ import annotations

from pathlib import Path

from practice_scripts import SCRIPTS
from textual.pilot import Pilot
from textual.widgets import Input, Static

from coach.core.paths import PACKAGE_ROOT
from coach.core.records.transcript_read import iter_transcripts, read_transcript
from coach.tui.app import CoachApp, make_app
from coach.tui.screens.practice import CARD, CHAT, PICKER, PracticeScreen
from coach.tui.widgets.mood_meter import MoodMeter
from coach.tui.widgets.practice_chat import PracticeChat

PLAYBOOKS = PACKAGE_ROOT / "playbooks"


def practice_app(transcripts: Path, **options: object) -> CoachApp:
    options.setdefault("staff", "S007")
    options.setdefault("seed", 5)
    return make_app(PLAYBOOKS, mode="practice", transcripts=transcripts, **options)  # type: ignore[arg-type]


async def ready(pilot: Pilot) -> PracticeScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PracticeScreen)
    return screen


async def say(pilot: Pilot, text: str) -> None:
    box = pilot.app.screen.query_one("#practice-reply", Input)
    assert box.has_focus
    box.value = text
    await pilot.press("enter")
    await pilot.pause()


def script(name: str) -> list[str]:
    return [line for line in (SCRIPTS / f"{name}.txt").read_text(encoding="utf-8").splitlines() if line]


async def test_a_session_to_its_scorecard(tmp_path: Path) -> None:
    app = practice_app(tmp_path, persona="poor_service_fan")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.view == CHAT
        chat = screen.query_one(PracticeChat)
        assert chat.entries[-1].kind == "client" and chat.entries[-1].body == screen.session.opening
        start_mood = screen.query_one(MoodMeter).mood
        for reply in script("poor_service_fan"):
            if screen.view != CHAT:
                break
            await say(pilot, reply)
            if screen.view == CHAT:
                assert screen.query_one(MoodMeter).mood > start_mood
                feedback = str(screen.query_one("#practice-feedback", Static).render())
                assert "有效" in feedback
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.view == CARD
        assert screen.card is not None and screen.card.outcome == "retained" and screen.card.score >= 80
        body = str(screen.query_one("#practice-card-body", Static).render())
        assert f"得分 {screen.card.score}/100" in body and "逐句点评" in body
        # the client's last words stay on screen, and "-" is explained apart from ✗
        assert f"客户最后说：{screen.card.turns[-1].line}" in body
        assert "- 不适用" in body
        assert [p.score for p in screen.history] == [screen.card.score]
        history = str(screen.query_one("#practice-card-history", Static).render())
        assert "我的练习记录" in history
    [path] = list(iter_transcripts(tmp_path))
    kinds = [e["kind"] for e in read_transcript(path)]
    assert kinds[0] == "start" and kinds[-2:] == ["scorecard", "outcome"]


async def test_pick_a_client_from_the_list(tmp_path: Path) -> None:
    app = practice_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.view == PICKER
        await pilot.press("d", "d", "d")  # own -> easy -> normal -> hard
        assert screen.difficulty == "hard"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.view == CHAT
        assert screen.session is not None
        assert screen.session.persona.id == list(screen.personas)[1] and screen.session.difficulty == "hard"


async def test_exam_mode_hides_feedback_until_the_scorecard(tmp_path: Path) -> None:
    app = practice_app(tmp_path, persona="other_zhao")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f2")
        assert not screen.feedback_on
        await say(pilot, "您这就不对了，那家小券商不靠谱。")
        panel = str(screen.query_one("#practice-feedback", Static).render())
        assert "考试模式" in panel and "贬低同行" not in panel
        await pilot.press("f9")
        await pilot.pause()
        assert screen.view == CARD and screen.card is not None
        body = str(screen.query_one("#practice-card-body", Static).render())
        assert "贬低同行" in body and "可以这样说" in body


async def test_feedback_names_the_violation_and_offers_a_model_line(tmp_path: Path) -> None:
    app = practice_app(tmp_path, persona="quick_profit_jing")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await say(pilot, "跟着我们保证赚钱，稳赚不赔。")
        panel = str(screen.query_one("#practice-feedback", Static).render())
        assert "承诺收益" in panel and "可以这样说" in panel
        # the trainee's own words quoted, and the principle's advice
        assert "“" in panel and ("稳赚不赔" in panel or "保证赚钱" in panel)
        assert "只承诺服务，不承诺收益" in panel
        await pilot.press("f3")
        assert "提示" in str(screen.query_one("#practice-feedback", Static).render())


async def test_text_is_never_markup(tmp_path: Path) -> None:
    app = practice_app(tmp_path, persona="relocation_qiao")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await say(pilot, "[bold]恭喜您[/bold] [@click=app.quit]乔迁之喜[/]")
        assert pilot.app.is_running
        entry = next(e for e in screen.query_one(PracticeChat).entries if e.kind == "trainee")
        assert entry.body == "[bold]恭喜您[/bold] [@click=app.quit]乔迁之喜[/]"
        rendered = [str(w.render()) for w in screen.query(".chat-trainee").results(Static)]
        assert any("[bold]恭喜您[/bold]" in r for r in rendered)


async def test_usable_at_80_by_24_in_english(tmp_path: Path) -> None:
    app = practice_app(tmp_path, persona="fee_cut_chen", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        for selector in ("#practice-reply", "#practice-mood", "#practice-chat", "#practice-keys"):
            region = screen.query_one(selector).region
            assert region.width > 0 and region.height > 0, selector
            assert region.bottom <= 24 and region.right <= 80, selector
        assert not screen.query_one("#practice-side").display or screen.query_one("#practice-side").region.width == 0
        assert "Mood" in str(screen.query_one(MoodMeter).render())
        assert "Send" in str(screen.query_one("#practice-keys", Static).render())
        await say(pilot, "Hello, please take a seat.")
        assert len(screen.session.turns) == 1


async def test_unknown_persona_falls_back_to_the_list(tmp_path: Path) -> None:
    app = practice_app(tmp_path, persona="nobody")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.view == PICKER and screen.session is None


async def test_again_and_another_client_from_the_scorecard(tmp_path: Path) -> None:
    app = practice_app(tmp_path, persona="signup_gifts_zhou")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f9")
        await pilot.pause()
        assert screen.view == CARD
        await pilot.press("r")
        await pilot.pause()
        assert screen.view == CHAT and screen.session is not None and not screen.session.turns
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert screen.view == PICKER


async def test_a_call_from_the_list_to_its_scorecard(tmp_path: Path) -> None:
    app = practice_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        picker = screen.query_one("#practice-picker")
        prompts = [str(picker.get_option_at_index(i).prompt) for i in range(picker.option_count)]
        calls = [p for p in prompts if "电话回访：" in p]
        assert len(calls) == 3 and any("唐女士" in p and "大亏客户回访" in p for p in calls)
        index = list(screen.personas).index("call_heavy_loss_tang")
        await pilot.press(*["down"] * index, "enter")
        await pilot.pause()
        assert screen.view == CHAT and screen.session.persona.id == "call_heavy_loss_tang"
        chat = screen.query_one(PracticeChat)
        assert "你给唐女士打电话" in chat.entries[0].body
        for reply in script("own_words/call_heavy_loss_tang"):
            if screen.view != CHAT:
                break
            await say(pilot, reply)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.view == CARD and screen.card is not None
        assert screen.card.outcome == "appointment" and screen.card.passed
        body = str(screen.query_one("#practice-card-body", Static).render())
        assert "约好时间" in body and "电话开场" in body
