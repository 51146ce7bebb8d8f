"""A person as the queue reads them, straight from the stored record.

The queue reads seven fields of a person; converting all 10,000 records of a big journal
into ``Person``s (channels, tags, every date) was a third of ``relate due``. This view
converts only what is read, when it is read, the same way ``records.person_from_record``
does, and satisfies ``domain.queue_due.QueuePerson``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from relate_tui.domain.people import ImportantDate


class PersonFields:
    """The queue's fields of one stored person record."""

    __slots__ = ("_created", "_dates", "_record")

    def __init__(self, record: dict[str, Any]) -> None:
        self._record = record
        self._dates: tuple[ImportantDate, ...] | None = None
        self._created: datetime | None = None

    @property
    def id(self) -> str:
        return self._record["id"]

    @property
    def name(self) -> str:
        return self._record.get("name", "")

    @property
    def archived(self) -> bool:
        return bool(self._record.get("archived", False))

    @property
    def rhythm(self) -> str | None:
        return self._record.get("rhythm")

    @property
    def snooze_until(self) -> date | None:
        value = self._record.get("snooze_until")
        return date.fromisoformat(value) if value else None

    @property
    def created(self) -> datetime:
        if self._created is None:
            self._created = datetime.fromisoformat(self._record["created"])
        return self._created

    @property
    def dates(self) -> tuple[ImportantDate, ...]:
        if self._dates is None:
            self._dates = tuple(
                ImportantDate(d["label"], d["month"], d["day"], d.get("year"))
                for d in self._record.get("dates", ())
            )
        return self._dates
