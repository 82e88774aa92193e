"""Content regular expressions that could freeze the app are refused at load time.

Python's `re` backtracks: `(x+x+)+y` takes 73 s on 30 characters, and the counter screen
classifies as the staff member types. Trainers write patterns, so the loader (and `coach
validate`) refuses the shapes that backtrack without bound, with a message saying which part:

- a repeat inside a repeat, both of variable length: `(x+)+`, `(a{1,3})*`, `(x+x+)+y`
- alternatives that can start with the same character inside a repeat: `(a|ab)+`, `(.|x)*`
- back-references (`\\1`): matching them is not even polynomial
- a pattern longer than `MAX_PATTERN` characters once its `{terms}` are expanded

Atomic groups and possessive repeats (`(?>...)`, `x++`) do not backtrack and are allowed around
anything; the shipped patterns use `(?>{num}+多?)`.
"""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _parser

MAX_PATTERN = 5000  # characters after term expansion
_MANY = 1  # a repeat whose maximum exceeds this can match a variable number of times

_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT)


def pattern_risk(regex: str) -> str | None:
    """Why `regex` may take exponential time, or None when it is safe to run on any text."""
    if len(regex) > MAX_PATTERN:
        return f"it is {len(regex)} characters long once terms are expanded (at most {MAX_PATTERN})"
    try:
        parsed = _parser.parse(regex)
    except (re.error, RecursionError, OverflowError):
        return None  # not a valid pattern at all: reported as such by the caller
    return _walk(list(parsed), inside_repeat=False)


def _variable(op, av) -> bool:
    low, high, _ = av
    return op in _REPEATS and high > _MANY and low != high


def _walk(items: list, *, inside_repeat: bool) -> str | None:
    for op, av in items:
        if op is _sre.GROUPREF or op is _sre.GROUPREF_EXISTS:
            return "it uses a back-reference (\\1), which can take exponential time"
        if op in _REPEATS:
            low, high, body = av
            body = list(body)
            if inside_repeat and _variable(op, av):
                return "it repeats a repeat (like (x+)+): some texts would take minutes to check"
            if high > _MANY:
                overlap = _overlapping_branch(body)
                if overlap:
                    return overlap
            found = _walk(body, inside_repeat=inside_repeat or (high > _MANY))
            if found:
                return found
        elif op is _sre.SUBPATTERN:
            found = _walk(list(av[3]), inside_repeat=inside_repeat)
            if found:
                return found
        elif op is _sre.BRANCH:
            for alternative in av[1]:
                found = _walk(list(alternative), inside_repeat=inside_repeat)
                if found:
                    return found
        elif op is _sre.ATOMIC_GROUP or op is _sre.POSSESSIVE_REPEAT:
            continue  # no backtracking into it
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            found = _walk(list(av[1]), inside_repeat=False)
            if found:
                return found
    return None


def _overlapping_branch(body: list) -> str | None:
    """A branch in a repeated body whose alternatives may start alike: (a|a)+, (ab|a[bc])+."""
    for op, av in body:
        if op is _sre.SUBPATTERN:
            found = _overlapping_branch(list(av[3]))
        elif op is _sre.BRANCH:
            seen: set[int] = set()
            for alternative in av[1]:
                first = _first_codes(list(alternative))
                if first is None or first & seen:
                    return ("alternatives inside a repeat can start with the same character "
                            "(like (a|ab)+): some texts would take minutes to check")
                seen |= first
            found = next(filter(None, (_overlapping_branch(list(a)) for a in av[1])), None)
        else:
            found = None
        if found:
            return found
    return None


def _first_codes(items: list) -> set[int] | None:
    """Code points a sequence can start with, or None when unknown or it can be empty."""
    if not items:
        return None
    op, av = items[0]
    if op is _sre.LITERAL:
        return {av}
    if op is _sre.IN:
        codes: set[int] = set()
        for inner, arg in av:
            if inner is _sre.LITERAL:
                codes.add(arg)
            elif inner is _sre.RANGE and arg[1] - arg[0] <= 0x3000:
                codes.update(range(arg[0], arg[1] + 1))
            else:
                return None
        return codes
    if op is _sre.SUBPATTERN:
        return _first_codes(list(av[3]))
    if op in _REPEATS and av[0] >= 1:
        return _first_codes(list(av[2]))
    return None
