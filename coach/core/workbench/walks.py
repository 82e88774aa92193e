"""Seeded random walks through every playbook, taking every reaction.

The validator proves the step graph statically; walks prove it the way staff meet it: from the
start step, one client reaction after another, each line rendered with a sample client's
numbers, until an outcome. A walk fails when a line does not fill (a variable with no value at
that point of that path: the calculator was never run on it, the firm profile leaves it empty),
or when it runs `max_moves` without an outcome. Steps and reactions no walk took are reported
as coverage; a step no path reaches is a failure.

Each walk is decided by its seed alone (`random.Random(seed)` choosing among the reactions), so
a failing walk printed with its seed is replayed exactly with `coach test --walk SEED`, which
walks every playbook with that one seed.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from coach.core.content.model import Firm, Library, Playbook
from coach.core.content.variables import VARIABLES, active_variant, firm_values, template_names
from coach.core.visit.calc import CalcError, bundle, commission

TRIAL_TECHNIQUE = "one_week_trial"
SAMPLE_CLIENT = "王先生"
SAMPLE_TODAY = date(2026, 1, 5)
DEFAULT_WALKS = 200


@dataclass(frozen=True, slots=True)
class Move:
    step: str
    reaction: str  # "" on the terminal step


@dataclass(frozen=True, slots=True)
class Walk:
    cause: str
    seed: int
    moves: tuple[Move, ...]
    outcome: str  # "" when the walk never reached one
    problems: tuple[str, ...] = ()  # what went wrong, readable

    @property
    def ok(self) -> bool:
        return bool(self.outcome) and not self.problems

    def path(self) -> str:
        return " → ".join(m.step + (f" ({m.reaction})" if m.reaction else "") for m in self.moves)


@dataclass(frozen=True, slots=True)
class Coverage:
    cause: str
    walks: int
    steps: tuple[str, ...]  # every step of the playbook
    steps_taken: frozenset[str]
    reactions: tuple[tuple[str, str], ...]  # every (step, reaction) edge
    reactions_taken: frozenset[tuple[str, str]]
    unreachable: tuple[str, ...]
    outcomes: Mapping[str, int]  # outcome -> walks ending there
    failures: tuple[Walk, ...] = ()
    replayed: tuple[Walk, ...] = ()  # every walk, kept when one seed is replayed

    @property
    def ok(self) -> bool:
        return not self.failures and not self.unreachable

    def to_json(self) -> dict[str, object]:
        return {
            "cause": self.cause,
            "walks": self.walks,
            "steps": len(self.steps),
            "steps_covered": len(self.steps_taken),
            "reactions": len(self.reactions),
            "reactions_covered": len(self.reactions_taken),
            "steps_missed": [s for s in self.steps if s not in self.steps_taken],
            "reactions_missed": [f"{s}.{r}" for s, r in self.reactions if (s, r) not in self.reactions_taken],
            "unreachable": list(self.unreachable),
            "outcomes": dict(self.outcomes),
            "failures": [_walk_json(w) for w in self.failures],
            **({"replayed": [_walk_json(w) for w in self.replayed]} if self.replayed else {}),
        }


def _walk_json(w: Walk) -> dict[str, object]:
    return {"seed": w.seed, "path": w.path(), "outcome": w.outcome, "problems": list(w.problems)}


@dataclass(frozen=True, slots=True)
class WalkReport:
    playbooks: tuple[Coverage, ...]
    base_seed: int = 0

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.playbooks)

    def totals(self) -> tuple[int, int, int, int]:
        """(steps covered, steps, reactions covered, reactions)."""
        return (
            sum(len(c.steps_taken) for c in self.playbooks),
            sum(len(c.steps) for c in self.playbooks),
            sum(len(c.reactions_taken) for c in self.playbooks),
            sum(len(c.reactions) for c in self.playbooks),
        )

    def to_json(self) -> dict[str, object]:
        s, sn, r, rn = self.totals()
        return {
            "ok": self.ok,
            "seed": self.base_seed,
            "step_coverage": round(s / sn, 4) if sn else 1.0,
            "reaction_coverage": round(r / rn, 4) if rn else 1.0,
            "playbooks": [c.to_json() for c in self.playbooks],
        }


@dataclass
class SampleValues:
    """What a template can use at each point: always-known values, then calculator results."""

    always: dict[str, str]
    commission: dict[str, str] = field(default_factory=dict)
    bundle: dict[str, str] = field(default_factory=dict)
    trial: dict[str, str] = field(default_factory=dict)


def sample_values(firm: Firm | None) -> SampleValues:
    """A sample client's numbers through the real calculators (the seed's kind of client: a
    couple of million a year in 80 trades, offered a rate four tenths lower)."""
    values = SampleValues(firm_values(firm, client=SAMPLE_CLIENT, staff="S001"))
    rate = firm.standard_rate if firm and firm.standard_rate else 0.00025
    try:
        values.commission = commission(2_000_000, 80, rate, rate * 0.6, firm).values()
    except CalcError:
        pass  # a firm profile the calculator refuses: lines using its values will not fill
    tiers = sorted(firm.tiers, key=lambda t: t.min_turnover) if firm else []
    if tiers:
        top = max(tiers[min(1, len(tiers) - 1)].min_turnover, 1.0)
        try:
            values.bundle = bundle([top * 0.5, top * 0.3, top * 0.3], firm).values()
        except CalcError:
            pass
    days = firm.trial_days if firm else 7
    end = SAMPLE_TODAY + timedelta(days=days)
    values.trial = {"trial_end": f"{end.year}年{end.month}月{end.day}日"}
    return values


def _unfilled(templates: tuple[str, ...], known: Mapping[str, str]) -> list[str]:
    out = []
    for template in templates:
        for name, _ in template_names(template):
            if not known.get(name):
                label = VARIABLES[name].label.zh if name in VARIABLES else name
                out.append(f"{{{name}}} ({label})")
    return out


def walk(playbook: Playbook, seed: int, values: SampleValues, *, max_moves: int | None = None) -> Walk:
    """One walk from the start: at each step a reaction drawn by `Random(seed)`."""
    rng = random.Random(seed)
    limit = max_moves or 10 * max(len(playbook.steps), 1)
    known = dict(values.always)
    moves: list[Move] = []
    problems: list[str] = []
    current = playbook.start
    while True:
        step = playbook.steps.get(current)
        if step is None:
            problems.append(f"step '{current}' does not exist")
            return Walk(playbook.cause, seed, tuple(moves), "", tuple(problems))
        if step.calculator == "commission":
            known.update(values.commission)
        elif step.calculator == "bundle":
            known.update(values.bundle)
        if step.technique == TRIAL_TECHNIQUE:
            known.update(values.trial)
        variant = active_variant(step.when, known)  # what the engine shows this client
        say = variant.say if variant is not None else step.say
        tips = step.tips + (variant.tips if variant is not None else ())
        for name in _unfilled((*say, step.ask, *tips), known):
            problems.append(f"step '{step.id}': {name} has no value on this path")
        if step.terminal:
            moves.append(Move(step.id, ""))
            return Walk(playbook.cause, seed, tuple(moves), step.outcome, tuple(problems))
        if len(moves) >= limit:
            problems.append(f"no outcome after {limit} moves")
            return Walk(playbook.cause, seed, tuple(moves), "", tuple(problems))
        reaction = rng.choice(sorted(step.next))
        moves.append(Move(step.id, reaction))
        current = step.next[reaction]


def _reachable(playbook: Playbook) -> set[str]:
    seen, todo = set(), [playbook.start]
    while todo:
        ident = todo.pop()
        if ident in seen or ident not in playbook.steps:
            continue
        seen.add(ident)
        todo.extend(playbook.steps[ident].next.values())
    return seen


def walk_playbook(playbook: Playbook, values: SampleValues, seeds: list[int]) -> Coverage:
    steps = tuple(playbook.steps)
    edges = tuple((s.id, r) for s in playbook.steps.values() for r in s.next)
    taken_steps: set[str] = set()
    taken_edges: set[tuple[str, str]] = set()
    outcomes: dict[str, int] = {}
    failures: list[Walk] = []
    failed_paths: set[str] = set()
    walks = 0
    kept: list[Walk] = []
    for seed in seeds:
        w = walk(playbook, seed, values)
        walks += 1
        if len(seeds) == 1:
            kept.append(w)
        taken_steps.update(m.step for m in w.moves)
        taken_edges.update((m.step, m.reaction) for m in w.moves if m.reaction)
        if w.outcome:
            outcomes[w.outcome] = outcomes.get(w.outcome, 0) + 1
        if not w.ok and w.path() not in failed_paths:
            failed_paths.add(w.path())  # one failing walk per distinct path is enough to show
            failures.append(w)
        if len(taken_edges) == len(edges) and len(taken_steps) == len(steps) and walks >= 20:
            break  # everything taken: more walks would only repeat paths
    reach = _reachable(playbook)
    return Coverage(
        cause=playbook.cause,
        walks=walks,
        steps=steps,
        steps_taken=frozenset(taken_steps),
        reactions=edges,
        reactions_taken=frozenset(taken_edges),
        unreachable=tuple(s for s in steps if s not in reach),
        outcomes=dict(sorted(outcomes.items())),
        failures=tuple(failures[:5]),
        replayed=tuple(kept),
    )


def walk_library(library: Library, *, seed: int = 0, walks: int = DEFAULT_WALKS,
                 only: int | None = None) -> WalkReport:
    """Walk every playbook; `only`: replay that one seed in each playbook."""
    values = sample_values(library.firm)
    seeds = [only] if only is not None else [seed * 100_000 + i for i in range(walks)]
    return WalkReport(
        tuple(walk_playbook(p, values, seeds) for _, p in sorted(library.playbooks.items())),
        seed,
    )
