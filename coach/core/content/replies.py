"""Labelled trainee replies (`replies.yaml`): what the reply model learns techniques and
violations from.

Each item is one thing a trainee says at the counter, with the techniques it really uses and
the violations it commits:

    - text: "王先生，您先别急，方便说说那边给您报的佣金是多少吗？"
      cause: fee_cut_ultimatum      # the client's cause the reply answers, or null
      techniques: [listen_and_clarify]
      violations: []
      tags: [good]                  # good | violation | tricky | neutral, plus any style tags

Two readers, as for phrasings: `read_replies` (fast, lenient, no positions: what compiling the
model uses) and `load_replies` (positions and problems: what `coach validate` reports).
`replies_check` is the folder check `coach validate` runs: ids that exist, duplicates, and
labels that contradict the item's own tag (a `good` reply with no technique, a `violation`
reply with none, a `tricky` or `neutral` reply that is labelled with one).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coach.core.content.model import CAUSE_IDS, Library, Pos
from coach.core.content.problems import Problem, did_you_mean
from coach.core.content.yamlpos import YList, YMap, load_yaml

REPLIES_FILE = "replies.yaml"
KEYS = ("text", "cause", "techniques", "violations", "tags")
KINDS = ("good", "violation", "tricky", "neutral")  # exactly one per item
MAX_REPLY_CHARS = 400  # a reply is one to three spoken sentences


@dataclass(frozen=True, slots=True)
class LabelledReply:
    """A trainee reply with what it does: the unit of `replies.yaml`."""

    text: str
    cause: str | None
    techniques: tuple[str, ...]
    violations: tuple[str, ...]
    tags: tuple[str, ...] = ()
    pos: Pos = field(default=Pos(""), compare=False)

    @property
    def kind(self) -> str:
        """good | violation | tricky | neutral (from the tags, else from the labels)."""
        for tag in self.tags:
            if tag in KINDS:
                return tag
        if self.violations:
            return "violation"
        return "good" if self.techniques else "neutral"


def _ids(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Sequence):
        return tuple(str(v) for v in value if v is not None)
    return ()


def read_replies(path: Path) -> tuple[LabelledReply, ...]:
    """The well-formed items only, read with libyaml and no positions (for compiling)."""
    from coach.core.content.labelled import quick_entries

    out = []
    for entry in quick_entries(path) or ():
        if not isinstance(entry, dict):
            continue
        text = entry.get("text")
        if not isinstance(text, str) or not text.strip():
            continue
        cause = entry.get("cause")
        out.append(LabelledReply(
            text,
            cause if isinstance(cause, str) else None,
            _ids(entry.get("techniques")),
            _ids(entry.get("violations")),
            _ids(entry.get("tags")),
        ))
    return tuple(out)


def load_replies(
    path: Path,
    *,
    techniques: Iterable[str] | None = None,
    violations: Iterable[str] | None = None,
) -> tuple[tuple[LabelledReply, ...], list[Problem]]:
    """The items of a replies file with their positions, and every problem with them.

    Ids are checked against `techniques` and `violations` when given (None: not checked).
    A missing file is simply no items.
    """
    path = Path(path)
    if not path.exists():
        return (), []
    tree, problems = load_yaml(path)
    if any(p.is_error for p in problems) or tree is None:
        return (), problems
    where = str(path)
    if not isinstance(tree, YList):
        problems.append(Problem(where, 1, 1, "error", "wrong-type",
                                "the file should be a list of replies ('- text: ...')",
                                "start each reply with '- text:' and give its labels"))
        return (), problems
    known = {
        "techniques": set(techniques) if techniques is not None else None,
        "violations": set(violations) if violations is not None else None,
    }
    items: list[LabelledReply] = []
    for index, entry in enumerate(tree):
        pos = tree.at(index)
        if not isinstance(entry, YMap):
            problems.append(Problem(where, pos.line, pos.col, "error", "wrong-type",
                                    "each reply is a mapping with 'text' and its labels",
                                    "write it as '- text: ...' followed by '  techniques: [...]'"))
            continue
        item = _reply(entry, where, known, problems)
        if item is not None:
            items.append(item)
    problems.extend(_duplicates(items))
    return tuple(items), problems


def _reply(entry: YMap, where: str, known: Mapping[str, set[str] | None],
           problems: list[Problem]) -> LabelledReply | None:
    for key in entry:
        if key not in KEYS:
            pos = entry.key_at(key)
            problems.append(Problem(where, pos.line, pos.col, "error", "unknown-key",
                                    f"unknown key '{key}' in a reply", did_you_mean(str(key), KEYS)))
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip():
        problems.append(Problem.at(entry.pos, "missing-field", "a reply has no 'text'",
                                   "add 'text: \"...\"'"))
        return None
    if len(text) > MAX_REPLY_CHARS:
        problems.append(Problem.at(entry.at("text"), "too-long",
                                   f"a reply of {len(text)} characters (at most {MAX_REPLY_CHARS})",
                                   "split it into the separate things the trainee says",
                                   level="warning"))
    cause = entry.get("cause")
    if cause is not None and cause not in CAUSE_IDS:
        problems.append(Problem.at(entry.at("cause"), "unknown-cause",
                                   f"'{cause}' is not one of the eleven cause ids",
                                   did_you_mean(str(cause), CAUSE_IDS)))
        cause = None
    labels: dict[str, tuple[str, ...]] = {}
    ok = True
    for key in ("techniques", "violations", "tags"):
        node = entry.get(key)
        if node is not None and not isinstance(node, (YList, str)):
            problems.append(Problem.at(entry.at(key), "wrong-type", f"'{key}' should be a list",
                                       f"write it as '{key}: [id, ...]'"))
            ok = False
            continue
        values = _ids(node)
        ids = known.get(key)
        for i, value in enumerate(values):
            if ids is not None and value not in ids:
                at = node.at(i) if isinstance(node, YList) else entry.at(key)
                problems.append(Problem.at(at, "unknown-id",
                                           f"'{value}' in '{key}' is not a known id",
                                           did_you_mean(value, ids)))
                ok = False
        labels[key] = values
    if not ok:
        return None
    item = LabelledReply(text, cause, labels["techniques"], labels["violations"], labels["tags"],
                         entry.pos)
    problems.extend(_tag_problems(item, entry))
    return item


def _tag_problems(item: LabelledReply, entry: YMap) -> list[Problem]:
    kinds = [t for t in item.tags if t in KINDS]
    at = entry.at("tags") if "tags" in entry else entry.pos
    if len(kinds) != 1:
        return [Problem.at(at, "reply-kind",
                           f"a reply needs exactly one of {', '.join(KINDS)} in its tags"
                           + (f" (it has {', '.join(kinds)})" if kinds else ""),
                           "good: uses a technique; violation: commits one; tricky: harmless but "
                           "looks like one; neutral: procedure or small talk")]
    kind = kinds[0]
    if kind == "good" and not item.techniques:
        return [Problem.at(at, "empty-labels", "a 'good' reply with no technique",
                           "name the techniques it uses, or tag it 'neutral'")]
    if kind == "good" and item.violations:
        return [Problem.at(at, "contradicting-labels", "a 'good' reply with a violation",
                           "tag it 'violation' (and 'mixed' when it also uses a technique)")]
    if kind == "violation" and not item.violations:
        return [Problem.at(at, "empty-labels", "a 'violation' reply with no violation",
                           "name the violation it commits, or tag it 'tricky'")]
    if kind in ("tricky", "neutral") and item.violations:
        return [Problem.at(at, "contradicting-labels",
                           f"a '{kind}' reply labelled with a violation",
                           "a tricky reply only looks like a violation: empty its 'violations'")]
    if kind == "neutral" and item.techniques:
        return [Problem.at(at, "contradicting-labels", "a 'neutral' reply labelled with a technique",
                           "tag it 'good', or empty its 'techniques'")]
    return []


def duplicate_key(text: str) -> str:
    """What two replies share when they say the same thing (normalised, no punctuation)."""
    from coach.core.text import CLAUSE_BREAK, normalize

    return normalize(text).replace(CLAUSE_BREAK, "")


def _duplicates(items: Sequence[LabelledReply]) -> list[Problem]:
    problems = []
    first: dict[str, LabelledReply] = {}
    for item in items:
        key = duplicate_key(item.text)
        seen = first.get(key)
        if seen is None:
            first[key] = item
            continue
        same = (set(seen.techniques), set(seen.violations)) == (set(item.techniques), set(item.violations))
        problems.append(Problem.at(
            item.pos, "duplicate-reply",
            "this reply repeats the one at line "
            f"{seen.pos.line}" + ("" if same else " with different labels"),
            "keep one of them" if same else "decide which labels are right and keep one",
            level="warning" if same else "error",
        ))
    return problems


def replies_check(root: Path, library: Library) -> tuple[list[Problem], list[Path]]:
    """`coach validate`'s check of replies.yaml against the library's technique and violation ids."""
    path = Path(root) / REPLIES_FILE
    try:
        if not path.is_file():
            return [], []
    except OSError:
        return [], []  # a folder we may not read: the loader reports it
    _, problems = load_replies(
        path,
        techniques=library.techniques.keys() if library.techniques else None,
        violations=library.violations.keys() if library.violations else None,
    )
    return problems, [path]
