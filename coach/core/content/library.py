"""Load a playbooks folder into the frozen dataclasses of `coach.core.content.model`.

The app must keep running when a trainer breaks one file, so nothing here raises on bad content:
each misfit becomes a `Problem` and whatever is invalid is left out. A case file or firm.yaml
with an error is skipped whole; in the list files (causes, techniques, principles) an entry with
an error is skipped and the others load. `coach validate` reports exactly these problems (plus the
personas'), so the app and the validator never disagree about what is broken.

References are checked against every id a file declares, valid or not, so that one broken
technique does not also flag each step that names it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from coach.core.content.cases import CASES, load_playbook
from coach.core.content.catalogue import (
    PRINCIPLES_FILE,
    TECHNIQUES_FILE,
    Principles,
    load_principles,
    load_techniques,
)
from coach.core.content.causes_file import CAUSES_FILE, load_causes_tree
from coach.core.content.fields import (
    missing_file,
)
from coach.core.content.firm_file import FIRM_FILE, load_firm
from coach.core.content.labelled import PHRASINGS_FILE, load_phrasings
from coach.core.content.model import (
    CAUSE_IDS,
    Cause,
    Library,
    Playbook,
    Pos,
    Technique,
)
from coach.core.content.outreach_file import OUTREACH, load_outreach_folder
from coach.core.content.problems import Problem, has_errors
from coach.core.content.warning_file import WARNING_FILE, check_outreach_names, load_warning
from coach.core.content.yamlpos import YList, YMap
from coach.core.files import Refused, list_folder, read_regular


@dataclass(frozen=True, slots=True)
class LoadResult:
    library: Library
    problems: list[Problem]
    files: tuple[str, ...] = ()  # the YAML files read, for "... in 14 files"


def content_files(root: Path) -> list[Path]:
    """Every YAML file under the folder, in a stable order: what the version hash covers."""
    try:
        found = [p for p in Path(root).rglob("*.yaml") if p.is_file()]
    except OSError:  # a folder we may not read: its problem is reported by the loader
        found = []
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def content_version(root: Path) -> str:
    """A short hash of the content, recorded in transcripts: same files, same version."""
    digest = hashlib.sha256()
    for path in content_files(root):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        try:
            digest.update(read_regular(path, root=root))
        except Refused as refused:
            digest.update(b"\xff " + refused.code.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def load_library(root: Path) -> LoadResult:
    """Everything in a playbooks folder that is valid, and the problems with the rest."""
    root = Path(root)
    problems: list[Problem] = []
    files: list[str] = []
    try:
        list_folder(root, ".yaml")
    except Refused as refused:  # nothing in it can be read: say so once, not per file
        problems.append(Problem(str(root), 0, 0, "error", refused.code, refused.message,
                                refused.hint))
        empty = Library(root=str(root), version=content_version(root), causes={}, playbooks={},
                        techniques={}, principles={}, violations={}, firm=None, phrasings=())
        return LoadResult(empty, problems, ())

    def present(name: str) -> Path | None:
        path = root / name
        if missing_file(path, problems):
            return None
        files.append(str(path))
        return path

    techniques: dict[str, Technique] = {}
    declared: set[str] | None = None
    if path := present(TECHNIQUES_FILE):
        before = len(problems)
        techniques, declared = load_techniques(path, problems)
        if not declared and has_errors(problems[before:]):
            declared = None  # the file itself is broken: do not flag every reference to it
    principles = Principles()
    if path := present(PRINCIPLES_FILE):
        principles = load_principles(path, problems)
    firm = None
    if path := present(FIRM_FILE):
        firm = load_firm(path, declared, problems)
    causes: dict[str, Cause] = {}
    causes_tree: YMap | None = None
    if path := present(CAUSES_FILE):
        causes, causes_tree = load_causes_tree(path, problems)

    warning = None
    if (warning_path := root / WARNING_FILE).exists():  # optional: early warning only
        files.append(str(warning_path))
        warning = load_warning(warning_path, set(causes) or None, problems)

    playbooks: dict[str, Playbook] = {}
    cases = root / CASES
    case_files: list[Path] = []
    cases_read = True  # False when cases/ cannot be listed: one error, not a warning per cause
    if not cases.is_dir():
        problems.append(Problem(str(cases), 0, 0, "error", "missing-file",
                                "the folder cases/ is missing",
                                "create it and put one <cause>.yaml file per cause in it"))
    else:
        try:
            case_files = list_folder(cases, ".yaml")
            ignored = list_folder(cases, ".yml")
        except Refused as refused:
            problems.append(Problem(str(cases), 0, 0, "error", refused.code, refused.message,
                                    refused.hint))
            case_files, ignored, cases_read = [], [], False
        for path in ignored:
            problems.append(Problem(str(path), 0, 0, "warning", "ignored-file",
                                    "case files must end in .yaml; this one is ignored",
                                    f"rename it to {path.stem}.yaml"))
    for path in case_files:
        files.append(str(path))
        playbook, found = load_playbook(path, techniques=declared)
        problems.extend(found)
        if playbook is not None:
            playbooks[playbook.cause] = playbook
    if cases_read:
        problems.extend(_missing_cases(cases, case_files, causes_tree, root))
    outreach = load_outreach_folder(root, declared, problems, files)
    if warning is not None and (root / OUTREACH).is_dir():
        problems.extend(check_outreach_names(warning, outreach))
    phrasings_path = root / PHRASINGS_FILE
    phrasings, found = load_phrasings(phrasings_path)
    problems.extend(found)
    if phrasings_path.exists():
        files.append(str(phrasings_path))

    library = Library(
        root=str(root),
        version=content_version(root),
        causes=causes,
        playbooks=playbooks,
        techniques=techniques,
        principles=principles.principles,
        violations=principles.violations,
        firm=firm,
        phrasings=phrasings,
        warning=warning,
        outreach=outreach,
    )
    return LoadResult(library, problems, tuple(files))


def _missing_cases(cases: Path, case_files: list[Path], causes_tree: YMap | None,
                   root: Path) -> list[Problem]:
    """A warning per cause without a case file: the app can name it but not walk it."""
    if not cases.is_dir():
        return []
    have = {p.stem for p in case_files}
    where: dict[str, Pos] = {}
    if causes_tree is not None and isinstance(causes_tree.get("causes"), YList):
        for item in causes_tree["causes"]:
            if isinstance(item, YMap) and isinstance(item.get("id"), str):
                where.setdefault(item["id"], item.at("id"))
    out = []
    for cause in CAUSE_IDS:
        if cause in have:
            continue
        pos = where.get(cause, Pos(str(cases)))
        out.append(Problem.at(
            pos, "missing-case", f"the cause '{cause}' has no case file",
            f"add {CASES}/{cause}.yaml (copy a similar case file and adapt it)",
            level="warning",
        ))
    return out
