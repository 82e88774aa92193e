"""replies.yaml: the labelled replies the reply model learns from, and what validate says of them."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from coach.core.content.check import check_folder
from coach.core.content.replies import load_replies, read_replies
from coach.core.paths import PACKAGE_ROOT

BUNDLED = PACKAGE_ROOT / "playbooks"
MINI = Path(__file__).resolve().parents[2] / "fixtures" / "mini"


def _write(tmp_path: Path, body: str) -> Path:
    root = tmp_path / "playbooks"
    shutil.copytree(MINI, root)
    (root / "replies.yaml").write_text(body, encoding="utf-8")
    return root


def _problems(root: Path) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.col, p.level, p.code) for p in check_folder(root).problems
            if p.path.endswith("replies.yaml")]


def test_a_clean_file_has_no_problems(tmp_path: Path) -> None:
    root = _write(tmp_path, '- text: "您先坐，慢慢说。"\n  cause: relocation\n'
                            "  techniques: [listen_and_clarify]\n  violations: []\n  tags: [good]\n")
    assert _problems(root) == []
    assert read_replies(root / "replies.yaml")[0].techniques == ("listen_and_clarify",)


def test_unknown_ids_are_pointed_at(tmp_path: Path) -> None:
    root = _write(tmp_path, '- text: "您先坐，慢慢说。"\n  cause: relocaton\n'
                            "  techniques: [listen_and_clarfy]\n  violations: [rudeness]\n"
                            "  tags: [good]\n")
    found = _problems(root)
    assert (2, 10, "error", "unknown-cause") in found
    assert (3, 16, "error", "unknown-id") in found
    messages = [p for p in check_folder(root).problems if p.code == "unknown-id"]
    assert "listen_and_clarify" in messages[0].hint


def test_a_good_reply_needs_a_technique_and_a_violation_reply_a_violation(tmp_path: Path) -> None:
    root = _write(tmp_path, '- text: "您先坐。"\n  techniques: []\n  violations: []\n  tags: [good]\n'
                            '- text: "随便你。"\n  techniques: []\n  violations: []\n'
                            "  tags: [violation]\n"
                            '- text: "我们从不说保本。"\n  techniques: []\n'
                            "  violations: [disparage_competitor]\n  tags: [tricky, denial]\n")
    found = _problems(root)
    assert (4, 9, "error", "empty-labels") in found
    assert (8, 9, "error", "empty-labels") in found
    assert (12, 9, "error", "contradicting-labels") in found


def test_duplicates_are_found_whatever_the_punctuation(tmp_path: Path) -> None:
    item = "- text: {text}\n  techniques: [listen_and_clarify]\n  violations: []\n  tags: [good]\n"
    root = _write(tmp_path, item.format(text="您的心情我理解。") + item.format(text="您的心情 我理解！")
                  + item.replace("listen_and_clarify", "committed_service").format(text="您的心情我理解"))
    found = _problems(root)
    assert (5, 3, "warning", "duplicate-reply") in found
    assert (9, 3, "error", "duplicate-reply") in found, "same words, other labels: decide"


def test_a_broken_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    root = _write(tmp_path, "- text: [unclosed\n")
    assert any(level == "error" for _, _, level, _ in _problems(root))
    items, problems = load_replies(root / "replies.yaml")
    assert items == () and problems
    assert read_replies(root / "replies.yaml") == ()


@pytest.fixture(scope="module")
def shipped() -> list:
    items, problems = load_replies(BUNDLED / "replies.yaml")
    assert not [str(p) for p in problems if p.is_error]
    return list(items)


def test_the_shipped_corpus_is_large_and_varied(shipped: list) -> None:
    labels = Counter(label for item in shipped for label in (*item.techniques, *item.violations))
    kinds = Counter(item.kind for item in shipped)
    tags = Counter(tag for item in shipped for tag in item.tags)
    assert len(shipped) >= 2500
    from coach.core.content.library import load_library

    library = load_library(BUNDLED).library
    assert all(labels[t] >= 60 for t in library.techniques), labels
    assert all(labels[v] >= 250 for v in library.violations), labels
    assert kinds["tricky"] >= 400 and kinds["neutral"] >= 150
    for style in ("ni", "colloquial", "regional", "typo", "traditional", "denial", "quote_rule",
                  "reported_speech", "sarcasm", "blame_client", "implied_returns", "indirect"):
        assert tags[style] >= 5, style
