"""Where the words of the causes occur in a statement: as written, as homophone slips, with a
slipped character, and by pattern; nested evidence counted once."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core.content.model import Cause, Text
from coach.core.text import normalize
from coach.core.understand.keywords import Entry, Hit, KeywordIndex, _drop_contained


def cause(cid: str, keywords: dict[str, float], patterns: dict[str, float] | None = None) -> Cause:
    return Cause(cid, Text(cid), Text(""), Text("?"), keywords, (), patterns or {})


CAUSES = {
    "competitor_commission": cause(
        "competitor_commission", {"佣金": 2.0, "手续费": 2.0, "佣金太高": 3.0},
        {r"万[一二三]": 2.0, r"降到.{0,4}就(?:不走|留)": 3.0},
    ),
    "relocation": cause("relocation", {"搬家": 3.0, "离得远": 2.0}, {r"搬到.{1,6}去": 2.5}),
    "signup_gifts": cause("signup_gifts", {"开户送": 3.0}),
    "poached": cause("poached", {"客户经理天天找我": 3.5}),
    "industry_employee": cause("industry_employee", {"开户": 1.0}),
}
INDEX = KeywordIndex.compile(CAUSES)


def found(text: str, **options: object) -> set[tuple[str, str, str]]:
    """(cause, keyword, channel) of each piece of evidence."""
    norm = normalize(text)
    return {(h.entry.cause, h.entry.keyword, h.channel) for h in INDEX.find(norm, **options)}


def test_a_keyword_as_written_is_found_with_its_span() -> None:
    norm = normalize("我要搬家了")
    [hit] = INDEX.find(norm)
    assert (hit.entry.keyword, hit.channel, norm[hit.start : hit.end]) == ("搬家", "char", "搬家")


def test_a_homophone_slip_is_found_by_sound_and_counts_a_little_less() -> None:
    hits = [h for h in INDEX.find(normalize("你们的用金太贵")) if h.channel == "pinyin"]
    assert [h.entry.keyword for h in hits] == ["佣金"]
    assert 0 < hits[0].factor < 1


def test_a_sequence_that_only_sounds_alike_with_no_character_right_is_not_a_slip() -> None:
    assert not any(ch == "pinyin" for *_, ch in found("永今天再说"))


def test_a_slipped_character_in_a_long_keyword_is_found_fuzzily() -> None:
    assert ("poached", "客户经理天天找我", "fuzzy") in found("那个客户经埋天天找我")
    assert not any(ch == "fuzzy" for *_, ch in found("那个客户经埋天天找我", fuzzy=False))


def test_patterns_match_when_the_strings_they_need_are_present() -> None:
    assert ("competitor_commission", "competitor_commission:pattern1", "pattern") in found(
        "那边给我万一")
    assert ("competitor_commission", "competitor_commission:pattern2", "pattern") in found(
        "降到万二我就不走了")
    assert not any(ch == "pattern" for *_, ch in found("一万块钱的事"))


def test_a_pattern_needing_a_one_character_string_is_a_candidate_only_when_it_is_there() -> None:
    assert ("relocation", "relocation:pattern1", "pattern") in found("我搬到城东去了")
    assert ("relocation", "relocation:pattern1", "pattern") not in found("我搬到城东了")


def test_inside_one_cause_the_stronger_nested_keyword_counts() -> None:
    assert found("佣金太高了") == {("competitor_commission", "佣金太高", "char")}


def test_a_keyword_inside_a_longer_keyword_of_another_cause_yields_to_it() -> None:
    assert found("开户送的东西") == {("signup_gifts", "开户送", "char")}


def test_a_patterns_wide_span_never_silences_another_causes_keyword() -> None:
    causes = {c for c, *_ in found("搬到城东离得远去了")}
    assert causes == {"relocation"}
    both = found("搬到佣金低的地方去")
    assert ("competitor_commission", "佣金", "char") in both
    assert ("relocation", "relocation:pattern1", "pattern") in both


def test_decisive_evidence_skips_the_fuzzy_channel() -> None:
    text = "佣金太高，客户经埋天天找我"
    assert ("poached", "客户经理天天找我", "fuzzy") in found(text)
    assert ("poached", "客户经理天天找我", "fuzzy") not in found(text, decisive=3.0)


def test_the_index_survives_its_plain_data_and_refuses_a_damaged_one() -> None:
    again = KeywordIndex.from_data(INDEX.to_data())
    for text in ("你们的用金太贵", "那边给我万一", "我搬到城东去了", "那个客户经埋天天找我"):
        norm = normalize(text)
        assert [(h.entry, h.start, h.end, h.channel) for h in again.find(norm)] == [
            (h.entry, h.start, h.end, h.channel) for h in INDEX.find(norm)]
    with pytest.raises(ValueError):
        KeywordIndex.from_data({"entries": [["x"]], "patterns": [], "starts": [], "pinyin": ["", ""]})


ENTRIES = [Entry(c, f"k{i}", f"k{i}", w) for i, (c, w) in enumerate(
    [("a", 1.0), ("a", 2.0), ("b", 3.0), ("b", 1.0), ("c", 2.0)])]
HIT = st.builds(
    lambda e, s, n, ch, f: Hit(e, s, s + n, ch, f),
    st.sampled_from(ENTRIES), st.integers(0, 8), st.integers(1, 4),
    st.sampled_from(["char", "pinyin", "fuzzy", "pattern"]), st.sampled_from([1.0, 0.85, 0.6]),
)


def _slow_drop(hits: list[Hit]) -> list[Hit]:
    """The rule itself, with no shortcut: a hit inside others yields to any that beats it."""
    from coach.core.understand.keywords import _beaten

    return [h for h in hits
            if not any(_beaten(h, k) for k in hits if k.start <= h.start and h.end <= k.end)]


@given(st.lists(HIT, max_size=7))
def test_dropping_nested_evidence_agrees_with_the_rule_itself(hits: list[Hit]) -> None:
    assert _drop_contained(list(hits)) == _slow_drop(hits)


def test_evidence_with_nothing_nested_comes_back_as_it_was() -> None:
    hits = [Hit(ENTRIES[0], 0, 2, "char", 1.0), Hit(ENTRIES[2], 2, 4, "char", 1.0),
            Hit(ENTRIES[4], 5, 9, "pattern", 1.0)]
    assert _drop_contained(hits) is hits
