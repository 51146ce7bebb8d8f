"""The one thread that talks to the journal file.

Every read and write of the journal runs here, one at a time and in the order asked, so the
event loop never waits on the disk and two quick changes (a snooze, then undo) can never
swap places. A job is never cancelled once submitted: a write the user asked for either
happens or comes back as an error. Results come back to the app as messages
(``post_message`` is thread-safe), with a fresh ``JournalView`` read after the job.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from textual.message_pump import MessagePump

from relate_tui.journal import Journal
from relate_tui.messages import ViewLoaded, WriteFinished
from relate_tui.view import build_view

log = logging.getLogger(__name__)

OnSuccess = Callable[[Any], None]
OnFailure = Callable[[Exception], None]


class JournalWriter:
    """Runs journal jobs on a single background thread and reports back to ``target``."""

    def __init__(self, journal: Journal, target: MessagePump) -> None:
        self.journal = journal
        self.target = target
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="relate-writer")
        self._callbacks: dict[int, tuple[OnSuccess | None, OnFailure | None]] = {}
        self._next_ticket = 0
        self.last_durable: float = 0.0
        """``perf_counter()`` when the last write returned (it is on disk then)."""

    @property
    def busy(self) -> bool:
        """True while a job is queued or running (the disk poll waits for it)."""
        return bool(self._callbacks)

    def load(self, reason: str) -> None:
        """Read the journal (re-parsing only if it changed) and post ``ViewLoaded``."""

        def job() -> None:
            try:
                view = build_view(self.journal)
            except Exception as exc:  # reported to the user, never raised into the pool
                self.target.post_message(ViewLoaded(None, reason, exc))
                return
            self.target.post_message(ViewLoaded(view, reason))

        self._executor.submit(job)

    def submit(
        self,
        change: Callable[[Journal], Any],
        on_success: OnSuccess | None = None,
        on_failure: OnFailure | None = None,
    ) -> int:
        """Queue ``change(journal)``; its result or error comes back as ``WriteFinished``."""
        ticket = self._next_ticket
        self._next_ticket += 1
        self._callbacks[ticket] = (on_success, on_failure)
        self._executor.submit(self._run, ticket, change)
        return ticket

    def _run(self, ticket: int, change: Callable[[Journal], Any]) -> None:
        try:
            result = change(self.journal)
        except Exception as exc:
            if not isinstance(exc, (OSError, ValueError)):
                log.exception("journal change failed")
            self.target.post_message(WriteFinished(ticket, None, None, exc, applied=False))
            return
        self.last_durable = time.perf_counter()
        try:
            view = build_view(self.journal)
        except Exception as exc:
            self.target.post_message(WriteFinished(ticket, result, None, exc))
            return
        self.target.post_message(WriteFinished(ticket, result, view, None))

    def finish(self, message: WriteFinished) -> tuple[OnSuccess | None, OnFailure | None]:
        """The callbacks for a finished ticket (called on the UI thread)."""
        return self._callbacks.pop(message.ticket, (None, None))

    def shutdown(self) -> None:
        """Wait for queued writes to reach the disk, then stop the thread."""
        self._executor.shutdown(wait=True)
