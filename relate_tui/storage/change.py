"""``Change``: one record replaced, the unit every write of the journal is made of.

Kept apart from ``storage.changes`` (which applies them through the ``Store``) so the sealed
splice can describe and apply changes without importing the ``Store``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from relate_tui.storage.errors import StorageError

UNCHECKED: Any = object()
"""``Change.expected`` when the record is replaced whatever it holds now."""


class ChangedMeanwhile(StorageError):
    """A record changed on disk between reading it and writing it back; nothing written."""


@dataclass(frozen=True)
class Change:
    """One record replaced: ``after`` None deletes it, ``before`` None means it is new."""

    table: str
    id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    new: bool = False
    """True for a record created just now: it cannot exist in the file yet."""
    expected: Any = UNCHECKED
    """The record as the caller read it (None: absent). If the file holds something else
    by the time of writing, nothing is written (``ChangedMeanwhile``): for changes worked
    out from a snapshot, such as an import merging into people someone may be editing."""


def changed_meanwhile(change: Change) -> ChangedMeanwhile:
    """The error for ``change`` finding its record changed since it was read."""
    return ChangedMeanwhile(
        f"{change.table} record {change.id} changed while this was being worked "
        "out; nothing was written, try again"
    )
