from hypothesis import given
from hypothesis import strategies as st

from coach.core.text import PinyinCoder, normalize, normalize_tracked


def test_full_width_case_and_spaces_are_normalised():
    assert normalize("ＡＰＰ 老是 卡") == "app老是卡"


def test_traditional_becomes_simplified():
    assert normalize("你們的客戶經理") == "你们的客户经理"


def test_punctuation_becomes_clause_break():
    assert normalize("搬家，太远。") == "搬家|太远|"


def test_control_characters_are_dropped_and_origin_kept():
    tracked = normalize_tracked("佣\u200b金 太\x07高")
    assert tracked.text == "佣金太高"
    # each normalised character points back at the client's own character
    assert [tracked.original[i] for i in tracked.origin] == list("佣金太高")
    assert tracked.span(0, 2) == (0, 3)


def test_homophones_share_a_pinyin_code():
    coder = PinyinCoder()
    assert coder.encode("用金") == coder.encode("佣金")
    assert coder.encode("手续飞") == coder.encode("手续费")
    assert coder.encode("佣金") != coder.encode("现金")


def test_non_han_characters_code_as_themselves():
    coder = PinyinCoder()
    assert coder.encode("万2.5 app") == coder.encode("万")[0] + "2.5 app"


def test_decimal_points_and_thousands_stay_in_numbers():
    assert normalize("万0.85，好吗") == "万0.85|好吗"
    assert normalize("100,000元. 完") == "100,000元|完"
    assert normalize("万１．５") == "万1.5"


# ---------------------------------------------------------------- the fast path


def _composes_after_a_starter() -> set[int]:
    """Every character that canonical composition can join to the character before it, other
    than combining marks: Hangul vowels and finals, and a few vowel signs."""
    import sys
    import unicodedata

    found = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    for point in range(sys.maxunicode + 1):
        parts = unicodedata.decomposition(chr(point)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            found.add(int(parts[1], 16))
    return {p for p in found if not unicodedata.combining(chr(p))}


def test_the_simple_blocks_hold_nothing_that_composes_with_a_neighbour() -> None:
    from coach.core.text import SIMPLE_BLOCKS

    joining = _composes_after_a_starter()
    assert joining  # the check can fail: the vowel signs and Hangul jamo are there
    assert not [hex(p) for low, high in SIMPLE_BLOCKS for p in range(low, high + 1) if p in joining]


_MIXED = (
    "我们佣金太贵了這說們會費開戶 ，,。.．﹒１２3４5６0 \t\n\rABCabcßİﬁ\u200b\u3000!?！？、：:…~～劵帐㐅"
    "乾燥天後帳ｶﾞﾟ゙゛가각\u1161\u11a8ᄀeé\u0301\u0323\u0344\u0bbe\u0b92அ\u2024\u2002″ǰΣσς①Ⅻ℃K\uff9e"
    "\uffc2\x1b\x07\u202e\ufeff😀\U0002070e"
)


@given(st.text(alphabet=st.sampled_from(_MIXED) | st.characters(), max_size=12))
def test_the_fast_path_agrees_with_one_character_at_a_time(text: str) -> None:
    from coach.core.text import _normalize_each

    assert normalize_tracked(text) == _normalize_each(text)


def test_numbers_keep_their_points_and_spaces_their_places() -> None:
    tracked = normalize_tracked("万0.85, 好 100，000 元 。")
    assert tracked.text == "万0.85|好100,000元|"
    assert [tracked.original[i] for i in tracked.origin] == list("万0.85,好100，000元。")


class _NothingIsUnchanged(set):
    def issuperset(self, other) -> bool:  # noqa: ANN001 - like set's
        return False


@given(st.text(alphabet="国國信那邊边佣傭金费費转轉户戶的了我你们們乾干隆后後发發髮面麵里裡，。 12", max_size=14))
def test_opencc_is_skipped_only_where_it_would_change_nothing(text: str) -> None:
    from unittest.mock import patch

    from coach.core import text as module

    fast = normalize_tracked(text)
    with patch.object(module, "_UNCHANGED", _NothingIsUnchanged()):  # every text through OpenCC
        slow = normalize_tracked(text)
    assert (fast.text, fast.origin) == (slow.text, slow.origin)


def test_a_simplified_text_keeps_its_characters_and_a_traditional_one_is_converted() -> None:
    assert normalize("佣金太贵了") == "佣金太贵了"
    assert normalize("佣金太貴了") == "佣金太贵了"
    assert normalize("乾隆年間") == "乾隆年间"  # a phrase OpenCC keeps 乾 in


def test_clause_bounds_run_from_break_to_break_or_the_ends() -> None:
    from coach.core.text import clause_bounds

    norm = "不是佣金|是搬家了|太远"
    assert clause_bounds(norm, 2, 4) == (0, 4)
    assert norm[slice(*clause_bounds(norm, 5, 7))] == "是搬家了"
    assert norm[slice(*clause_bounds(norm, 11, 11))] == "太远"
