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


_EXPANSION_LIMIT = 256  # a part that can match more strings than this is not a useful requirement


def required_literals(pattern: str) -> tuple[frozenset[str], ...]:
    """Sets of strings of which a match of `pattern` must hold at least one each (the words
    around its gaps: "(搬|迁)[^|]{0,3}(到|去)" needs one of 搬/迁 and one of 到/去). A statement
    lacking every string of one set cannot match, so the pattern need not run. Empty when
    nothing is known for certain (flags, or a part that can match too many strings)."""
    try:
        parsed = _parser.parse(pattern)
    except (re.error, TypeError, ValueError, RecursionError):
        return ()
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return ()
    found: list[frozenset[str]] = []
    _required(list(parsed), found)
    return tuple(found)


def _required(items: list, found: list[frozenset[str]]) -> None:
    """Each item of a sequence that must match one of a few strings adds that set to `found`;
    a group or a repeat that must match at least once adds what its inside requires."""
    for op, av in items:
        strings = _expand([(op, av)])
        if strings is not None:
            if "" not in strings:
                found.append(frozenset(strings))
            continue
        if op is _sre.SUBPATTERN and not av[1]:  # no local flags
            _required(list(av[3]), found)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            _required(list(av[2]), found)
        elif op is _sre.ATOMIC_GROUP:
            _required(list(av), found)


def _expand(items: list) -> set[str] | None:
    """Every string a parsed sequence can match, or None when not a small known set."""
    out = {""}
    for op, av in items:
        if op is _sre.LITERAL:
            options = {chr(av)}
        elif op is _sre.IN:
            options = set()
            for inner, arg in av:
                if inner is not _sre.LITERAL:
                    return None
                options.add(chr(arg))
        elif op is _sre.BRANCH:
            options = set()
            for alternative in av[1]:
                sub = _expand(list(alternative))
                if sub is None:
                    return None
                options |= sub
        elif op is _sre.SUBPATTERN:
            if av[1]:  # local flags: the literal text may not be what matches
                return None
            sub = _expand(list(av[3]))
            if sub is None:
                return None
            options = sub
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[1] == 1:
            sub = _expand(list(av[2]))
            if sub is None:
                return None
            options = sub | {""} if av[0] == 0 else sub
        elif op is _sre.AT:
            continue
        else:
            return None
        out = {a + b for a in out for b in options}
        if len(out) > _EXPANSION_LIMIT:
            return None
    return out
