"""outreach/<id>.yaml: phone and visit playbooks for at-risk and dormant clients.

Same steps, reactions and rules as a case file; what differs is who they are for (segments and
indicators from warning.yaml), the channel, and how a contact ends.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from coach.core.content import rules
from coach.core.content.cases import first_of_each, read_step
from coach.core.content.fields import Fields, read_mapping
from coach.core.content.model import Playbook, Reaction, Step, Text
from coach.core.content.problems import Problem, choices_hint, has_errors
from coach.core.content.yamlpos import YMap
from coach.core.files import Refused, list_folder

OUTREACH = "outreach"
OUTREACH_OUTCOMES = ("resumed_trading", "appointment", "declined", "do_not_contact")
CHANNELS = ("phone", "sms", "email", "visit")


@dataclass(frozen=True, slots=True)
class Outreach:
    id: str
    channel: str
    serves: tuple[str, ...]  # segments and indicator ids it is prepared for
    playbook: Playbook  # its `cause` is empty: an outreach playbook answers signals, not words

    @property
    def title(self) -> Text:
        return self.playbook.title


def load_outreach(path: Path, *, techniques: Collection[str] | None = None
                  ) -> tuple[Outreach | None, list[Problem]]:
    problems: list[Problem] = []
    tree = read_mapping(Path(path), problems, "id:")
    if tree is None:
        return None, problems
    f = Fields(tree, f"outreach playbook {Path(path).name}", problems)
    f.allow(("id", "channel", "title", "start", "steps"), ("summary", "serves", "reactions"))
    ident = f.string("id")
    if ident and ident != Path(path).stem:
        f.error(tree.at("id"), "file-name-mismatch",
                f"the file is named '{Path(path).stem}.yaml' but its id is '{ident}'",
                f"rename the file to {ident}.yaml, or correct 'id:'")
    channel = f.string("channel")
    if channel and channel not in CHANNELS:
        f.error(tree.at("channel"), "bad-value", f"unknown channel '{channel}'",
                choices_hint(channel, CHANNELS, what="channels"))
    reactions: dict[str, Reaction] = {}
    table = f.mapping("reactions")
    if table is not None:
        inner = Fields(table, "reactions", problems)
        for key in table:
            reactions[key] = Reaction(key, inner.text(key), table.key_at(key))
    steps: list[tuple[Step, YMap]] = [(read_step(node, problems), node)
                                      for _, node in f.items("steps", "step")]
    playbook = Playbook(
        cause="", title=f.text("title"), summary=f.text("summary"), start=f.string("start"),
        steps={step.id: step for step, _ in first_of_each(steps)}, reactions=reactions,
        path=str(path),
    )
    problems.extend(rules.check_playbook(tree, playbook, steps, techniques=techniques,
                                         outcomes=OUTREACH_OUTCOMES, trial_rule=False))
    if has_errors(problems):
        return None, problems
    return Outreach(ident, channel, tuple(s for s in f.strings("serves") if s), playbook), problems


def load_outreach_folder(root: Path, techniques: Collection[str] | None,
                         problems: list[Problem], files: list[str]) -> dict[str, Outreach]:
    """Every outreach playbook under root/outreach (an optional folder)."""
    folder = Path(root) / OUTREACH
    found: dict[str, Outreach] = {}
    if not folder.is_dir():
        return found
    try:
        paths = list_folder(folder, ".yaml")
    except Refused as refused:
        problems.append(Problem(str(folder), 0, 0, "error", refused.code, refused.message,
                                refused.hint))
        return found
    for path in paths:
        files.append(str(path))
        loaded, seen = load_outreach(path, techniques=techniques)
        problems.extend(seen)
        if loaded is not None:
            found[loaded.id] = loaded
    return found
