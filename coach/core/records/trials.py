"""One-week trials and their follow-ups.

When a client agrees to try our VIP service before deciding, the counter app records a `trial`
event (see coach.core.records.transcript). The promise only keeps the client if someone calls back when
the trial ends, so `due_trials` scans the transcripts for trials ending by tomorrow: the list a
staff member works through each morning (`coach trials`).

A trial is not marked as followed up anywhere yet: every trial whose end date has passed stays
on the list; `coach trials` shows how many days ago it ended.

Whom to call: a transcript masks every number, so the client reference the staff member enters
when the visit ends (a client number or a name, as the branch looks clients up) is kept in a
trial record, `<transcripts>/trials/<session>.json`: not a transcript, mode 0600 in a 0700
folder, read by `coach trials` only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from coach.core.content.model import Firm
from coach.core.records.masking import mask
from coach.core.records.transcript_read import Session, load_sessions

DEFAULT_TRIAL_DAYS = 7


@dataclass(frozen=True, slots=True)
class Trial:
    session: str
    staff: str
    cause: str
    start: date
    end: date
    services: tuple[str, ...]
    client: str  # masked reference, as written in the transcript
    path: str = ""
    reference: str = ""  # the client reference from the trial record (unmasked), if any

    def days_left(self, today: date) -> int:
        """Days until the follow-up is due; negative when overdue."""
        return (self.end - today).days

    def as_dict(self, today: date | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "session": self.session,
            "staff": self.staff,
            "cause": self.cause,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "services": list(self.services),
            "client": self.client,
            "reference": self.reference,
        }
        if today is not None:
            data["days_left"] = self.days_left(today)
        return data


def trial_end(start: date, firm: Firm | None) -> date:
    return start + timedelta(days=firm.trial_days if firm else DEFAULT_TRIAL_DAYS)


def trial_event(
    *,
    today: date,
    firm: Firm | None,
    cause: str,
    staff: str,
    client: str = "",
    services: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The data of a `trial` event; services default to the firm's trial services."""
    chosen = tuple(services) if services is not None else (firm.trial_services if firm else ())
    return {
        "cause": cause,
        "start": today.isoformat(),
        "end": trial_end(today, firm).isoformat(),
        "services": list(chosen),
        "client": mask(client),
        "staff": staff,
    }


def _as_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def trials_in(sessions: Iterable[Session]) -> list[Trial]:
    """Every trial recorded in these sessions, by end date; events without a readable end date
    are left out (they cannot be scheduled)."""
    found: list[Trial] = []
    for session in sessions:
        for event in session.events:
            if event.get("kind") != "trial":
                continue
            end = _as_date(event.get("end"))
            if end is None:
                continue
            start = _as_date(event.get("start")) or _as_date(event.get("t")) or end
            services = event.get("services") or ()
            found.append(
                Trial(
                    session=session.id,
                    staff=str(event.get("staff") or session.staff),
                    cause=str(event.get("cause", "")),
                    start=start,
                    end=end,
                    services=tuple(str(s) for s in services) if isinstance(services, list) else (),
                    client=str(event.get("client", "")),
                    path=str(session.path),
                )
            )
    return sorted(found, key=lambda t: (t.end, t.session))


RECORDS = "trials"
MAX_RECORD_BYTES = 64 * 1024


def write_trial_record(folder: Path, session: str, data: dict[str, Any], reference: str) -> Path:
    """Keep whom to call for the trial of `session`: readable by its owner only (0600, in a
    0700 folder). Raises TranscriptError when it cannot be written."""
    import json
    import os

    from coach.core.records.transcript import TranscriptError, make_private_dirs

    target = Path(folder) / RECORDS
    path = target / f"{session}.json"
    record = {**data, "session": session, "reference": reference}
    body = json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8", "backslashreplace")
    tmp = target / f".{session}.{os.getpid()}.tmp"
    try:
        make_private_dirs(target)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            os.write(fd, body)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise TranscriptError(
            f"无法写入体验回访记录 {path}：{err.strerror or err}",
            f"Cannot write the trial record {path}: {err.strerror or err}",
        ) from err
    return path


def read_trial_records(folder: Path, warnings: list[str] | None = None) -> dict[str, str]:
    """session -> client reference, from the trial records; a record that is not a small
    regular JSON file is skipped and named in `warnings`."""
    import json
    import os
    import stat

    found: dict[str, str] = {}
    target = Path(folder) / RECORDS
    if not target.is_dir():
        return found
    for path in sorted(target.glob("*.json")):
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            try:
                info = os.fstat(fd)
                if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_RECORD_BYTES:
                    raise ValueError("not a small regular file")
                data = json.loads(os.read(fd, MAX_RECORD_BYTES).decode("utf-8"))
            finally:
                os.close(fd)
            if not isinstance(data, dict):
                raise ValueError("not a record")
            found[str(data.get("session") or path.stem)] = str(data.get("reference") or "")
        except (OSError, ValueError, RecursionError) as err:
            if warnings is not None:
                warnings.append(f"{path}: {err}")
    return found


def with_references(trials: Iterable[Trial], references: dict[str, str]) -> list[Trial]:
    return [replace(t, reference=references.get(t.session, t.reference)) for t in trials]


def due(trials: Iterable[Trial], today: date) -> list[Trial]:
    """Trials whose follow-up falls on or before tomorrow."""
    horizon = today + timedelta(days=1)
    return [t for t in trials if t.end <= horizon]


def due_trials(folder: Path, today: date) -> list[Trial]:
    """Trials under `folder` ending on or before tomorrow, earliest first. Damaged transcript
    files are skipped; use `load_sessions` + `trials_in` to get their warnings."""
    return due(trials_in(load_sessions(folder).sessions), today)
