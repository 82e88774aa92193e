"""One client at the counter: the walkthrough and its transcript, kept in step.

The engine decides where the session goes; this object makes sure every move is written to the
transcript as it happens and in the order it happened. The counter screen only displays what it
returns.

The transcript file is opened at the first event (a statement confirmed or a calculation), so an
app opened and closed with no client leaves no empty session behind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.core.content.variables import branch_for
from coach.core.records.transcript import TranscriptError, TranscriptWriter
from coach.core.records.trials import trial_event, write_trial_record
from coach.core.understand.classifier import OTHER
from coach.core.visit.engine import Walkthrough
from coach.core.visit.path import Offer
from coach.core.visit.reactions import ANOTHER_CAUSE

if TYPE_CHECKING:
    from coach.core.content.model import Library, Step
    from coach.core.understand.classifier import Classification
    from coach.core.visit.path import Record

TRIAL_TECHNIQUE = "one_week_trial"


@dataclass(frozen=True, slots=True)
class Moved:
    """What a move produced, for the screen's log."""

    step: Step
    record: Record | None = None  # the reaction that left the previous step
    switched_from: str = ""  # the cause left when playbooks changed
    trial_end: date | None = None  # set when this move recorded a one-week trial


class CounterSession:
    """Starts with no cause; the first confirmed statement starts the walkthrough."""

    def __init__(
        self,
        library: Library,
        *,
        folder: Path,
        staff: str = "",
        today: Callable[[], date] = date.today,
    ) -> None:
        self.library = library
        self.folder = Path(folder)
        self.staff = staff
        self._today = today
        self.walkthrough: Walkthrough | None = None
        self.writer: TranscriptWriter | None = None
        self.trial_recorded: date | None = None
        self.trial_data: dict[str, Any] | None = None  # the trial event, for the trial record
        self._values: dict[str, str] = {}  # numbers computed before a cause was confirmed
        self.calculated_with: set[str] = set()  # names of the calculators run this session
        self.finished = False
        self.write_error: TranscriptError | None = None  # the first write that failed
        self._reported = True

    # ------------------------------------------------------------ transcript

    def _open(self) -> TranscriptWriter:
        if self.writer is None:
            self.writer = TranscriptWriter.open(
                self.folder, "counter", self.staff, self.library.version
            )
        return self.writer

    def _write(self, kind: str, **data: Any) -> None:
        """Record an event. A transcript that cannot be written must not leave the staff member
        without a script while the client waits: the walkthrough goes on, and the error waits
        in `unreported_error` for the screen to show once."""
        if self.write_error is not None:
            return
        try:
            self._open().event(kind, **data)
        except TranscriptError as error:
            self.write_error = error
            self._reported = False

    def unreported_error(self) -> TranscriptError | None:
        """The transcript error not yet shown to the staff member, once."""
        if self.write_error is None or self._reported:
            return None
        self._reported = True
        return self.write_error

    @property
    def path(self) -> Path | None:
        return self.writer.path if self.writer else None

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()

    def _step_event(self) -> None:
        assert self.walkthrough is not None
        step = self.walkthrough.step
        self._write("step", cause=self.walkthrough.cause, step=step.id, technique=step.technique)

    # ------------------------------------------------------------ moves

    def confirm(self, result: Classification, cause: str, *, override: str = "") -> Moved:
        """The staff member took `cause` for what the client said: start or switch playbooks.

        On the first statement a second detected cause is queued to follow the first, unless
        the staff member overrode the classifier (`override`: how, "pick" for F5 or "second"
        for F2): its reading is then set aside as a whole. An override is written as its own
        event, the trainer's most valuable signal (`coach report --overrides` lists them)."""
        self._write("statement", text=result.text)
        self._write(
            "classification",
            text=result.text,
            leading=result.leading,
            causes=[{"id": c.id, "score": round(c.score, 4)} for c in result.causes],
            ambiguous=result.ambiguous,
            chosen=cause,
        )
        overridden = bool(override) and cause != result.leading
        if overridden:
            self._write(
                "override", text=result.text, classifier=result.leading, chosen=cause, via=override
            )
        self._note_branch(result.text)
        if self.walkthrough is None:
            queue = [] if overridden else [c.id for c in result.causes if c.id != cause]
            moved = self.start(cause, queue=queue)
        elif cause == self.walkthrough.cause:
            moved = Moved(self.walkthrough.step)  # the client said more about the same cause
        else:
            moved = self.switch(cause)
        self._require().hear(result.text)  # a step whose question this answers will say so
        return moved

    def _note_branch(self, text: str) -> None:
        branch = branch_for(self.library.firm, text)
        if branch:  # the client named an area we have a branch in: offer that one
            self._values["branch"] = branch
            if self.walkthrough is not None:
                self.walkthrough.set_values({"branch": branch})

    def answers_step(self, result: Classification) -> tuple[str, ...]:
        """What a statement the classifier found none of the ten reasons in (unsure, or `other`)
        says of the current step's question ("我一个月交易300万，一年200笔" after "您一年大概交易
        多少？"): such a statement is an answer (`answer`), not a new cause to switch the playbook
        to. () otherwise."""
        walkthrough = self.walkthrough
        no_reason = result.unsure or result.leading == OTHER
        if walkthrough is None or not no_reason or walkthrough.step.terminal:
            return ()
        return walkthrough.would_answer(result.text)

    def keeps_playbook(self, result: Classification) -> bool:
        """Mid-visit, a statement in which the classifier found no reason at all (unsure: a
        stray remark, a paste of nothing) is heard in the playbook under way: leaving a reason
        found with confidence for a guess would lose the staff member's place."""
        walkthrough = self.walkthrough
        return walkthrough is not None and not walkthrough.step.terminal and result.unsure

    def answer(self, result: Classification) -> Moved:
        """The client answered the current step's question: heard, recorded as an `answer`
        (not a classification: it names no cause, and must not reach `coach report --misses`
        as a statement to label), the playbook stays where it is."""
        walkthrough = self._require()
        asks = walkthrough.would_answer(result.text)
        self._write("statement", text=result.text, cause=walkthrough.cause)
        self._write(
            "answer", text=result.text, cause=walkthrough.cause, step=walkthrough.step.id,
            asks=list(asks), leading=result.leading,
        )
        self._note_branch(result.text)
        walkthrough.hear(result.text)
        return Moved(walkthrough.step)

    def start(self, cause: str, *, queue: list[str] | tuple[str, ...] = ()) -> Moved:
        """Begin the walkthrough on `cause` (raises the engine's MissingPlaybookError)."""
        walkthrough = Walkthrough.from_library(
            self.library, cause, staff=self.staff, today=self._today()
        )
        walkthrough.set_values(self._values)
        for other in queue[:1]:
            if other != "other" and other in self.library.playbooks:
                walkthrough.queue(other)
        self.walkthrough = walkthrough
        self._step_event()
        return Moved(walkthrough.step)

    def switch(self, cause: str) -> Moved:
        """The client raised `cause` in the middle of a playbook: switch, keep the history."""
        walkthrough = self._require()
        before = walkthrough.step
        from_cause = walkthrough.cause
        count = len(walkthrough.history)
        step = walkthrough.switch(cause)
        record = walkthrough.history[count]
        self._write("reaction", **record.as_event())
        self._write(
            "switch",
            from_cause=from_cause,
            from_step=before.id,
            to_cause=cause,
            return_step="" if before.terminal else before.next.get(ANOTHER_CAUSE, ""),
            reason=ANOTHER_CAUSE,
        )
        self._step_event()
        return Moved(step, record, switched_from=from_cause)

    def react(self, reaction: str) -> Moved:
        """Follow a reaction (not `another_cause`: that needs a cause, see `switch`)."""
        walkthrough = self._require()
        left = walkthrough.step
        count = len(walkthrough.history)
        step = walkthrough.react(reaction)
        record = walkthrough.history[count]
        self._write("reaction", **record.as_event())
        trial = None
        if left.technique == TRIAL_TECHNIQUE and reaction == "accepts":
            trial = self.record_trial()
        trial = self._trial_if_reached() or trial
        self._step_event()
        return Moved(step, record, trial_end=trial)

    def take_offer(self) -> tuple[Offer, Moved]:
        """Continue with the interrupted or queued playbook the engine offers after an outcome."""
        walkthrough = self._require()
        offer = walkthrough.offer
        before = walkthrough.step
        from_cause = walkthrough.cause
        finished = walkthrough.outcome_data()
        if finished is not None:
            # this playbook ended (the client kept on one cause): record it before the next
            self._write("outcome", **finished)
        step = walkthrough.accept_offer()
        assert offer is not None
        self._write(
            "switch",
            from_cause=from_cause,
            from_step=before.id,
            to_cause=offer.cause,
            return_step=offer.step if offer.kind == "resume" else "",
            reason=offer.kind,
        )
        self._step_event()
        return offer, Moved(step, switched_from=from_cause)

    def back(self) -> Step | None:
        """Undo the last move; None when already at the start."""
        walkthrough = self._require()
        if not walkthrough.back():
            return None
        step = walkthrough.step
        self._write("back", cause=walkthrough.cause, step=step.id, technique=step.technique)
        return step

    def calculated(
        self, name: str, inputs: Mapping[str, object], values: Mapping[str, str], sentence: str
    ) -> None:
        """A calculator result: later lines show the numbers; the transcript keeps them."""
        self._values.update(values)
        self.calculated_with.add(name)
        if self.walkthrough is not None:
            self.walkthrough.set_values(values)
        self._write("calculator", name=name, inputs=dict(inputs), values=dict(values), sentence=sentence)

    def record_trial(self) -> date:
        """Write the one-week trial once per session; returns the follow-up date."""
        if self.trial_recorded is None:
            walkthrough = self._require()
            data = trial_event(
                today=self._today(), firm=self.library.firm, cause=walkthrough.cause, staff=self.staff
            )
            self._write("trial", **data)
            self.trial_data = data
            self.trial_recorded = date.fromisoformat(data["end"])
        return self.trial_recorded

    def _trial_if_reached(self) -> date | None:
        walkthrough = self._require()
        if walkthrough.outcome == "trial" and self.trial_recorded is None:
            return self.record_trial()
        return None

    def finish(self, outcome: str, note: str = "", *, client: str = "") -> dict[str, Any]:
        """Write the `outcome` event (the playbook's own, or one chosen early) and close.

        `client`: whom to call back for a trial (client number or name as entered); it goes
        to the private trial record, never to the transcript."""
        walkthrough = self._require()
        data = walkthrough.outcome_data()
        if data is None or data["outcome"] != outcome:
            data = self._early_outcome(walkthrough, outcome)
        if outcome == "trial" and self.trial_recorded is None:
            self.record_trial()
        data = {**data, "note": note} if note else data
        self._write("outcome", **data)
        self.finished = True
        self.close()
        if self.trial_data is not None and self.writer is not None:
            try:
                write_trial_record(self.folder, self.writer.session_id, self.trial_data, client.strip())
            except TranscriptError as error:
                if self.write_error is None:
                    self.write_error, self._reported = error, False
        return data

    def unfinished(self, reason: str) -> None:
        """The visit ends with no outcome (the app was closed): say so, where it stood."""
        walkthrough = self._require()
        step = walkthrough.step
        self._write(
            "unfinished", cause=walkthrough.cause, step=step.id, technique=step.technique, reason=reason
        )
        self.finished = True

    @staticmethod
    def _early_outcome(walkthrough: Walkthrough, outcome: str) -> dict[str, Any]:
        """Outcome data when the staff member ends before a terminal step: the deciding step is
        the last one left by a reaction in the current playbook."""
        step = walkthrough.step
        decider = next(
            (
                r
                for r in reversed(walkthrough.history)
                if r.cause == walkthrough.cause and r.reaction and not r.to_cause
            ),
            None,
        )
        return {
            "cause": walkthrough.cause,
            "outcome": outcome,
            "step": step.id,
            "technique": step.technique,
            "deciding_step": decider.step if decider else step.id,
            "deciding_technique": decider.technique if decider else step.technique,
            "early": True,
        }

    def _require(self) -> Walkthrough:
        if self.walkthrough is None:
            raise NoWalkthroughError()
        return self.walkthrough


class NoWalkthroughError(Exception):
    """A move before any cause was confirmed."""
