from __future__ import annotations

import json

import pytest

import coach.cli.calc as calc_cli
from coach.cli import main
from coach.core.content.model import Firm, Tier

FIRM = Firm(
    name="测试证券",
    short_name="测试",
    hotline="400-000-0000",
    app="测试APP",
    strengths=(),
    service_products=(),
    standard_rate=0.00025,
    cap_rate=0.003,
    min_commission=5.0,
    tiers=(Tier("银卡", 5_000_000, 0.0002), Tier("金卡", 20_000_000, 0.00015)),
    branches=(),
)


@pytest.fixture
def with_firm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calc_cli, "load_firm", lambda folder: FIRM)


@pytest.fixture
def without_firm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calc_cli, "load_firm", lambda folder: None)


def test_commission_prints_the_numbers_and_the_line_to_say(with_firm, capsys) -> None:
    code = main(
        [
            "calc",
            "commission",
            "--turnover",
            "10万",
            "--trades",
            "10",
            "--ours",
            "0.25%",
            "--theirs",
            "0.2%",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert "一年 250元" in out and "一年 200元" in out
    assert "一年相差 50元" in out
    assert "话术：" in out and "一年相差50元，一个月不到5元。" in out


def test_commission_shows_when_the_minimum_makes_the_rate_meaningless(with_firm, capsys) -> None:
    code = main(
        [
            "calc",
            "commission",
            "--turnover",
            "10万",
            "--trades",
            "20",
            "--ours",
            "万2.5",
            "--theirs",
            "万2",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "（按最低收费）" in out
    assert "两边每笔都只收最低5元" in out


def test_commission_json(with_firm, capsys) -> None:
    code = main(
        [
            "calc",
            "commission",
            "--turnover",
            "10万",
            "--trades",
            "10",
            "--theirs",
            "0.2%",
            "--json",
            "--ours",
            "千2.5",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["calculator"] == "commission"
    assert data["yearly_diff"] == 50.0 and data["our_cost"] == 250.0
    assert data["minimum_equalises"] is False
    assert data["values"]["yearly_diff"] == "50元"
    assert "50元" in data["sentence"]


def test_our_rate_defaults_to_the_firm_standard_rate(with_firm, capsys) -> None:
    main(
        [
            "calc",
            "commission",
            "--turnover",
            "1000万",
            "--trades",
            "100",
            "--theirs",
            "万2",
            "--json",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert data["our_rate"] == pytest.approx(0.00025)
    assert data["yearly_diff"] == pytest.approx(500)


def test_english_output(with_firm, capsys) -> None:
    main(
        [
            "calc",
            "commission",
            "--turnover",
            "10万",
            "--trades",
            "10",
            "--ours",
            "0.25%",
            "--theirs",
            "0.2%",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr().out
    assert "Say:" in out and "50元 a year" in out


def test_without_a_firm_profile_the_defaults_apply_with_a_note(without_firm, capsys) -> None:
    code = main(
        [
            "calc",
            "commission",
            "--turnover",
            "10万",
            "--trades",
            "20",
            "--ours",
            "万2.5",
            "--theirs",
            "万2",
            "--json",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0
    assert "默认" in err and "5元" in err
    assert json.loads(out)["min_commission"] == 5


@pytest.mark.parametrize(
    "argv, expected",
    [
        (
            ["--turnover", "很多", "--trades", "20", "--ours", "万2.5", "--theirs", "万2"],
            "看不懂金额",
        ),
        (["--turnover", "10万", "--trades", "20", "--ours", "万2.5", "--theirs", "2"], "单位不明"),
        (["--turnover", "10万", "--trades", "20", "--ours", "5‰", "--theirs", "万2"], "上限"),
        (["--turnover", "10万", "--trades", "0", "--ours", "万2.5", "--theirs", "万2"], "正整数"),
    ],
)
def test_bad_input_is_a_message_and_exit_2(
    with_firm, capsys, argv: list[str], expected: str
) -> None:
    code = main(["calc", "commission", *argv])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert expected in err and "Traceback" not in err


def test_missing_arguments_exit_2(with_firm, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["calc", "commission", "--turnover", "10万"])
    assert exc.value.code == 2
    assert "--trades" in capsys.readouterr().err


def test_bundle_prints_tier_and_next_tier(with_firm, capsys) -> None:
    code = main(["calc", "bundle", "200万", "500万", "1200万"])
    out = capsys.readouterr().out
    assert code == 0
    assert "达到档位：银卡" in out and "万2" in out
    assert "下一档：金卡" in out and "还差 100万元" in out
    assert "3个账户合在一起" in out


def test_bundle_json(with_firm, capsys) -> None:
    main(["calc", "bundle", "200万", "500万", "1200万", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["pooled_turnover"] == 19_000_000
    assert data["tier"] == "银卡" and data["next_tier"] == "金卡"
    assert data["needed_for_next"] == 1_000_000


def test_bundle_without_tiers_explains_and_exits_2(without_firm, capsys) -> None:
    code = main(["calc", "bundle", "200万"])
    err = capsys.readouterr().err
    assert code == 2 and "档位" in err


def test_a_playbooks_folder_without_firm_yaml_falls_back_to_the_defaults(tmp_path, capsys) -> None:
    code = main(
        [
            "calc",
            "commission",
            "--turnover",
            "10万",
            "--trades",
            "20",
            "--ours",
            "万2.5",
            "--theirs",
            "万2",
            "--playbooks",
            str(tmp_path),
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0
    assert "firm.yaml" in err and "两边每笔都只收最低5元" in out


def test_bundle_counts_comma_separated_accounts_and_promises_no_zero_saving(capsys) -> None:
    # issue 10.9, on the bundled firm.yaml (its 标准 tier sits at the standard rate)
    assert main(["calc", "bundle", "200万,300万,600万"]) == 0
    assert "账户数 3" in capsys.readouterr().out
    assert main(["calc", "bundle", "100万"]) == 0
    out = capsys.readouterr().out
    assert "节省 0元" not in out and "少付0元" not in out and "还没到优惠档" in out
