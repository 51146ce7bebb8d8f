"""``Journal``'s changes to notes: log one (with a promise, perhaps), edit, delete, and
"tried to reach them"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from relate_tui.domain.errors import InputError
from relate_tui.domain.ids import new_id
from relate_tui.domain.notes import KINDS, Note
from relate_tui.domain.promises import Promise, new_promise
from relate_tui.journal.commits import JournalCommits
from relate_tui.storage.changes import Change
from relate_tui.storage.records import note_to_record, person_to_record, promise_to_record

TRIED_SNOOZE_DAYS = 3
FUTURE_SLACK = timedelta(minutes=5)
"""How far ahead of the clock a note may be dated (clocks of two machines drift)."""


class NoteChanges(JournalCommits):
    """Logging, editing and deleting notes."""

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
        if kind not in KINDS:
            raise InputError(f'unknown kind "{kind}": use one of {", ".join(KINDS)}')
        ids = tuple(dict.fromkeys(person_ids))
        if not ids:
            raise InputError("a note needs at least one person")
        data = self.data()
        for pid in ids:
            if data.person(pid) is None:
                raise InputError("that person is no longer in the journal")
        self._check_writable()
        now = self._now()
        if at is not None and at > now + FUTURE_SLACK:
            # A future "last touch" would hide the person from the queue until then.
            raise InputError(
                "a note records something that happened: "
                f"{at:%a} {at.day} {at:%b %H:%M} is still to come"
            )
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

    def save_note(self, note: Note) -> Note:
        """Save an edited note."""
        if note.kind not in KINDS:
            raise InputError(f'unknown kind "{note.kind}": use one of {", ".join(KINDS)}')
        note = replace(note, updated=self._now())
        self._commit("edit note", [Change("notes", note.id, None, note_to_record(note))])
        return note

    def delete_note(self, note_id: str) -> None:
        """Delete one note."""
        self._commit("delete note", [Change("notes", note_id, None, None)])

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
