"""The simulated client: deterministic under a seed, moved by what the trainee says."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from coach.core.content.model import Library
from coach.core.practice.personas import Persona
from coach.core.practice.scoring import score
from coach.core.practice.scoring_config import ScoringConfig
from coach.core.practice.scripts import model_reply
from coach.core.practice.simulation import Session, SessionOver


def play(persona: Persona, library: Library, replies: list[str], **options: object) -> Session:
    session = Session(persona, library, **options)  # type: ignore[arg-type]
    session.play(replies)
    return session


def test_same_seed_same_session(library: Library, personas: dict[str, Persona],
                                config: ScoringConfig,
        script: Callable[[str], list[str]]) -> None:
    persona = personas["poor_service_fan"]
    replies = script("poor_service_fan")
    first = score(play(persona, library, replies, seed=7), config).as_dict()
    second = score(play(persona, library, replies, seed=7), config).as_dict()
    assert first == second


def test_the_seed_picks_the_opening(library: Library, personas: dict[str, Persona]) -> None:
    persona = personas["poor_service_fan"]
    openings = {Session(persona, library, seed=seed).opening for seed in range(12)}
    assert len(openings) > 1
    assert openings <= set(persona.openings)


def test_apology_softens_and_a_violation_hardens(library: Library,
                                                 personas: dict[str, Persona]) -> None:
    persona = personas["poor_service_fan"]
    kind = Session(persona, library, seed=1)
    turn = kind.reply("这件事确实是我们没做好，我代表营业部向您道歉。")
    assert turn.mood > turn.mood_before
    rude = Session(persona, library, seed=1)
    turn = rude.reply("您这就不对了，那家小券商不靠谱。")
    assert turn.mood < turn.mood_before
    assert turn.line_kind == "violation"
    assert rude.patience < kind.patience  # a violation costs extra patience


def test_the_wrong_technique_for_the_cause_hardens(library: Library,
                                                   personas: dict[str, Persona]) -> None:
    session = Session(personas["poor_service_fan"], library, seed=1)
    session.reply("我理解您的心情。")
    turn = session.reply("咱们来算一笔账：一年下来佣金也就差几十块。")
    assert any(e.kind == "hardens" and e.id == "commission_math" for e in turn.effects)


def test_ignoring_an_upset_clients_feelings_costs(library: Library,
                                                  personas: dict[str, Persona]) -> None:
    session = Session(personas["other_zhao"], library, seed=1)
    turn = session.reply("我们的研究报告和投资沙龙都很不错。")
    assert any(e.kind == "ignored_feelings" for e in turn.effects)


def test_a_hard_client_tells_only_when_asked(library: Library, personas: dict[str, Persona]) -> None:
    persona = personas["fee_cut_chen"]
    silent = Session(persona, library, seed=2)
    assert silent.holding_back
    turn = silent.reply("我们的佣金是统一标准，一视同仁。")
    assert silent.holding_back and not turn.revealed
    assert persona.holds_back[0].hint in turn.line
    asked = Session(persona, library, seed=2)
    turn = asked.reply("您先别着急，您一年大概交易多少、每笔多少钱？")
    assert turn.revealed == persona.holds_back[0].reveal
    assert not asked.holding_back


def test_on_easier_levels_the_client_says_it_up_front(library: Library,
                                                      personas: dict[str, Persona]) -> None:
    persona = personas["fee_cut_chen"]
    session = Session(persona, library, seed=2, difficulty="easy")
    assert not session.holding_back
    assert persona.holds_back[0].reveal in session.opening
    assert session.start_mood > persona.mood and session.start_patience > persona.patience


def test_the_stubborn_client_takes_only_the_trial(library: Library,
                                                  personas: dict[str, Persona],
        script: Callable[[str], list[str]]) -> None:
    persona = personas["stubborn_li"]
    session = play(persona, library, script("stubborn_li"), seed=4)
    assert session.outcome == "trial"
    without = play(persona, library, script("stubborn_li")[:3] + ["我理解，您再考虑考虑。"] * 4, seed=4)
    assert without.outcome == "lost"
    assert without.insisted


def test_patience_runs_out(library: Library, personas: dict[str, Persona]) -> None:
    persona = personas["relocation_qiao"]
    session = play(persona, library, ["好的。"] * 20, seed=1)
    assert session.outcome == "lost"
    assert session.ended_by in ("patience", "walked_out")
    assert len(session.turns) <= persona.patience + 2


def test_no_reply_after_the_end(library: Library, personas: dict[str, Persona]) -> None:
    session = play(personas["relocation_qiao"], library, ["好的。"] * 20, seed=1)
    with pytest.raises(SessionOver):
        session.reply("再等等！")


def test_relocation_can_end_in_a_transfer_within_the_firm(library: Library,
                                                          personas: dict[str, Persona]) -> None:
    session = play(personas["relocation_qiao"], library, [
        "恭喜您乔迁之喜！新家住得还习惯吧？",
        "我们在城北那边也有营业部，账户在公司内部转过去就行，不用换券商，手续我帮您联系好。",
    ], seed=1)
    assert session.outcome == "transfer_within_firm"


def test_model_replies_follow_the_playbook(library: Library, personas: dict[str, Persona]) -> None:
    session = Session(personas["heavy_loss_wang"], library, seed=3)
    first = model_reply(session)
    assert session.reply(first).revealed, "the model reply asks while the client holds back"
