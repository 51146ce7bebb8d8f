"""Each person's last touch and last note, read from the file's last-touch table
(``storage.newest``) as the queue and the people list read them: a ``TouchInfo`` per
person, its note heads made only when they are read."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime

from relate_tui.storage import newest

TYPE_CHECKING = False  # typing is not imported on the lean read paths (``quick_queue``)
if TYPE_CHECKING:
    from typing import Any

    from relate_tui.domain.touches import NoteHead, TouchInfo


class TableTouches(Mapping):  # of str -> TouchInfo
    """Last touch and last note per person id, from last-touch table records. Each is a
    ``StoredTouch`` that turns the record into note heads only when they are read: the
    queue needs the last touch's day of everyone with a rhythm, the last note only of the
    people it lists, and the people list only the rows on screen."""

    def __init__(self, table: dict[str, dict[str, Any]]) -> None:
        self._table = table
        self._done: dict[str, StoredTouch] = {}

    def __getitem__(self, person_id: str) -> TouchInfo:
        info = self._done.get(person_id)
        if info is None:
            info = self._done[person_id] = StoredTouch(self._table[person_id])
        return info  # type: ignore[return-value]  # a TouchInfo in all but name

    def get(self, person_id: str, default: Any = None) -> Any:  # no KeyError round trip
        info = self._done.get(person_id)
        if info is None:
            record = self._table.get(person_id)
            if record is None:
                return default
            info = self._done[person_id] = StoredTouch(record)
        return info

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._table

    def touch_days(self) -> dict[str, date]:
        """Each person's last touch day, read from the records without building heads."""
        return newest.touch_days(self._table)


class StoredTouch:
    """A ``TouchInfo`` read from a last-touch table record, its heads made when read."""

    __slots__ = ("_note", "_record", "_touch")

    def __init__(self, record: dict[str, Any]) -> None:
        self._record = record
        self._touch: NoteHead | None = None
        self._note: NoteHead | None = None

    @property
    def last_touch(self) -> NoteHead | None:
        if self._touch is None and "touch" in self._record:
            self._touch = _head(self._record["touch"])
        return self._touch

    @property
    def last_note(self) -> NoteHead:
        if self._note is None:
            self._note = _head(self._record["note"])
        return self._note

    @property
    def touch_day(self) -> date | None:
        touch = self._record.get("touch")
        return date.fromisoformat(touch["at"][:10]) if touch is not None else None

    @property
    def touch_kind(self) -> str | None:
        touch = self._record.get("touch")
        return touch["kind"] if touch is not None else None


def _head(stored: dict[str, Any]) -> NoteHead:
    global _new_head
    if _new_head is None:  # imported when first needed, then made cheaply (one per person)
        from relate_tui.domain.slotted import maker
        from relate_tui.domain.touches import NoteHead

        _new_head = maker(NoteHead)
    return _new_head(
        stored["id"], datetime.fromisoformat(stored["at"]), stored["kind"], stored.get("line", "")
    )


_new_head = None
