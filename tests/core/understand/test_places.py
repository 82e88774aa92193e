"""Where the client lives or moved to, in the client's words."""

import pytest

from coach.core.understand.places import find_places

AREAS = ("城东", "城北", "江北", "高新区", "深圳", "福田")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("我搬到江北了", "江北"),
        ("我家搬去深圳了，以后不方便来", "深圳"),
        ("我现在住城东那边", "城东"),
        ("搬家了，新家在高新区", "高新区"),
        ("搬到江北新区了", "江北新区"),
        ("我下个月要搬到上海去", "上海"),
        ("我们家刚搬了，在城北那一片", "城北"),  # a branch area in a statement about moving
    ],
)
def test_a_named_place(text: str, place: str) -> None:
    found = find_places(text, AREAS)
    assert [p.text for p in found][-1:] == [place]
    assert text[found[-1].start : found[-1].end] == place


@pytest.mark.parametrize(
    "text",
    ["我搬家了", "搬去外地了", "搬回老家了", "搬到那边去了", "住不惯", "家在哪都一样",
     "城东营业部服务太差", "我搬家了，城东营业部太远", ""],
)
def test_no_place_named(text: str) -> None:
    assert find_places(text, AREAS) == []
