"""Promises: something you said you would do for someone, by a date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

OPEN, KEPT, DROPPED = "open", "kept", "dropped"
STATUSES = (OPEN, KEPT, DROPPED)


@dataclass(frozen=True, slots=True)
class Promise:
    """Something you said you would do for a person ("send the deck"), due on a date."""

    id: str
    person_id: str
    text: str
    due: date
    created: datetime
    updated: datetime
    status: str = OPEN
    closed_at: datetime | None = None
    """When it was kept or dropped."""
    note_id: str | None = None
    """The note it was written in, if any."""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_open(self) -> bool:
        return self.status == OPEN
