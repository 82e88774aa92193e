"""The walkthrough: where a counter session stands in the playbooks, and how it got there.

Content is frozen; the one mutable thing in a session is this small `Walkthrough`. It knows the
current playbook and step, renders the lines with what is known so far (firm profile, client
name, calculator results), lists the reactions the staff member can click, and moves.

Several causes in one session:
- `switch(cause)`: the client raises another cause mid-playbook (reaction `another_cause`).
  That playbook starts; if the step declares `next.another_cause`, that step is remembered as
  the place to come back to, and is offered (`offer`) once the other playbook reaches an outcome
  other than `lost`.
- `queue(cause)`: the statement carried two causes. The second waits; it is offered after the
  first reaches an outcome other than `lost`, and suggested (`suggested_switch`) as the target
  when the client raises another cause. Switching to a queued cause takes it off the queue.
- `accept_offer()` follows the offer; `back()` undoes the last move, across playbooks too.

What the client said (`hear`) is kept for the whole visit: a step whose question (`asks:`) the
client already answered says so (`answered()`), quoting the words, instead of asking again.

`history` is the path as it stands (a move undone by `back()` leaves it): one `Record` per step
left, with the reaction that left it, and one for each terminal step reached (with its
outcome). `deciding()` is the step whose reaction led to the outcome: the step that kept (or
lost) the client, which reports group by.

Pure and deterministic: no I/O, no clock (pass `today` for the trial end date). What it raises
is in `engine_errors`; the reactions a step offers, in `reactions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from coach.core.content.model import Firm, Library, Playbook, Step
from coach.core.content.variables import WHEN, active_variant, firm_values, render
from coach.core.visit.answers import Answered, find_answers
from coach.core.visit.engine_errors import (
    BrokenPlaybookError,
    InvalidMoveError,
    MissingPlaybookError,
)
from coach.core.visit.path import Offer, Record, Snapshot
from coach.core.visit.reactions import ANOTHER_CAUSE, Choice, choices_at


class Walkthrough:
    """Where a counter session stands. Build with `from_library`, or from the playbooks (and the
    firm profile) directly: `Walkthrough(library.playbooks, cause, firm=library.firm)`."""

    __slots__ = (
        "playbooks",
        "firm",
        "client",
        "staff",
        "today",
        "_cause",
        "_step",
        "_returns",
        "_queued",
        "_history",
        "_undo",
        "_values",
        "_statements",
    )

    def __init__(
        self,
        playbooks: Mapping[str, Playbook],
        cause: str,
        *,
        firm: Firm | None = None,
        client: str = "",
        staff: str = "",
        today: date | None = None,
    ) -> None:
        self.playbooks = playbooks
        self.firm = firm
        self.client = client
        self.staff = staff
        self.today = today
        self._returns: list[tuple[str, str]] = []  # (cause, step) to come back to, innermost last
        self._queued: list[str] = []
        self._history: list[Record] = []
        self._undo: list[Snapshot] = []
        self._values: dict[str, str] = {}
        self._statements: list[str] = []  # what the client said during the visit, in order
        self._cause = ""
        self._step = ""
        self._enter(cause, self._playbook(cause).start)

    @classmethod
    def from_library(
        cls,
        library: Library,
        cause: str,
        *,
        client: str = "",
        staff: str = "",
        today: date | None = None,
    ) -> Walkthrough:
        return cls(
            library.playbooks, cause, firm=library.firm, client=client, staff=staff, today=today
        )

    # ------------------------------------------------------------ where we are

    @property
    def cause(self) -> str:
        return self._cause

    @property
    def playbook(self) -> Playbook:
        return self.playbooks[self._cause]

    @property
    def step(self) -> Step:
        return self.playbook.steps[self._step]

    @property
    def outcome(self) -> str | None:
        """The outcome of the current step; None until a terminal step is reached."""
        return self.step.outcome or None

    @property
    def history(self) -> tuple[Record, ...]:
        return tuple(self._history)

    @property
    def queued(self) -> tuple[str, ...]:
        return tuple(self._queued)

    @property
    def can_go_back(self) -> bool:
        return bool(self._undo)

    @property
    def suggested_switch(self) -> str | None:
        """The cause to propose when the client raises another one: the first queued cause."""
        return self._queued[0] if self._queued else None

    @property
    def offer(self) -> Offer | None:
        """After an outcome other than `lost`: the interrupted playbook first, then a queued one."""
        if self.outcome is None or self.outcome == "lost":
            return None
        if self._returns:
            cause, step = self._returns[-1]
            return Offer("resume", cause, step)
        if self._queued:
            cause = self._queued[0]
            return Offer("queued", cause, self.playbooks[cause].start)
        return None

    @property
    def values(self) -> Mapping[str, str]:
        """Everything a template can use right now."""
        known = firm_values(self.firm, client=self.client, staff=self.staff)
        if self.today is not None:
            days = self.firm.trial_days if self.firm else 7
            end = self.today + timedelta(days=days)
            known["trial_end"] = f"{end.year}年{end.month}月{end.day}日"
        known.update(self._values)
        known[WHEN + "answered"] = "1" if self.answered().complete else ""
        return known

    def set_values(self, mapping: Mapping[str, str]) -> None:
        """Feed calculator results (CommissionResult.values()) into later lines."""
        self._values.update({k: str(v) for k, v in mapping.items()})

    def hear(self, statement: str) -> None:
        """The client said this (a statement confirmed at the counter): a later step whose
        question it answers says so (`answered`). Kept across `back()`: words said stay said."""
        if statement.strip():
            self._statements.append(statement)

    @property
    def statements(self) -> tuple[str, ...]:
        return tuple(self._statements)

    def answered(self) -> Answered:
        """What the current step's question asks for (`asks:`) and which of it the client's
        statements in this visit already answer, with their words."""
        return find_answers(self.step.asks, self._statements, areas=self._areas())

    def would_answer(self, statement: str) -> tuple[str, ...]:
        """What the current step asks for that `statement` alone says ("一年两百笔")."""
        found = find_answers(self.step.asks, [statement], areas=self._areas())
        return tuple(a.asks for a in found.answers)

    def _areas(self) -> list[str]:
        return [name for b in (self.firm.branches if self.firm else ()) for name in (b.area, b.city)]

    # ------------------------------------------------------------ what to show

    def lines(self, lang: str = "zh") -> tuple[str, ...]:
        """The lines to say: the first `when:` variant that fits the client's figures, else the
        step's own lines."""
        values = self.values
        variant = active_variant(self.step.when, values)
        say = variant.say if variant is not None else self.step.say
        return tuple(render(line, values, lang) for line in say)

    def ask(self, lang: str = "zh") -> str:
        return render(self.step.ask, self.values, lang) if self.step.ask else ""

    def tips(self, lang: str = "zh") -> tuple[str, ...]:
        values = self.values
        variant = active_variant(self.step.when, values)
        tips = self.step.tips + (variant.tips if variant is not None else ())
        return tuple(render(tip, values, lang) for tip in tips)

    def choices(self, lang: str = "zh") -> tuple[Choice, ...]:
        """Reactions at this step (see `reactions.choices_at`)."""
        return choices_at(self.step, self.playbook, lang)

    # ------------------------------------------------------------ moving

    def react(self, reaction: str, *, cause: str | None = None) -> Step:
        """Follow a reaction from the current step; `another_cause` switches playbook (to
        `cause`, or to the queued one). Returns the new current step."""
        if reaction == ANOTHER_CAUSE:
            target = cause or self.suggested_switch
            if target is None:
                raise InvalidMoveError(
                    "客户提出了其他原因：请先选择是哪一个原因。",
                    "The client raised another cause: choose which cause first.",
                )
            return self.switch(target)
        step = self._require_open()
        if reaction not in step.next:
            offered = "、".join(c.id for c in self.choices())
            raise InvalidMoveError(
                f"步骤“{step.id}”没有“{reaction}”这个反应（可选：{offered}）。",
                f"Step '{step.id}' has no reaction '{reaction}' (available: {offered}).",
            )
        target = step.next[reaction]
        self._check_step(self._cause, target)
        self._save()
        self._history.append(
            Record(self._cause, step.id, step.technique, reaction=reaction, to_step=target)
        )
        self._enter(self._cause, target)
        return self.step

    def switch(self, cause: str) -> Step:
        """The client raised `cause`: start its playbook, remember where to come back.

        Allowed at a terminal step too: a client may bring up something new after an outcome."""
        playbook = self._playbook(cause)
        step = self.step
        if cause == self._cause:
            raise InvalidMoveError(
                "客户提出的原因就是当前这个，不需要切换。",
                "That is the cause already being handled; no switch needed.",
            )
        back_to = "" if step.terminal else step.next.get(ANOTHER_CAUSE, "")
        if back_to:
            self._check_step(self._cause, back_to)
        self._save()
        self._history.append(
            Record(self._cause, step.id, step.technique, reaction=ANOTHER_CAUSE, to_cause=cause)
        )
        if back_to:
            self._returns.append((self._cause, back_to))
        if cause in self._queued:
            self._queued.remove(cause)
        self._enter(cause, playbook.start)
        return self.step

    def queue(self, cause: str) -> None:
        """A second cause from the same statement: offered once the current playbook is done."""
        self._playbook(cause)
        if cause != self._cause and cause not in self._queued:
            self._queued.append(cause)

    def accept_offer(self) -> Step:
        """Go where `offer` points: back to the interrupted playbook, or into the queued one."""
        offer = self.offer
        if offer is None:
            raise InvalidMoveError("现在没有待继续的话术。", "There is nothing to continue now.")
        self._save()
        if offer.kind == "resume":
            self._returns.pop()
        else:
            self._queued.remove(offer.cause)
        self._enter(offer.cause, offer.step)
        return self.step

    def back(self) -> bool:
        """Undo the last move (reaction, switch or offer taken); False at the very start."""
        if not self._undo:
            return False
        snap = self._undo.pop()
        self._cause, self._step = snap.cause, snap.step
        self._returns = list(snap.returns)
        self._queued = list(snap.queued)
        del self._history[snap.history_len :]
        return True

    # ------------------------------------------------------------ for reports

    def deciding(self) -> Record | None:
        """The step whose reaction led to the current outcome (the step that kept the client)."""
        if self.outcome is None:
            return None
        for record in reversed(self._history[:-1]):
            if record.cause == self._cause and record.reaction and not record.to_cause:
                return record
            if record.cause != self._cause or record.outcome:
                break
        return None

    def outcome_data(self) -> dict[str, str] | None:
        """Data for the transcript's `outcome` event; None before an outcome."""
        if self.outcome is None:
            return None
        decider = self.deciding()
        return {
            "cause": self._cause,
            "outcome": self.outcome,
            "step": self.step.id,
            "technique": self.step.technique,
            "deciding_step": decider.step if decider else "",
            "deciding_technique": decider.technique if decider else "",
        }

    @property
    def results(self) -> tuple[tuple[str, str], ...]:
        """(cause, outcome) for every playbook that reached an outcome so far, in order."""
        return tuple((r.cause, r.outcome) for r in self._history if r.outcome)

    # ------------------------------------------------------------ internals

    def _playbook(self, cause: str) -> Playbook:
        playbook = self.playbooks.get(cause)
        if playbook is None:
            raise MissingPlaybookError(cause)
        return playbook

    def _check_step(self, cause: str, step_id: str) -> None:
        playbook = self._playbook(cause)
        if step_id not in playbook.steps:
            raise BrokenPlaybookError(
                f"话术“{cause}”指向不存在的步骤“{step_id}”（{playbook.path}），请运行 coach validate。",
                f"Playbook '{cause}' points at a missing step '{step_id}' ({playbook.path}); "
                "run coach validate.",
            )

    def _require_open(self) -> Step:
        step = self.step
        if step.terminal:
            raise InvalidMoveError(
                f"已到结果“{step.outcome}”，这段话术结束了。",
                f"The playbook has reached its outcome '{step.outcome}'.",
            )
        return step

    def _save(self) -> None:
        self._undo.append(
            Snapshot(
                self._cause,
                self._step,
                tuple(self._returns),
                tuple(self._queued),
                len(self._history),
            )
        )

    def _enter(self, cause: str, step_id: str) -> None:
        self._check_step(cause, step_id)
        self._cause, self._step = cause, step_id
        step = self.step
        if step.terminal:
            self._history.append(Record(cause, step.id, step.technique, outcome=step.outcome))
