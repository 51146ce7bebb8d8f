"""The change history kept in the journal file, so undo reaches every change, whoever made
it (the app, ``relate log``, an import), and survives restarts.

Every change written through ``Journal`` adds one record to the file's ``undo`` table:

    {"id": "…", "at": "2026-12-02T10:02:00+01:00", "by": "cli",
     "label": "call with Ana Lima",
     "after": {"notes": {"<note id>": "<digest>"}, "promises": {"<id>": "<digest>"}},
     "before": {"people": {"<person id>": {…the whole record as it was…}}}}

``after`` names every record the change wrote, with a digest of what it wrote (null: it
deleted the record); ``before`` holds the whole record as it was, for records that existed
(a new note has none). So an entry is small for the everyday change (a note: one digest)
and holds what undo needs to put back. The table keeps the newest ``LIMIT`` changes: each
save that adds one drops the oldest beyond that, the same way whether the record is
spliced in (``relate log``) or written the ordinary way.

Undo takes the newest entry and, under the lock, puts back each record that is still what
the change wrote (its digest matches); a record changed since by anything that kept no
history (a hand edit, an older relate) is left as it is and named. The entry is removed
either way: undoing again goes on to the change before it.

The table is named ``undo`` rather than ``history`` because a sealed file needs ``meta``
first and tables are in sorted order. Older relates read and keep it like any unknown
table, which is why it needed no schema version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import orjson

from relate_tui.storage.schema import TABLES

try:  # the BLAKE2 of hashlib without its OpenSSL import (~5 ms on the capture path)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - every CPython has it; other Pythons may not
    from hashlib import blake2b

TABLE = "undo"
"""The history table's name."""
LIMIT = 50
"""How many changes the file remembers."""


def digest(record: Mapping[str, Any] | None) -> str | None:
    """A short fingerprint of ``record`` as stored (None for no record): equal records
    give equal digests before and after a trip through the file."""
    if record is None:
        return None
    data = orjson.dumps(record, option=orjson.OPT_SORT_KEYS)
    return blake2b(data, digest_size=8).hexdigest()


class RecordChange(Protocol):
    """One record replaced (a ``storage.changes.Change``), as the history sees it."""

    @property
    def table(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def before(self) -> dict[str, Any] | None: ...
    @property
    def after(self) -> dict[str, Any] | None: ...


@dataclass(frozen=True)
class Stamp:
    """What a history entry says about a change besides its records."""

    label: str
    """What the change did, in words: "call with Ana Lima"."""
    at: str
    """When, as an ISO date-time with offset."""
    by: str
    """Who wrote it: "cli" or "app"."""


def entry(stamp: Stamp, changes: Sequence[RecordChange], entry_id: str) -> dict[str, Any] | None:
    """The history record for ``changes`` (with ``before`` filled in), or None when they
    change nothing."""
    after: dict[str, dict[str, str | None]] = {}
    before: dict[str, dict[str, Any]] = {}
    for change in changes:
        if change.before is None and change.after is None:
            continue  # deleting what was not there
        after.setdefault(change.table, {})[change.id] = digest(change.after)
        if change.before is not None:
            before.setdefault(change.table, {})[change.id] = change.before
    if not after:
        return None
    record: dict[str, Any] = {
        "id": entry_id,
        "at": stamp.at,
        "by": stamp.by,
        "label": stamp.label,
        "after": after,
    }
    if before:
        record["before"] = before
    return record


def oldest_beyond_limit(keys: Sequence[str], limit: int = LIMIT) -> list[str]:
    """The record keys of the history table to drop so the newest ``limit`` remain."""
    numbered = [key for key in keys if key.isdigit()]
    if len(numbered) <= limit:
        return []
    return sorted(numbered, key=int)[: len(numbered) - limit]


def newest_key(keys: Sequence[str]) -> str | None:
    """The key of the newest history entry (the highest record number), if any."""
    numbered = [key for key in keys if key.isdigit()]
    return max(numbered, key=int) if numbered else None


@dataclass
class Reverted:
    """What undoing one history entry did."""

    label: str
    at: str
    by: str
    restored: list[tuple[str, str]] = field(default_factory=list)
    """(table, id) of every record put back as it was (or removed, if the change made it)."""
    kept: list[tuple[str, str, dict[str, Any] | None]] = field(default_factory=list)
    """(table, id, the record now) of records changed since, left as they are."""


def plan_undo(
    tables: Mapping[str, Mapping[str, dict[str, Any]]], record: dict[str, Any]
) -> tuple[list[tuple[str, str, dict[str, Any] | None]], Reverted]:
    """The records to write to undo history entry ``record`` against ``tables`` (the
    journal now): ``(table, id, record to put back or None to remove)``, and what will
    have been done."""
    done = Reverted(
        str(record.get("label", "")), str(record.get("at", "")), str(record.get("by", ""))
    )
    writes: list[tuple[str, str, dict[str, Any] | None]] = []
    before = record.get("before")
    after = record.get("after")
    if not isinstance(after, dict) or not isinstance(before or {}, dict):
        return [], done  # an entry damaged by hand: nothing to put back
    for table, written in after.items():
        if table not in TABLES or not isinstance(written, dict):
            continue  # not a table of records: never written by relate
        current = {r.get("id"): r for r in (tables.get(table) or {}).values()}
        olds = (before or {}).get(table, {})
        for record_id, wrote in written.items():
            now = current.get(record_id)
            if digest(now) != wrote:
                done.kept.append((table, record_id, now))
                continue
            old = olds.get(record_id) if isinstance(olds, dict) else "damaged"
            if old is not None and (not isinstance(old, dict) or old.get("id") != record_id):
                done.kept.append((table, record_id, now))  # a damaged copy: leave it be
                continue
            writes.append((table, record_id, old))
            done.restored.append((table, record_id))
    return writes, done
