"""The phrasing channel: how close a statement sounds to the labelled statements of each cause.

Keywords catch what a client names; they miss what a client only implies ("开盘就转圈" for slow
software, "这户头跟我八字不合" for a heavy loss). `playbooks/phrasings.yaml` holds labelled
statements; each cause gets the centroid of their character-pair TF-IDF vectors, and a new
statement is compared with the eleven centroids. Character pairs need no word segmentation and
survive the odd typo. The classifier adds this as evidence beside the keywords; denied clauses
are left out before comparing, so "不是佣金的事" does not sound like a commission complaint.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.core.model import CAUSE_IDS, Labelled
from coach.core.problems import Problem, did_you_mean
from coach.core.text import CLAUSE_BREAK, normalize
from coach.core.yamlpos import YList, YMap, load_yaml

PHRASINGS_FILE = "phrasings.yaml"


# The words of leaving itself: every departing client says them, whatever the cause, so they
# tell nothing about it ("我就是想办一下手续" must not sound like any cause in particular).
LEAVING_WORDS = (
    "撤销指定", "转托管", "办手续", "手续", "办理", "办一下", "销户", "消户", "转户", "转出", "转走",
    "托管", "注销", "账户", "户头", "一下", "麻烦", "帮我", "我想", "我要", "就是", "今天", "客户",
    "申请", "要求", "办了", "办个",
)
_LEAVING = re.compile("|".join(sorted(LEAVING_WORDS, key=len, reverse=True)))


def pairs(norm: str) -> set[str]:
    """Neighbouring character pairs of a normalised text, never across a clause break, and
    none from the words of leaving."""
    norm = _LEAVING.sub(CLAUSE_BREAK, norm)
    return {
        norm[i : i + 2]
        for i in range(len(norm) - 1)
        if CLAUSE_BREAK not in norm[i : i + 2]
    }


@dataclass(frozen=True, slots=True)
class PhrasingModel:
    """Per-cause centroids (unit length), kept as postings: pair -> ((cause, weight), ...),
    so that comparing touches only the pairs a statement has."""

    idf: dict[str, float]
    postings: dict[str, tuple[tuple[str, float], ...]]
    size: int  # statements learned from

    @classmethod
    def learn(cls, statements: Iterable[Labelled]) -> PhrasingModel:
        docs = [(pairs(normalize(s.text)), s.causes[0]) for s in statements if s.causes]
        docs = [(d, c) for d, c in docs if d]
        df: Counter[str] = Counter()
        for d, _ in docs:
            df.update(d)
        n = len(docs)
        idf = {p: math.log(n / (1 + k)) + 1.0 for p, k in df.items()}
        sums: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for d, cause in docs:
            length = math.sqrt(sum(idf[p] ** 2 for p in d)) or 1.0
            for p in d:
                sums[cause][p] += idf[p] / length
        postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for cause, vector in sums.items():
            length = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            for p, v in vector.items():
                postings[p].append((cause, v / length))
        return cls(idf, {p: tuple(entries) for p, entries in postings.items()}, n)

    def similarity(self, norm: str) -> dict[str, float]:
        """Cosine similarity of a normalised text with each cause's centroid (absent: 0)."""
        scores: dict[str, float] = defaultdict(float)
        length = 0.0
        idf, postings = self.idf, self.postings
        for p in pairs(norm):
            weight = idf.get(p)
            if weight is None:
                continue
            length += weight * weight
            for cause, value in postings[p]:
                scores[cause] += value * weight
        if not length:
            return {}
        root = math.sqrt(length)
        return {cause: value / root for cause, value in scores.items()}


def read_phrasings(path: Path) -> tuple[Labelled, ...]:
    """The valid statements only, read with libyaml and no positions: for `coach classify`,
    whose start-up matters; `load_phrasings` (what `coach validate` uses) names the problems."""
    import yaml

    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ()
    statements = []
    for entry in data if isinstance(data, list) else ():
        if not isinstance(entry, dict):
            continue
        text, causes = entry.get("text"), entry.get("causes")
        causes = [causes] if isinstance(causes, str) else causes
        if (
            isinstance(text, str)
            and text.strip()
            and isinstance(causes, list)
            and causes
            and all(c in CAUSE_IDS for c in causes)
        ):
            statements.append(Labelled(text, tuple(causes)))
    return tuple(statements)


def load_phrasings(path: Path) -> tuple[tuple[Labelled, ...], list[Problem]]:
    """The labelled statements of a phrasings file; a missing file is simply none."""
    path = Path(path)
    if not path.exists():
        return (), []
    tree, problems = load_yaml(path)
    if any(p.is_error for p in problems):
        return (), problems
    where = str(path)
    if tree is None:
        return (), problems
    if not isinstance(tree, YList):
        problems.append(Problem(where, 1, 1, "error", "wrong-type",
                                "the file should be a list of statements ('- text: ...')",
                                "start each statement with '- text:' and give its 'causes'"))
        return (), problems
    statements: list[Labelled] = []
    for index, entry in enumerate(tree):
        pos = tree.at(index)
        if not isinstance(entry, YMap):
            problems.append(Problem(where, pos.line, pos.col, "error", "wrong-type",
                                    "each statement is a mapping with 'text' and 'causes'",
                                    "write it as '- text: ...' followed by '  causes: [...]'"))
            continue
        found = _statement(entry, where, problems)
        if found is not None:
            statements.append(found)
    return tuple(statements), problems


def _statement(entry: YMap, where: str, problems: list[Problem]) -> Labelled | None:
    for key in entry:
        if key not in ("text", "causes", "tags"):
            pos = entry.key_at(key)
            problems.append(Problem(where, pos.line, pos.col, "error", "unknown-key",
                                    f"unknown key '{key}' in a statement",
                                    did_you_mean(str(key), ("text", "causes", "tags"))))
    text, causes = entry.get("text"), entry.get("causes")
    if not isinstance(text, str) or not text.strip():
        pos = entry.pos
        problems.append(Problem(where, pos.line, pos.col, "error", "missing-field",
                                "a statement has no 'text'", "add 'text: \"...\"'"))
        return None
    if isinstance(causes, str):
        causes = [causes]
    if not isinstance(causes, Sequence) or not causes:
        pos = entry.pos
        problems.append(Problem(where, pos.line, pos.col, "error", "missing-field",
                                "a statement has no 'causes'", "add 'causes: [cause_id]'"))
        return None
    for i, cause in enumerate(causes):
        if cause not in CAUSE_IDS:
            pos = entry.at("causes")
            if isinstance(entry["causes"], YList):
                pos = entry["causes"].at(i)
            problems.append(Problem(where, pos.line, pos.col, "error", "unknown-cause",
                                    f"'{cause}' is not one of the eleven cause ids",
                                    did_you_mean(str(cause), CAUSE_IDS)))
            return None
    tags = entry.get("tags") or []
    tags = [tags] if isinstance(tags, str) else list(tags) if isinstance(tags, Sequence) else []
    return Labelled(text, tuple(map(str, causes)), tuple(map(str, tags)))
