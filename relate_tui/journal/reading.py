"""What ``Journal`` reads: the snapshot of the file (re-read only when it changed), the
queue, the review, one person, and the person a typed name means."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from relate_tui.domain.errors import InputError
from relate_tui.journal.snapshot import JournalData
from relate_tui.storage import schema
from relate_tui.storage.sealed import SealedFile, SealedTables

if TYPE_CHECKING:
    from relate_tui.domain.clock import Clock
    from relate_tui.domain.notes import Note
    from relate_tui.domain.outlook import Outlook
    from relate_tui.domain.people import Person
    from relate_tui.domain.promises import Promise
    from relate_tui.domain.queue import QueueItem
    from relate_tui.domain.review import Review
    from relate_tui.settings import Settings
    from relate_tui.storage.store import Store


class JournalReading:
    """The reading part of ``Journal`` (which sets these attributes up)."""

    settings: Settings
    clock: Clock
    store: Store
    _by_table: bool
    """Read a sealed file one table at a time (see ``Journal``)."""
    _data: JournalData | None
    _data_sig: object
    """The file's signature when ``_data`` was read."""
    _frozen: int
    """``id()`` of the parsed file last moved out of the cyclic collector's sight."""

    @property
    def path(self) -> Path:
        return self.store.path

    def data(self) -> JournalData:
        """The current journal; re-read only when the file changed on disk."""
        sig = self.store.signature()
        if self._data is not None and sig == self._data_sig:
            return self._data
        if self._by_table:
            sealed = self.store.sealed()
            if sealed is not None:
                data = self._successor(sealed)
                if data is None:
                    tables = SealedTables(sealed)
                    data = JournalData(
                        tables,
                        revision=schema.revision(tables),
                        newest_current=sealed.newest_current,
                    )
                self._data, self._data_sig = data, sig
                return data
        with self.store.reading() as raw:
            data = JournalData(
                # A copy of the table list: a later save replaces tables in ``raw`` (never
                # the tables themselves), and this snapshot must keep the ones it read.
                dict(raw),
                revision=schema.revision(raw),
                read_only=schema.schema_version(raw) > schema.SCHEMA_VERSION,
                newest_current=self.store.newest_current(),
            )
        if id(raw) != self._frozen:
            # A freshly parsed journal is hundreds of thousands of long-lived objects without
            # cycles: move them out of the cyclic collector's sight, or each full collection
            # walks them all (tens of ms, in the middle of a save or a keystroke in the app).
            # Only after a parse (start, an outside change), not after our own saves, so
            # short-lived objects of the moment are seldom frozen with them.
            gc.freeze()
            self._frozen = id(raw)  # an id, not the dict: never keep an old journal alive
        self._data, self._data_sig = data, sig
        return data

    def _successor(self, sealed: SealedFile) -> JournalData | None:
        """The snapshot of ``sealed`` made from the last one, when ``sealed`` is what this
        process's last splice made of exactly the file that snapshot was read from (the
        app, saving): nothing is parsed or converted again but what the change wrote."""
        previous, last = self._data, self.store.last_splice
        self.store.last_splice = None  # taken: it holds the old file's bytes
        if previous is None or last is None or last.after is not sealed:
            return None
        tables = previous.tables
        if not isinstance(tables, SealedTables) or tables.file is not last.before:
            return None
        return previous.successor(tables.after(sealed, last.splice), last.splice)

    def changed_on_disk(self) -> bool:
        """True when the file differs from what ``data()`` last returned."""
        return self._data is not None and self.store.signature() != self._data_sig

    def queue(
        self, today: date | None = None, *, until: date | None = None
    ) -> tuple[QueueItem, ...]:
        """The next-touch queue for ``today`` (default: the clock's today), without items
        due after ``until`` if given."""
        from relate_tui.domain.queue import build_queue  # not needed to log a note

        data = self.data()
        return build_queue(
            data.queue_people,
            (),  # the last-touch table below stands in for the notes
            data.open_promises,
            today or self.clock.today(),
            self.settings,
            touches=data.touches,
            until=until,
        )

    def due_count(self, today: date | None = None) -> int:
        """How many queue items are overdue or due ``today`` (default: the clock's today):
        the status line's number, worked out without making the items."""
        from relate_tui.domain.queue_due import count_due  # the core alone: no items

        data = self.data()
        return count_due(
            data.queue_people,
            data.open_promises,
            today or self.clock.today(),
            self.settings,
            touch_days=data.touch_days,
        )

    def review(self, today: date | None = None) -> Review:
        """The weekly review for ``today`` (default: the clock's today)."""
        return self.data().review(today or self.clock.today(), self.settings)

    def person(self, person_id: str) -> Person:
        """The person with ``person_id``; ``InputError`` when they no longer exist."""
        person = self.data().person(person_id)
        if person is None:
            raise InputError("that person is no longer in the journal")
        return person

    def match(self, query: str, *, archived: bool | None = None) -> list[Person]:
        """The people ``query`` fits best (see ``domain.matching``): one, several (an
        ambiguity to show) or none; only archived people or only the others if asked."""
        from relate_tui.journal.names import match_people  # not needed by queue or due

        return match_people(self.data(), query, archived=archived)

    def resolve_person(self, query: str, *, archived: bool | None = None) -> Person:
        """Exactly one person for ``query``, or an ``InputError`` saying why not: the
        people it could be, or nobody (with a "did you mean" when it looks like a typo)."""
        from relate_tui.journal.names import resolve_person

        return resolve_person(self.data(), query, archived=archived)

    def outlook(self, person_id: str) -> Outlook:
        """Where a person stands with the queue: their next reconnect wherever it is due,
        and why they are (not) in the queue today and from when (``domain.outlook``)."""
        from relate_tui.domain.outlook import person_outlook

        data = self.data()
        person = self.person(person_id)
        return person_outlook(
            person,
            data.touches.get(person_id),
            data.open_promises_for(person_id),
            self.clock.today(),
            self.settings,
        )

    def search_notes(self, query: str) -> list[Note]:
        """Notes whose text holds every word of ``query`` (case and accents aside),
        newest first; none for an empty query."""
        from relate_tui.domain.search import search_terms, text_matches
        from relate_tui.storage.records import note_from_record

        terms = search_terms(query)
        if not terms:
            return []
        found = [
            note_from_record(r) for r in self.data().raw_notes if text_matches(r["body"], terms)
        ]
        found.sort(key=lambda n: n.at, reverse=True)
        return found

    def note_refs(self) -> dict[str, str]:
        """Every note's short reference (``journal.refs``), by note id."""
        from relate_tui.journal.refs import short_refs

        return short_refs(self.data().note_ids())

    def find_note(self, ref: str) -> Note:
        """The note a short reference (or its whole id) names; ``InputError`` if none or
        several do."""
        from relate_tui.journal.refs import resolve_ref
        from relate_tui.storage.records import note_from_record

        data = self.data()
        ids = (r["id"] for r in data.raw_notes)
        note_id = resolve_ref(ref, ids, "note", "relate notes NAME")
        return note_from_record(data.raw_record("notes", note_id))  # type: ignore[arg-type]

    def promise_refs(self) -> dict[str, str]:
        """Every promise's short reference, by promise id."""
        from relate_tui.journal.refs import short_refs

        return short_refs(p.id for p in self.data().promises)

    def find_promise(self, ref: str) -> Promise:
        """The promise a short reference (or its whole id) names; ``InputError`` if none
        or several do."""
        from relate_tui.journal.refs import resolve_ref

        data = self.data()
        promise_id = resolve_ref(ref, (p.id for p in data.promises), "promise", "relate promises")
        return data.promises_by_id[promise_id]

    def open_promises(self, person_id: str | None = None) -> list[Promise]:
        """Open promises, whatever their due date, soonest due first (one person's, or
        everyone's not archived)."""
        data = self.data()
        if person_id is not None:
            return data.open_promises_for(person_id)
        active = {p.id for p in data.people if not p.archived}
        return sorted(
            (p for p in data.promises if p.is_open and p.person_id in active),
            key=lambda p: (p.due, p.text.casefold()),
        )
