"""Walking a playbook's step graph: what is reachable from where, and the path that got there."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence


def reach(starts: Iterable[str], edges: Mapping[str, Sequence[str]],
           through: Callable[[str], bool] = lambda _: True) -> dict[str, str | None]:
    """Steps reachable from `starts`, each with the step it was reached from (breadth first).

    `through(step)` False: the step is reached but not passed.
    """
    parent: dict[str, str | None] = {}
    queue: deque[str] = deque()
    for start in starts:
        if start not in parent:
            parent[start] = None
            queue.append(start)
    while queue:
        step = queue.popleft()
        if not through(step):
            continue
        for target in edges.get(step, ()):
            if target not in parent:
                parent[target] = step
                queue.append(target)
    return parent


def path_to(parent: Mapping[str, str | None], step: str) -> str:
    chain = [step]
    while (up := parent.get(chain[-1])) is not None:
        chain.append(up)
    return " → ".join(reversed(chain))
