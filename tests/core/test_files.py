"""Reading files someone else put in a folder: regular files only, bounded, inside the folder."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from coach.core import files
from coach.core.files import Refused, inside, list_folder, max_file_bytes, read_regular


def _refused(path: Path, **kw) -> Refused:
    with pytest.raises(Refused) as caught:
        read_regular(path, **kw)
    return caught.value


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"cause: other\n")
    assert read_regular(path) == b"cause: other\n"


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result: list[object] = []
    reader = threading.Thread(target=lambda: result.append(_refused(fifo)), daemon=True)
    reader.start()
    reader.join(5)
    assert not reader.is_alive(), "reading a FIFO hung"
    assert isinstance(result[0], Refused) and result[0].code == "not-a-file"
    assert "FIFO" in result[0].message


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    assert _refused(Path(device)).code == "not-a-file"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert _refused(tmp_path).code == "not-a-file"


def test_the_size_limit_comes_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a" * 3 * 1024 * 1024)
    monkeypatch.setenv("COACH_MAX_FILE_MB", "2")
    refused = _refused(path)
    assert refused.code == "too-large" and "2 MB" in refused.message
    assert "COACH_MAX_FILE_MB" in refused.hint
    monkeypatch.setenv("COACH_MAX_FILE_MB", "4")
    assert len(read_regular(path)) == 3 * 1024 * 1024


@pytest.mark.parametrize("raw, expected", [("", 5), ("x", 5), ("-1", 5), ("0", 5), ("nan", 5),
                                           ("0.5", 0.5), ("12", 12)])
def test_a_bad_limit_falls_back_to_five_megabytes(raw: str, expected: float, monkeypatch) -> None:
    monkeypatch.setenv("COACH_MAX_FILE_MB", raw)
    assert max_file_bytes() == int(expected * 1024 * 1024)


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:$6$hash:19000:0:99999:7:::\n")
    folder = tmp_path / "playbooks"
    folder.mkdir()
    (folder / "x.yaml").symlink_to(secret)
    (folder / "y.yaml").write_text("a: 1\n")
    (folder / "z.yaml").symlink_to(folder / "y.yaml")
    assert _refused(folder / "x.yaml", root=folder).code == "outside-folder"
    assert read_regular(folder / "z.yaml", root=folder) == b"a: 1\n"  # a link within is fine
    assert not inside(folder, folder / "x.yaml")
    assert not inside(folder, tmp_path / "playbooks-other" / "a.yaml")


def test_without_following_links_any_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "y.jsonl").write_text("{}\n")
    (tmp_path / "z.jsonl").symlink_to(tmp_path / "y.jsonl")
    assert read_regular(tmp_path / "z.jsonl") == b"{}\n"
    assert _refused(tmp_path / "z.jsonl", follow_links=False).code == "symlink"
    assert read_regular(tmp_path / "y.jsonl", follow_links=False) == b"{}\n"


def test_an_unreadable_folder_is_refused_not_empty(tmp_path: Path, monkeypatch) -> None:
    def denied(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(files.os, "scandir", denied)
    with pytest.raises(Refused) as caught:
        list_folder(tmp_path, ".yaml")
    assert caught.value.code == "unreadable-folder"
    assert "Permission denied" in caught.value.message


def test_list_folder_sorts_and_filters(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yaml", "c.yml", "d.txt"):
        (tmp_path / name).write_text("")
    assert [p.name for p in list_folder(tmp_path, ".yaml")] == ["a.yaml", "b.yaml"]
