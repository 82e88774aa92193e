"""Every form staff may type a personal number in, written through the masking: 0 leaks.

Each row is (format, text, visible) where `visible` is how many of the number's digits may stay
readable (3 + 4 for most; the area code + 4 for landlines; 4 + 4 for cards in groups of four).
A leak is any row where more digits than that survive.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core.records.digits import digit_of, digit_runs
from coach.core.records.masking import mask
from coach.core.records.transcript import TranscriptWriter

MOBILE = "13812345678"
CN = dict(zip("0123456789", "〇一二三四五六七八九", strict=True))
YAO = {**CN, "1": "幺"}
CAPITAL = dict(zip("0123456789", "零壹贰叁肆伍陆柒捌玖", strict=True))
FULL = dict(zip("0123456789", "０１２３４５６７８９", strict=True))
CIRCLED = dict(zip("0123456789", "⓪①②③④⑤⑥⑦⑧⑨", strict=True))
ARABIC_INDIC = dict(zip("0123456789", "٠١٢٣٤٥٦٧٨٩", strict=True))
DEVANAGARI = dict(zip("0123456789", "०१२३४५६७८९", strict=True))


def spell(number: str, table: dict[str, str]) -> str:
    return "".join(table.get(ch, ch) for ch in number)


def grouped(number: str, sizes: tuple[int, ...], sep: str) -> str:
    out, at = [], 0
    for size in sizes:
        out.append(number[at : at + size])
        at += size
    if at < len(number):
        out.append(number[at:])
    return sep.join(out)


M = (3, 4, 4)
FORMATS: list[tuple[str, str, int]] = [
    # mobile numbers
    ("mobile plain", MOBILE, 7),
    ("mobile dashes", grouped(MOBILE, M, "-"), 7),
    ("mobile spaces", grouped(MOBILE, M, " "), 7),
    ("mobile dots", grouped(MOBILE, M, "."), 7),
    ("mobile one dot", grouped(MOBILE, (3,), "."), 7),
    ("mobile double spaces", grouped(MOBILE, M, "  "), 7),
    ("mobile NBSP", grouped(MOBILE, M, "\u00a0"), 7),
    ("mobile ideographic space", grouped(MOBILE, M, "\u3000"), 7),
    ("mobile zero-width", "\u200b".join(MOBILE), 7),
    ("mobile zero-width joiner", grouped(MOBILE, M, "\u200d"), 7),
    ("mobile spaced dash", grouped(MOBILE, M, " - "), 7),
    ("mobile en dash", grouped(MOBILE, M, "–"), 7),
    ("mobile em dash", grouped(MOBILE, M, "—"), 7),
    ("mobile full-width dash", grouped(MOBILE, M, "－"), 7),
    ("mobile 3-8", grouped(MOBILE, (3,), "-"), 7),
    ("mobile 4-3-4", grouped(MOBILE, (4, 3), " "), 7),
    ("mobile every digit spaced", " ".join(MOBILE), 7),
    ("mobile brackets", "(138)12345678", 7),
    ("mobile full-width brackets", "（138）1234-5678", 7),
    ("mobile tel prefix", "tel" + MOBILE, 7),
    ("mobile letters after", MOBILE + "abc", 7),
    ("mobile +86", "+86 " + grouped(MOBILE, M, " "), 9),  # the country code stays
    ("mobile +86 joined", "+86" + MOBILE, 9),
    ("mobile 0086", "0086" + MOBILE, 11),
    ("mobile full-width", spell(MOBILE, FULL), 7),
    ("mobile full-width spaced", grouped(spell(MOBILE, FULL), M, "\u3000"), 7),
    ("mobile Chinese numerals", spell(MOBILE, CN), 7),
    ("mobile 幺", spell(MOBILE, YAO), 7),
    ("mobile capital numerals", spell(MOBILE, CAPITAL), 7),
    ("mobile Chinese spaced", grouped(spell(MOBILE, CN), M, " "), 7),
    ("mobile mixed forms", "138" + spell("1234", CN) + spell("5678", FULL), 7),
    ("mobile circled", spell(MOBILE, CIRCLED), 7),
    ("mobile Arabic-Indic", spell(MOBILE, ARABIC_INDIC), 7),
    ("mobile Devanagari", spell(MOBILE, DEVANAGARI), 7),
    ("mobile 两 and 〇", spell("13822340678", {**CN, "2": "两"}), 7),
    ("mobile traditional 貳參陸", "1貳參8貳貳陸45678", 7),
    # ID cards
    ("ID plain X", "11010519491231002X", 7),
    ("ID lowercase x", "11010519491231002x", 7),
    ("ID all digits", "110105194912310021", 7),
    ("ID spaces 6-8-4", "110105 19491231 002X", 7),
    ("ID dashes 6-8-4", "110105-19491231-002X", 7),
    ("ID 6-4-4-4", "110105 1949 1231 002X", 7),
    ("ID full-width", spell("11010519491231002", FULL) + "Ｘ", 7),
    ("ID Chinese numerals", spell("11010519491231002", CN) + "X", 7),
    ("ID NBSP", "110105\u00a019491231\u00a0002X", 7),
    ("ID mixed separators", "110105-19491231 002X", 7),
    ("old ID 15", "110105491231002", 7),
    ("old ID dashed", "110105-491231-002", 7),
    # bank cards and accounts
    ("card 19 plain", "6222021234567890123", 7),
    ("card 16 in fours", "6222 0212 3456 7890", 8),
    ("card 19 in fours", "6222 0212 3456 7890 123", 8),
    ("card 20 plain", "62220212345678901234", 7),
    ("card 20 in fours", "6222 0212 3456 7890 1234", 8),
    ("card dashes", "6222-0212-3456-7890", 8),
    ("card NBSP", "6222\u00a00212\u00a03456\u00a07890", 8),
    ("card ideographic space", "6222\u30000212\u30003456\u30007890", 8),
    ("card full-width", spell("6222021234567890123", FULL), 7),
    ("card 6-13", "622202 1234567890123", 7),
    ("card Chinese numerals", spell("6222021234567890", CN), 7),
    ("fund account 10", "1234567890", 7),
    ("fund account 12", "123456789012", 7),
    ("fund account spaced", "1234 5678 9012", 8),
    ("Shanghai account", "A123456789", 4),
    ("Shenzhen account", "0123456789", 7),
    # landlines
    ("landline 3-8", "010-12345678", 7),
    ("landline 3-4-4", "010-1234-5678", 7),
    ("landline spaces", "021 6123 4567", 7),
    ("landline brackets 4-7", "(0755)1234567", 8),
    ("landline full-width brackets", "（021）61234567", 7),
    ("landline 4-8", "0755-12345678", 8),
    ("landline joined", "02161234567", 7),
    ("landline ideographic space", "010\u30001234\u30005678", 7),
]


def visible_digits(text: str) -> int:
    return sum(digit_of(ch) is not None for ch in text)


@pytest.mark.parametrize("name, number, visible", FORMATS, ids=[f[0] for f in FORMATS])
@pytest.mark.parametrize("before, after", [("客户说是", "，请核对"), ("号码：", ""), ("", " 谢谢")])
def test_no_format_leaks(name: str, number: str, visible: int, before: str, after: str) -> None:
    text = before + number + after
    masked = mask(text)
    assert len(masked) == len(text)
    span = masked[len(before) : len(before) + len(number)]
    assert visible_digits(span) <= visible, f"{name}: {masked!r}"
    assert masked[: len(before)] == before and masked[len(before) + len(number) :] == after


def test_the_table_is_large() -> None:
    assert len(FORMATS) >= 60


AMOUNTS = [
    "一年交易100000元，对方给万2.5",
    "账户里有50万，去年亏了1.5亿的一半",
    "佣金0.00025，也就是0.025%，上限3‰",
    "１００万的交易量",
    "客服热线95521，或者400-000-6699，800 820 8820",
    "2025-06-01来的，买了1000股，12,345.67元",
    "合计1500000000元",
    "利率0.0002500000001",
    "一共1300000000.0元，合13亿",
    "2025-06-01 2025-07-01 两次",
    "100000 200000 300000 的交易量",
    "成交额￥1234567890",
    "一年交易三百万，一万五千块",
    "二〇二五年六月一日",
    "万1.5和万2.5差了一半",
    "价格12.35 13.50 14.20都试过",
    "12345678901.5元",
    "2025年交易了1234567890股",
]


@pytest.mark.parametrize("text", AMOUNTS)
def test_amounts_dates_and_rates_stay_readable(text: str) -> None:
    assert mask(text) == text


SEPARATORS = st.sampled_from([" ", "-", ".", "\u00a0", "\u3000", "\u200b", "  ", "－", " - "])
FORMS = st.sampled_from([{}, FULL, CN, YAO, CAPITAL, CIRCLED, ARABIC_INDIC])


@given(
    st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    st.lists(FORMS, min_size=11, max_size=11),
    SEPARATORS,
    st.lists(st.booleans(), min_size=10, max_size=10),
    st.sampled_from(["电话是", "tel", "手机 ", "号码（", "，"]),
)
def test_any_spelling_of_a_mobile_number_is_hidden(number, forms, sep, cuts, before) -> None:
    """Each digit in its own form, one kind of separator wherever the staff member paused."""
    written = "".join(
        spell(d, form) + (sep if i < 10 and cuts[i] else "")
        for i, (d, form) in enumerate(zip(number, forms, strict=True))
    )
    dots = [i for i, cut in enumerate(cuts) if cut] if sep == "." else []
    if len(dots) == 1 and (dots[0] < 2 or dots[0] > 6):
        written = written.replace(".", "")  # 1300000000.0 is an amount with a decimal point
    masked = mask(before + written + "，请回电")
    assert visible_digits(masked) <= 7, masked
    assert not any(run.digits == number for run in digit_runs(masked))


def test_transcript_holds_no_number_in_any_format(tmp_path) -> None:
    writer = TranscriptWriter.open(tmp_path, "counter", "S1", "v1")
    for _, number, _ in FORMATS:
        writer.event("statement", text=f"客户说{number}，麻烦查询")
    writer.close()
    path = next(tmp_path.rglob("*.jsonl"))
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    said = [e["text"] for e in lines if e["kind"] == "statement"]
    assert len(said) == len(FORMATS)
    for (name, _, visible), text in zip(FORMATS, said, strict=True):
        assert visible_digits(text) <= visible, f"{name}: {text!r}"
