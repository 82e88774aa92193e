"""The dormant and heavy-loss segments, bad rows by line, and what the export may look like."""

from __future__ import annotations

import pytest
from exports import STEADY, flag_of, month_of, rows, write

from coach.core.content.warning_file import default_rules
from coach.core.outreach.watch import WatchError, watch

QUIET = {"trades": 0, "commission": 0}


def idle(months: int, **extra) -> list[dict]:
    return rows(**{f"m{i}": dict(QUIET, **extra) for i in range(months)})


@pytest.mark.parametrize(("months", "dormant"), [(5, False), (6, True), (7, True)])
def test_dormant_after_six_months_without_a_trade(tmp_path, months, dormant):
    flag = flag_of(tmp_path, idle(months))
    assert (flag is not None and flag.segment == "dormant") is dormant
    if dormant:
        assert flag.idle_months == months
        assert flag.outreach == "dormant_call"


def test_dormant_needs_money_in_the_account(tmp_path):
    poor = idle(8, assets=9_999)
    assert flag_of(tmp_path, poor) is None or flag_of(tmp_path, poor).segment != "dormant"
    funded = idle(8, assets=10_000)
    assert flag_of(tmp_path, funded).segment == "dormant"


def test_never_traded_is_not_dormant(tmp_path):
    never = rows(**{f"m{i}": QUIET for i in range(12)})
    flag = flag_of(tmp_path, never)
    assert flag is None or flag.segment != "dormant"


def test_last_trade_date_counts_when_the_history_is_short(tmp_path):
    client = rows(months=3, **{f"m{i}": dict(QUIET) for i in range(3)})
    client[-1]["last_trade"] = "2026-03-18"  # eight months before 2026-11
    flag = flag_of(tmp_path, client)
    assert flag is not None and flag.segment == "dormant" and flag.idle_months == 8


def test_heavy_loss_is_its_own_segment(tmp_path):
    # The guide's case: 300万 down to 180万 over the year, on our advice.
    client = rows(**{f"m{i}": {"assets": 3_000_000 - (11 - i) * 0 , "pnl": 0} for i in range(12)})
    for k, row in enumerate(client):
        row["assets"] = 3_000_000 - k * 110_000
        row["pnl"] = -110_000 if k else 0
    flag = flag_of(tmp_path, client)
    assert flag is not None and flag.segment == "heavy_loss"
    assert flag.cause == "heavy_loss" and flag.outreach == "heavy_loss_call"


def test_bad_rows_are_named_by_line_and_the_rest_is_processed(tmp_path):
    good = rows("C1", m0={"complaints": 1})
    bad = rows("C2")
    bad[3]["assets"] = "很多"
    bad[5]["month"] = "2026-13"
    bad[7]["trades"] = ""
    path = write(tmp_path / "export.csv", good + bad)
    text = path.read_text(encoding="utf-8").splitlines()
    text.insert(6, "C3,2026-05")  # a row cut short
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    result = watch(path, default_rules())
    by_line = {b.line: b.reason for b in result.bad_rows}
    assert set(by_line) == {7, 12 + 4 + 2, 12 + 6 + 2, 12 + 8 + 2}
    assert "assets" in by_line[12 + 4 + 2] and "很多" in by_line[12 + 4 + 2]
    assert "month" in by_line[12 + 6 + 2]
    assert "trades: missing" in by_line[12 + 8 + 2]
    assert "assets: missing" in by_line[7]
    assert result.bad_count == 4
    assert any(f.client == "C1" for f in result.flagged)


def test_duplicate_month_names_the_first_line(tmp_path):
    client = rows()
    path = write(tmp_path / "export.csv", client + [client[-1]])
    result = watch(path, default_rules())
    assert [b.line for b in result.bad_rows] == [14]
    assert "line 13" in result.bad_rows[0].reason


def test_missing_required_column_is_a_clear_error(tmp_path):
    path = write(tmp_path / "export.csv", rows(), ["client", "month", "assets"])
    with pytest.raises(WatchError) as caught:
        watch(path, default_rules())
    assert "commission" in caught.value.en and "佣金" in caught.value.zh


def test_chinese_headers_and_extra_columns(tmp_path):
    from coach.core.outreach.columns import COLUMNS

    client = rows(m0={"complaints": 1})
    zh_rows = [{c.zh: r.get(c.name, "") for c in COLUMNS} | {"备注": "x"} for r in client]
    path = write(tmp_path / "export.csv", zh_rows, [c.zh for c in COLUMNS] + ["备注"])
    result = watch(path, default_rules())
    assert result.bad_count == 0
    assert [f.id for f in result.flagged[0].fired] == ["complaint"]


def test_parquet_export(tmp_path):
    import duckdb

    csv_path = write(tmp_path / "export.csv", rows(m0={"complaints": 1}))
    pq = tmp_path / "export.parquet"
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{csv_path}')) TO '{pq}' (FORMAT parquet)")
    result = watch(pq, default_rules())
    assert result.rows == 12 and [f.client for f in result.flagged] == ["C1"]


def test_month_option_looks_back(tmp_path):
    path = write(tmp_path / "export.csv", rows(m2={"complaints": 1}))
    assert watch(path, default_rules()).flagged == ()
    earlier = watch(path, default_rules(), month=month_of(2))
    assert earlier.month == month_of(2) and earlier.flagged[0].fired[0].id == "complaint"


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00garbage", b"client,month\n"])
def test_unreadable_exports_raise_watch_error(tmp_path, content):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    with pytest.raises(WatchError):
        watch(path, default_rules())


def test_not_a_regular_file(tmp_path):
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(WatchError):
        watch(fifo, default_rules())
    with pytest.raises(WatchError):
        watch(tmp_path / "missing.csv", default_rules())


def test_steady_defaults_are_steady():
    assert STEADY["trades"] > 0
