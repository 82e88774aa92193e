"""The playbook's model lines, filled with one session's numbers, and the ones a reply holds.

A reply that holds a model line (a technique's `lines` or a case step's `say`) uses its
technique, whatever the learnt model says: a longer reply must hold the line within it, a
shorter one must match it as a whole. A bit mask of each line's characters rules out, before
any alignment, the lines a reply shares too little with.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from coach.core.content.variables import render
from coach.core.practice.reply_analysis import Hit
from coach.core.text import CLAUSE_BREAK, Normalized, normalize

LINE_MIN_LEN = 10  # model lines shorter than this are matched by their cues only
LINE_CUTOFF = 85.0  # a reply that holds a model line this closely uses its technique
LINE_SHORT_CUTOFF = 80.0  # a reply shorter than the line must match it this closely as a whole
LINE_SHARED = 0.6  # share of a line's distinct characters a reply must have to be compared


@dataclass(frozen=True, slots=True)
class _Line:
    technique: str
    text: str
    key: str
    mask: int = 0  # one bit per distinct character (see ModelLines._mask)
    distinct: int = 0


class ModelLines:
    """Compiled once per session: the lines rendered with the client's numbers."""

    def __init__(self, templates: Iterable[tuple[str, str]], values: Mapping[str, str],
                 lang: str) -> None:
        self._bits: dict[str, int] = {}
        self._lines = self._model_lines(templates, values, lang)
        # per line the characters a reply must share with it, and its place (worked out once)
        self._line_need = [(line, LINE_SHARED * line.distinct) for line in self._lines]
        self._line_order = {id(line): i for i, line in enumerate(self._lines)}

    def _mask(self, text: str, *, grow: bool = True) -> int:
        """A bit per distinct character of `text` (characters no line has count for nothing)."""
        bits = self._bits
        mask = 0
        for ch in set(text):
            bit = bits.get(ch)
            if bit is None:
                if not grow:
                    continue
                bit = bits[ch] = 1 << len(bits)
            mask |= bit
        return mask

    def _model_lines(self, templates: Iterable[tuple[str, str]], values: Mapping[str, str],
                     lang: str) -> list[_Line]:
        lines: list[_Line] = []
        seen: set[tuple[str, str]] = set()
        for technique, template in templates:
            text = render(template, values, lang)
            key = normalize(text).replace(CLAUSE_BREAK, "")
            if len(key) >= LINE_MIN_LEN and (technique, key) not in seen:
                seen.add((technique, key))
                mask = self._mask(key)
                lines.append(_Line(technique, text, key, mask, mask.bit_count()))
        return lines

    def hits(self, norm: Normalized) -> list[Hit]:
        """The model lines the reply holds: a longer reply holds a line within it, a shorter
        one must match a line as a whole (scored in one pass each by rapidfuzz)."""
        from rapidfuzz import process

        flat = norm.text.replace(CLAUSE_BREAK, "")
        if not flat:
            return []
        out: list[Hit] = []
        # A line matched at 80 or more shares most of its characters with the reply: the rest
        # are not worth aligning.
        have = self._mask(flat, grow=False)
        lines = [line for line, need in self._line_need if (line.mask & have).bit_count() >= need]
        within = [line for line in lines if len(flat) >= len(line.key)]
        whole = [line for line in lines if len(flat) < len(line.key)]
        matched = [
            within[index]
            for _, _, index in process.extract(flat, [line.key for line in within],
                                               scorer=fuzz.partial_ratio,
                                               score_cutoff=LINE_CUTOFF, limit=None)
        ] + [
            whole[index]
            for _, _, index in process.extract(flat, [line.key for line in whole],
                                               scorer=fuzz.ratio,
                                               score_cutoff=LINE_SHORT_CUTOFF, limit=None)
        ]
        order = self._line_order
        for line in sorted(matched, key=lambda line: order[id(line)]):
            out.append(Hit("technique", line.technique, line.text, 0, len(norm.original),
                           "line", False))
        return out
