"""The walk: the week's due items one at a time — log a touch, snooze, keep or drop a
promise, or skip — ending with a summary of what was done.

Every action is the app's own flow: the note form for a touch, the snooze choices for a
snooze, and the journal's ``keep_promise`` / ``drop_promise`` / ``tried_no_answer`` through
the writer thread. The walk moves on once a change is on disk; an item that left the queue
meanwhile (a touch logged for someone with two items) is passed over.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from relate_tui.app import keys
from relate_tui.app.outlook import outlook_in
from relate_tui.app.screens.note_form import NoteForm
from relate_tui.app.screens.promise_menu import KEEP_AND_LOG, KEEP_CHOICES, PromiseMenu
from relate_tui.app.screens.snooze import SnoozeScreen
from relate_tui.app.screens.walk_outcomes import (
    Still,
    as_in_journal,
    note_kept,
    promise_due,
    promise_status,
    snoozed,
)
from relate_tui.app.screens.walk_steps import WalkFooter, WalkSteps
from relate_tui.app.session import Session
from relate_tui.app.view import JournalView
from relate_tui.app.widgets.footer import KeysFooter
from relate_tui.app.widgets.review_walk import (
    WalkCard,
    WalkOutcome,
    card_text,
    summary_text,
    walk_hint,
)
from relate_tui.domain.dates import describe_day
from relate_tui.domain.queue import QueueItem
from relate_tui.journal import Journal
from relate_tui.report.text import one_line

# Actions that need an item (hidden once the walk is over), and those only for promises.
_ITEM_ACTIONS = {"done", "note", "snooze", "tried", "skip", "why"}
_PROMISE_ACTIONS = {"drop"}


class WalkScreen(WalkFooter, WalkSteps, Screen[list[WalkOutcome]]):
    """Steps through ``items`` from ``start``; dismisses with the outcomes."""

    CSS_PATH = "review_walk.tcss"
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("walk")

    def __init__(
        self, session: Session, items: tuple[QueueItem, ...], start: int, today: date
    ) -> None:
        super().__init__()
        self.session = session
        self.view: JournalView | None = None
        """The newest journal view (the card reads the person's notes from it)."""
        self.items = items
        self.index = start
        self.today = today
        self.outcomes: list[WalkOutcome] = []
        self.checks: list[Still | None] = []
        """Per outcome, how to tell its change is still in the journal (None: no change)."""
        self.finished = False
        self.complete = False
        """The walk reached its last item (rather than being ended early)."""
        self.busy = False
        """A change is on its way to the disk: keys wait for it."""
        self.show_why = False
        self.settled: set[str] = set()
        """People whose rhythm item this walk has dealt with (touched or snoozed)."""

    def compose(self) -> ComposeResult:
        yield Static(id="walk-title")
        with VerticalScroll(id="walk-body"):
            yield WalkCard(id="walk-card")
        yield Static(id="walk-hints")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#walk-body").border_title = "Walk"
        self.query_one("#walk-body").focus()
        self.session.subscribe(self, self._view_changed)
        self._show()

    def _view_changed(self, view: JournalView) -> None:
        # Kept for the next card: the card on screen is not redrawn under the reader. The
        # summary is: it says what the journal holds (an undo takes an outcome back).
        self.view = view
        if self.finished:
            self._show()

    # -- state ------------------------------------------------------------------------

    @property
    def item(self) -> QueueItem | None:
        """The item being looked at; None once the walk is over."""
        if self.finished or not 0 <= self.index < len(self.items):
            return None
        return self.items[self.index]

    def _show(self) -> None:
        title = Text("Weekly review · walk", style="bold")
        card = self.query_one(WalkCard)
        item = self.item
        hints = walk_hint(item) if item is not None else "escape: back to the review"
        self.query_one("#walk-hints", Static).update(Text(hints, style="dim"))
        if item is None:
            title.append(" · done")
            data = self.view.data if self.view is not None else None
            outcomes = as_in_journal(self.outcomes, self.checks, data)
            card.update(summary_text(outcomes, len(self.items), complete=self.complete))
        else:
            title.append(f" · {self.index + 1} of {len(self.items)}")
            view = self.view
            person = view.data.by_id.get(item.person_id) if view is not None else None
            # One person's notes only: cheap on the UI thread even in a big journal.
            notes = view.data.notes_for(item.person_id) if view is not None else []
            card.update(
                card_text(
                    item,
                    position=self.index + 1,
                    total=len(self.items),
                    person=person,
                    notes=notes,
                    today=self.today,
                    week_start=self.session.settings.week_start,
                    show_why=self.show_why,
                )
            )
        self.query_one("#walk-title", Static).update(title)
        self.query_one("#walk-body").scroll_home(animate=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Item keys only while there is an item; drop only for a promise."""
        item = self.item
        if action in ("end", "back"):
            # One key, two meanings: end the walk (to the summary), then go back.
            return self.finished == (action == "back")
        if action in _ITEM_ACTIONS | _PROMISE_ACTIONS and item is None:
            return False
        return not (action in _PROMISE_ACTIONS and item is not None and item.kind != "promise")

    # -- actions ----------------------------------------------------------------------

    def action_done(self) -> None:
        """Keep a promise; for anything else, log a touch."""
        item = self.item
        if item is None or self.busy:
            return
        if item.kind == "promise" and item.promise_id:
            self._keep(item.promise_id)
        else:
            self._log(item, "message" if item.kind == "date" else "call")

    def action_note(self) -> None:
        item = self.item
        if item is not None and not self.busy:
            self._log(item, "call")

    def _log(self, item: QueueItem, kind: str) -> None:
        view = self.view
        if view is None:
            return
        self.busy = True

        def closed(note_id: str | None) -> None:
            if note_id is None:
                self.busy = False  # cancelled: still on this item
                return

            def kind_of(journal: Journal) -> str:
                # The form may have been switched to a jot: only a touch counts as logged.
                record = journal.data().raw_record("notes", note_id)
                return record.get("kind", "") if record is not None else ""

            def known(kind: str) -> None:
                still = note_kept(note_id)
                if kind == "note":
                    self._record("noted", "a jot (not a touch)", still=still)
                else:
                    self._record("logged", f"a {kind}" if kind else "", still=still)

            self.session.change(kind_of, known, lambda _error: known(""))

        self.app.push_screen(
            NoteForm(self.session, view, person_ids=(item.person_id,), kind=kind), closed
        )

    def _keep(self, promise_id: str) -> None:
        """Keep the promise: asks whether to log a touch too (only that writes a note)."""
        view = self.view
        item = self.item
        promise = view.data.promises_by_id.get(promise_id) if view is not None else None
        if promise is None or item is None:
            return
        self.busy = True

        def chosen(choice: str | None) -> None:
            if choice not in KEEP_CHOICES:
                self.busy = False  # cancelled: still on this item
                return
            log = choice == KEEP_AND_LOG
            detail = " (logged as a message, gave)" if log else " (no note)"
            self._change(
                lambda journal: journal.keep_promise(promise_id, log_touch=log),
                "kept",
                lambda kept: f"“{one_line(kept.text, 60)}”{detail}",
                settles=log,
                still=lambda kept: promise_status(promise_id, kept.status),
            )

        menu = PromiseMenu(promise, item.person_name, self.today, KEEP_CHOICES)
        self.app.push_screen(menu, chosen)

    def action_drop(self) -> None:
        item = self.item
        if item is None or self.busy or item.kind != "promise" or not item.promise_id:
            return
        promise_id = item.promise_id
        self._change(
            lambda journal: journal.drop_promise(promise_id),
            "dropped",
            lambda promise: f"“{one_line(promise.text, 60)}”",
            still=lambda promise: promise_status(promise_id, promise.status),
        )

    def action_snooze(self) -> None:
        """The snooze choices; a promise item moves its due date instead."""
        item = self.item
        view = self.view
        if item is None or self.busy or view is None:
            return
        is_promise = item.kind == "promise" and item.promise_id is not None
        person = view.data.by_id.get(item.person_id)
        self.busy = True

        def chosen(until: date | None) -> None:
            if until is None:
                self.busy = False
                return
            words = f"until {describe_day(until, self.today)}"
            if is_promise:
                promise_id = item.promise_id
                job = lambda journal: journal.move_promise(promise_id, until)  # noqa: E731
                moved = promise_due(promise_id, until)
                self._change(
                    job, "moved", f"to {describe_day(until, self.today)}", still=lambda _p: moved
                )
            else:
                person_id = item.person_id
                job = lambda journal: journal.snooze(person_id, until)  # noqa: E731
                self._change(job, "snoozed", words, still=lambda _p: snoozed(person_id, until))

        what = "promise" if is_promise else "person"
        # A snooze hides the reconnect: it is that date (not a birthday's) that a choice must
        # be after to change anything.
        due = item.due if is_promise or person is None else outlook_in(view, person).next_due
        self.app.push_screen(
            SnoozeScreen(item.person_name, None if is_promise else person, view, what, due=due),
            chosen,
        )

    def action_tried(self) -> None:
        item = self.item
        if item is None or self.busy:
            return
        person_id = item.person_id
        self._change(
            lambda journal: journal.tried_no_answer(person_id),
            "tried",
            "(back in 3 days)",
            still=lambda note: note_kept(note.id),
        )

    def action_skip(self) -> None:
        if self.item is not None and not self.busy:
            self._record("skipped")

    def action_why(self) -> None:
        if self.item is not None:
            self.show_why = not self.show_why
            self._show()

    def action_end(self) -> None:
        """End the walk early: the summary of what was done so far. With the "why" open,
        escape closes only that (as the why panel on the main screen)."""
        if self.show_why and self.item is not None:
            self.show_why = False
            self._show()
            return
        if not self.busy and not self.finished:
            self.finished = True
            self._show()

    def action_back(self) -> None:
        """Back to the review, with the outcomes."""
        self.dismiss(self.outcomes)
