"""``JournalData``: an immutable snapshot of the whole journal at one revision, and the
last-touch index the queue and the people list read instead of every note.

On a sealed file (``storage.sealed``) nothing is parsed until asked for, and the notes —
nine tenths of a big journal — are read one person at a time by searching their bytes:
the queue, the people list and the first screen need only the people, the promises and
the file's last-touch table (``storage.newest``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from relate_tui.journal.lazy_people import PeopleById, PeopleInOrder, PersonCache
from relate_tui.storage import records
from relate_tui.storage.sealed import SealedTables

if TYPE_CHECKING:
    # Names for annotations only: ``relate log`` reads one person and never the queue, so
    # the queue's core, the last-touch heads and the settings stay unimported on its path.
    from relate_tui.domain.notes import Note
    from relate_tui.domain.people import Person
    from relate_tui.domain.promises import Promise
    from relate_tui.domain.queue_person import QueuePerson
    from relate_tui.domain.review import Review
    from relate_tui.domain.touches import TouchInfo
    from relate_tui.settings import Settings


@dataclass(frozen=True, eq=False)
class JournalData:
    """An immutable view of the whole journal at one revision.

    Records are converted only when asked for: a journal can hold 100,000 notes, and
    ``relate log`` needs none of them and only the one person it names.
    """

    tables: Mapping[str, Mapping[str, dict[str, Any]]]
    """Table name to raw table: the parsed file, or a ``SealedTables`` reading on demand."""
    revision: int = 0
    read_only: bool = False
    newest_current: bool = False
    """The file's last-touch table can be trusted (its seal vouches for it); otherwise it
    is worked out from the notes."""
    base_revision: int | None = None
    """The revision this snapshot was made from by a change this process wrote, if so."""
    changed_people: frozenset[str] | None = None
    """The people whose records, notes or promises that change touched."""
    persons: PersonCache = field(default_factory=PersonCache, compare=False, repr=False)
    """Each record's ``Person``, made when first read (``by_id`` and ``active_people``
    make only the people they are asked for); after a change, unchanged records take
    theirs from the snapshot before."""
    carried: dict[str, dict[int, tuple[dict[str, Any], Any]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """The same for the queue's views of the people (``"queue_people"``) and the open
    promises (``"open_promises"``), when the snapshot before had made them."""

    @cached_property
    def raw_people(self) -> tuple[dict[str, Any], ...]:
        """The stored people records, in file order."""
        return tuple(self.tables.get("people", {}).values())

    @cached_property
    def raw_notes(self) -> tuple[dict[str, Any], ...]:
        """The stored note records, in file order."""
        return tuple(self.tables.get("notes", {}).values())

    @cached_property
    def raw_promises(self) -> tuple[dict[str, Any], ...]:
        """The stored promise records, in file order."""
        return tuple(self.tables.get("promises", {}).values())

    @cached_property
    def people(self) -> tuple[Person, ...]:
        """Every person (archived ones too), in file order."""
        return tuple(map(self.persons.of, self.raw_people))

    def successor(
        self, tables: Mapping[str, Mapping[str, dict[str, Any]]], splice: Any
    ) -> JournalData:
        """The snapshot after ``splice`` (a change this process wrote), whose ``tables``
        were made from these: what did not change is not converted again."""
        from relate_tui.storage import schema

        carried = {}
        if "queue_people" in self.__dict__:
            pairs = zip(self.raw_people, self.queue_people, strict=True)
            carried["queue_people"] = {id(r): (r, f) for r, f in pairs}
        if "open_promises" in self.__dict__:
            open_records = (r for r in self.raw_promises if r.get("status", "open") == "open")
            pairs = zip(open_records, self.open_promises, strict=True)
            carried["open_promises"] = {id(r): (r, p) for r, p in pairs}
        return JournalData(
            tables,
            revision=schema.revision(tables),
            newest_current=True,
            base_revision=self.revision,
            changed_people=people_touched(splice.applied),
            persons=PersonCache(self.persons),
            carried=carried,
        )

    def _carried(self, name: str, record: dict[str, Any], convert: Any) -> Any:
        """``convert(record)``, or what the snapshot before made of this very record."""
        hit = self.carried.get(name, {}).get(id(record))
        return hit[1] if hit is not None and hit[0] is record else convert(record)

    @cached_property
    def queue_people(self) -> tuple[QueuePerson, ...]:
        """Everyone as the queue reads them: the ``Person``s if they are converted already,
        else views of the records that convert only the fields the queue reads."""
        if "people" in self.__dict__:
            return self.people
        from relate_tui.storage.person_fields import PersonFields

        if "queue_people" not in self.carried:
            return tuple(map(PersonFields, self.raw_people))
        fields = tuple(self._carried("queue_people", r, PersonFields) for r in self.raw_people)
        del self.carried["queue_people"]  # used: the old records go with the old snapshot
        return fields

    @cached_property
    def has_active_people(self) -> bool:
        """True when anyone is not archived (without converting anyone)."""
        return any(not r.get("archived") for r in self.raw_people)

    @cached_property
    def open_promises(self) -> tuple[Promise, ...]:
        """The open promises, in file order (the queue reads no others)."""
        if "promises" in self.__dict__:
            return tuple(p for p in self.promises if p.is_open)
        promises = tuple(
            self._carried("open_promises", r, records.promise_from_record)
            for r in self.raw_promises
            if r.get("status", "open") == "open"
        )
        self.carried.pop("open_promises", None)  # used: the old records go with the old snapshot
        return promises

    @cached_property
    def open_promises_by_id(self) -> dict[str, Promise]:
        """The open promises by id (without converting the others, as ``promises_by_id``
        does: the app asks on every footer redraw which promise is selected)."""
        return {p.id: p for p in self.open_promises}

    @cached_property
    def touch_days(self) -> dict[str, date]:
        """Each person's last touch day (people never touched are left out)."""
        return self.touches.touch_days()  # type: ignore[attr-defined]

    @cached_property
    def names(self) -> tuple[PersonName, ...]:
        """What name matching needs of everyone, read straight from the records."""
        return tuple(
            PersonName(r["id"], r.get("name", ""), r.get("nickname", ""), bool(r.get("archived")))
            for r in self.raw_people
        )

    def person(self, person_id: str) -> Person | None:
        """One person, converted on its own unless everyone already is."""
        if "by_id" in self.__dict__:
            return self.by_id.get(person_id)
        record = next((r for r in self.raw_people if r["id"] == person_id), None)
        return self.persons.of(record) if record is not None else None

    @cached_property
    def notes(self) -> tuple[Note, ...]:
        """Every note, in file order."""
        return tuple(map(records.note_from_record, self.raw_notes))

    @cached_property
    def promises(self) -> tuple[Promise, ...]:
        """Every promise, in file order."""
        return tuple(map(records.promise_from_record, self.raw_promises))

    @cached_property
    def by_id(self) -> Mapping[str, Person]:
        """People by id, each made when first looked up."""
        return PeopleById(self.raw_people, self.persons)

    @cached_property
    def active_people(self) -> Sequence[Person]:
        """People not archived, by name; each made when first read (the app's list shows
        the first screenful of 10,000), ordered by the names in their records."""
        active = (r for r in self.raw_people if not r.get("archived", False))
        return PeopleInOrder(sorted(active, key=_name_key), self.persons)

    @cached_property
    def touches(self) -> Mapping[str, TouchInfo]:
        """Last touch and last note per person id: the file's last-touch table when its
        seal vouches for it, else the same table worked out from every note."""
        from relate_tui.storage import newest
        from relate_tui.storage.touch_table import TableTouches

        if self.newest_current:
            table = newest.by_person(self.tables.get(newest.NEWEST, {}))
        else:
            table = newest.rebuild(self.raw_notes)
        return TableTouches(table)

    @cached_property
    def promises_by_id(self) -> dict[str, Promise]:
        return {p.id: p for p in self.promises}

    @cached_property
    def _raw_notes_by_person(self) -> dict[str, list[dict[str, Any]]]:
        index: dict[str, list[dict[str, Any]]] = {}
        for record in self.raw_notes:
            for pid in record.get("person_ids", ()):
                index.setdefault(pid, []).append(record)
        return index

    def _notes_unparsed(self) -> SealedTables | None:
        """The sealed tables, while the notes are still unparsed bytes."""
        tables = self.tables
        if isinstance(tables, SealedTables) and not tables.is_parsed("notes"):
            return tables
        return None

    def raw_notes_for(self, person_id: str) -> Sequence[dict[str, Any]]:
        """A person's note records, in file order, as stored: found by a byte search while
        the notes are unparsed (the app shows one person of 10,000 without parsing them)."""
        found = self.__dict__.setdefault("_raw_notes_for", {})
        if person_id not in found:
            sealed = self._notes_unparsed()
            if sealed is not None:
                found[person_id] = tuple(sealed.mentioning(person_id))
            else:
                found[person_id] = tuple(self._raw_notes_by_person.get(person_id, ()))
        return found[person_id]

    def notes_for(self, person_id: str) -> list[Note]:
        """A person's notes, newest first."""
        done = self.__dict__.setdefault("_notes_for", {})
        if person_id in done:
            return list(done[person_id])
        raw = self.raw_notes_for(person_id)
        notes = [records.note_from_record(r) for r in reversed(raw)]
        # Stable sort: notes written at the same minute keep "last written first".
        notes.sort(key=lambda n: n.at, reverse=True)
        done[person_id] = tuple(notes)
        return notes

    def note_ids(self) -> list[str]:
        """Every note's id, in file order: from the bytes while the notes are unparsed."""
        sealed = self._notes_unparsed()
        if sealed is not None:
            return sealed.ids("notes")
        return [r["id"] for r in self.raw_notes]

    def review(self, today: date, settings: Settings) -> Review:
        """The weekly review of this snapshot (the app computes it off its view, in a thread)."""
        from relate_tui.domain.review import first_day_read, review

        # Convert only the notes the review reads: a stored ``at`` starts with its local
        # date, so older notes are skipped as strings (most of a second on J100k).
        since = first_day_read(today, settings).isoformat()
        sealed = self._notes_unparsed()
        if sealed is not None:
            recent = sealed.notes_since(since)
        else:
            recent = [r for r in self.raw_notes if r["at"][:10] >= since]
        notes = [records.note_from_record(r) for r in recent]
        return review(self.people, notes, self.promises, today, settings, touches=self.touches)

    def raw_record(self, table: str, record_id: str) -> dict[str, Any] | None:
        """The stored record ``record_id`` of ``table`` in this snapshot, or None."""
        sealed = self._notes_unparsed() if table == "notes" else None
        if sealed is not None and "_raw_index" not in self.__dict__:
            return sealed.find(table, record_id)
        index = self.__dict__.setdefault("_raw_index", {})
        if table not in index:
            # Only the table asked for: reading ``raw_notes`` parses every note.
            if table == "people":
                rows = self.raw_people
            elif table == "notes":
                rows = self.raw_notes
            else:
                rows = self.raw_promises
            index[table] = {r["id"]: r for r in rows}
        return index[table].get(record_id)

    def open_promises_for(self, person_id: str) -> list[Promise]:
        """A person's open promises, soonest due first."""
        # From the open promises the queue converted already: converting every promise
        # (5,000 at J100k) for one person's card took a third of a second.
        return sorted(
            (p for p in self.open_promises if p.person_id == person_id),
            key=lambda p: p.due,
        )


def _name_key(record: dict[str, Any]) -> str:
    return record.get("name", "").casefold()  # as ``Person.name``: ``person_from_record``


def people_touched(changes: Any) -> frozenset[str]:
    """The people whose records, notes or promises ``changes`` (``Change``s) touch."""
    ids: set[str] = set()
    for change in changes:
        records_ = [r for r in (change.before, change.after) if r is not None]
        if change.table == "people":
            ids.add(change.id)
        elif change.table == "notes":
            ids.update(pid for r in records_ for pid in r.get("person_ids", ()))
        elif change.table == "promises":
            ids.update(r["person_id"] for r in records_ if "person_id" in r)
    return frozenset(ids)


class PersonName(NamedTuple):
    """A person as name matching sees them, without converting the whole record (a tuple:
    ``relate log`` makes one for everyone in the journal, and a tuple is made in a
    fraction of a frozen dataclass's time)."""

    id: str
    name: str
    nickname: str
    archived: bool

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else ""
