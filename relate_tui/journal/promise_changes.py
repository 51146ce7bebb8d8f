"""``Journal``'s changes to promises: make, keep, drop, reopen, move."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from relate_tui.domain.errors import InputError
from relate_tui.domain.ids import new_id
from relate_tui.domain.notes import Note
from relate_tui.domain.promises import DROPPED, KEPT, OPEN, Promise, new_promise
from relate_tui.journal.commits import JournalCommits
from relate_tui.storage.changes import Change
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
        promise = self.data().promises_by_id.get(promise_id)
        if promise is None:
            raise InputError("that promise is no longer in the journal")
        if not promise.is_open:
            raise InputError(f'"{promise.text}" is already {promise.status}')
        now = self._now()
        return replace(promise, status=status, closed_at=now, updated=now)

    def keep_promise(self, promise_id: str, *, log_touch: bool = False) -> Promise:
        """Mark a promise kept; with ``log_touch`` also log a message flagged gave."""
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
        promise = self.data().promises_by_id[promise_id]
        promise = replace(promise, status=OPEN, closed_at=None, updated=self._now())
        self._commit(
            f'reopen "{promise.text}"',
            [Change("promises", promise.id, None, promise_to_record(promise))],
        )
        return promise

    def move_promise(self, promise_id: str, due: date) -> Promise:
        """Give a promise a new due date (snoozing a promise item)."""
        promise = replace(self.data().promises_by_id[promise_id], due=due, updated=self._now())
        self._commit(
            f'move "{promise.text}"',
            [Change("promises", promise.id, None, promise_to_record(promise))],
        )
        return promise
