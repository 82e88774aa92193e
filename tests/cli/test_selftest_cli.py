"""`coach test`: accuracy on the taxonomy's examples or a labelled file; exit code on failure."""

import json

from coach.cli import main


def test_examples_report_accuracy_and_pass(capsys):
    assert main(["test", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total"] >= 110  # at least ten examples for each of the eleven causes
    assert out["top1"] >= 0.9
    assert out["passed"] is True


def test_labelled_file_with_tags_and_confusion(tmp_path, capsys):
    data = tmp_path / "labelled.yaml"
    data.write_text(
        "- text: 搬家了，离这太远\n  causes: [relocation]\n  tags: [terse]\n"
        "- text: 那邊給我萬一免五\n  causes: [competitor_commission]\n  tags: [traditional]\n"
        "- text: 随便说点什么\n  causes: [poached]\n  tags: [traditional]\n",
        encoding="utf-8",
    )
    assert main(["test", "--data", str(data), "--json", "--min-top1", "0.5"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total"] == 3
    assert out["tags"]["terse"] == {"total": 1, "top1": 1.0}
    assert out["tags"]["traditional"]["top1"] == 0.5
    assert {"expected": "poached", "got": "other", "count": 1} in out["confusion"]


def test_below_threshold_fails_with_exit_1(tmp_path, capsys):
    data = tmp_path / "labelled.yaml"
    data.write_text("- text: 随便说点什么\n  causes: [poached]\n", encoding="utf-8")
    assert main(["test", "--data", str(data)]) == 1
    out = capsys.readouterr()
    assert "top-1" in out.out


def test_unreadable_labelled_file_is_a_clear_error(tmp_path, capsys):
    data = tmp_path / "bad.yaml"
    data.write_text("text: [unclosed\n", encoding="utf-8")
    assert main(["test", "--data", str(data)]) == 2
    assert "bad.yaml" in capsys.readouterr().err


def test_sample_transcripts_are_replayed(capsys):
    assert main(["test", "--json"]) == 0
    replay = json.loads(capsys.readouterr().out)["replay"]
    assert replay["sessions"] >= 4 and replay["failures"] == []


def test_a_sample_that_no_longer_replays_fails(tmp_path, capsys):
    from coach.core.paths import default_transcripts

    source = default_transcripts() / "samples" / "relocation_retained_masked_phone.jsonl"
    lines = source.read_text(encoding="utf-8").splitlines()
    edited = [
        line.replace('"to": "cases"', '"to": "no_such_step"') for line in lines
    ]
    assert edited != lines
    (tmp_path / "s.jsonl").write_text("\n".join(edited) + "\n", encoding="utf-8")
    assert main(["test", "--samples", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "no_such_step" in captured.out


def test_the_confusion_table_keeps_whole_ids_at_80_columns(capsys, monkeypatch):
    """Issue 10 item 11: headers were cut to "indu… relo…"."""
    monkeypatch.setenv("COLUMNS", "80")
    main(["test"])
    out = capsys.readouterr().out
    assert "…" not in out
    assert "1=industry_employee" in out and "competitor_commission" in out


def test_file_errors_are_sentences_naming_the_file(tmp_path, capsys):
    missing = tmp_path / "nope.yaml"
    assert main(["test", "--data", str(missing)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "[Errno" not in err
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert main(["test", "--data", str(binary)]) == 2
    err = capsys.readouterr().err
    assert str(binary) in err and "UTF-8" in err
