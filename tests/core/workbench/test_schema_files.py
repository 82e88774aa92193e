"""Each content file names its schema on its first line; `link` writes or replaces that line."""

from __future__ import annotations

from pathlib import Path

from coach.core.workbench.schema_files import HEADER_PREFIX, header_for, link, missing_headers


def test_a_nested_file_points_one_folder_up() -> None:
    assert header_for("causes", nested=False) == HEADER_PREFIX + "schema/causes.schema.json"
    assert header_for("case", nested=True) == HEADER_PREFIX + "../schema/case.schema.json"


def test_link_adds_a_missing_line_replaces_a_stale_one_and_leaves_a_right_one(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    causes = tmp_path / "causes.yaml"
    causes.write_text("causes: []\n", encoding="utf-8")
    case = tmp_path / "cases" / "relocation.yaml"
    case.write_text(HEADER_PREFIX + "old.json\ncause: relocation\n", encoding="utf-8")
    assert {p for p, _ in missing_headers(tmp_path)} == {causes, case}
    assert set(link(tmp_path)) == {causes, case}
    assert causes.read_text(encoding="utf-8") == header_for("causes", nested=False) + "\ncauses: []\n"
    assert case.read_text(encoding="utf-8").splitlines() == [
        header_for("case", nested=True), "cause: relocation"]
    assert missing_headers(tmp_path) == [] and link(tmp_path) == []
