"""The position-tracking safe loader: 1-based places for everything, no objects from tags."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.core.content.model import Pos
from coach.core.content.yamlpos import PosLoader, YList, YMap, load_yaml, parse_yaml

DOC = """\
name: 澄远证券
steps:
  - id: listen
    say: "{client}，您好"
    weight: 2.5
  - id: kept
    tips: [先听, 后说]
yes: no
"""


def test_positions_of_mappings_sequences_keys_and_scalars() -> None:
    tree, problems = parse_yaml(DOC, "f.yaml")
    assert problems == []
    assert isinstance(tree, YMap) and tree.pos == Pos("f.yaml", 1, 1)
    assert tree.key_at("steps") == Pos("f.yaml", 2, 1)
    assert tree.at("name") == Pos("f.yaml", 1, 7)
    steps = tree["steps"]
    assert isinstance(steps, YList) and steps.pos == Pos("f.yaml", 3, 3)
    assert steps.at(1) == Pos("f.yaml", 6, 5)
    first = steps[0]
    assert first.key_at("say") == Pos("f.yaml", 4, 5)
    assert first.at("say") == Pos("f.yaml", 4, 10)
    assert first["weight"] == 2.5
    tips = steps[1]["tips"]
    assert tips == ["先听", "后说"] and tips.at(1) == Pos("f.yaml", 7, 16)


def test_plain_data_only() -> None:
    tree, _ = parse_yaml(DOC, "f.yaml")
    assert type(tree).__mro__[1] is dict and type(tree["steps"]).__mro__[1] is list
    # keys stay as written (a keyword `yes` is text), values follow YAML
    assert tree["yes"] is False


def test_offset_inside_a_one_line_string_points_at_the_character() -> None:
    tree, _ = parse_yaml(DOC, "f.yaml")
    say = tree["steps"][0]
    assert say.at_offset("say", 0) == Pos("f.yaml", 4, 11)  # after the opening quote
    tips = tree["steps"][1]["tips"]
    assert tips.at_offset(1, 1) == Pos("f.yaml", 7, 17)


def test_offset_in_block_text_falls_back_to_the_value_start() -> None:
    tree, _ = parse_yaml("say: |\n  第一行\n  {client}\n", "f.yaml")
    assert tree.at_offset("say", 4) == Pos("f.yaml", 1, 6)


def test_object_tag_is_rejected_at_the_tag_and_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'a: 1\nb: !!python/object/apply:os.system ["touch {marker}"]\n'
    tree, problems = parse_yaml(text, "f.yaml")
    assert not marker.exists()
    assert [(p.line, p.col, p.code) for p in problems] == [(2, 4, "unsafe-tag")]
    assert "python/object/apply:os.system" in problems[0].message
    assert tree["b"] is None


def test_custom_tags_are_rejected_too() -> None:
    _, problems = parse_yaml("steps:\n  - !include other.yaml\n", "f.yaml")
    assert [(p.line, p.col, p.code) for p in problems] == [(2, 5, "unsafe-tag")]


def test_syntax_error_has_the_real_position() -> None:
    tree, problems = parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "f.yaml")
    assert tree is None
    assert [(p.line, p.col, p.code) for p in problems] == [(3, 2, "yaml-syntax")]
    assert "line 2, column 4" in problems[0].message


def test_bad_indentation_position() -> None:
    _, problems = parse_yaml("steps:\n  - id: a\n   say: x\n", "f.yaml")
    assert [(p.line, p.col, p.code) for p in problems] == [(3, 4, "yaml-syntax")]


def test_duplicate_key_points_at_the_second_and_names_the_first() -> None:
    _, problems = parse_yaml("id: a\nsay: x\nid: b\n", "f.yaml")
    assert [(p.line, p.col, p.code) for p in problems] == [(3, 1, "duplicate-key")]
    assert "line 1" in problems[0].message


def test_aliases_and_merge_keys() -> None:
    text = "base: &b {technique: empathy, say: hi}\nstep:\n  <<: *b\n  say: hello\n"
    tree, problems = parse_yaml(text, "f.yaml")
    assert problems == []
    assert tree["step"] == {"technique": "empathy", "say": "hello"}
    assert tree["step"].at("technique") == Pos("f.yaml", 1, 22)


def test_recursive_alias_is_a_problem_not_a_crash() -> None:
    _, problems = parse_yaml("a: &x [*x]\n", "f.yaml")
    assert [p.code for p in problems] == ["yaml-syntax"]


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    _, problems = parse_yaml("[" * 500 + "]" * 500, "f.yaml")
    assert [p.code for p in problems] == ["yaml-syntax"]


def test_empty_and_comment_only_files_give_no_tree() -> None:
    assert parse_yaml("", "f.yaml") == (None, [])
    assert parse_yaml("# nothing yet\n", "f.yaml") == (None, [])


def test_not_utf8_points_at_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes(b"name: ok\ntitle: " + "竞争".encode("gbk"))
    tree, problems = load_yaml(path)
    assert tree is None
    assert [(p.path, p.line, p.col, p.code) for p in problems] == [(str(path), 2, 8, "not-utf8")]
    assert "UTF-8" in problems[0].hint


def test_binary_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\nb: \x00\x01\x02")
    _, problems = load_yaml(path)
    assert [(p.line, p.col, p.code) for p in problems] == [(2, 4, "bad-character")]


def test_folder_named_like_a_file(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    _, problems = load_yaml(tmp_path / "x.yaml")
    assert [(p.line, p.code) for p in problems] == [(0, "not-a-file")]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfcause: other\n")
    tree, problems = load_yaml(path)
    assert problems == [] and tree["cause"] == "other" and tree.at("cause").col == 8


def test_loader_is_the_fast_safe_one() -> None:
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert issubclass(PosLoader, base)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{}'\"!&*#|>\n\t佣金{}%@`,?\x00\ud7ff")), max_size=60))
def test_no_text_makes_the_loader_raise(text: str) -> None:
    tree, problems = parse_yaml(text, "f.yaml")
    assert all(p.line >= 1 and p.col >= 1 for p in problems)
    assert tree is None or isinstance(tree, YMap | YList | str | int | float | bool)
