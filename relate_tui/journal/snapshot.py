"""``JournalData``: an immutable snapshot of the whole journal at one revision, and the
last-touch index the queue and the people list read instead of every note."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from relate_tui.domain.notes import TOUCH_KINDS, Note
from relate_tui.domain.people import Person
from relate_tui.domain.promises import Promise
from relate_tui.settings import Settings
from relate_tui.storage import records

if TYPE_CHECKING:
    from relate_tui.domain.review import Review
    from relate_tui.domain.touches import TouchInfo


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
        return tuple(map(records.person_from_record, self.raw_people))

    @cached_property
    def names(self) -> tuple[PersonName, ...]:
        """What name matching needs of everyone, read straight from the records."""
        return tuple(
            PersonName(r["id"], r.get("name", ""), r.get("nickname", ""), bool(r.get("archived")))
            for r in self.raw_people
        )

    def person(self, person_id: str) -> Person | None:
        """One person, converted on its own unless everyone already is."""
        if "by_id" in self.__dict__ or "people" in self.__dict__:
            return self.by_id.get(person_id)
        record = next((r for r in self.raw_people if r["id"] == person_id), None)
        return records.person_from_record(record) if record is not None else None

    @cached_property
    def notes(self) -> tuple[Note, ...]:
        """Every note, in file order."""
        return tuple(map(records.note_from_record, self.raw_notes))

    @cached_property
    def promises(self) -> tuple[Promise, ...]:
        """Every promise, in file order."""
        return tuple(map(records.promise_from_record, self.raw_promises))

    @cached_property
    def by_id(self) -> dict[str, Person]:
        """People by id."""
        return {p.id: p for p in self.people}

    @cached_property
    def active_people(self) -> tuple[Person, ...]:
        """People not archived, by name."""
        return tuple(
            sorted((p for p in self.people if not p.archived), key=lambda p: p.name.casefold())
        )

    @cached_property
    def touches(self) -> Mapping[str, TouchInfo]:
        """Last touch and last note per person id, found without converting every note.

        Notes are compared by their stored local time (``at`` as written, with its offset):
        the queue counts in local dates, and this is the order the person lived them in.
        """
        # The hottest loop of every read: kept to plain dict operations on purpose.
        any_at: dict[str, str] = {}
        any_rec: dict[str, dict[str, Any]] = {}
        touch_at: dict[str, str] = {}
        touch_rec: dict[str, dict[str, Any]] = {}
        touch_kinds = TOUCH_KINDS
        for record in self.raw_notes:
            at = record["at"]
            is_touch = record["kind"] in touch_kinds
            for pid in record["person_ids"]:
                if at > any_at.get(pid, ""):
                    any_at[pid] = at
                    any_rec[pid] = record
                if is_touch and at > touch_at.get(pid, ""):
                    touch_at[pid] = at
                    touch_rec[pid] = record
        return _LazyTouches(any_rec, touch_rec)

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

    def notes_for(self, person_id: str) -> list[Note]:
        """A person's notes, newest first."""
        raw = self._raw_notes_by_person.get(person_id, ())
        notes = [records.note_from_record(r) for r in reversed(raw)]
        # Stable sort: notes written at the same minute keep "last written first".
        notes.sort(key=lambda n: n.at, reverse=True)
        return notes

    def review(self, today: date, settings: Settings) -> Review:
        """The weekly review of this snapshot (the app computes it off its view, in a thread)."""
        from relate_tui.domain.review import first_day_read, review

        # Convert only the notes the review reads: a stored ``at`` starts with its local
        # date, so older notes are skipped as strings (most of a second on J100k).
        since = first_day_read(today, settings).isoformat()
        notes = [records.note_from_record(r) for r in self.raw_notes if r["at"][:10] >= since]
        return review(self.people, notes, self.promises, today, settings, touches=self.touches)

    def raw_record(self, table: str, record_id: str) -> dict[str, Any] | None:
        """The stored record ``record_id`` of ``table`` in this snapshot, or None."""
        index = self.__dict__.setdefault("_raw_index", {})
        if table not in index:
            rows = {"people": self.raw_people, "notes": self.raw_notes}.get(
                table, self.raw_promises
            )
            index[table] = {r["id"]: r for r in rows}
        return index[table].get(record_id)

    def open_promises_for(self, person_id: str) -> list[Promise]:
        """A person's open promises, soonest due first."""
        return sorted(
            (p for p in self.promises if p.person_id == person_id and p.is_open),
            key=lambda p: p.due,
        )


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person as name matching sees them, without converting the whole record."""

    id: str
    name: str
    nickname: str
    archived: bool

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else ""


class _LazyTouches(Mapping):  # of str -> TouchInfo (imported lazily)
    """Last touch and last note per person id, each note converted only when asked for.

    The queue looks up only people with something due, and the people list only the rows
    on screen: converting every person's notes up front was most of a ``relate queue``.
    """

    def __init__(self, last_any: dict[str, dict[str, Any]], last_touch: dict[str, dict[str, Any]]):
        self._any = last_any
        self._touch = last_touch
        self._done: dict[str, TouchInfo] = {}

    def __getitem__(self, person_id: str) -> TouchInfo:
        info = self._done.get(person_id)
        if info is None:
            record = self._any[person_id]  # KeyError for someone with no notes at all
            info = self._done[person_id] = _TouchRecords(self._touch.get(person_id), record)
        return info  # type: ignore[return-value]  # a TouchInfo in all but name

    def __iter__(self) -> Iterator[str]:
        return iter(self._any)

    def __len__(self) -> int:
        return len(self._any)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._any


class _TouchRecords:
    """A ``TouchInfo`` that converts its two notes when first read: the queue reads the
    last touch of everyone with a rhythm, but the last note only of people it lists."""

    __slots__ = ("_converted", "_note", "_touch")

    def __init__(self, touch: dict[str, Any] | None, note: dict[str, Any]) -> None:
        self._touch = touch
        self._note = note
        self._converted: dict[int, Note] = {}  # by id() of the record: one Note per record

    def _convert(self, record: dict[str, Any]) -> Note:
        note = self._converted.get(id(record))
        if note is None:
            note = self._converted[id(record)] = records.note_from_record(record)
        return note

    @property
    def last_touch(self) -> Note | None:
        return self._convert(self._touch) if self._touch is not None else None

    @property
    def last_note(self) -> Note | None:
        return self._convert(self._note)
