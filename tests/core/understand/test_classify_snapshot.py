"""The statements and the answers behind `test_classify_snapshot.py`.

Speed work on the classifier must not change a single answer. The snapshot holds the full
`coach classify --json` object for a few hundred varied statements (the causes' examples, the
labelled phrasings, their prefixes as typed, and a few edge cases), taken before the speed work.
Regenerate it after a deliberate content or behaviour change:
`.venv/bin/python tests/core/understand/test_classify_snapshot.py`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).resolve().parent / "data" / "classify_snapshot.json"
EDGE = [
    "",
    "   ",
    "。。。",
    "佣金不降我就走。",
    "不是佣金的事，是我搬家了。",
    "跟佣金没关系，就是服务太差。",
    "那边给我万一免五，你们这贵多了，我账户里还有35万。",
    "ＡＢＣ１２３，万分之二点五太高了",
    "开盘就转圈，根本下不了单",
    "我" * 5000,
    "I just want to close my account, the fee is too high.",
]


def statements() -> list[str]:
    """Deterministic and varied: every cause example, every phrasing, some prefixes."""
    from coach.core.content.causes_file import load_causes
    from coach.core.content.labelled import read_phrasings
    from coach.core.paths import default_playbooks

    playbooks = default_playbooks()
    causes, _ = load_causes(playbooks / "causes.yaml")
    texts = [str(t) for cause in causes.values() for t in cause.examples]
    texts += [p.text for p in read_phrasings(playbooks / "phrasings.yaml")]
    prefixes = [t[: len(t) // 2] for t in texts[::19]] + [t[:3] for t in texts[::29]]
    return texts[::5] + prefixes + EDGE


def content_key() -> str:
    """The content the answers were taken with: other content, other answers."""
    from coach.core.paths import default_playbooks

    playbooks = default_playbooks()
    digest = hashlib.sha256()
    for name in ("causes.yaml", "phrasings.yaml"):
        digest.update((playbooks / name).read_bytes())
    return digest.hexdigest()[:32]


def answers() -> list[dict[str, object]]:
    from coach.core.paths import default_playbooks
    from coach.core.understand.classifier import Classifier

    clf = Classifier.load(default_playbooks())
    return [clf.classify(t).to_json() for t in statements()]


def test_answers_match_the_snapshot() -> None:
    data = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    if data["content"] != content_key():
        pytest.skip("the content changed since the snapshot: regenerate it "
                    "(python tests/core/understand/test_classify_snapshot.py)")
    got = answers()
    assert len(got) == len(data["answers"])
    for new, old in zip(got, data["answers"], strict=True):
        assert new == old, old["text"]


def main() -> None:
    data = {"content": content_key(), "answers": answers()}
    SNAPSHOT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(data['answers'])} answers written to {SNAPSHOT}")


if __name__ == "__main__":
    main()
