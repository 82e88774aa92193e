"""What the author screen shows: a playbooks folder read once (library, every problem
`coach validate` would print, the classifier on the edited lexicon), and any step as counter
staff would see it with a sample client's numbers filled in.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from coach.core.content.library import LoadResult, load_library
from coach.core.content.model import Library
from coach.core.content.problems import Problem
from coach.core.practice.personas import Persona, load_for_library
from coach.core.practice.validation import persona_check
from coach.core.understand.classifier import Classifier
from coach.core.visit.engine import Walkthrough
from coach.core.workbench.walks import SAMPLE_CLIENT, SAMPLE_TODAY, sample_values


@dataclass(frozen=True, slots=True)
class Draft:
    """One reading of the folder being edited."""

    result: LoadResult
    problems: tuple[Problem, ...]  # sorted as `coach validate` prints them
    files: tuple[str, ...]  # every file read
    classifier: Classifier | None
    personas: dict[str, Persona]

    @property
    def library(self) -> Library:
        return self.result.library


def read_draft(root: Path) -> Draft:
    root = Path(root)
    result = load_library(root)
    extra, read = persona_check(root, result.library)
    problems = tuple(sorted([*result.problems, *extra], key=Problem.sort_key))
    classifier = Classifier.from_library(result.library) if result.library.causes else None
    personas = dict(load_for_library(result.library).personas) if result.library.techniques else {}
    return Draft(result, problems, (*result.files, *map(str, read)), classifier, personas)


def playbooks_starting_at(library: Library, cause: str, step: str) -> Library:
    """The library with `cause`'s playbook starting at `step`: a counter session opened on it
    begins where the trainer is looking ("Walk from here")."""
    playbook = dataclasses.replace(library.playbooks[cause], start=step)
    return dataclasses.replace(library, playbooks={**library.playbooks, cause: playbook})


def sample_walkthrough(library: Library, cause: str, step: str) -> Walkthrough:
    """A walkthrough standing at `step`, every calculator's sample result known."""
    walkthrough = Walkthrough.from_library(playbooks_starting_at(library, cause, step), cause,
                                           client=SAMPLE_CLIENT, today=SAMPLE_TODAY)
    values = sample_values(library.firm)
    walkthrough.set_values({**values.commission, **values.bundle})
    return walkthrough
