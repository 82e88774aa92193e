"""Everything `coach test` runs, and the difference from the previous run.

    classifier   accuracy on the taxonomy's examples (or a labelled file), and cross-validated
                 accuracy, precision and recall per cause, confusion, misses and near misses
    replies      the reply model's cross-validation, once `coach.core.understand` offers one
    walks        seeded random walks through every playbook, with coverage
    personas     each persona with the model script (passes) and a poor one (fails)
    replay       the sample transcripts replayed

The previous run's figures are kept in `.coach-test.json` inside the playbooks folder (ignored
by git: it belongs to the trainer's machine, not to the content), so a trainer sees what a
change did: accuracy up or down, statements newly missed or newly right.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.core.content.model import Labelled, Library
from coach.core.understand.classifier import Classifier
from coach.core.understand.evaluation import Report, evaluate, examples_of
from coach.core.workbench.crossval import CrossValidation, cross_validated
from coach.core.workbench.roleplay import Played, rehearse
from coach.core.workbench.walks import WalkReport, walk_library

HISTORY_FILE = ".coach-test.json"
DEFAULT_MIN_TOP1 = 0.85
DEFAULT_MIN_CROSSVAL = 0.80


@dataclass
class Suite:
    """What one `coach test` run found. Sections left None were not run."""

    root: str
    version: str
    source: str
    examples: Report
    min_top1: float
    crossval: CrossValidation | None = None
    min_crossval: float = DEFAULT_MIN_CROSSVAL
    causes: tuple[str, ...] = ()
    replies: dict[str, Any] | None = None
    walks: WalkReport | None = None
    roleplay: list[Played] = field(default_factory=list)
    roleplay_notes: list[str] = field(default_factory=list)
    replay: dict[str, Any] | None = None
    previous: dict[str, Any] | None = None

    def failures(self) -> list[str]:
        """Why the run fails, one line each (empty: passed)."""
        out = []
        if self.examples.top1_accuracy < self.min_top1:
            out.append(f"top-1 {self.examples.top1_accuracy:.1%} < {self.min_top1:.0%}")
        if self.crossval is not None and self.crossval.accuracy < self.min_crossval:
            out.append(f"cross-validated accuracy {self.crossval.accuracy:.1%} < {self.min_crossval:.0%}")
        if self.walks is not None:
            for c in self.walks.playbooks:
                out.extend(f"walk {w.seed} in {c.cause}: {'; '.join(w.problems) or 'no outcome'}"
                           f" (replay: coach test --walk {w.seed})" for w in c.failures)
                out.extend(f"{c.cause}: step '{s}' is unreachable" for s in c.unreachable)
        out.extend(f"persona {p.persona} ({p.script} script): {p.problem()}"
                   for p in self.roleplay if not p.as_expected)
        if self.replay is not None:
            out.extend(f"replay: {f}" for f in self.replay["failures"])
        return out

    @property
    def passed(self) -> bool:
        return not self.failures()

    def summary(self) -> dict[str, Any]:
        """The figures kept for the next run's comparison."""
        out: dict[str, Any] = {"version": self.version, "top1": round(self.examples.top1_accuracy, 4)}
        if self.crossval is not None:
            per = self.crossval.per_cause(self.causes)
            out["crossval"] = round(self.crossval.accuracy, 4)
            out["recall"] = {c: round(p.recall, 4) for c, p in per.items()}
            out["precision"] = {c: round(p.precision, 4) for c, p in per.items()}
            out["missed"] = sorted(j.text for j in self.crossval.judged if not j.hit)
        if self.walks is not None:
            s, sn, r, rn = self.walks.totals()
            out["steps_covered"], out["reactions_covered"] = [s, sn], [r, rn]
        return out

    def change(self) -> dict[str, Any] | None:
        """Now against the previous run; None when there was none."""
        if not self.previous:
            return None
        now, before = self.summary(), self.previous
        out: dict[str, Any] = {"previous_version": before.get("version", ""),
                               "same_content": before.get("version") == now["version"]}
        for key in ("top1", "crossval"):
            if key in now and key in before:
                out[key] = {"before": before[key], "now": now[key],
                            "delta": round(now[key] - before[key], 4)}
        for key in ("recall", "precision"):
            if key in now and isinstance(before.get(key), dict):
                moved = {c: {"before": before[key][c], "now": v, "delta": round(v - before[key][c], 4)}
                         for c, v in now[key].items()
                         if c in before[key] and abs(v - before[key][c]) >= 1e-4}
                out[key] = moved
        if "missed" in now and isinstance(before.get("missed"), list):
            old, new = set(before["missed"]), set(now["missed"])
            out["newly_missed"] = sorted(new - old)
            out["newly_right"] = sorted(old - new)
        return out

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source, "version": self.version,
                               **self.examples.to_json()}
        if self.crossval is not None:
            out["crossval"] = self.crossval.to_json(self.causes)
        out["replies"] = self.replies
        if self.walks is not None:
            out["walks"] = self.walks.to_json()
        out["personas"] = [p.to_json() for p in self.roleplay]
        if self.roleplay_notes:
            out["personas_notes"] = self.roleplay_notes
        if self.replay is not None:
            out["replay"] = self.replay
        out["change"] = self.change()
        out["failures"] = self.failures()
        out["passed"] = self.passed
        return out


def reply_analysis(library: Library) -> dict[str, Any] | None:
    """The reply model's cross-validation, for the `replies` section.

    The hook for the reply model (practice's `replies.yaml` learnt by `coach.core.understand`):
    when that package offers `replies.cross_validate_replies(library) -> dict` (accuracy,
    per-label precision and recall, misses, like `CrossValidation.to_json`), its result is
    reported here; until then the section reads "not available".
    """
    try:
        from coach.core.understand import replies  # type: ignore[attr-defined]
    except ImportError:
        return None
    run: Callable[[Library], dict[str, Any]] | None = getattr(replies, "cross_validate_replies", None)
    return run(library) if run is not None else None


def load_previous(root: Path) -> dict[str, Any] | None:
    path = Path(root) / HISTORY_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # none yet, or unreadable: a comparison is a courtesy, never a failure
    return data if isinstance(data, dict) else None


def save(suite: Suite, root: Path) -> Path | None:
    """Keep this run's figures for the next; None when the folder is read-only."""
    path = Path(root) / HISTORY_FILE
    try:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(suite.summary(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError:
        return None
    return path


def run_suite(library: Library, *, data: list[Labelled] | None = None, source: str = "",
              samples: Path | None = None, min_top1: float = DEFAULT_MIN_TOP1,
              min_crossval: float = DEFAULT_MIN_CROSSVAL, seed: int = 0,
              walks: int = 200, only_walk: int | None = None) -> Suite:
    """Run every section on a loaded library (with --data: the labelled file only)."""
    classifier = Classifier.from_library(library)
    items = data if data is not None else examples_of(classifier.causes)
    suite = Suite(
        root=library.root,
        version=library.version,
        source=source or str(Path(library.root) / "causes.yaml"),
        examples=evaluate(classifier, items),
        min_top1=min_top1,
        min_crossval=min_crossval,
        causes=tuple(classifier.causes),
        previous=load_previous(Path(library.root)),
    )
    if data is not None:
        return suite
    if only_walk is None:
        suite.crossval = cross_validated(library.causes, library.phrasings)
        suite.replies = reply_analysis(library)
    suite.walks = walk_library(library, seed=seed, walks=walks, only=only_walk)
    if only_walk is not None:
        return suite
    suite.roleplay, suite.roleplay_notes = rehearse(library)
    if samples is not None:
        from coach.core.records.replay import replay_samples

        suite.replay = replay_samples(Path(library.root), samples)
    return suite
