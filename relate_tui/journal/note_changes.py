"""``Journal``'s changes to notes: log one (with a promise, perhaps), edit, delete, and
"tried to reach them"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from relate_tui.domain.date_words import MONTH_ABBRS
from relate_tui.domain.errors import InputError
from relate_tui.domain.ids import new_id
from relate_tui.domain.notes import KINDS, Note
from relate_tui.domain.promises import Promise, new_promise
from relate_tui.journal.commits import JournalCommits
from relate_tui.storage.changes import UNCHECKED, Change
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
    """Logging, editing and deleting notes."""

    def _check_note(self, kind: str, person_ids: Sequence[str], at: datetime | None) -> None:
        """What every saved note must be: a known kind, someone it is about who is in the
        journal, and not dated in the future."""
        if kind not in KINDS:
            raise InputError(f'unknown kind "{kind}": use one of {", ".join(KINDS)}')
        if not person_ids:
            raise InputError("a note needs at least one person")
        data = self.data()
        for pid in person_ids:
            if data.person(pid) is None:
                raise InputError("that person is no longer in the journal")
        self._check_writable()
        if at is not None and at > self._now() + FUTURE_SLACK:
            # A future "last touch" would hide the person from the queue until then.
            raise InputError(
                "a note records something that happened: "
                f"{at:%a} {at.day} {at:%b %H:%M} is still to come"
            )

    def _names(self, person_ids: Sequence[str]) -> str:
        data = self.data()
        return ", ".join(p.name for pid in person_ids if (p := data.person(pid))) or "nobody"

    def _note_words(self, note: Note) -> str:
        """ "call with Ana Lima (1 Dec)": a note as undo and its messages name it."""
        day = f"{note.at.day} {MONTH_ABBRS[note.at.month - 1]}"
        return f"{note.kind} with {self._names(note.person_ids)} ({day})"

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
        kind = kind.strip().lower()
        ids = tuple(dict.fromkeys(person_ids))
        self._check_note(kind, ids, at)
        data = self.data()
        now = self._now()
        note = Note(
            id=new_id(),
            person_ids=ids,
            kind=kind,
            at=at or now,
            body=body.strip("\n"),
            created=now,
            updated=now,
            gave=gave,
            asked=asked,
        )
        changes = [Change("notes", note.id, None, note_to_record(note), new=True)]
        made = None
        if promise is not None and promise.strip():
            made = new_promise(
                ids[0],
                promise,
                promise_due,
                now=self._now(),
                today=self.clock.today(),
                note_id=note.id,
            )
            changes.append(Change("promises", made.id, None, promise_to_record(made), new=True))
        names = ", ".join(p.name for pid in ids if (p := data.person(pid)))
        self._commit(f"{kind} with {names}", changes)
        return note, made

    def save_note(self, note: Note, *, expected: Any = UNCHECKED) -> Note:
        """Save an edited note: its people, kind, time, body and flags (the last touch,
        the rhythm and the queue follow, being computed from the notes).

        ``expected`` is the stored record the edit started from: if the file holds
        something else by now (edited or deleted elsewhere), nothing is written and
        ``ChangedMeanwhile`` is raised, so an edit never silently undoes another.
        """
        ids = tuple(dict.fromkeys(note.person_ids))
        self._check_note(note.kind, ids, note.at)
        note = replace(note, person_ids=ids, body=note.body.strip("\n"), updated=self._now())
        label = f"edit {self._note_words(note)}"
        stored = self.data().raw_record("notes", note.id)
        if stored is not None and set(stored.get("person_ids", ())) != set(ids):
            before = note_from_record(stored)
            label = f"move {self._note_words(before)} to {self._names(ids)}"
        self._commit(
            label,
            [Change("notes", note.id, None, note_to_record(note), expected=expected)],
        )
        return note

    def delete_note(self, note_id: str) -> Note:
        """Delete one note; returns it (as it was). ``InputError`` when it is gone already."""
        raw = self.data().raw_record("notes", note_id)
        if raw is None:
            raise InputError("that note is no longer in the journal")
        note = note_from_record(raw)
        self._commit(f"delete {self._note_words(note)}", [Change("notes", note_id, None, None)])
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
