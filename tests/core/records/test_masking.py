from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core.records.masking import mask


@pytest.mark.parametrize(
    "text, masked",
    [
        ("我的手机是13812345678。", "我的手机是138****5678。"),
        ("电话 138-1234-5678", "电话 138-****-5678"),
        ("电话 138 1234 5678 谢谢", "电话 138 **** 5678 谢谢"),
        ("１３８１２３４５６７８", "１３８****５６７８"),
        ("座机010-12345678转123", "座机010-****5678转123"),
        ("（0755）1234567", "（0755）***4567"),
        ("身份证11010519491231002X", "身份证110***********002X"),
        ("身份证110105194912310021号", "身份证110***********0021号"),
        ("老身份证110105491231002", "老身份证110********1002"),
        ("卡号6222021234567890123", "卡号622************0123"),
        ("卡号 6222 0212 3456 7890", "卡号 6222 **** **** 7890"),
        ("资金账号1234567890", "资金账号123***7890"),
        ("上海账户A123456789", "上海账户A*****6789"),
        ("phone:13812345678,id:11010519491231002x", "phone:138****5678,id:110***********002x"),
    ],
)
def test_personal_numbers_are_masked_keeping_head_and_tail(text: str, masked: str) -> None:
    assert mask(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "一年交易100000元，对方给万2.5",
        "账户里有50万，去年亏了1.5亿的一半",
        "佣金0.00025，也就是0.025%，上限3‰",
        "１００万的交易量",
        "客服热线95521，或者400-000-6699",
        "2025-06-01来的，买了1000股，12,345.67元",
        "合计1500000000元",
        "利率0.0002500000001",
        "",
    ],
)
def test_money_rates_and_short_numbers_are_left_alone(text: str) -> None:
    assert mask(text) == text


@given(st.text())
def test_mask_keeps_length_and_is_idempotent(text: str) -> None:
    once = mask(text)
    assert len(once) == len(text)
    assert mask(once) == once


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_every_mobile_number_in_a_sentence_is_hidden(number: str) -> None:
    masked = mask(f"客户说电话是{number}，请回电")
    assert number not in masked
    assert f"{number[:3]}****{number[-4:]}" in masked
