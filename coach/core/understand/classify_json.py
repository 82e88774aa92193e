"""The `coach classify --json` line of a classification, written out directly.

The text is exactly what `json.JSONEncoder(ensure_ascii=False).encode(result.to_json())` gives
(the command-line contract), without building the dictionaries first: a cause nothing points
to is the same few bytes in every answer, and most answers are mostly such causes. Strings go
through json's own escaping; anything out of the ordinary (a score that is not a finite number)
takes the dictionary path.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring as _string
from math import copysign

from coach.core.understand.classifier import CauseScore, Classification
from coach.core.understand.figures import extract_figures

_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_BOOL = {True: "true", False: "false"}


class _Unusual(Exception):
    """A value the direct path does not write as json would: the dictionary path writes it."""


def _number(value: object) -> str:
    """What json writes for a finite float."""
    if type(value) is not float or not math.isfinite(value):
        raise _Unusual
    return float.__repr__(value)


def _flag(value: object) -> str:
    if type(value) is not bool:
        raise _Unusual
    return _BOOL[value]

_ids: dict[str, str] = {}  # cause id -> its JSON string
_unmatched: dict[tuple[str, str], str] = {}  # (cause id, score) -> its ranking entry, no words
_nothing: dict[str, str] = {}  # cause id -> its ranking entry at score 0.0, no words


def _id(cid: str) -> str:
    found = _ids.get(cid)
    if found is None:
        found = _ids[cid] = _string(cid)
    return found


def _ranked(score: CauseScore, text: str) -> str:
    value = _number(round(score.score, 4))
    if not score.matched:
        key = (score.id, value)
        entry = _unmatched.get(key)
        if entry is None:
            entry = f'{{"id": {_id(score.id)}, "score": {value}, "matched": []}}'
            if len(_unmatched) < 4096:
                _unmatched[key] = entry
        return entry
    matched = ", ".join([
        f'{{"keyword": {_string(m.keyword)}, "start": {_int(m.start)}, "end": {_int(m.end)}, '
        f'"text": {_string(text[m.start : m.end])}, "channel": {_string(m.channel)}, '
        f'"negated": {_flag(m.negated)}}}'
        for m in score.matched
    ])
    return f'{{"id": {_id(score.id)}, "score": {value}, "matched": [{matched}]}}'


def _int(value: object) -> str:
    if type(value) is not int:
        raise _Unusual
    return int.__repr__(value)


def json_line(result: Classification) -> str:
    """The answer as one line of JSON (no newline)."""
    try:
        return _line(result)
    except (_Unusual, TypeError):
        return _ENCODE(result.to_json())


def _line(result: Classification) -> str:
    text = result.text
    causes = ", ".join([
        f'{{"id": {_id(c.id)}, "score": {_number(round(c.score, 4))}}}' for c in result.causes
    ])
    ranked = []
    nothing = _nothing
    for c in result.ranking:
        value = c.score
        # most causes: nothing points to them (+0.0, not -0.0, which json writes as such)
        if not c.matched and value == 0.0 and type(value) is float and copysign(1.0, value) > 0:
            entry = nothing.get(c.id)
            if entry is None and len(nothing) < 4096:
                entry = nothing[c.id] = _ranked(c, text)
            ranked.append(entry or _ranked(c, text))
        else:
            ranked.append(_ranked(c, text))
    ranking = ", ".join(ranked)
    questions = ", ".join(map(_string, result.questions))
    figures = extract_figures(text, result.tracked)
    shown = _ENCODE([f.to_json() for f in figures]) if figures else "[]"
    return (
        f'{{"text": {_string(text)}, "causes": [{causes}], "ranking": [{ranking}], '
        f'"ambiguous": {_flag(result.ambiguous)}, "unsure": {_flag(result.unsure)}, '
        f'"questions": [{questions}], "figures": {shown}}}'
    )
