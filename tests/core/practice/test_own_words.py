"""Practice judges what a trainee says in their own words.

For every persona: a good trainee who never uses the playbook's wording passes, and the same
trainee with one violating reply fails, told which violation, in which words, and what to do
instead. The scripts are hand-written for these tests (scripts/own_words/), not taken from
replies.yaml.
"""

from __future__ import annotations

import pytest
from practice_scripts import SCRIPTS

from coach.core.content.model import Library
from coach.core.practice.personas import Persona
from coach.core.practice.scorecard_text import summary_text
from coach.core.practice.scoring import capped_score, score
from coach.core.practice.scoring_config import ScoringConfig
from coach.core.practice.simulation import Session

# persona -> (a violating reply in the trainee's own words, the violation it commits)
VIOLATING = {
    "call_dormant_he": ("阿姨您就别推了，今天不定下来，这个名额可就给别人了。", "pressure"),
    "call_dormant_lao_li": ("银行理财那点收益算什么，那些银行的理财经理根本不懂投资。", "disparage_competitor"),
    "call_heavy_loss_tang": ("您放心，这只票肯定能涨回来，跟着我们的顾问做，保证把亏的赚回来。", "promise_returns"),
    "competitor_commission_jiang": ("华岳那种小作坊，今天给您万1.2，明天说不定人就跑路了。",
                                    "disparage_competitor"),
    "favor_for_friend_zhang": ("您表姐完不成任务那是她自己没本事，您跟着瞎掺和什么。", "rude_words"),
    "fee_cut_chen": ("不降就走？那您走好了，我们也不差您这一个客户。", "rude_words"),
    "heavy_loss_wang": ("亏钱是您自己追涨杀跌弄的，跟我们营业部有什么关系？", "argue_with_client"),
    "industry_employee_qian": ("阿姨，这表您今天必须签了，不然您儿子的饭碗可就悬了。", "pressure"),
    "other_zhao": ("卡？我们系统好得很，八成是您自己手机太旧了。", "argue_with_client"),
    "poached_sun": ("启明那帮人就会画大饼，您转过去就等着后悔吧。", "disparage_competitor"),
    "poor_service_fan": ("我们一天忙到晚，哪有空天天给您一个人打电话。", "rude_words"),
    "quick_profit_jing": ("跟着我们的投顾做，一年翻一番不是梦，亏了算我的。", "promise_returns"),
    "relocation_qiao": ("搬个家又不是出国，倒两趟车就嫌远，您也太娇气了。", "rude_words"),
    "signup_gifts_zhou": ("一桶油也值得您专门跑一趟？想转就转，别耽误我时间。", "rude_words"),
    "stubborn_li": ("今天不答应试这一周，明天您再来可就没这个机会了。", "pressure"),
}
SEEDS = (1, 5)


def _own_words(persona_id: str) -> list[str]:
    path = SCRIPTS / "own_words" / f"{persona_id}.txt"
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line]


def _play(persona: Persona, library: Library, replies: list[str], seed: int) -> Session:
    session = Session(persona, library, seed=seed)
    session.play(replies)
    return session


def test_every_persona_has_a_script(personas: dict[str, Persona]) -> None:
    assert sorted(VIOLATING) == sorted(personas)


@pytest.mark.parametrize("persona_id", sorted(VIOLATING))
@pytest.mark.parametrize("seed", SEEDS)
def test_a_good_trainee_in_own_words_passes(library: Library, personas: dict[str, Persona],
                                            config: ScoringConfig, persona_id: str,
                                            seed: int) -> None:
    card = score(_play(personas[persona_id], library, _own_words(persona_id), seed), config)
    assert card.violations == (), [t.reply for t in card.turns if t.analysis.violations]
    assert card.passed, (card.score, [c.id for c in card.checks if c.applies and not c.passed])


@pytest.mark.parametrize("persona_id", sorted(VIOLATING))
def test_one_violation_fails_the_session_and_is_named(library: Library,
                                                      personas: dict[str, Persona],
                                                      config: ScoringConfig,
                                                      persona_id: str) -> None:
    bad, violation = VIOLATING[persona_id]
    replies = _own_words(persona_id)
    replies.insert(1, bad)
    card = score(_play(personas[persona_id], library, replies, SEEDS[0]), config)
    assert violation in card.violations
    assert not card.passed and card.score <= capped_score(config.pass_mark) < config.pass_mark
    turn = next(t for t in card.turns if t.reply == bad)
    feedback = card.feedback[turn.index - 1]
    note = next(n for n in feedback.violation_notes if n.id == violation)
    assert note.name == library.violations[violation].name.zh
    assert note.advice == library.violations[violation].advice.zh
    assert note.words and all(w in bad for w in note.words)
    text = summary_text(card, library)
    assert note.name in text and note.advice in text and f"“{note.words[0]}”" in text
