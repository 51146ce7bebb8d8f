"""Correcting what is on screen: the note under the Notes pane's cursor (edit, move to other
people, delete) and the selected promise, in the queue or on the card (keep, keep and log
a touch, reschedule, drop).

``MainScreen`` supplies the selection; keys, the palette and enter on a row all run these
same methods. A key that needs a note does nothing harmful with none selected: ``e`` and
``delete`` then act on the person, and the others say what to select.
"""

from __future__ import annotations

from datetime import date

from textual.screen import Screen

from relate_tui.app.screens.confirm import ConfirmScreen
from relate_tui.app.screens.note_edit import NoteEditForm
from relate_tui.app.screens.promise_menu import (
    ALL_CHOICES,
    DROP,
    KEEP,
    KEEP_AND_LOG,
    KEEP_CHOICES,
    RESCHEDULE,
    PromiseMenu,
)
from relate_tui.app.screens.snooze import SnoozeScreen
from relate_tui.app.session import Session
from relate_tui.app.view import JournalView
from relate_tui.domain.dates import describe_day
from relate_tui.domain.notes import Note
from relate_tui.domain.people import Person
from relate_tui.domain.promises import Promise
from relate_tui.domain.queue import QueueItem
from relate_tui.report.text import one_line

NEEDS_A_NOTE = frozenset({"note_edit", "note_delete"})
"""Actions that share their key with a person's action and give way to it without a note."""
NEEDS_A_PROMISE = frozenset({"promise_keep", "promise_reschedule"})
"""Actions that share their key with a queue action and give way to it without a promise."""


class RecordActions(Screen):
    """Actions on the selected note or promise; ``MainActions`` adds the rest."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.view: JournalView | None = None
        """The view on screen (the session publishes newer ones)."""
        self.person_id: str | None = None
        """The person shown in the Notes pane: what n, e, p, s act on outside the queue."""

    # -- the selection (MainScreen knows the panes) ------------------------------------

    @property
    def queue_item(self) -> QueueItem | None:
        """The highlighted queue item when the queue pane has focus."""
        raise NotImplementedError

    @property
    def note_row(self) -> tuple[str | None, str | None]:
        """(note id, promise id) under the Notes pane's cursor when that pane has focus."""
        raise NotImplementedError

    @property
    def person(self) -> Person | None:
        """The current person, if any."""
        if self.view is None or self.person_id is None:
            return None
        return self.view.data.by_id.get(self.person_id)

    @property
    def selected_note(self) -> Note | None:
        """The note under the Notes pane's cursor, when that pane has focus."""
        note_id = self.note_row[0]
        if note_id is None or self.view is None or self.person_id is None:
            return None
        return next((n for n in self.view.data.notes_for(self.person_id) if n.id == note_id), None)

    @property
    def selected_promise(self) -> Promise | None:
        """The open promise selected in the queue, or on the card in the Notes pane."""
        if self.view is None:
            return None
        item = self.queue_item
        promise_id = item.promise_id if item is not None else self.note_row[1]
        return self.view.data.open_promises_by_id.get(promise_id or "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``e`` and ``delete`` edit or delete the note under the cursor, if there is one,
        and the person otherwise; ``d`` and ``s`` keep or reschedule a selected promise,
        and are done and snooze otherwise (the footer shows which)."""
        if action in NEEDS_A_NOTE:
            return self.selected_note is not None
        if action in NEEDS_A_PROMISE:
            return self.selected_promise is not None
        return True

    def _person_name(self, person_id: str) -> str:
        person = self.view.data.by_id.get(person_id) if self.view is not None else None
        return person.name if person is not None else "someone since deleted"

    # -- notes ------------------------------------------------------------------------

    def action_note_edit(self, focus_people: bool = False) -> None:
        """Open the selected note in the note form, to change anything about it."""
        note = self.selected_note
        if note is None or self.view is None:
            self.notify("Select a note in the Notes pane (2) first: ↑ ↓ move between notes.")
            return
        self.app.push_screen(NoteEditForm(self.session, self.view, note, focus_people=focus_people))

    def action_note_move(self) -> None:
        """The note form on the selected note, in "With": move it to other people."""
        self.action_note_edit(focus_people=True)

    def action_note_delete(self) -> None:
        """Delete the selected note, after asking."""
        note = self.selected_note
        if note is None:
            self.notify("Select a note in the Notes pane (2) first: ↑ ↓ move between notes.")
            return
        names = [self._person_name(p) for p in note.person_ids]
        when = describe_day(note.at.date(), self.view.today) if self.view else ""
        question = f"Delete the {note.kind} note from {when}"
        question += f" about {', '.join(one_line(n, 40) for n in names)}?"
        if len(names) > 1:
            question += " It goes for all of them (m moves it instead)."
        question += " (u undoes it)"
        note_id = note.id

        def answer(yes: bool | None) -> None:
            if yes:
                self.session.change(
                    lambda journal: journal.delete_note(note_id),
                    lambda gone: self.notify(f"Deleted the {gone.kind} note. Press u to undo."),
                )

        self.app.push_screen(ConfirmScreen(question, "Delete"), answer)

    # -- promises ---------------------------------------------------------------------

    def action_promise_menu(self) -> None:
        """Everything that can be done with the selected promise (enter on it)."""
        self._promise_menu(ALL_CHOICES)

    def _promise_menu(self, choices: tuple[str, ...]) -> None:
        promise = self.selected_promise
        if promise is None or self.view is None:
            self.notify("Select a promise in Next touch (3) or in the Notes pane (2) first.")
            return
        menu = PromiseMenu(promise, self._person_name(promise.person_id), self.view.today, choices)
        self.app.push_screen(menu, lambda choice: self._promise_chosen(promise, choice))

    def action_promise_keep(self) -> None:
        """Keep the selected promise: asks whether to log a touch too."""
        self._promise_menu(KEEP_CHOICES)

    def action_promise_reschedule(self) -> None:
        """Give the selected promise a new due date."""
        promise = self.selected_promise
        if promise is None:
            self.notify("Select a promise in Next touch (3) or in the Notes pane (2) first.")
            return
        self.reschedule_promise(promise)

    def _promise_chosen(self, promise: Promise, choice: str | None) -> None:
        text = one_line(promise.text, 60)
        if choice in (KEEP, KEEP_AND_LOG):
            log = choice == KEEP_AND_LOG
            name = self._person_name(promise.person_id)
            said = (
                f"Kept: {text} (logged as a message to {name}, gave)"
                if log
                else f"Kept: {text} (no note written). Press u to undo."
            )
            self.session.change(
                lambda journal: journal.keep_promise(promise.id, log_touch=log),
                lambda _kept: self.notify(said),
            )
        elif choice == DROP:
            self.drop_promise(promise)
        elif choice == RESCHEDULE:
            self.reschedule_promise(promise)

    def drop_promise(self, promise: Promise) -> None:
        self.session.change(
            lambda journal: journal.drop_promise(promise.id),
            lambda p: self.notify(f"Dropped: {one_line(p.text, 60)} (u undoes)"),
        )

    def reschedule_promise(self, promise: Promise) -> None:
        """Ask for a new due date (the snooze choices) and move the promise to it."""
        if self.view is None:
            return

        def move(until: date | None) -> None:
            if until is not None and self.view is not None:
                day = describe_day(until, self.view.today)
                self.session.change(
                    lambda journal: journal.move_promise(promise.id, until),
                    lambda p: self.notify(f"Promise moved to {day}: {one_line(p.text, 60)}"),
                )

        name = self._person_name(promise.person_id)
        screen = SnoozeScreen(name, None, self.view, "promise", due=promise.due)
        self.app.push_screen(screen, move)
