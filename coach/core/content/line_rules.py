"""Rules over the lines of a step: its `when:` variants, the branch it names, how it addresses
the client.

- A variant's `if:` names a condition from `coach.core.content.variables.CONDITIONS`; one that
  comes from a calculator no earlier step runs could never hold.
- `{branch}` is our branch where the client says they live, and empty when we have none there:
  a line that names it belongs under `when: - if: branch_known`, so that a client moving to a
  city without a branch of ours is never told one is "near your new home".
- "让{client}受委屈了，我代表营业部向您道歉": the name and 您 in one sentence reads as two people.
  Address the client once per sentence (a name opening the sentence, "{client}，您…", is fine).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from coach.core.content.model import Pos, Step
from coach.core.content.problems import Problem, choices_hint
from coach.core.content.variables import CONDITIONS
from coach.core.content.yamlpos import YList, YMap

_SENTENCE = re.compile(r"[^。！？!?；;]+")
_CLIENT = re.compile(r"\{\s*client\s*\}")
_VOCATIVE_START = re.compile(r"^\s*[“\"]?\s*\{\s*client\s*\}\s*[，,]")
_BRANCH = re.compile(r"\{\s*branch\s*\}")


def strings(node: YMap, key: str) -> Iterator[tuple[str, YMap | YList, str | int]]:
    """Each string under `key` (one text or a list), with its container and key for positions."""
    value = node.get(key)
    if isinstance(value, str):
        yield value, node, key
    elif isinstance(value, YList):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield item, value, i


def _place(container: YMap | YList, key: str | int, offset: int) -> Pos:
    if isinstance(container, YMap):
        return container.at_offset(str(key), offset)
    return container.at_offset(int(key), offset)


def variant_nodes(node: YMap) -> Iterator[YMap]:
    value = node.get("when")
    if isinstance(value, YList):
        yield from (item for item in value if isinstance(item, YMap))


def mixed_address(text: str) -> int | None:
    """Offset of a sentence that names the client ({client}, not as its opening address) and
    also says 您; None when every sentence addresses the client one way."""
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        names = list(_CLIENT.finditer(sentence))
        if not names or "您" not in _CLIENT.sub("", sentence):
            continue
        if len(names) == 1 and _VOCATIVE_START.match(sentence):
            continue
        return m.start() + names[0].start()
    return None


def check_address(container: YMap | YList, key: str | int, text: str) -> list[Problem]:
    offset = mixed_address(text)
    if offset is None:
        return []
    return [Problem.at(
        _place(container, key, offset), "mixed-address",
        "this sentence names the client ({client}) and also says 您: it reads as two people",
        "address the client one way per sentence: 您 throughout, or the name once at the start"
        " (“{client}，您…”)",
        level="warning",
    )]


def check_lines(step: Step, node: YMap) -> list[Problem]:
    """Variants, branch and address in one step."""
    problems: list[Problem] = []
    for key in ("say", "ask"):
        for text, container, where in strings(node, key):
            problems.extend(check_address(container, where, text))
            m = _BRANCH.search(text)
            if m:
                problems.append(Problem.at(
                    _place(container, where, m.start()), "branch-unchecked",
                    f"'{{branch}}' in the step's own '{key}': the client may live where we have"
                    " no branch",
                    "put the line under 'when: - if: branch_known' and give the step's own"
                    " lines for a place without a branch (online service, our hotline)",
                ))
    for item in variant_nodes(node):
        condition = item.get("if")
        if isinstance(condition, str) and condition.strip() not in CONDITIONS:
            problems.append(Problem.at(
                item.at("if"), "unknown-condition",
                f"'{condition}' is not a condition a step can depend on",
                choices_hint(condition.strip(), CONDITIONS, what="conditions"),
            ))
        for text, container, where in strings(item, "say"):
            problems.extend(check_address(container, where, text))
            m = _BRANCH.search(text)
            if m and condition != "branch_known":
                problems.append(Problem.at(
                    _place(container, where, m.start()), "branch-unchecked",
                    "'{branch}' in a variant that does not check 'branch_known'",
                    "use it only under 'if: branch_known'",
                ))
    return problems
