"""The compiled-classifier cache: faster starts, never different answers."""

import shutil
from pathlib import Path

from coach.core.paths import default_playbooks
from coach.core.understand.classifier import Classifier

STATEMENTS = ["我搬家了，太远", "那边给我万一免五", "不是佣金的问题，是我闺女进了券商"]


def test_a_cached_classifier_answers_as_a_fresh_one(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_CACHE", str(tmp_path / "cache"))
    first = Classifier.load(default_playbooks())  # compiles and writes the cache
    assert list((tmp_path / "cache").glob("classifier-*.pickle"))
    second = Classifier.load(default_playbooks())  # read back
    for text in STATEMENTS:
        assert second.classify(text) == first.classify(text)


def test_changed_content_is_compiled_afresh(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "playbooks"
    shutil.copytree(default_playbooks(), root)
    assert Classifier.load(root).classify("梧桐树").leading == "other"
    causes = root / "causes.yaml"
    causes.write_text(
        causes.read_text(encoding="utf-8").replace("      开户有礼: 3\n", "      开户有礼: 3\n      梧桐树: 3\n"),
        encoding="utf-8",
    )
    assert Classifier.load(root).classify("梧桐树").leading == "signup_gifts"
    assert len(list((tmp_path / "cache").glob("classifier-*.pickle"))) == 2


def test_an_unusable_cache_folder_changes_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("COACH_CACHE", str(blocker / "cache"))
    assert Classifier.load(default_playbooks()).classify(STATEMENTS[0]).leading == "relocation"
    (tmp_path / "junk").mkdir()
    monkeypatch.setenv("COACH_CACHE", str(tmp_path / "junk"))
    Classifier.load(default_playbooks())
    [pickled] = (tmp_path / "junk").glob("classifier-*.pickle")
    pickled.write_bytes(b"garbage")
    assert Classifier.load(default_playbooks()).classify(STATEMENTS[0]).leading == "relocation"


def test_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    Classifier.load(default_playbooks())
    assert not any(Path(tmp_path).rglob("*.pickle"))
