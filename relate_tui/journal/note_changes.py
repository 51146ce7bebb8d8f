"""``Journal``'s changes to notes: log one (with a promise, perhaps), edit, delete, and
"tried to reach them"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from relate_tui.domain.errors import InputError, shown
from relate_tui.domain.ids import new_id
from relate_tui.domain.notes import KINDS, Note
from relate_tui.domain.promises import Promise, new_promise
from relate_tui.journal.commits import JournalCommits
from relate_tui.storage.change import Change
from relate_tui.storage.records import (
    note_from_record,
    note_to_record,
    person_to_record,
    promise_to_record,
)

TRIED_SNOOZE_DAYS = 3
FUTURE_SLACK = timedelta(minutes=5)
"""How far ahead of the clock a note may be dated (clocks of two machines drift)."""


class NoteChanges(JournalCommits):
    """Logging, editing, moving and deleting notes."""

    def log_note(
        self,
        person_ids: Sequence[str],
        body: str,
        *,
        kind: str = "call",
        at: datetime | None = None,
        gave: bool = False,
        asked: bool = False,
        promise: str | None = None,
        promise_due: date | None = None,
    ) -> tuple[Note, Promise | None]:
        """Write a note about one or more people, optionally with a promise to the first."""
        now = self._now()
        note = self._checked(
            Note(
                id=new_id(),
                person_ids=tuple(person_ids),
                kind=kind,
                at=at or now,
                body=body,
                created=now,
                updated=now,
                gave=gave,
                asked=asked,
            )
        )
        self._check_writable()
        changes = [Change("notes", note.id, None, note_to_record(note), new=True)]
        made = None
        if promise is not None and promise.strip():
            made = new_promise(
                note.person_ids[0],
                promise,
                promise_due,
                now=now,
                today=self.clock.today(),
                note_id=note.id,
            )
            changes.append(Change("promises", made.id, None, promise_to_record(made), new=True))
        self._commit(f"{note.kind} with {self._names(note.person_ids)}", changes)
        return note, made

    def _checked(self, note: Note, *, new_time: bool = True) -> Note:
        """``note`` made tidy (kind lower-case, people once each, no blank lines around
        the body), or ``InputError`` when it cannot be saved: an unknown kind, nobody, a
        person no longer in the journal, or a time still to come (checked when the time
        is ``new_time``: fixing a typo never fails on a time already saved)."""
        kind = note.kind.strip().lower()
        if kind not in KINDS:
            raise InputError(f'unknown kind "{shown(kind)}": use one of {", ".join(KINDS)}')
        ids = tuple(dict.fromkeys(note.person_ids))
        if not ids:
            raise InputError("a note needs at least one person")
        data = self.data()
        for pid in ids:
            if data.person(pid) is None:
                raise InputError("that person is no longer in the journal")
        at = note.at
        if new_time and at > self._now() + FUTURE_SLACK:
            # A future "last touch" would hide the person from the queue until then.
            raise InputError(
                "a note records something that happened: "
                f"{at:%a} {at.day} {at:%b %H:%M} is still to come"
            )
        return replace(note, kind=kind, person_ids=ids, body=note.body.strip("\n"))

    def _names(self, person_ids: Sequence[str]) -> str:
        data = self.data()
        return ", ".join(p.name for pid in person_ids if (p := data.person(pid)))

    def note(self, note_id: str) -> Note:
        """The note with ``note_id``; ``InputError`` when it is no longer in the journal."""
        record = self.data().raw_record("notes", note_id)
        if record is None:
            raise InputError("that note is no longer in the journal")
        return note_from_record(record)

    def edit_note(
        self,
        note_id: str,
        *,
        body: str | None = None,
        kind: str | None = None,
        at: datetime | None = None,
        person_ids: Sequence[str] | None = None,
        gave: bool | None = None,
        asked: bool | None = None,
    ) -> Note:
        """Change what is given of a note (the rest stays): its text, kind, time, people
        (moving it to the right person) or gave/asked flags, checked as a new note is.
        The last touch, the rhythm and the queue follow at once: they are read from the
        notes. Nothing is written when nothing changes."""
        current = self.note(note_id)
        changed = {
            name: value
            for name, value in (
                ("body", body),
                ("kind", kind),
                ("at", at),
                ("person_ids", tuple(person_ids) if person_ids is not None else None),
                ("gave", gave),
                ("asked", asked),
            )
            if value is not None
        }
        edited = self._checked(replace(current, **changed), new_time=at is not None)
        if edited == current:
            return current
        return self._save_note(edited, current)

    def move_note(self, note_id: str, person_ids: Sequence[str]) -> Note:
        """Make a note about other people (it was logged to the wrong person)."""
        return self.edit_note(note_id, person_ids=person_ids)

    def save_note(self, note: Note) -> Note:
        """Save an edited note, checked as ``edit_note`` checks it."""
        before = self.note(note.id)
        return self._save_note(self._checked(note, new_time=note.at != before.at), before)

    def _save_note(self, note: Note, before: Note) -> Note:
        self._check_writable()
        now = self._now()
        note = replace(note, updated=now)
        # Written only if the note is still as ``before`` was read: an edit worked out
        # from it never overwrites a change another relate made in the meantime.
        read = self.data().raw_record("notes", note.id)
        changes = [Change("notes", note.id, None, note_to_record(note), expected=read)]
        if note.person_ids != before.person_ids:
            label = f"move a note to {self._names(note.person_ids)}"
            # A promise made in a note logged to the wrong person was made to the wrong
            # person too: it follows the note (to its first person) unless it still fits.
            changes += [
                Change(
                    "promises",
                    p.id,
                    None,
                    promise_to_record(replace(p, person_id=note.person_ids[0], updated=now)),
                )
                for p in self.data().promises
                if p.note_id == note.id and p.person_id not in note.person_ids
            ]
        else:
            label = f"edit a note about {self._names(note.person_ids)}"
        self._commit(label, changes)
        return note

    def delete_note(self, note_id: str) -> Note:
        """Delete one note; a promise written in it stays, no longer pointing at it."""
        note = self.note(note_id)
        self._check_writable()
        changes = [Change("notes", note.id, None, None)]
        changes += [
            Change("promises", p.id, None, promise_to_record(replace(p, note_id=None)))
            for p in self.data().promises
            if p.note_id == note.id
        ]
        self._commit(f"delete a note about {self._names(note.person_ids)}", changes)
        return note

    def tried_no_answer(self, person_id: str) -> Note:
        """A "tried to reach" note (not a touch) plus a 3-day snooze."""
        person = self.person(person_id)
        now = self._now()
        note = Note(new_id(), (person_id,), "note", now, "Tried to reach — no answer.", now, now)
        snoozed = replace(
            person,
            snooze_until=self.clock.today() + timedelta(days=TRIED_SNOOZE_DAYS),
            updated=now,
        )
        self._commit(
            f"tried {person.name}",
            [
                Change("notes", note.id, None, note_to_record(note), new=True),
                Change("people", person.id, None, person_to_record(snoozed)),
            ],
        )
        return note
