"""Pattern terms: `{broker}` in a cause's pattern stands for the alternatives listed under
`terms:` in causes.yaml, so trainers add a broker or a relative once, not in every pattern."""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _parser
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


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of `pattern` can start with, or None when that is not a small
    known set. A text holding none of them cannot match, so the pattern need not run."""
    try:
        found = _first(list(_parser.parse(pattern)))
    except (re.error, TypeError, ValueError):
        return None
    return frozenset(found) if found else None


def _first(items: list) -> set[str] | None:
    """First characters of a parsed sequence; None for "any" or a sequence that can be empty."""
    out: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            return out | {chr(av)}
        if op is _sre.IN:
            for inner, arg in av:
                if inner is _sre.LITERAL:
                    out.add(chr(arg))
                elif inner is _sre.RANGE and arg[1] - arg[0] <= 200:
                    out.update(chr(c) for c in range(arg[0], arg[1] + 1))
                else:
                    return None
            return out
        if op is _sre.BRANCH:
            for alternative in av[1]:
                found = _first(list(alternative))
                if found is None:
                    return None
                out |= found
            return out
        if op is _sre.SUBPATTERN:
            found = _first(list(av[3]))
            return None if found is None else out | found
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            low, _, sub = av
            found = _first(list(sub))
            if found is None:
                return None
            out |= found
            if low >= 1:
                return out
            continue  # optional: what follows may come first as well
        if op is _sre.AT:
            continue
        return None
    return None  # the whole pattern can match the empty string
