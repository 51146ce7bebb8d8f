"""``Journal``'s changes to promises: make, keep, drop, reopen, move."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from relate_tui.domain.errors import InputError, shown
from relate_tui.domain.ids import new_id
from relate_tui.domain.notes import Note
from relate_tui.domain.promises import DROPPED, KEPT, OPEN, Promise, new_promise
from relate_tui.journal.commits import JournalCommits
from relate_tui.storage.change import Change
from relate_tui.storage.records import note_to_record, promise_to_record


class PromiseChanges(JournalCommits):
    """Promising something to someone, and keeping, dropping, reopening or moving it."""

    def add_promise(self, person_id: str, text: str, due: date | None = None) -> Promise:
        """Promise something to a person (due in a week unless said otherwise)."""
        person = self.person(person_id)
        promise = new_promise(person.id, text, due, now=self._now(), today=self.clock.today())
        self._commit(
            f"promise to {person.name}",
            [Change("promises", promise.id, None, promise_to_record(promise), new=True)],
        )
        return promise

    def _close_promise(self, promise_id: str, status: str) -> Promise:
        promise = self.promise(promise_id)
        if not promise.is_open:
            raise InputError(f'"{promise.text}" is already {promise.status}')
        now = self._now()
        return replace(promise, status=status, closed_at=now, updated=now)

    def keep_promise(self, promise_id: str, *, log_touch: bool = False) -> Promise:
        """Mark a promise kept. Only with ``log_touch`` is a touch logged too (a message
        "Kept: …" flagged gave, dated now): keeping a promise is not in itself contact,
        and the user may have logged the email that kept it already."""
        promise = self._close_promise(promise_id, KEPT)
        changes = [Change("promises", promise.id, None, promise_to_record(promise))]
        if log_touch:
            now = self._now()
            note = Note(
                new_id(),
                (promise.person_id,),
                "message",
                now,
                f"Kept: {promise.text}",
                now,
                now,
                gave=True,
            )
            changes.append(Change("notes", note.id, None, note_to_record(note), new=True))
        self._commit(f'keep "{promise.text}"', changes)
        return promise

    def drop_promise(self, promise_id: str) -> Promise:
        """Drop a promise: it leaves the queue without counting as kept."""
        promise = self._close_promise(promise_id, DROPPED)
        self._commit(
            f'drop "{promise.text}"',
            [Change("promises", promise.id, None, promise_to_record(promise))],
        )
        return promise

    def reopen_promise(self, promise_id: str) -> Promise:
        """Open a kept or dropped promise again."""
        promise = replace(
            self.promise(promise_id), status=OPEN, closed_at=None, updated=self._now()
        )
        self._commit(
            f'reopen "{promise.text}"',
            [Change("promises", promise.id, None, promise_to_record(promise))],
        )
        return promise

    def promise(self, promise_id: str) -> Promise:
        """The promise with ``promise_id``; ``InputError`` when it is no longer there."""
        promise = self.data().promises_by_id.get(promise_id)
        if promise is None:
            raise InputError("that promise is no longer in the journal")
        return promise

    def move_promise(self, promise_id: str, due: date) -> Promise:
        """Give an open promise a new due date, today or later (rescheduling it, or
        snoozing a promise item), whatever its due date was."""
        promise = self.promise(promise_id)
        if not promise.is_open:
            raise InputError(f'"{shown(promise.text)}" is already {promise.status}')
        if due < self.clock.today():
            raise InputError("a promise is due today or later: pick another day")
        promise = replace(promise, due=due, updated=self._now())
        self._commit(
            f'move "{promise.text}"',
            [Change("promises", promise.id, None, promise_to_record(promise))],
        )
        return promise
