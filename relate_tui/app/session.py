"""``Session``: the journal opened in the app, its one writer thread and the current view.

Screens get the session in their constructor. They change the journal with ``change`` and
follow it with ``subscribe``: every new ``JournalView`` is published on the session's
``view_changed`` signal (on the event loop's thread), so no screen polls or asks the App.

Every read and write of the journal runs on one thread, one at a time and in the order
asked, so the event loop never waits on the disk and two quick changes (a snooze, then
undo) can never swap places. A job is never cancelled once submitted: a write the user
asked for either happens or comes back as an error.

Each write reports twice, as messages to the App (``post_message`` is thread-safe):
``WriteFinished`` once the change is on disk (the form can close) and ``ViewLoaded`` with a
fresh ``JournalView`` (skipped when more jobs are waiting: the last one refreshes the
screen). Once the new view is on screen, the writer makes the save's copy in the backups
(``storage.after_save``) and builds the people filter's index: nothing the screen needs
waits for them. The App hands both messages back to ``write_finished`` and ``loaded``.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from textual.app import App
from textual.dom import DOMNode
from textual.signal import Signal

from relate_tui.app.guard import is_expected, report
from relate_tui.app.messages import ViewLoaded, WriteFinished, one_line_error
from relate_tui.app.view import JournalView, build_view
from relate_tui.domain.clock import Clock
from relate_tui.journal import Journal
from relate_tui.journal.checked import RecordClash
from relate_tui.settings import Settings
from relate_tui.storage.errors import BackupBehind, JournalLocked

log = logging.getLogger(__name__)

Job = Callable[[Journal], Any]
OnSuccess = Callable[[Any], None]
OnFailure = Callable[[Exception], None]


def what_came_in(before: JournalView, after: JournalView) -> str:
    """What a change on disk brought, in words (empty when nothing a person would see)."""
    from relate_tui.journal.merge import compare
    from relate_tui.report.merge import summary_words

    summary = compare(before.data.tables, after.data.tables, "the file")
    if summary.report.empty:
        return ""
    return summary_words(summary, "C on the person")


class Session:
    """One journal in the app.

    Args:
        journal: the journal (its settings and clock come with it).
        app: receives the writer thread's messages and shows errors as notifications.
    """

    def __init__(self, journal: Journal, app: App[Any]) -> None:
        self.journal = journal
        self.settings: Settings = journal.settings
        """The settings in use (a theme picked in the palette changes them)."""
        self.app = app
        self.view: JournalView | None = None
        """The newest view of the journal; None until the first read is in."""
        self.view_changed: Signal[JournalView] = Signal(app, "view-changed")
        """Published with every new view, on the event loop's thread."""
        self.last_durable: float = 0.0
        """``perf_counter()`` when the last write returned (it is on disk then)."""
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="relate-writer")
        self._callbacks: dict[int, tuple[OnSuccess | None, OnFailure | None, Job]] = {}
        self._next_ticket = 0
        self._pending = 0
        self._queued = 0  # jobs not started yet; read by the writer thread
        self._built: JournalView | None = None  # the writer thread's last view, to patch
        self._freeze_when_shown: JournalView | None = None  # see ``_freeze``
        self._closed = False

    @property
    def clock(self) -> Clock:
        """The journal's clock (fixed in tests)."""
        return self.journal.clock

    @property
    def busy(self) -> bool:
        """True until every job's ``ViewLoaded`` has been handled (the disk poll waits)."""
        return self._pending > 0

    # -- the view ---------------------------------------------------------------------

    def subscribe(self, node: DOMNode, callback: Callable[[JournalView], object]) -> None:
        """Call ``callback(view)`` now if the journal is loaded, then with every new view
        for as long as ``node`` is mounted.

        An error in ``callback`` goes to the app's guard: Textual's ``Signal`` would only
        log it, and a screen that failed to redraw would go unnoticed, even by tests.
        """

        def guarded(view: JournalView) -> None:
            try:
                callback(view)
            except Exception as error:
                report(self.app, error, f"{type(node).__name__} showing the journal")

        self.view_changed.subscribe(node, guarded, immediate=True)
        if self.view is not None:
            guarded(self.view)

    def show(self, view: JournalView) -> None:
        """Take a new view and tell the subscribers (called on the event loop's thread)."""
        self.view = view
        self.view_changed.publish(view)
        # Then, on the writer thread, what is not on the screen: the last save's copy in
        # the backups (``storage.after_save``; writing it while the screen repaints slowed
        # the repaint) and the people filter's index (a filter typed before then waits).
        self.app.call_after_refresh(self._after_shown, view)

    def _after_shown(self, view: JournalView) -> None:
        if self._closed:
            return
        self._executor.submit(self._settle)
        self._executor.submit(self.journal.store.prepare_reads)
        if view is self.view:
            self._executor.submit(lambda: view.people_index)
        if view is self._freeze_when_shown:
            # The panes' rows and the filter's index join the journal read afresh.
            self._freeze_when_shown = None
            self._executor.submit(_freeze)
        else:
            self._executor.submit(_collect_what_the_change_left)

    # -- the writer thread ------------------------------------------------------------

    def read(self) -> Future[JournalView]:
        """Read the journal now; the caller awaits the future (used once, at start)."""
        return self._executor.submit(self._build)

    def _build(self) -> JournalView:
        """A new view (on the writer thread): the last one patched where it can be.

        The garbage collector is paused meanwhile: a view of 10,000 people is tens of
        thousands of new objects, and with the collector on, each of its passes walks all
        of them again (a third of the first view's time); none of them form cycles.
        A view of a journal read afresh (the first, or after a change from outside) is
        then frozen out of the collector's sight (``_freeze``).
        """
        was_on = gc.isenabled()
        gc.disable()
        try:
            previous = self._built
            view = self._built = build_view(self.journal, previous)
            if _read_afresh(view, previous):
                _freeze()
                self._freeze_when_shown = view
        finally:
            if was_on:
                gc.enable()
        return view

    def load(self, reason: str) -> None:
        """Read the journal again (re-parsing only if it changed); ``ViewLoaded`` follows."""
        self._pending += 1
        self._queued += 1

        def job() -> None:
            self._queued -= 1
            self._post_view(reason)

        self._executor.submit(job)

    def change(
        self, job: Job, on_success: OnSuccess | None = None, on_failure: OnFailure | None = None
    ) -> None:
        """Run ``job(journal)`` on the writer thread, after every job asked for before it.

        ``on_success(result)`` or ``on_failure(error)`` is called on the event loop's
        thread once the change is on disk (or failed: the error is shown to the user).
        """
        if self.view is None:
            self.app.notify("The journal is not loaded yet.", severity="warning")
            return
        ticket = self._next_ticket
        self._next_ticket += 1
        self._callbacks[ticket] = (on_success, on_failure, job)
        self._pending += 1
        self._queued += 1
        self._executor.submit(self._run, ticket, job)

    def _run(self, ticket: int, job: Job) -> None:
        self._queued -= 1
        try:
            result = job(self.journal)
        except Exception as exc:
            if not isinstance(exc, (OSError, ValueError)):
                log.exception("journal change failed")
            self.app.post_message(WriteFinished(ticket, None, exc, applied=False))
            self.app.post_message(ViewLoaded(None, "write"))
            return
        self.last_durable = time.perf_counter()
        finished = WriteFinished(ticket, result, None)
        if self._queued:
            self.app.post_message(finished)
            self.app.post_message(ViewLoaded(None, "write"))  # a later job refreshes
        else:
            self.app.post_message(finished)
            # While the event loop closes the form and repaints, the bytes just written
            # are joined (without the GIL) and the changed people's notes found in them:
            # the new screen shows their notes without a byte search of its own.
            self.journal.store.prepare_reads()
            loaded = self._view_message("write")
            if loaded.view is not None:
                _find_notes_of_changed(loaded.view)
            self.app.post_message(loaded)
            if loaded.view is not None:
                return  # the copy is made once the view is on screen (``show``)
        self._settle()

    def _settle(self) -> None:
        """What a save leaves for after it is reported (on this thread): its copy in the
        backups (``storage.after_save``). A copy that fails is said; the save stands."""
        try:
            self.journal.store.settle()
        except JournalLocked:
            pass  # another relate is saving: the copy is made before our next save
        except Exception as exc:
            if not isinstance(exc, (OSError, ValueError, BackupBehind)):
                log.exception("keeping a copy of the save failed")
            self.app.notify(one_line_error(exc), title="Backup", severity="warning", timeout=10)

    def _post_view(self, reason: str) -> None:
        self.app.post_message(self._view_message(reason))

    def _view_message(self, reason: str) -> ViewLoaded:
        """A new view, or the error building it (never raised into the pool)."""
        before = self.view  # an immutable snapshot: safe to read from this thread
        try:
            view = self._build()
        except Exception as exc:
            return ViewLoaded(None, reason, exc)
        came_in = ""
        if reason == "disk" and before is not None:
            came_in = what_came_in(before, view)
        return ViewLoaded(view, reason, came_in=came_in)

    # -- back on the event loop's thread ----------------------------------------------

    def write_finished(self, message: WriteFinished) -> None:
        """A job ended: say why if it failed, and call its callback.

        A job that found a field changed on disk meanwhile (``RecordClash``) asks the user
        which value to keep, then runs again with that answer; nothing is written before.
        """
        on_success, on_failure, job = self._callbacks.pop(message.ticket, (None, None, None))
        if isinstance(message.error, RecordClash) and job is not None:
            self._ask_about_clash(message.error, job, on_success, on_failure)
            return
        if not message.applied and message.error is not None:
            if is_expected(message.error):
                self.app.notify(
                    one_line_error(message.error), title="Not saved", severity="error", timeout=8
                )
            else:  # a bug, not a full disk: the guard logs it (tests fail on it)
                report(self.app, message.error, "saving a change")
            if on_failure is not None:
                on_failure(message.error)
        elif on_success is not None:
            on_success(message.result)

    def _ask_about_clash(
        self,
        clash: RecordClash,
        job: Job,
        on_success: OnSuccess | None,
        on_failure: OnFailure | None,
    ) -> None:
        from relate_tui.app.screens.clash import ClashScreen  # the screens import the session

        people = {}
        if self.view is not None:
            people = {p.id: p.name for p in self.view.data.people}

        def answered(mine: bool | None) -> None:
            if mine is None:
                self.app.notify("Not saved: nothing was written.", severity="warning")
                if on_failure is not None:
                    on_failure(clash)
                return

            def again(journal: Journal) -> Any:
                journal.clash_choices[clash.key] = mine
                try:
                    return job(journal)
                finally:
                    journal.clash_choices.clear()

            self.change(again, on_success, on_failure)

        self.app.push_screen(ClashScreen(clash, people), answered)

    def loaded(self) -> None:
        """The App handled a ``ViewLoaded``: one job fewer in flight."""
        self._pending = max(0, self._pending - 1)

    def shutdown(self) -> None:
        """Wait for queued writes to reach the disk (and the last one's copy in the
        backups), then stop the thread, and hand what was frozen back to the collector."""
        if not self._closed:
            self._closed = True
            self._executor.submit(self._settle)
        self._executor.shutdown(wait=True)
        gc.unfreeze()


def _find_notes_of_changed(view: JournalView, most: int = 3) -> None:
    """Find the notes of the few people a change touched (the one on screen, mostly) before
    the view is shown, so the screen does not search for them on the event loop."""
    changed = view.data.changed_people
    if changed is not None and len(changed) <= most:
        for person_id in changed:
            view.data.raw_notes_for(person_id)


def _read_afresh(view: JournalView, previous: JournalView | None) -> bool:
    """True when ``view`` holds a journal read from the file, not patched from the last."""
    return view.data.changed_people is None and (previous is None or view.data is not previous.data)


def _collect_what_the_change_left() -> None:
    """Free, now, what the screen a change closed still holds.

    A form (its widgets in reference cycles, as Textual's always are) holds the view from
    before the change, and through it the journal's bytes as they were: 57 MB at J100k,
    freed only by a full collection, which Python runs at its own pace. Until then the
    app held two or, when the next save came first, three copies of the file (peak memory
    ~280 instead of ~227 MB in about one run of twelve at J100k). Run on the writer thread
    once the new screen is up; the frozen journal is not walked (~40 ms at J100k).
    """
    gc.collect()


def _freeze() -> None:
    """Move every object alive now out of the cyclic garbage collector's sight.

    A journal of 10,000 people is some 300,000 long-lived objects (people, promises,
    the last-touch table, the queue, the panes' rows), none in a cycle: each object
    freed later is still freed the moment its last reference goes. Left in sight, each
    full collection walked them all: 100–200 ms at J100k, landing before the first paint
    and between a save and its new screen. Done when a journal has been read afresh (at
    start, after a change from outside), not after every save, so the short-lived
    objects of a moment (a closed form's widgets) are seldom frozen with them; the few
    that are stay until the app ends (``shutdown`` unfreezes).
    """
    gc.freeze()
