"""Templates fill in what is known and show readable placeholders for the rest."""

from coach.core.content.variables import format_money, format_rate, render, template_names


def test_known_values_fill_and_unknown_show_a_label():
    line = render("{client}，一年相差{yearly_diff}。", {"client": "王先生"})
    assert line == "王先生，一年相差【年差额】。"
    assert render("{yearly_diff}", {}, lang="en") == "[yearly difference]"


def test_no_name_drops_the_opening_address_only():
    assert render("{client}，您好，请坐。", {"client": "您"}) == "您好，请坐。"
    assert render("好的。{client}，您看", {"client": "您"}) == "好的。您看"
    assert render("谢谢{client}，再见", {"client": "您"}) == "谢谢您，再见"
    assert render("{client}请坐", {"client": "您"}) == "您请坐"


def test_literal_braces_and_names():
    assert render("{{x}}", {}) == "{x}"
    assert template_names("{a} {{b}} {c}") == [("a", 0), ("c", 10)]


def test_rates_and_money_as_staff_say_them():
    assert format_rate(0.00025) == "万2.5"
    assert format_rate(0.003) == "千分之3"
    assert format_rate(0.0025) == "千分之2.5"
    assert format_money(50) == "50元"
    assert format_money(1234.5) == "1,234.50元"
    assert format_money(1_200_000) == "120万元"
    assert format_money(12_345) == "12,345元"
