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
    table = out[out.index("混淆表"):]
    assert "indu…" not in out and "relo…" not in out
    assert " 1  身份问题" in table and "11  其他情况" in table  # numbered rows, whole names


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


# ---------------------------------------------------------------- the workbench sections

import shutil  # noqa: E402
import subprocess  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def books(tmp_path):
    copy = tmp_path / "books"
    shutil.copytree(REPO / "playbooks", copy, ignore=shutil.ignore_patterns(".coach-test.*"))
    return copy


def test_json_has_every_section(books, capsys):
    assert main(["test", str(books), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["crossval"]["total"] > out["total"] and out["crossval"]["accuracy"] >= 0.85
    assert set(out["crossval"]["per_cause"]["relocation"]) == {"precision", "recall", "support"}
    assert out["walks"]["ok"] and out["walks"]["step_coverage"] == 1.0
    assert out["walks"]["reaction_coverage"] == 1.0
    assert {p["script"] for p in out["personas"]} == {"model", "poor"}
    assert all(p["ok"] for p in out["personas"])
    assert "replies" in out and out["failures"] == [] and out["change"] is None


def test_the_second_run_shows_the_difference(books, capsys):
    assert main(["test", str(books), "--json"]) == 0
    capsys.readouterr()
    assert (books / ".coach-test.json").is_file()
    causes = books / "causes.yaml"
    text = causes.read_text("utf-8")
    causes.write_text(text.replace("      搬家: ", "      搬 家 已 删: ", 1), "utf-8")
    # A keyword gone alone no longer shows: the learned channel reads relocation without it.
    # Relocation statements mislabelled by a trainer do.
    phrasings = books / "phrasings.yaml"
    phrasings.write_text(phrasings.read_text("utf-8").replace("causes: [relocation]",
                                                                "causes: [poor_service]"), "utf-8")
    main(["test", str(books), "--json"])
    change = json.loads(capsys.readouterr().out)["change"]
    assert change["same_content"] is False
    assert change["crossval"]["delta"] < 0
    assert change["recall"]["relocation"]["delta"] < 0
    assert change["newly_missed"]


def test_the_history_file_is_ignored_by_git():
    done = subprocess.run(["git", "check-ignore", "-q", "playbooks/.coach-test.json"], cwd=REPO)
    assert done.returncode == 0


def test_readable_output_names_causes_and_sections(books, capsys):
    assert main(["test", str(books), "--lang", "en", "--no-save"]) == 0
    out = capsys.readouterr().out
    for heading in ("cross-validated", "by cause", "confusion (rows: labelled",
                    "near misses", "reply analysis", "walks", "personas", "sample transcripts",
                    "passed"):
        assert heading in out, heading
    assert "Relocation" in out  # cause names, not truncated ids
    assert not (books / ".coach-test.json").exists()


def test_a_failing_walk_prints_its_seed_and_replays(books, capsys):
    case = books / "cases" / "relocation.yaml"
    text = case.read_text("utf-8")
    case.write_text(text.replace("我这就给那边的营业部打电话", "一年能省{yearly_diff}，我这就给那边的营业部打电话"), "utf-8")
    # the reply model learns from the case files' lines: its cross-validation is not the point
    assert main(["test", str(books), "--lang", "en", "--no-replies"]) == 1
    out = capsys.readouterr().out
    assert "{yearly_diff} (年差额) has no value on this path" in out
    seed = int(out.split("coach test --walk ")[1].split()[0])
    assert main(["test", str(books), "--walk", str(seed), "--lang", "en"]) == 1
    replay = capsys.readouterr().out
    assert "✗ relocation" in replay and "transferred" in replay and "yearly_diff" in replay
    assert f"walk seed {seed}" in replay


def test_a_persona_the_model_script_cannot_win_fails(books, capsys):
    persona = books / "personas" / "relocation_qiao.yaml"
    text = persona.read_text("utf-8")
    text = text.replace("patience: 6", "patience: 2").replace("mood: 0", "mood: -4")
    start, end = text.index("softens:"), text.index("hardens:")
    text = text[:start] + "softens:\n  listen_and_clarify: 0.2\n  graceful_exit: 0.2\n" + text[end:]
    persona.write_text(text, "utf-8")
    assert main(["test", str(books), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    bad = [p for p in out["personas"] if not p["ok"]]
    assert [(p["persona"], p["script"]) for p in bad] == [("relocation_qiao", "model")]
    assert any("relocation_qiao (model script)" in f for f in out["failures"])


def test_a_missing_folder_and_a_broken_taxonomy(tmp_path, capsys):
    assert main(["test", str(tmp_path / "nope")]) == 2
    (tmp_path / "causes.yaml").write_text("causes: [\n", "utf-8")
    assert main(["test", str(tmp_path)]) == 2
    assert "causes.yaml" in capsys.readouterr().err
