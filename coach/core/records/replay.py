"""Replay checked-in sample transcripts as regression cases for `coach test`.

A sample records what really happened at the counter. After a change to the lexicon or a case
file, the same statements must still classify to the same causes, and every step and reaction
the session went through must still exist in the playbooks, or trainers are told where not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coach.core.content.library import load_library
from coach.core.content.model import Playbook
from coach.core.records.transcript import TranscriptError
from coach.core.records.transcript_read import iter_transcripts, read_transcript
from coach.core.understand.classifier import Classifier


def replay_samples(playbooks: Path, samples: Path) -> dict[str, Any]:
    """Replay every transcript under `samples`; a summary with one line per difference."""
    failures: list[str] = []
    sessions = statements = 0
    if not samples.is_dir():
        return {"sessions": 0, "statements": 0, "failures": failures}
    loaded = load_library(playbooks)
    classifier = Classifier.from_library(loaded.library)
    for path in sorted(iter_transcripts(samples)):
        try:
            events = read_transcript(path)
        except TranscriptError as exc:
            failures.append(exc.message("en"))
            continue
        sessions += 1
        statements += _replay_events(path, events, classifier, loaded.library.playbooks, failures)
    return {"sessions": sessions, "statements": statements, "failures": failures}


def _replay_events(
    path: Path,
    events: list[dict[str, Any]],
    classifier: Classifier,
    playbooks: dict[str, Playbook] | Any,
    failures: list[str],
) -> int:
    count = 0
    for number, event in enumerate(events, 1):
        kind = event.get("kind")
        where = f"{path}:{number}"
        if kind == "classification" and isinstance(event.get("text"), str):
            count += 1
            recorded = [c.get("id") for c in event.get("causes", []) if isinstance(c, dict)]
            now = [c.id for c in classifier.classify(event["text"]).causes]
            if recorded and now[: len(recorded)] != recorded:
                failures.append(
                    f"{where}: {event['text']!r} was {recorded}, now {now}"
                )
        elif kind in ("step", "reaction"):
            cause, step = event.get("cause"), event.get("step")
            playbook = playbooks.get(cause)
            if playbook is None:
                failures.append(f"{where}: no playbook for cause {cause!r} any more")
                continue
            if step not in playbook.steps:
                failures.append(f"{where}: step {step!r} no longer in the {cause} playbook")
                continue
            if kind == "reaction":
                reaction, target = event.get("reaction"), event.get("to")
                if reaction == "another_cause" or not target:
                    continue
                if playbook.steps[step].next.get(reaction) != target:
                    failures.append(
                        f"{where}: in {cause}, step {step!r} no longer leads to {target!r} "
                        f"when the client {reaction}"
                    )
    return count
