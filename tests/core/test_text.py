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
