"""What the main screen's keys and palette entries do: one action method for both.

Each action works on "the current person or queue item" (or the selected note or
promise: ``RecordActions``), opens the right form or question, and hands the change to
the session's writer thread. ``MainScreen`` supplies the selection (``view``,
``person_id``, ``queue_item``, ``note_row``, ``jump_to``); the palette runs the same
actions by name (``commands.MainCommands``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from relate_tui.app.outlook import outlook_in
from relate_tui.app.screens.confirm import ConfirmScreen
from relate_tui.app.screens.note_form import NoteForm
from relate_tui.app.screens.person_form import PersonForm
from relate_tui.app.screens.promise import PromiseScreen
from relate_tui.app.screens.record_actions import RecordActions
from relate_tui.app.screens.snooze import SnoozeScreen
from relate_tui.domain.queue import explain


class MainActions(RecordActions):
    """The main screen's actions; ``MainScreen`` adds the panes and the selection."""

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
        """Done: keep the selected promise (asking whether to log a touch too), else log a
        touch through the note form."""
        if self.selected_promise is not None:
            self.action_promise_keep()
            return
        item = self.queue_item
        self.action_note_new("message" if item is not None and item.kind == "date" else "call")

    def action_queue_snooze(self) -> None:
        """Snooze the current item or person; on a promise (in the queue or on the card),
        move its due date instead."""
        view = self.view
        if view is None:
            return
        promise = self.selected_promise
        if promise is not None:
            self.reschedule_promise(promise)
            return
        item = self.queue_item
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

        due = outlook_in(view, person).next_due
        self.app.push_screen(SnoozeScreen(person.name, person, view, "person", due=due), apply)

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
        """Drop the selected promise, in the queue or on the card (u undoes)."""
        promise = self.selected_promise
        if promise is None:
            self.notify("Select a promise in Next touch (3) or in the Notes pane (2) first.")
            return
        self.drop_promise(promise)

    def action_conflicts(self) -> None:
        """Resolve what merges kept aside about the current person."""
        from relate_tui.app.screens.conflicts import ConflictsScreen
        from relate_tui.journal.conflicts import conflicts_about

        person_id = self._need_person()
        if not person_id or self.view is None:
            return
        if not conflicts_about(self.view.data, person_id):
            self.notify("No conflicts about this person: every merge fitted together.")
            return
        self.app.push_screen(ConflictsScreen(self.session, self.view, person_id))

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
