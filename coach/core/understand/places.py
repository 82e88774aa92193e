"""Where the client lives or moved to, as the client said it: 我搬到江北了 -> 江北.

A relocation step asks "新家在哪个城市、哪个区？"; a client who already said 搬去深圳了 has
answered it. A place counts when it follows a word of moving or living (搬到, 搬去, 住在, 新家在,
定居, 调到 ...), or when it is one of the firm's branch areas or cities in a statement about
moving or living. Vague words (外地, 那边, 老家) name no place the step can use. Spans point
into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_LEAD = re.compile(
    r"(?:搬(?:家)?(?:到了|到|去了|去|回了|回|进了|进)|迁(?:居)?(?:到|去|回)|住(?:到|在|进)|"
    r"调(?:到|去)|定居(?:在|到)?|落户(?:在|到)?|新家(?:在|是)|家(?:在|搬到)|现在住|以后住)"
)
_PLACE = re.compile(
    r"(?P<place>[\u4e00-\u9fffA-Za-z]{2,10}?)"
    r"(?=了|啦|呢|嘛|吧|那边|那儿|那里|那块|那一片|一带|附近|这边|去|住|来|上班|工作|的|，|,|。|！|!|？|\?|、|；|;|\s|$)"
)
# Words after a moving verb that name no place a branch can be found for.
VAGUE = ("外地", "外省", "外市", "外面", "别处", "别的地方", "其他地方", "那边", "那里", "那儿", "这边",
         "这里", "远", "很远", "郊区", "乡下", "老家", "新家", "新房", "国外", "海外", "别的城市",
         "另一个", "一个", "那个", "这个", "哪", "哪里", "哪儿")
_NOT_A_PLACE_START = tuple("不没得着了的哪那这一很挺太也就都还又才再")
_ABOUT_HOME = ("搬", "住", "家", "迁", "定居", "落户", "调到", "调去")


@dataclass(frozen=True, slots=True)
class Place:
    text: str  # as the client wrote it
    start: int  # span in the original text
    end: int


def _vague(place: str) -> bool:
    return place.startswith(_NOT_A_PLACE_START) or any(place == v or place.startswith(v) and
                                                       len(place) - len(v) < 2 for v in VAGUE)


def find_places(text: str, areas: Iterable[str] = ()) -> list[Place]:
    """Every place the statement names as where the client lives or moved to, in order.

    `areas`: place names the firm knows (its branches' areas and cities), found in any clause
    about moving or living (not as the name of our branch there)."""
    found: dict[int, Place] = {}
    for lead in _LEAD.finditer(text):
        m = _PLACE.match(text, lead.end())
        if m is None or _vague(m.group("place")):
            continue
        found[m.start()] = Place(m.group("place"), m.start(), m.end())
    for area in sorted({a for a in areas if a}, key=len, reverse=True):
        for m in re.finditer(re.escape(area), text):
            s, e = m.span()
            if any(p.start <= s < p.end or s <= p.start < e for p in found.values()):
                continue
            if text.startswith(("营业部", "网点", "分公司"), e):
                continue  # 城东营业部: our branch spoken of, not where the client lives
            if any(w in text for w in _ABOUT_HOME):
                found[s] = Place(area, s, e)
    return [found[k] for k in sorted(found)]
