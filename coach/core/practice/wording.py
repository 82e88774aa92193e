"""What the reply analyzer reads from the content besides the reply model, as plain data.

The cue phrases, the violations' phrases and principles, the model lines (templates), the
firm's commission terms and the pinyin table: `coach analyze` keeps them in the compiled cache,
so a cold start reads no YAML and loads no pypinyin data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coach.core.content.model import Firm, Library, Tier


@dataclass(frozen=True, slots=True)
class Wording:
    """What the analyzer reads from the content besides the reply model: the cue phrases, the
    violations' phrases and principles, the model lines (templates) and the firm's commission
    terms. Plain data, so that `coach analyze` can keep it in the compiled cache."""

    cues: tuple[tuple[str, tuple[str, ...]], ...]  # technique -> cues
    phrases: tuple[tuple[str, tuple[str, ...]], ...]  # violation -> phrases
    keeps: tuple[tuple[str, tuple[str, ...]], ...]  # principle -> phrases that keep it
    principle_of: tuple[tuple[str, str], ...]  # violation -> principle
    lines: tuple[tuple[str, str], ...]  # (technique, template)
    firm: Firm | None
    names: tuple[tuple[str, str, str], ...] = ()  # (technique or violation id, zh, en)
    pinyin: tuple[str, str] = ("", "")  # `pinyin_table()`, kept in the cache (else computed)

    @classmethod
    def of(cls, library: Library) -> Wording:
        lines = [(t.id, line) for t in library.techniques.values() for line in t.lines]
        lines += [
            (step.technique, line)
            for playbook in library.playbooks.values()
            for step in playbook.steps.values()
            if step.technique in library.techniques
            for line in step.say
        ]
        return cls(
            cues=tuple((t.id, tuple(t.cues)) for t in library.techniques.values()),
            phrases=tuple((v.id, tuple(v.phrases)) for v in library.violations.values()),
            keeps=tuple((p.id, tuple(p.keeps)) for p in library.principles.values()),
            principle_of=tuple((v.id, v.principle) for v in library.violations.values()),
            lines=tuple(lines),
            firm=library.firm,
            names=tuple((x.id, x.name.zh, x.name.en)
                        for x in (*library.techniques.values(), *library.violations.values())),
        )

    def to_data(self) -> dict[str, object]:
        firm = self.firm
        return {
            "cues": [[k, list(v)] for k, v in self.cues],
            "phrases": [[k, list(v)] for k, v in self.phrases],
            "keeps": [[k, list(v)] for k, v in self.keeps],
            "principle_of": [list(x) for x in self.principle_of],
            "lines": [list(x) for x in self.lines],
            "names": [list(x) for x in self.names],
            "pinyin": list(self.pinyin),
            "firm": None if firm is None else {
                "standard_rate": firm.standard_rate,
                "cap_rate": firm.cap_rate,
                "min_commission": firm.min_commission,
                "tiers": [[t.name, t.min_turnover, t.rate] for t in firm.tiers],
            },
        }

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> Wording:
        """Back from `to_data` (only the firm's commission terms come back); ValueError when
        malformed."""
        try:
            def pairs(key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
                return tuple((str(k), tuple(str(x) for x in v)) for k, v in data[key])  # type: ignore[attr-defined]

            firm_data = data["firm"]
            firm = None
            if firm_data is not None:
                firm = Firm("", "", "", "", (), (), float(firm_data["standard_rate"]),  # type: ignore[index]
                            float(firm_data["cap_rate"]), float(firm_data["min_commission"]),  # type: ignore[index]
                            tuple(Tier(str(n), float(m), float(r)) for n, m, r in firm_data["tiers"]),  # type: ignore[index]
                            ())
            return cls(
                cues=pairs("cues"),
                phrases=pairs("phrases"),
                keeps=pairs("keeps"),
                principle_of=tuple((str(a), str(b)) for a, b in data["principle_of"]),  # type: ignore[attr-defined]
                lines=tuple((str(a), str(b)) for a, b in data["lines"]),  # type: ignore[attr-defined]
                firm=firm,
                names=tuple((str(a), str(b), str(c)) for a, b, c in data["names"]),  # type: ignore[attr-defined]
                pinyin=_pinyin_pair(data.get("pinyin")),  # type: ignore[attr-defined]
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"not analyzer wording: {error}") from error


def _pinyin_pair(value: object) -> tuple[str, str]:
    """A stored pinyin table: two strings of one length, else none (pypinyin is read then)."""
    if isinstance(value, list) and len(value) == 2 and all(isinstance(x, str) for x in value):
        chars, codes = value
        if len(chars) == len(codes):
            return chars, codes
    if value is None:
        return "", ""
    raise ValueError("a bad pinyin table")
