"""People and promises as the queue reads them, straight from the stored records.

The queue reads seven fields of a person; converting all 10,000 records of a big journal
into ``Person``s (channels, tags, every date) was a third of ``relate due``. These views
convert only what is read, when it is read, the same way ``records.person_from_record``
and ``records.promise_from_record`` do, and satisfy ``domain.queue_person``'s shapes.
They import no domain class: ``relate due --count`` after a change counts with them
(``relate_tui.quick_due``) without making the dataclasses of people, notes or promises.
"""

from __future__ import annotations

from datetime import date, datetime

TYPE_CHECKING = False  # typing is not imported on the status line's path
if TYPE_CHECKING:
    from typing import Any


class DateFields:
    """One of a person's yearly dates, read as ``ImportantDate`` holds it."""

    __slots__ = ("day", "label", "month", "year")

    def __init__(self, record: dict[str, Any]) -> None:
        self.label: str = record["label"]
        self.month: int = record["month"]
        self.day: int = record["day"]
        self.year: int | None = record.get("year")

    @property
    def is_birthday(self) -> bool:
        return self.label.strip().lower() == "birthday"


class PersonFields:
    """The queue's fields of one stored person record."""

    __slots__ = ("_created", "_record", "archived", "dates", "id", "rhythm", "snooze_until")

    def __init__(self, record: dict[str, Any]) -> None:
        self._record = record
        # Read for everyone the queue looks at, so read once (plain attributes are read
        # several times faster than properties, 10,000 times a queue).
        self.id: str = record["id"]
        self.rhythm: str | None = record.get("rhythm")
        self.archived: bool = bool(record.get("archived", False))
        snooze = record.get("snooze_until")
        self.snooze_until: date | None = date.fromisoformat(snooze) if snooze else None
        dates = record.get("dates")
        self.dates: tuple[DateFields, ...] = tuple(map(DateFields, dates)) if dates else ()
        self._created: datetime | None = None

    @property
    def name(self) -> str:
        return self._record.get("name", "")

    @property
    def created(self) -> datetime:
        if self._created is None:
            self._created = datetime.fromisoformat(self._record["created"])
        return self._created


class PromiseFields:
    """The queue's fields of one stored promise record."""

    __slots__ = ("due", "id", "person_id", "status", "text")

    def __init__(self, record: dict[str, Any]) -> None:
        self.id: str = record["id"]
        self.person_id: str = record["person_id"]
        self.text: str = record.get("text", "")
        self.due: date = date.fromisoformat(record["due"])
        self.status: str = record.get("status", "open")
