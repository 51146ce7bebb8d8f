"""How ``Journal`` changes the file: every change is a list of record replacements written
in one atomic write, with an entry in the file's change history (``storage.history``);
undoing the newest one puts its records back (only those records, and only those not
changed since, so another process's later changes survive)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from relate_tui.domain.errors import InputError, shown
from relate_tui.journal.reading import JournalReading
from relate_tui.storage.change import UNCHECKED, Change, ChangedMeanwhile

if TYPE_CHECKING:
    from relate_tui.domain.notes import Note
    from relate_tui.domain.people import Person
    from relate_tui.domain.promises import Promise
    from relate_tui.journal.snapshot import JournalData
    from relate_tui.storage.history import Reverted, Stamp
    from relate_tui.storage.store import Store

WRITERS = {"cli": "from the command line", "app": "in the app"}
"""How ``Undone`` says who made a change."""
CHECKED_ATTEMPTS = 5
"""How often a change is merged again when its records keep changing under it."""


@dataclass(frozen=True)
class Undone:
    """What ``Journal.undo_last`` did: the change it undid, and what it left alone."""

    label: str
    """What the change did: "call with Ana Lima"."""
    at: datetime | None
    """When the change was made."""
    by: str
    """Who made it: "cli" or "app"."""
    restored: int
    """How many records were put back."""
    kept: tuple[str, ...]
    """Records changed again since, left as they are, in words ("Ana Lima", "the note
    “Coffee …”")."""

    @property
    def message(self) -> str:
        """One line for people: "Undone: call with Ana Lima (from the command line)"."""
        where = WRITERS.get(self.by, "")
        done = f"{self.label} ({where})" if where else self.label
        if not self.kept and not self.restored:
            return f"Not undone: {done}: its entry in the history is damaged; nothing changed."
        if not self.kept:
            return f"Undone: {done}."
        kept = ", ".join(self.kept)
        if not self.restored:
            return (
                f"Not undone: {done}: {kept} changed since, outside relate's history; "
                "left as it is."
            )
        return f"Undone: {done}, except {kept}, which changed since and is left as it is."


def apply_changes(
    store: Store, changes: Sequence[Change], stamp: Stamp | None = None
) -> list[Change]:
    """``storage.changes.apply_changes``, imported by the first change: the commands that
    only read (queue, due, show) never load the writing machinery."""
    from relate_tui.storage.changes import apply_changes as apply

    return apply(store, changes, stamp)


def undo_last(store: Store) -> Reverted | None:
    """``storage.changes.undo_last``, imported when asked for (see ``apply_changes``)."""
    from relate_tui.storage.changes import undo_last as undo

    return undo(store)


class JournalCommits(JournalReading):
    """Writing and undoing: what every change of ``Journal`` goes through."""

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
        """Apply ``changes`` in one atomic write, recorded in the file's history (unless
        ``undoable`` is False) so any relate can undo it later.

        Each replaced record is checked under the lock against the one the change was
        worked out from (``journal.checked``); one that changed meanwhile is merged field
        by field and written again (``RecordClash`` when the same field changed on both
        sides). Without ``remerge`` a change meanwhile is ``ChangedMeanwhile`` (a merge
        of copies works itself out again from scratch).
        """
        # The writing machinery is loaded by the first change (see ``apply_changes``).
        from relate_tui.journal.checked import RecordClash, expect_read, remerged
        from relate_tui.storage.history import Stamp

        stamp = None
        if undoable:
            at = self._now().isoformat(timespec="seconds")
            stamp = Stamp(label, at, self.store.writer)
        changes = expect_read(changes, self._data)
        for attempt in range(1, CHECKED_ATTEMPTS + 1):
            try:
                apply_changes(self.store, changes, stamp)
                return
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

    def undo_last(self) -> Undone | None:
        """Undo the newest change in the journal's history, whoever made it (this app, a
        ``relate log`` in another pane, an import); None when there is nothing to undo.

        Each record the change wrote goes back to what it was, unless it changed again
        since without history (``Undone.kept`` names those). Undoing again goes on to the
        change before.
        """
        self._check_writable()
        done = undo_last(self.store)
        if done is None:
            return None
        kept = tuple(_describe(table, record) for table, _, record in done.kept)
        try:
            at = datetime.fromisoformat(done.at) if done.at else None
        except ValueError:
            at = None
        return Undone(done.label, at, done.by, len(done.restored), kept)

    def undo(self) -> str | None:
        """Undo the newest change (see ``undo_last``); returns its label, or None when
        there is nothing to undo. When every record it wrote has changed since, nothing
        is undone and ``InputError`` says so (the change is forgotten: undoing again goes
        on to the one before)."""
        done = self.undo_last()
        if done is None:
            return None
        if not done.restored:
            raise InputError(done.message)
        if done.kept:
            return f"{done.label} (except {', '.join(done.kept)}, changed since)"
        return done.label

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
        undoable: bool = True,
    ) -> None:
        """Insert or replace many records in one atomic write (imports, the demo journal),
        one change in the history unless ``undoable`` is False (a new sample journal).

        With ``based_on`` (the snapshot the records were worked out from), a record that
        changed on disk since that snapshot stops the whole write with ``ChangedMeanwhile``
        instead of overwriting the newer version: the caller reads again and retries.
        """
        from relate_tui.storage import records

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
            self._commit(label, changes, undoable=undoable, remerge=based_on is None)


def _describe(table: str, record: dict[str, Any] | None) -> str:
    """A record named for an undo message: "Ana Lima", "the note “Coffee …”"."""
    if record is None:
        return {"people": "a person", "notes": "a note", "promises": "a promise"}.get(
            table, "a record"
        )
    if table == "people":
        return shown(str(record.get("name", "a person")))
    if table == "notes":
        body = str(record.get("body", "")).strip()
        return f"the note “{shown(body)}”" if body else "a note"
    if table == "promises":
        return f"the promise “{shown(str(record.get('text', '')))}”"
    return "a record"
