"""The compiled-classifier cache: faster starts, never different answers, never code."""

import hashlib
import os
import pickle
import random
import shutil
from pathlib import Path

import pytest

from coach.core.paths import default_playbooks
from coach.core.understand import cache
from coach.core.understand.classifier import Classifier
from coach.core.understand.compiled import classifier_from_data, classifier_to_data

STATEMENTS = ["我搬家了，太远", "那边给我万一免五", "不是佣金的问题，是我闺女进了券商"]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    """One compiled classifier and its cache file, shared by the tests that only read it."""
    folder = tmp_path_factory.mktemp("shared") / "cache"
    old = os.environ.get("COACH_CACHE")
    os.environ["COACH_CACHE"] = str(folder)
    try:
        clf = Classifier.load(default_playbooks())
    finally:
        if old is None:
            del os.environ["COACH_CACHE"]
        else:
            os.environ["COACH_CACHE"] = old
    [path] = folder.glob("classifier-*.json")
    return clf, path


def test_a_cached_classifier_answers_as_a_fresh_one(compiled, monkeypatch):
    first, path = compiled
    assert path.read_bytes().startswith(cache.MAGIC)
    assert (path.stat().st_mode & 0o777) == 0o600 and (path.parent.stat().st_mode & 0o777) == 0o700
    monkeypatch.setenv("COACH_CACHE", str(path.parent))
    second = Classifier.load(default_playbooks())  # read back
    for text in STATEMENTS:
        assert second.classify(text) == first.classify(text)


def test_plain_data_round_trip(compiled):
    clf, _ = compiled
    back = classifier_from_data(Classifier, cache.decode(cache.encode(classifier_to_data(clf))))
    for text in STATEMENTS:
        assert back.classify(text) == clf.classify(text)


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
    assert len(list((tmp_path / "cache").glob("classifier-*.json"))) == 2


def test_an_unusable_cache_folder_changes_nothing(compiled, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("COACH_CACHE", str(blocker / "cache"))
    assert Classifier.load(default_playbooks()).classify(STATEMENTS[0]).leading == "relocation"


def test_a_garbage_file_is_replaced(compiled, tmp_path, monkeypatch):
    _, path = compiled
    folder = tmp_path / "junk"
    folder.mkdir(mode=0o700)
    target = folder / path.name
    target.write_bytes(b"garbage")
    monkeypatch.setenv("COACH_CACHE", str(folder))
    assert Classifier.load(default_playbooks()).classify(STATEMENTS[0]).leading == "relocation"
    assert target.read_bytes() == path.read_bytes()  # rebuilt and written back


class _Payload:
    def __reduce__(self):
        return (os.system, (f"touch {os.environ['COACH_MARKER']}",))


def test_a_planted_pickle_never_runs(compiled, tmp_path, monkeypatch):
    _, path = compiled
    folder = tmp_path / "planted"
    folder.mkdir(mode=0o700)
    marker = tmp_path / "pwned"
    monkeypatch.setenv("COACH_MARKER", str(marker))
    body = pickle.dumps(_Payload())
    for name in (path.name, path.name.replace(".json", ".pickle")):
        (folder / name).write_bytes(body)
    # even behind a correct header and hash
    (folder / path.name).write_bytes(
        cache.MAGIC + hashlib.sha256(body).hexdigest().encode() + b"\n" + body
    )
    monkeypatch.setenv("COACH_CACHE", str(folder))
    assert Classifier.load(default_playbooks()).classify(STATEMENTS[0]).leading == "relocation"
    assert not marker.exists()
    assert (folder / path.name).read_bytes() == path.read_bytes()


def test_a_folder_others_can_write_is_not_used(compiled, tmp_path, monkeypatch):
    _, path = compiled
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o777)
    planted = folder / path.name
    planted.write_bytes(path.read_bytes())
    monkeypatch.setenv("COACH_CACHE", str(folder))
    assert not cache.safe_folder(folder, create=True)
    read = []
    monkeypatch.setattr(cache, "_read", lambda p: read.append(p))
    built = cache.cached("x", "k", lambda: 41, lambda v: v, lambda d: 0)
    assert built == 41 and not read and sorted(os.listdir(folder)) == [path.name]


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs chown")
def test_a_folder_of_another_user_is_not_used(tmp_path):
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o700)
    os.chown(folder, 4242, 4242)
    assert not cache.safe_folder(folder, create=True)


def test_a_symlink_where_the_folder_should_be_is_not_used(tmp_path):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(real)
    assert not cache.safe_folder(tmp_path / "link", create=True)


def test_the_folder_is_created_private(tmp_path):
    folder = tmp_path / "new" / "coach"
    assert cache.safe_folder(folder, create=True)
    assert (folder.stat().st_mode & 0o777) == 0o700


def test_writing_never_follows_a_planted_link(tmp_path, monkeypatch):
    folder = tmp_path / "c"
    folder.mkdir(mode=0o700)
    victim = tmp_path / "victim"
    victim.write_text("keep me", encoding="utf-8")
    # the old predictable temporary name, and the final name, both pointing at the victim
    (folder / f"x-k.json.{os.getpid()}.tmp").symlink_to(victim)
    (folder / "x-k.json").symlink_to(victim)
    monkeypatch.setenv("COACH_CACHE", str(folder))
    assert cache.cached("x", "k", lambda: [1.5], lambda v: v, lambda d: d) == [1.5]
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not (folder / "x-k.json").is_symlink()
    assert cache.cached("x", "k", lambda: [9.0], lambda v: v, lambda d: d) == [1.5]  # read back
    assert not [p for p in os.listdir(folder) if p.startswith(".")]  # no temporary left


def test_random_corruption_always_rebuilds_and_repairs(compiled, tmp_path, monkeypatch):
    clf, path = compiled
    original = path.read_bytes()
    folder = tmp_path / "corrupt"
    folder.mkdir(mode=0o700)
    target = folder / path.name
    monkeypatch.setenv("COACH_CACHE", str(folder))
    rng = random.Random(20261207)
    builds = []

    def build():
        builds.append(1)
        return clf

    key = path.name[len("classifier-") : -len(".json")]
    for _ in range(40):
        raw = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        target.write_bytes(bytes(raw))
        got = cache.cached("classifier", key, build, classifier_to_data,
                           lambda d: classifier_from_data(Classifier, d))
        assert got.classify(STATEMENTS[0]).leading == "relocation"
        assert target.read_bytes() == original  # repaired for the next run
    assert len(builds) == 40


def test_corrupt_data_behind_a_valid_hash_is_refused_not_crashed(compiled):
    """Whoever can write the folder can forge the hash: the reader still only reads data."""
    clf, _ = compiled
    body = cache.encode(classifier_to_data(clf))[len(cache.MAGIC) + 65 :]
    rng = random.Random(7)
    for _ in range(60):
        raw = bytearray(body)
        at = rng.randrange(len(raw))
        raw[at : at + rng.randint(1, 4)] = bytes(rng.randrange(32, 127) for _ in range(rng.randint(1, 4)))
        forged = cache.MAGIC + hashlib.sha256(bytes(raw)).hexdigest().encode() + b"\n" + bytes(raw)
        try:
            back = classifier_from_data(Classifier, cache.decode(forged))
        except (ValueError, TypeError, KeyError, RecursionError):
            continue
        back.classify(STATEMENTS[0])  # whatever loaded still answers


def test_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cached("x", "k", lambda: 3, lambda v: v, lambda d: d) == 3
    assert not any(Path(tmp_path).rglob("*"))


def test_the_phrasings_file_name_agrees_with_the_content_layer():
    from coach.core.content import labelled
    from coach.core.understand import compiled

    assert compiled.PHRASINGS_FILE == labelled.PHRASINGS_FILE


def test_a_fifo_in_place_of_content_does_not_hang_the_key(tmp_path):
    fifo = tmp_path / "phrasings.yaml"
    os.mkfifo(fifo)
    plain = tmp_path / "causes.yaml"
    plain.write_text("x", encoding="utf-8")
    assert len(cache.file_key([plain, fifo])) == 32


@pytest.mark.parametrize("items", [["佣金", "搬家", "a b", "。"], [], ["有\x1f分隔符", "x"], [""]])
def test_a_list_of_strings_comes_back_as_written(items):
    raw = cache.encode({"grams": cache.Texts(items)})
    assert cache.decode(raw) == {"grams": items}


def test_long_lists_of_strings_are_stored_as_one_string():
    raw = cache.encode({"grams": cache.Texts(["佣金", "搬家"])})
    assert b'"$texts"' in raw and raw.count(b'"') == 6  # the key, the marker, the one string


@pytest.mark.parametrize("stored", ['{"$texts": 5}', '{"$texts": ""}', '{"$texts": ["a"]}'])
def test_a_malformed_list_of_strings_is_refused(stored):
    body = stored.encode()
    raw = cache.MAGIC + hashlib.sha256(body).hexdigest().encode() + b"\n" + body
    with pytest.raises(ValueError):
        cache.decode(raw)


def test_float_arrays_come_back_exactly_from_the_bytes_after_the_json():
    import array

    first = array.array("d", [0.1, -2.5e-300, float("inf"), 3.0])
    second = array.array("d", [7.0] * 1000)
    raw = cache.encode({"a": first, "b": [second, "x\ny"], "empty": array.array("d")})
    back = cache.decode(raw)
    assert back["a"] == first and back["b"][0] == second and back["b"][1] == "x\ny"
    assert back["empty"] == array.array("d")
    import json

    line, tail = raw.split(b"\n", 2)[2].split(b"\n", 1)  # one line of JSON, then the bytes
    assert json.loads(line)["a"] == {"$f64": [0, 32]} and len(tail) == 32 + 8000


@pytest.mark.parametrize("place", ["[0, 16]", "[8, 8]", "[0, 7]", "[-8, 8]", "[0.0, 8]",
                                   "[true, 8]", "[0]", '"AAAAAAAAAAA="'])
def test_a_float_array_pointing_outside_the_file_is_refused(place):
    body = ('{"a":{"$f64":' + place + '}}').encode() + b"\n" + bytes(8)
    raw = cache.MAGIC + hashlib.sha256(body).hexdigest().encode() + b"\n" + body
    with pytest.raises(ValueError):
        cache.decode(raw)
