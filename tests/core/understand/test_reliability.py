"""Keywords are weighed by how often the labelled statements bear them out."""

from __future__ import annotations

import pytest

from coach.core.content.model import Cause, Labelled, Text
from coach.core.understand.classifier import Classifier
from coach.core.understand.compiled import reliable_index
from coach.core.understand.keywords import KeywordIndex
from coach.core.understand.reliability import LEAST, PRIOR, keyword_factors

CAUSES = {
    "relocation": Cause("relocation", Text("搬迁"), Text(""), Text("?"), {"楼下": 2.5, "搬家": 2.5}, ()),
    "poached": Cause("poached", Text("拉客"), Text(""), Text("?"), {"天天找我": 4.0}, ()),
    "other": Cause("other", Text("其他"), Text(""), Text("?"), {}, ()),
}
# 楼下 is said four times for an agent who waits downstairs, once for a move
STATEMENTS = [
    Labelled("楼下那个小伙子天天找我", ("poached",)),
    Labelled("他在楼下等了我一个礼拜，天天找我", ("poached",)),
    Labelled("楼下菜场碰见那家的人，天天找我聊", ("poached",)),
    Labelled("那家的经理在楼下发传单，天天找我", ("poached",)),
    Labelled("搬家了，新家楼下就有一家证券", ("relocation",)),
    Labelled("不是搬家，是那边的人天天找我", ("poached",)),
]


def bare(index: KeywordIndex | None = None) -> Classifier:
    return Classifier(CAUSES, index=index or KeywordIndex.compile(CAUSES), model=None)


def test_a_keyword_found_mostly_for_other_causes_loses_weight_in_proportion() -> None:
    factors = keyword_factors(bare().classify, STATEMENTS)
    assert factors[("relocation", "楼下")] == pytest.approx((1 + PRIOR) / (5 + PRIOR))
    assert factors[("poached", "天天找我")] == 1.0


def test_a_denied_keyword_is_not_held_against_it() -> None:
    factors = keyword_factors(bare().classify, STATEMENTS)
    # 搬家 is found twice: said once, denied once ("不是搬家")
    assert factors[("relocation", "搬家")] == 1.0


def test_no_keyword_loses_more_than_its_floor() -> None:
    many = [Labelled("楼下那个人天天找我", ("poached",))] * 200
    assert keyword_factors(bare().classify, many)[("relocation", "楼下")] == LEAST


def test_a_misleading_keyword_is_trusted_less_to_lead_but_still_finds_its_cause() -> None:
    index = reliable_index(Classifier, CAUSES, KeywordIndex.compile(CAUSES), STATEMENTS)
    entries = {(e.cause, e.keyword): e for e in index.entries}
    assert entries[("relocation", "楼下")].trust == pytest.approx((1 + PRIOR) / (5 + PRIOR))
    assert entries[("relocation", "楼下")].weight == 2.5  # found as before
    assert entries[("relocation", "搬家")].trust == 1.0
    assert KeywordIndex.from_data(index.to_data()).entries == index.entries
    # 楼下 said first, 天天找我 stronger: trusted fully, 楼下 is weighty enough to lead
    text = "楼下新开了一家，那边的人天天找我"
    assert bare().classify(text).leading == "relocation"
    result = bare(index).classify(text)
    assert result.leading == "poached"
    assert {c.id for c in result.causes} == {"poached", "relocation"}
