"""What the main screen's keys and palette entries do: one action method for both.

Each action works on "the current person or queue item", opens the right form or
question, and hands the change to the session's writer thread. ``MainScreen`` supplies
the selection (``view``, ``person_id``, ``queue_item``, ``jump_to``); the palette runs the
same actions by name (``commands.MainCommands``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.screen import Screen

from relate_tui.app.screens.confirm import ConfirmScreen
from relate_tui.app.screens.note_form import NoteForm
from relate_tui.app.screens.person_form import PersonForm
from relate_tui.app.screens.promise import PromiseScreen
from relate_tui.app.screens.snooze import SnoozeScreen
from relate_tui.app.session import Session
from relate_tui.app.view import JournalView
from relate_tui.domain.people import Person
from relate_tui.domain.queue import QueueItem, explain


class MainActions(Screen):
    """The main screen's actions; ``MainScreen`` adds the panes and the selection."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.view: JournalView | None = None
        """The view on screen (the session publishes newer ones)."""
        self.person_id: str | None = None
        """The person shown in the Notes pane: what n, e, p, s act on outside the queue."""

    @property
    def person(self) -> Person | None:
        """The current person, if any."""
        if self.view is None or self.person_id is None:
            return None
        return self.view.data.by_id.get(self.person_id)

    @property
    def queue_item(self) -> QueueItem | None:
        """The highlighted queue item when the queue pane has focus."""
        raise NotImplementedError

    def jump_to(self, person_id: str) -> None:
        """Select a person everywhere and show them."""
        raise NotImplementedError

    def _need_person(self) -> str | None:
        person = self.person
        if person is None:
            self.notify("Choose someone first: add a person with a, or pick one in People (1).")
            return None
        return person.id

    def _jump_after(self) -> Callable[[str | None], None]:
        def after(person_id: str | None) -> None:
            if person_id:
                self.jump_to(person_id)

        return after

    # -- actions ----------------------------------------------------------------------

    def action_note_new(self, kind: str = "call") -> None:
        """Open the note form for the current person or queue item, kind preset."""
        if self.view is None:
            return
        item = self.queue_item
        person_id = item.person_id if item else self.person_id
        person_ids = (person_id,) if person_id else ()
        self.app.push_screen(NoteForm(self.session, self.view, person_ids=person_ids, kind=kind))

    def action_person_add(self) -> None:
        if self.view is not None:
            self.app.push_screen(PersonForm(self.session, self.view, None), self._jump_after())

    def action_person_edit(self) -> None:
        person_id = self._need_person()
        if person_id and self.view is not None:
            person = self.view.data.by_id[person_id]
            self.app.push_screen(PersonForm(self.session, self.view, person), self._jump_after())

    def action_promise_new(self) -> None:
        person_id = self._need_person()
        if person_id and self.view is not None:
            person = self.view.data.by_id[person_id]
            self.app.push_screen(PromiseScreen(self.session, self.view, person))

    def action_person_open(self) -> None:
        item = self.queue_item
        person_id = item.person_id if item else self.person_id
        if person_id:
            self.jump_to(person_id)

    def action_queue_done(self) -> None:
        """Done: keep a promise item, else log a touch through the note form."""
        item = self.queue_item
        if item is not None and item.kind == "promise" and item.promise_id:
            self._keep_promise(item)
            return
        self.action_note_new("message" if item is not None and item.kind == "date" else "call")

    def _keep_promise(self, item: QueueItem) -> None:
        promise_id = item.promise_id
        assert promise_id is not None
        self.session.change(
            lambda journal: journal.keep_promise(promise_id, log_touch=True),
            lambda promise: self.notify(
                f"Kept: {promise.text} (logged as a message to {item.person_name}, gave)"
            ),
        )

    def action_queue_snooze(self) -> None:
        """Snooze the current item (a promise moves its due date) or the current person."""
        view = self.view
        if view is None:
            return
        item = self.queue_item
        if item is not None and item.kind == "promise" and item.promise_id:
            promise_id = item.promise_id

            def move(until: date | None) -> None:
                if until is not None:
                    self.session.change(
                        lambda journal: journal.move_promise(promise_id, until),
                        lambda p: self.notify(
                            f"Promise moved to {until:%a} {until.day} {until:%b}: {p.text}"
                        ),
                    )

            self.app.push_screen(SnoozeScreen(item.person_name, None, view, "promise"), move)
            return
        person_id = item.person_id if item else self._need_person()
        if not person_id:
            return
        person = view.data.by_id[person_id]

        def apply(until: date | None) -> None:
            if until is not None:
                self.session.change(
                    lambda journal: journal.snooze(person_id, until),
                    lambda p: self.notify(
                        f"Snoozed {p.name} until {until:%a} {until.day} {until:%b}."
                    ),
                )

        self.app.push_screen(SnoozeScreen(person.name, person, view, "person"), apply)

    def action_queue_tried(self) -> None:
        """Tried — no answer: a note plus a 3-day snooze."""
        item = self.queue_item
        person_id = item.person_id if item else self._need_person()
        if person_id:
            self.session.change(
                lambda journal: journal.tried_no_answer(person_id),
                lambda note: self.notify(
                    "Noted: tried to reach them. Back in the queue in 3 days."
                ),
            )

    def action_queue_why(self) -> None:
        view = self.view
        item = self.queue_item
        if item is None and view is not None and self.person_id is not None:
            item = next(iter(view.items_for(self.person_id)), None)
        if item is None or view is None:
            self.notify("Select an item in Next touch (3) to see why it is there.")
            return
        from relate_tui.app.screens.why import WhyScreen

        self.app.push_screen(WhyScreen(explain(item, view.today, view.settings.week_start)))

    def action_promise_drop(self) -> None:
        item = self.queue_item
        if item is None or item.kind != "promise" or not item.promise_id:
            self.notify("Select a promise in Next touch (3) to drop it.")
            return
        promise_id = item.promise_id
        self.session.change(
            lambda journal: journal.drop_promise(promise_id),
            lambda p: self.notify(f"Dropped: {p.text} (u undoes)"),
        )

    def action_person_delete(self) -> None:
        """Delete the current person, their notes and promises, after asking."""
        person = self.person
        if person is None or self.view is None:
            self._need_person()
            return
        notes = self.view.data.notes_for(person.id)
        own = sum(1 for note in notes if len(note.person_ids) == 1)
        shared = len(notes) - own
        what = f"{own} note{'' if own == 1 else 's'}"
        if shared:
            what += f" (notes shared with others stay, without {person.name})"
        question = f"Delete {person.name} and their {what}? (u undoes it)"

        def answer(yes: bool | None) -> None:
            if yes:
                self.session.change(
                    lambda journal: journal.delete_person(person.id),
                    lambda p: self.notify(f"Deleted {p.name}. Press u to undo."),
                )

        self.app.push_screen(ConfirmScreen(question, "Delete"), answer)

    def action_person_archive(self) -> None:
        """Archive the current person (hidden from lists and the queue), after asking."""
        person = self.person
        if person is None:
            self._need_person()
            return
        question = f"Archive {person.name}? They leave the lists and the queue; notes are kept."

        def answer(yes: bool | None) -> None:
            if yes:
                self.session.change(
                    lambda journal: journal.set_archived(person.id, True),
                    lambda p: self.notify(f"Archived {p.name}. Press u to undo."),
                )

        self.app.push_screen(ConfirmScreen(question, "Archive"), answer)
