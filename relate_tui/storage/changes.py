"""Record-level changes applied to the journal in one transaction.

The journal describes every change as "this record becomes that" (or disappears), which
makes undo generic: applying the inverse puts back exactly the records a change touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from relate_tui.storage.errors import StorageError
from relate_tui.storage.store import Store

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


def apply_changes(store: Store, changes: Sequence[Change]) -> list[Change]:
    """Apply ``changes`` in one locked, atomic write; returns them with ``before`` filled in.

    New records are inserted in one batch per table without a lookup, and lookups use one
    pass over the raw table (much faster than a TinyDB query per record): a note saved
    into a journal of 100,000 must not pay for a scan per change. Changes that only add
    records are spliced into a sealed file without parsing it (``Store.insert_sealed``).
    """
    if changes and all(change.new for change in changes):
        added: dict[str, list[dict[str, Any]]] = {}
        for change in changes:
            added.setdefault(change.table, []).append(change.after or {})
        if store.insert_sealed(added):
            return list(changes)
    from tinydb.table import Document  # not needed when the records were spliced in

    from relate_tui.storage.table import FastTable
    from relate_tui.storage.versioning import RecordKeeper

    applied: list[Change] = []
    with store.transaction() as db:
        db.table_class = FastTable
        keeper = RecordKeeper(db)  # versions of changed fields, tombstones of deletions
        indexes: dict[str, dict[str, int]] = {}
        inserts: dict[str, list[dict[str, Any]]] = {}
        for change in changes:
            if change.new:
                inserts.setdefault(change.table, []).append(change.after or {})
                applied.append(change)
                continue
            raw_table = db.storage.read().get(change.table, {})
            index = indexes.get(change.table)
            if index is None:
                index = {r.get("id"): int(k) for k, r in raw_table.items()}
                indexes[change.table] = index
            doc_id = index.get(change.id)
            before = dict(raw_table[str(doc_id)]) if doc_id is not None else None
            if change.expected is not UNCHECKED and before != change.expected:
                raise ChangedMeanwhile(
                    f"{change.table} record {change.id} changed while this was being worked "
                    "out; nothing was written, try again"
                )
            after = keeper.written(change.table, change.id, before, change.after)
            if after is not change.after:
                change = Change(change.table, change.id, before, after)
            table = db.table(change.table)
            if doc_id is not None:
                # Remove and re-insert under the same doc id rather than update(): TinyDB's
                # update edits the document dict in place, and earlier snapshots share it.
                table.remove(doc_ids=[doc_id])
                if change.after is None:
                    del index[change.id]
                else:
                    table.insert(Document(change.after, doc_id=doc_id))
            elif change.after is not None:
                inserts.setdefault(change.table, []).append(change.after)
            applied.append(Change(change.table, change.id, before, change.after))
        for name, records in inserts.items():
            db.table(name).insert_multiple(records)
        keeper.finish()
    return applied
