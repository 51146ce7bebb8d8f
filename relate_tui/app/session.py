"""The one thread that talks to the journal file.

Every read and write of the journal runs here, one at a time and in the order asked, so the
event loop never waits on the disk and two quick changes (a snooze, then undo) can never
swap places. A job is never cancelled once submitted: a write the user asked for either
happens or comes back as an error.

Each write reports twice, as messages (``post_message`` is thread-safe): ``WriteFinished``
as soon as the change is on disk (the form can close), then ``ViewLoaded`` with a fresh
``JournalView`` (skipped when more jobs are waiting: the last one refreshes the screen).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from textual.message_pump import MessagePump

from relate_tui.app.messages import ViewLoaded, WriteFinished
from relate_tui.app.view import JournalView, build_view
from relate_tui.journal import Journal

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
        self._pending = 0
        self._queued = 0  # jobs not started yet; read by the writer thread
        self.last_durable: float = 0.0
        """``perf_counter()`` when the last write returned (it is on disk then)."""

    @property
    def busy(self) -> bool:
        """True until every job's ``ViewLoaded`` has been handled (the disk poll waits)."""
        return self._pending > 0

    def read(self) -> Future[JournalView]:
        """Read the journal now; the caller awaits the future (used once, at start)."""
        return self._executor.submit(build_view, self.journal)

    def load(self, reason: str) -> None:
        """Read the journal (re-parsing only if it changed) and post ``ViewLoaded``."""
        self._pending += 1
        self._queued += 1

        def job() -> None:
            self._queued -= 1
            self._post_view(reason)

        self._executor.submit(job)

    def _post_view(self, reason: str) -> None:
        try:
            view = build_view(self.journal)
        except Exception as exc:  # reported to the user, never raised into the pool
            self.target.post_message(ViewLoaded(None, reason, exc))
            return
        self.target.post_message(ViewLoaded(view, reason))

    def loaded(self) -> None:
        """The app handled a ``ViewLoaded`` (called on the UI thread)."""
        self._pending = max(0, self._pending - 1)

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
        self._pending += 1
        self._queued += 1
        self._executor.submit(self._run, ticket, change)
        return ticket

    def _run(self, ticket: int, change: Callable[[Journal], Any]) -> None:
        self._queued -= 1
        try:
            result = change(self.journal)
        except Exception as exc:
            if not isinstance(exc, (OSError, ValueError)):
                log.exception("journal change failed")
            self.target.post_message(WriteFinished(ticket, None, exc, applied=False))
            self.target.post_message(ViewLoaded(None, "write"))
            return
        self.last_durable = time.perf_counter()
        self.target.post_message(WriteFinished(ticket, result, None))
        if self._queued:
            self.target.post_message(ViewLoaded(None, "write"))  # a later job refreshes
        else:
            self._post_view("write")

    def finish(self, message: WriteFinished) -> tuple[OnSuccess | None, OnFailure | None]:
        """The callbacks for a finished ticket (called on the UI thread)."""
        return self._callbacks.pop(message.ticket, (None, None))

    def shutdown(self) -> None:
        """Wait for queued writes to reach the disk, then stop the thread."""
        self._executor.shutdown(wait=True)
