"""What the pattern index needs to know of a content regular expression: the characters a
match can start with, so a statement holding none of them skips the pattern."""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _parser


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
