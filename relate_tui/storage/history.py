"""The change history kept in the journal file, so undo reaches every change, whoever made
it (the app, ``relate log``, an import), and survives restarts.

Every change written through ``Journal`` adds one record to the file's ``undo`` table:

    {"id": "…", "at": "2026-12-02T10:02:00+01:00", "by": "cli",
     "label": "call with Ana Lima",
     "after": {"notes": {"<note id>": "<digest>"}, "promises": {"<id>": "<digest>"}},
     "before": {"people": {"<person id>": {…the whole record as it was…}}}}

``after`` names every record the change wrote, with a digest of what it wrote (null: it
deleted the record; a record's ``versions`` and ``conflicts``, kept for merging another
machine's copy, are left out of it); ``before`` holds the whole record as it was, for
records that existed (a new note has none); ``fields`` names, for a record it replaced,
each field it changed with a digest of the value it wrote. So an entry is small for the
everyday change (a note: one digest) and holds what undo needs to put back. The table
keeps the newest ``LIMIT`` changes: each save that adds one drops the oldest beyond that,
the same way whether the record is spliced in (``relate log``) or written the ordinary
way.

Undo takes the newest entry and, under the lock, puts back each record that is still what
the change wrote (its digest matches). A record changed since by anything that kept no
history (a hand edit, an older relate) is merged field by field: the fields this change
wrote that still hold what it wrote go back, the others stay; a record none of whose
fields still hold it is left as it is and named. The entry is removed
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


_MERGE_KEYS = ("versions", "conflicts")
"""What a record keeps for merging with another machine's copy (``storage.versioning``):
not part of what a change wrote, so an undo that gives a field a new version still leaves
the record "as the change before wrote it" for undoing that one too."""


def digest(record: Mapping[str, Any] | None) -> str | None:
    """A short fingerprint of ``record`` as stored (None for no record): equal records
    give equal digests before and after a trip through the file. The merge's versions
    and conflicts are left out (see ``_MERGE_KEYS``)."""
    if record is None:
        return None
    if any(key in record for key in _MERGE_KEYS):
        record = {k: v for k, v in record.items() if k not in _MERGE_KEYS}
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
    wrote: dict[str, dict[str, dict[str, str]]] = {}
    for change in changes:
        if change.before is None and change.after is None:
            continue  # deleting what was not there
        after.setdefault(change.table, {})[change.id] = digest(change.after)
        if change.before is not None:
            before.setdefault(change.table, {})[change.id] = change.before
        if change.before is not None and change.after is not None:
            fields = _fields_written(change.table, change.before, change.after)
            if fields:
                wrote.setdefault(change.table, {})[change.id] = fields
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
    if wrote:
        record["fields"] = wrote
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
    fields = record.get("fields") if isinstance(record.get("fields"), dict) else {}
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
                # Changed since: the fields this change wrote that still hold what it wrote
                # go back; the rest (an import, another pane, a hand edit) stay.
                written_fields = (fields.get(table) or {}).get(record_id)
                old = olds.get(record_id) if isinstance(olds, dict) else None
                partly = _fields_undone(table, now, old, written_fields)
                if partly is None:
                    done.kept.append((table, record_id, now))
                else:
                    writes.append((table, record_id, partly))
                    done.restored.append((table, record_id))
                continue
            old = olds.get(record_id) if isinstance(olds, dict) else "damaged"
            if old is not None and (not isinstance(old, dict) or old.get("id") != record_id):
                done.kept.append((table, record_id, now))  # a damaged copy: leave it be
                continue
            writes.append((table, record_id, old))
            done.restored.append((table, record_id))
    return writes, done


def _value_digest(value: Any) -> str:
    data = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    return blake2b(data, digest_size=6).hexdigest()


def _fields_written(table: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> dict:
    """Each field a change wrote (as ``domain.record_fields`` counts fields), with a
    digest of the value it wrote: what lets undo take back its own fields of a record
    that changed since in others."""
    from relate_tui.domain.record_fields import field_values

    old, new = field_values(table, before), field_values(table, after)
    return {
        key: _value_digest(new.get(key))
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    }


def _fields_undone(
    table: str, now: dict[str, Any] | None, old: Any, written: Any
) -> dict[str, Any] | None:
    """``now`` with the fields the undone change wrote, and that still hold what it
    wrote, set back to their values in ``old``; None when there is no such field."""
    if now is None or not isinstance(old, dict) or not isinstance(written, dict):
        return None
    from relate_tui.domain.record_fields import field_values
    from relate_tui.domain.record_merge import with_values

    olds, current = field_values(table, old), field_values(table, now)
    back = {
        key: olds.get(key)
        for key, wrote in written.items()
        if _value_digest(current.get(key)) == wrote
    }
    return with_values(table, now, back) if back else None
