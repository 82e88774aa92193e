"""Pattern terms: `{broker}` in a cause's pattern stands for the alternatives listed under
`terms:` in causes.yaml, so trainers add a broker or a relative once, not in every pattern."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

TERM = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def expand(pattern: str, terms: Mapping[str, Sequence[str]]) -> str:
    """Replace each `{name}` by a non-capturing group of its alternatives (longest first).

    Raises KeyError naming an unknown term; the loader turns it into a problem.
    """

    def alternatives(m: re.Match[str]) -> str:
        words = terms[m.group(1)]
        return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"

    return TERM.sub(alternatives, pattern)


def unknown_terms(pattern: str, terms: Mapping[str, Sequence[str]]) -> list[str]:
    return [name for name in TERM.findall(pattern) if name not in terms]
