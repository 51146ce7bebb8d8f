"""Record-level changes applied to the journal in one transaction.

The journal describes every change as "this record becomes that" (or disappears), which
makes undo generic: applying the inverse puts back exactly the records a change touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from relate_tui.domain.errors import InputError
from relate_tui.domain.ids import new_id
from relate_tui.storage import history
from relate_tui.storage.errors import StorageError
from relate_tui.storage.history import Stamp
from relate_tui.storage.record_checks import FIELDS, record_problem
from relate_tui.storage.store import Store

if TYPE_CHECKING:
    from tinydb import TinyDB

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


def _check_change(change: Change) -> None:
    """Refuse a record the journal could not read back (``InputError``, nothing written):
    what is written must pass the checks every read makes."""
    if change.after is None or change.table not in FIELDS:
        return
    problem = record_problem(change.table, change.after)
    if problem is None:
        try:
            orjson.dumps(change.after)
        except TypeError:  # a lone surrogate: bytes that were never UTF-8 text
            problem = "holds text that is not valid UTF-8"
    if problem:
        raise InputError(
            f"cannot save {change.table} record {change.id}: {problem}; nothing was written"
        )


def apply_changes(
    store: Store, changes: Sequence[Change], stamp: Stamp | None = None
) -> list[Change]:
    """Apply ``changes`` in one locked, atomic write; returns them with ``before`` filled in.

    With ``stamp`` the change is added to the file's history (``storage.history``) in the
    same write, so undo can reach it from any process, later.

    New records are inserted in one batch per table without a lookup, and lookups use one
    pass over the raw table (much faster than a TinyDB query per record): a note saved
    into a journal of 100,000 must not pay for a scan per change. Changes that only add
    records are spliced into a sealed file without parsing it (``Store.insert_sealed``),
    their history entry with them.
    """
    for change in changes:
        _check_change(change)
    if changes and all(change.new for change in changes):
        added: dict[str, list[dict[str, Any]]] = {}
        for change in changes:
            added.setdefault(change.table, []).append(change.after or {})
        record = history.entry(stamp, changes, new_id()) if stamp else None
        if record is not None:
            added[history.TABLE] = [record]
        if store.insert_sealed(added, keep_newest={history.TABLE: history.LIMIT}):
            return list(changes)
    with store.transaction() as db:
        applied = _apply(db, changes)
        if stamp is not None:
            _remember(db, history.entry(stamp, applied, new_id()))
    return applied


def undo_last(store: Store) -> history.Reverted | None:
    """Undo the newest change in the file's history, in one locked, atomic write: every
    record it wrote that is still as it wrote it goes back to what it was; records changed
    since are left alone (``Reverted.kept`` names them). The entry is removed either way.
    None when the history is empty (nothing is written then)."""
    with store.transaction() as db:
        tables = db.storage.read()
        entries = tables.get(history.TABLE) or {}
        key = history.newest_key(list(entries))
        if key is None:
            return None
        writes, done = history.plan_undo(tables, entries[key])
        _apply(db, [Change(table, rid, None, record) for table, rid, record in writes])
        db.table(history.TABLE).remove(doc_ids=[int(key)])
    return done


def _remember(db: TinyDB, record: dict[str, Any] | None) -> None:
    """Add ``record`` to the history table and drop the oldest entries beyond its limit."""
    if record is None:
        return
    table = db.table(history.TABLE)
    table.insert(record)
    keys = list(db.storage.read().get(history.TABLE) or {})
    old = history.oldest_beyond_limit(keys)
    if old:
        table.remove(doc_ids=[int(k) for k in old])


def _apply(db: TinyDB, changes: Sequence[Change]) -> list[Change]:
    """Apply ``changes`` to the TinyDB of a transaction; returns them with ``before``."""
    from tinydb.table import Document  # not needed when the records were spliced in

    from relate_tui.storage.table import FastTable
    from relate_tui.storage.versioning import RecordKeeper

    db.table_class = FastTable
    applied: list[Change] = []
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
