"""What the main screen's keys and the palette's commands do: one code path for both.

Each function works on "the current person or queue item" of the main screen, opens the
right form or confirmation, and hands the change to the app's writer thread.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from relate_tui.domain.queue import QueueItem

if TYPE_CHECKING:
    from relate_tui.app.screens.main import MainScreen


def _need_person(screen: MainScreen) -> str | None:
    person = screen.person
    if person is None:
        screen.notify("Choose someone first: add a person with a, or pick one in People (1).")
        return None
    return person.id


def new_note(screen: MainScreen, kind: str = "call", person_ids: tuple[str, ...] = ()) -> None:
    """Open the note form for the current person (or the given ones), kind preset."""
    from relate_tui.app.screens.note_form import NoteForm

    if screen.view is None:
        return
    if not person_ids:
        item = screen.queue_item
        person_id = item.person_id if item else screen.person_id
        person_ids = (person_id,) if person_id else ()
    screen.app.push_screen(NoteForm(screen.view, person_ids=person_ids, kind=kind))


def add_person(screen: MainScreen) -> None:
    from relate_tui.app.screens.person_form import PersonForm

    if screen.view is not None:
        screen.app.push_screen(PersonForm(screen.view, None), _jump(screen))


def edit_person(screen: MainScreen) -> None:
    from relate_tui.app.screens.person_form import PersonForm

    person_id = _need_person(screen)
    if person_id and screen.view is not None:
        person = screen.view.data.by_id[person_id]
        screen.app.push_screen(PersonForm(screen.view, person), _jump(screen))


def _jump(screen: MainScreen):
    def after(person_id: str | None) -> None:
        if person_id:
            screen.jump_to(person_id)

    return after


def new_promise(screen: MainScreen) -> None:
    from relate_tui.app.screens.promise import PromiseScreen

    person_id = _need_person(screen)
    if person_id and screen.view is not None:
        person = screen.view.data.by_id[person_id]
        screen.app.push_screen(PromiseScreen(person, screen.view.today, screen.view.settings))


def done(screen: MainScreen) -> None:
    """Done: keep a promise item, else log a touch through the note form."""
    item = screen.queue_item
    if item is not None and item.kind == "promise" and item.promise_id:
        keep_promise(screen, item)
        return
    kind = "message" if item is not None and item.kind == "date" else "call"
    new_note(screen, kind=kind)


def keep_promise(screen: MainScreen, item: QueueItem) -> None:
    promise_id = item.promise_id
    assert promise_id is not None
    screen.app.change(
        lambda journal: journal.keep_promise(promise_id, log_touch=True),
        lambda promise: screen.notify(
            f"Kept: {promise.text} (logged as a message to {item.person_name}, gave)"
        ),
    )


def snooze(screen: MainScreen) -> None:
    """Snooze the current item (a promise moves its due date) or the current person."""
    from relate_tui.app.screens.snooze import SnoozeScreen

    view = screen.view
    if view is None:
        return
    item = screen.queue_item
    if item is not None and item.kind == "promise" and item.promise_id:
        promise_id = item.promise_id

        def move(until: date | None) -> None:
            if until is not None:
                screen.app.change(
                    lambda journal: journal.move_promise(promise_id, until),
                    lambda p: screen.notify(
                        f"Promise moved to {until:%a} {until.day} {until:%b}: {p.text}"
                    ),
                )

        screen.app.push_screen(SnoozeScreen(item.person_name, None, view, "promise"), move)
        return
    person_id = item.person_id if item else _need_person(screen)
    if not person_id:
        return
    person = view.data.by_id[person_id]

    def apply(until: date | None) -> None:
        if until is not None:
            screen.app.change(
                lambda journal: journal.snooze(person_id, until),
                lambda p: screen.notify(
                    f"Snoozed {p.name} until {until:%a} {until.day} {until:%b}."
                ),
            )

    screen.app.push_screen(SnoozeScreen(person.name, person, view, "person"), apply)


def tried(screen: MainScreen) -> None:
    """Tried — no answer: a note plus a 3-day snooze."""
    item = screen.queue_item
    person_id = item.person_id if item else _need_person(screen)
    if person_id:
        screen.app.change(
            lambda journal: journal.tried_no_answer(person_id),
            lambda note: screen.notify("Noted: tried to reach them. Back in the queue in 3 days."),
        )


def drop_promise(screen: MainScreen) -> None:
    item = screen.queue_item
    if item is None or item.kind != "promise" or not item.promise_id:
        screen.notify("Select a promise in Next touch (3) to drop it.")
        return
    promise_id = item.promise_id
    screen.app.change(
        lambda journal: journal.drop_promise(promise_id),
        lambda p: screen.notify(f"Dropped: {p.text} (u undoes)"),
    )


def delete_person(screen: MainScreen) -> None:
    """Delete the current person, their notes and promises, after asking."""
    from relate_tui.app.screens.confirm import ConfirmScreen

    person = screen.person
    if person is None or screen.view is None:
        _need_person(screen)
        return
    notes = screen.view.data.notes_for(person.id)
    own = sum(1 for note in notes if len(note.person_ids) == 1)
    shared = len(notes) - own
    what = f"{own} note{'' if own == 1 else 's'}"
    if shared:
        what += f" (notes shared with others stay, without {person.name})"
    question = f"Delete {person.name} and their {what}? (u undoes it)"

    def answer(yes: bool | None) -> None:
        if yes:
            screen.app.change(
                lambda journal: journal.delete_person(person.id),
                lambda p: screen.notify(f"Deleted {p.name}. Press u to undo."),
            )

    screen.app.push_screen(ConfirmScreen(question, "Delete"), answer)


def archive_person(screen: MainScreen) -> None:
    """Archive the current person (hidden from lists and the queue), after asking."""
    from relate_tui.app.screens.confirm import ConfirmScreen

    person = screen.person
    if person is None:
        _need_person(screen)
        return
    question = f"Archive {person.name}? They leave the lists and the queue; notes are kept."

    def answer(yes: bool | None) -> None:
        if yes:
            screen.app.change(
                lambda journal: journal.set_archived(person.id, True),
                lambda p: screen.notify(f"Archived {p.name}. Press u to undo."),
            )

    screen.app.push_screen(ConfirmScreen(question, "Archive"), answer)
