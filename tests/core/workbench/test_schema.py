"""The JSON Schemas agree with the loader: every shipped file validates against its schema, the
shipped schemas are what the loader says now, and each broken file the validator refuses for
its shape is refused by the schema too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from coach.cli import main
from coach.core.practice.validation import validate
from coach.core.workbench.schema import SCHEMA_FOLDER, derive, kind_of
from coach.core.workbench.schema_files import content_files, missing_headers, stale

jsonschema = pytest.importorskip("jsonschema")

REPO = Path(__file__).resolve().parents[3]
PLAYBOOKS = REPO / "playbooks"


def schema_errors(root: Path, path: Path) -> list[str]:
    kind = kind_of(root, path)
    assert kind is not None, path
    schema = json.loads((PLAYBOOKS / SCHEMA_FOLDER / f"{kind}.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("path", [p for p, _ in content_files(PLAYBOOKS)],
                         ids=lambda p: str(p.relative_to(PLAYBOOKS)))
def test_every_shipped_file_validates_against_its_schema(path: Path) -> None:
    assert schema_errors(PLAYBOOKS, path) == []


def test_shipped_schemas_are_what_the_loader_says_now() -> None:
    derived = derive(PLAYBOOKS)
    assert stale(derived, PLAYBOOKS / SCHEMA_FOLDER) == [], "run: coach schema --link"
    assert missing_headers(PLAYBOOKS) == [], "run: coach schema --link"
    assert {"case", "causes", "firm", "persona", "persona-defaults", "phrasings", "principles",
            "scoring", "techniques"} <= set(derived.schemas)


def test_the_schema_follows_the_loader_key_tables() -> None:
    case = derive(PLAYBOOKS).schemas["case"]
    step = case["properties"]["steps"]["items"]
    # the keys of `f.allow(...)` in coach/core/content/cases.py, required first
    assert step["required"] == ["id", "technique", "say"]
    assert {"tips", "ask", "calculator", "next", "outcome"} <= set(step["properties"])
    assert step["additionalProperties"] is False
    assert case["properties"]["reactions"]["additionalProperties"] == {"$ref": "#/$defs/text"}
    tier = derive(PLAYBOOKS).schemas["firm"]["properties"]["tiers"]["items"]
    assert tier["properties"]["rate"] == {"type": "number", "minimum": 0}


@pytest.fixture
def books(tmp_path: Path) -> Path:
    copy = tmp_path / "books"
    shutil.copytree(PLAYBOOKS, copy)
    return copy


# (file, text in it, replacement): each breaks the file's shape.
BROKEN = [
    ("cases/relocation.yaml", "start: congratulate", "strat: congratulate"),
    ("cases/relocation.yaml", "    technique: acknowledge_praise", "    technic: acknowledge_praise"),
    ("cases/relocation.yaml", "outcome: retained", "outcome: retain"),
    ("cases/relocation.yaml", "cause: relocation", "cause: relocations"),
    ("cases/relocation.yaml", "    ask: 您平时来营业部，一般都办些什么业务？", "    ask: 123"),
    ("cases/competitor_commission.yaml", "calculator: commission", "calculator: comission"),
    ("causes.yaml", "      从业人员: 3", "      从业人员: 0"),
    ("causes.yaml", "  - id: industry_employee", "  - id: industry_employe"),
    ("firm.yaml", "hotline: 400-000-6699", "hotline: 4000006699"),
    ("firm.yaml", "standard_rate: 0.00025", "standard_rate: -1"),
    ("firm.yaml", "{name: 银卡, min_turnover:", "{name: 银卡, min_turnovr:"),
    ("principles.yaml", "    name: {zh: 亲和礼貌, en: Rapport and courtesy}",
     "    nmae: {zh: 亲和礼貌, en: Rapport and courtesy}"),
    ("techniques.yaml", "  - id: empathy", "  - ident: empathy"),
    ("scoring.yaml", "evidence: first_reply", "evidence: first_replies"),
    ("scoring.yaml", "part: order", "part: ordering"),
    ("personas/_defaults.yaml", "max_gain: 2 ", "max_gain: lots "),
    ("personas/relocation_qiao.yaml", "difficulty: easy", "difficulty: eazy"),
    ("personas/relocation_qiao.yaml", "mood: 0", "mood: 9"),
    ("personas/relocation_qiao.yaml", "  late:", "  lately:"),
    ("phrasings.yaml", "  causes: [industry_employee]", "  cuases: [industry_employee]"),
]


@pytest.mark.parametrize(("name", "old", "new"), BROKEN, ids=[f"{n}:{b}" for n, _, b in BROKEN])
def test_a_broken_file_is_refused_by_loader_and_schema(books: Path, name: str, old: str,
                                                       new: str) -> None:
    path = books / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert [p for p in validate(books) if p.is_error and p.path == str(path)], "loader accepted it"
    assert schema_errors(books, path), "schema accepted it"


def test_a_top_level_list_is_refused_by_both(books: Path) -> None:
    path = books / "firm.yaml"
    path.write_text("- name: 测试证券\n", encoding="utf-8")
    assert [p for p in validate(books) if p.is_error and p.path == str(path)]
    assert schema_errors(books, path)


def test_coach_schema_writes_checks_and_links(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    books = tmp_path / "books"
    shutil.copytree(PLAYBOOKS, books)
    shutil.rmtree(books / SCHEMA_FOLDER)
    relocation = books / "cases" / "relocation.yaml"
    relocation.write_text(relocation.read_text("utf-8").split("\n", 1)[1], encoding="utf-8")
    assert main(["schema", str(books), "--link", "--check"]) == 1
    out = capsys.readouterr().out
    assert str(relocation) in out and "case.schema.json" in out
    assert main(["schema", str(books), "--link"]) == 0
    written = capsys.readouterr().out.splitlines()
    assert str(relocation) in written
    assert relocation.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=../schema/case.schema.json\ncause: relocation\n")
    assert (books / SCHEMA_FOLDER / "case.schema.json").read_text("utf-8") == (
        PLAYBOOKS / SCHEMA_FOLDER / "case.schema.json").read_text("utf-8")
    assert main(["schema", str(books), "--link", "--check"]) == 0
    assert main(["schema", str(tmp_path / "nope")]) == 2


def test_schema_to_another_folder(tmp_path: Path) -> None:
    assert main(["schema", str(PLAYBOOKS), "--to", str(tmp_path / "s")]) == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(
        p.name for p in (PLAYBOOKS / SCHEMA_FOLDER).iterdir())
