"""People made from their stored records only when read.

A journal of 10,000 people shows about twenty of them on the app's first screen; making
all 10,000 ``Person``s first (channels, tags, every date) was a sixth of a second of the
first paint at J100k. ``JournalData`` hands out its people by id and by name through the
two collections here, which make each ``Person`` the first time it is read, once per
record, however many lists and threads read it (``PersonCache``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from relate_tui.storage.records import person_from_record

if TYPE_CHECKING:
    from relate_tui.domain.people import Person

Record = dict[str, Any]


class PersonCache:
    """Each stored record's ``Person``, made once.

    Keyed by ``id()`` of the record, kept with it so the id is never reused meanwhile.
    ``before`` is the cache of the snapshot this one was made from: a record that did not
    change is the very same object in both, and its ``Person`` is taken from there.
    Safe to read from two threads (the event loop and the writer): ``dict.setdefault`` is
    atomic, so both get the same ``Person`` even when both made one.
    """

    __slots__ = ("_before", "_made")

    def __init__(self, before: PersonCache | None = None) -> None:
        self._made: dict[int, tuple[Record, Person]] = {}
        # One step back only: the chain does not keep every older snapshot's records alive.
        self._before = before._made if before is not None else None

    def of(self, record: Record) -> Person:
        """The ``Person`` of ``record`` (made now if no one made it before)."""
        hit = self._made.get(id(record))
        if hit is not None and hit[0] is record:
            return hit[1]
        before = self._before.get(id(record)) if self._before is not None else None
        person = before[1] if before is not None and before[0] is record else None
        if person is None:
            person = person_from_record(record)
        return self._made.setdefault(id(record), (record, person))[1]


class PeopleById(Mapping[str, "Person"]):
    """People by id; each made when first looked up (``in`` makes no one)."""

    __slots__ = ("_cache", "_records")

    def __init__(self, records: Sequence[Record], cache: PersonCache) -> None:
        self._records = {r["id"]: r for r in records}
        self._cache = cache

    def __getitem__(self, person_id: str) -> Person:
        return self._cache.of(self._records[person_id])

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._records

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


class PeopleInOrder(Sequence["Person"]):
    """People in a given order (the records'); each made when first read."""

    __slots__ = ("_cache", "_records")

    def __init__(self, records: Sequence[Record], cache: PersonCache) -> None:
        self._records = tuple(records)
        self._cache = cache

    @overload
    def __getitem__(self, index: int) -> Person: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Person, ...]: ...

    def __getitem__(self, index: int | slice) -> Person | tuple[Person, ...]:
        if isinstance(index, slice):
            return tuple(map(self._cache.of, self._records[index]))
        return self._cache.of(self._records[index])

    def __iter__(self) -> Iterator[Person]:
        return map(self._cache.of, self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same people in the same order, as a tuple is."""
        if isinstance(other, (PeopleInOrder, tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PeopleInOrder({len(self._records)} people)"
