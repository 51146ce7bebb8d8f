"""How ``Journal`` changes the file: every change is a list of record replacements written
in one atomic write, and undoing one puts the previous records back (only those records,
so another process's later changes to other records survive)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from relate_tui.domain.notes import Note
from relate_tui.domain.people import Person
from relate_tui.domain.promises import Promise
from relate_tui.journal.reading import JournalReading
from relate_tui.journal.snapshot import JournalData
from relate_tui.storage import records
from relate_tui.storage.changes import UNCHECKED, Change, ChangedMeanwhile, apply_changes

UNDO_DEPTH = 50
CHECKED_ATTEMPTS = 5
"""How often a change is merged again when its records keep changing under it."""


@dataclass(frozen=True)
class UndoStep:
    """A change the user made, described for "Undone: ..." messages."""

    label: str
    changes: tuple[Change, ...]


class JournalCommits(JournalReading):
    """Writing and undoing: what every change of ``Journal`` goes through."""

    undo_stack: list[UndoStep]
    """The changes made through this journal, oldest first (at most ``UNDO_DEPTH``)."""
    clash_choices: dict[tuple[str, str, frozenset[str]], bool]
    """How to settle a ``RecordClash`` the user has already answered (keep mine: True),
    by ``RecordClash.key``; the app sets it to run the change again."""

    def _now(self) -> datetime:
        return self.clock.now()

    def _commit(
        self,
        label: str,
        changes: Sequence[Change],
        *,
        undoable: bool = True,
        remerge: bool = True,
    ) -> None:
        """Apply ``changes`` in one atomic write; remember the inverse for undo.

        Each replaced record is checked under the lock against the one the change was
        worked out from (``journal.checked``); one that changed meanwhile is merged field
        by field and written again (``RecordClash`` when the same field changed on both
        sides). Without ``remerge`` a change meanwhile is ``ChangedMeanwhile`` (a merge
        of copies works itself out again from scratch).
        """
        from relate_tui.journal.checked import RecordClash, expect_read, remerged

        changes = expect_read(changes, self._data)
        for attempt in range(1, CHECKED_ATTEMPTS + 1):
            try:
                applied = apply_changes(self.store, changes)
                break
            except ChangedMeanwhile:
                if not remerge or attempt == CHECKED_ATTEMPTS:
                    raise
                try:
                    changes = remerged(label, changes, self.data().raw_record)
                except RecordClash as clash:
                    mine = self.clash_choices.get(clash.key)
                    if mine is None:
                        raise
                    changes = clash.changes_keeping(mine)
        if undoable:
            self.undo_stack.append(UndoStep(label, tuple(applied)))
            del self.undo_stack[:-UNDO_DEPTH]

    def undo(self) -> str | None:
        """Undo the last change made through this journal; returns its label, or None."""
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        # Each record is expected to be what the change left: one changed since (an import,
        # another pane) is merged field by field rather than overwritten.
        inverse = [
            Change(c.table, c.id, c.after, c.before, expected=c.after)
            for c in reversed(step.changes)
        ]
        try:
            self._commit(f"undo {step.label}", inverse, undoable=False)
        except Exception:
            self.undo_stack.append(step)
            raise
        return step.label

    def _check_writable(self) -> None:
        if self.data().read_only:
            from relate_tui.storage.errors import JournalTooNew
            from relate_tui.storage.schema import SCHEMA_VERSION, schema_version

            raise JournalTooNew(self.path, schema_version(self.store.load()), SCHEMA_VERSION)

    def bulk_save(
        self,
        label: str,
        *,
        people: Iterable[Person] = (),
        notes: Iterable[Note] = (),
        promises: Iterable[Promise] = (),
        based_on: JournalData | None = None,
    ) -> None:
        """Insert or replace many records in one atomic write (imports, the demo journal).

        With ``based_on`` (the snapshot the records were worked out from), a record that
        changed on disk since that snapshot stops the whole write with ``ChangedMeanwhile``
        instead of overwriting the newer version: the caller reads again and retries.
        """

        def expected(table: str, record_id: str) -> Any:
            if based_on is None:
                return UNCHECKED
            return based_on.raw_record(table, record_id)

        changes = [
            Change(
                "people", p.id, None, records.person_to_record(p), expected=expected("people", p.id)
            )
            for p in people
        ]
        changes += [
            Change("notes", n.id, None, records.note_to_record(n), expected=expected("notes", n.id))
            for n in notes
        ]
        changes += [
            Change(
                "promises",
                p.id,
                None,
                records.promise_to_record(p),
                expected=expected("promises", p.id),
            )
            for p in promises
        ]
        if changes:
            # With a snapshot the caller works the change out again itself (an import's
            # plan decides what may be overwritten), so a change meanwhile is an error here.
            self._commit(label, changes, remerge=based_on is None)
