"""Record-level changes applied to the journal in one transaction.

The journal describes every change as "this record becomes that" (or disappears), which
makes undo generic: applying the inverse puts back exactly the records a change touched.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import orjson

from relate_tui.domain.errors import InputError
from relate_tui.domain.ids import new_id
from relate_tui.storage import history, newest
from relate_tui.storage.change import UNCHECKED, Change, ChangedMeanwhile, changed_meanwhile
from relate_tui.storage.history import Stamp
from relate_tui.storage.record_checks import FIELDS, record_problem
from relate_tui.storage.schema import TABLES
from relate_tui.storage.splice import NotSpliceable
from relate_tui.storage.store import Store

if TYPE_CHECKING:
    from tinydb import TinyDB

Record = dict[str, Any]

__all__ = ["UNCHECKED", "Change", "ChangedMeanwhile", "apply_changes", "undo_last"]


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

    On a sealed file the changes are spliced in without parsing it (``Store.splice``), their
    history entry with them. Otherwise new records are inserted in one batch per table
    without a lookup, and lookups use one pass over the raw table (much faster than a TinyDB
    query per record): a note saved into a journal of 100,000 must not pay for a scan per
    change. Either way the last-touch table (``storage.newest``) is kept up to date for the
    people the note changes touch.
    """
    for change in changes:
        _check_change(change)
    if changes:

        def entry(applied: list[Change]) -> list[Change]:
            record = history.entry(stamp, applied, new_id()) if stamp else None
            return [] if record is None else [_history_change(record)]

        spliced = store.splice(
            changes,
            keep_newest={history.TABLE: history.LIMIT},
            then=entry,
            restamp=_restamp,
        )
        if spliced is not None:
            return spliced
    with store.transaction() as db:
        applied = _apply(db, changes)
        if stamp is not None:
            _remember(db, history.entry(stamp, applied, new_id()))
    return applied


def _restamp(table: str, before: Record | None, after: Record | None) -> Record | None:
    """A record replaced by the splice as ``_apply`` writes it: its changed fields get new
    versions (``storage.versioning``). A deletion (its tombstone) and a record put back
    where one may say it was deleted take the ordinary path."""
    if table not in TABLES:
        raise NotSpliceable(table)
    if before is None or after is None:
        if before is None and after is None:
            return None  # removing what is not there: nothing to write
        raise NotSpliceable(table)
    from relate_tui.domain.versions import all_versions, next_version, stamped
    from relate_tui.storage import versioning

    def version() -> str:
        seen = [*all_versions(before), *all_versions(after)]
        return next_version(versioning.utc_now(), versioning.machine_id(), seen)

    return stamped(table, before, after, version)


def _history_change(record: dict[str, Any]) -> Change:
    return Change(history.TABLE, str(record["id"]), None, record, new=True)


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
    """Apply ``changes`` to the TinyDB of a transaction; returns them with ``before``, the
    last-touch table brought up to date with them."""
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
            raise changed_meanwhile(change)
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
    _keep_newest(db.storage, [c for c in applied if c.table == "notes"])
    return applied


def _keep_newest(buffer: Any, note_changes: Sequence[Change]) -> None:
    """Update the transaction's last-touch table for ``note_changes``, if it was current;
    otherwise the write rebuilds it from the notes."""
    if not buffer.newest_was_current:
        return
    data = buffer.read()
    if note_changes:
        table = data.get(newest.NEWEST, {})
        stored = newest.by_person(table)
        notes = data.get("notes", {})

        def notes_of(person_ids: set[str]) -> Iterator[Mapping[str, Any]]:
            for record in notes.values():
                if not person_ids.isdisjoint(record.get("person_ids", ())):
                    yield record

        pairs = [(c.before, c.after) for c in note_changes]
        records = newest.updated(pairs, stored.get, notes_of)
        data[newest.NEWEST] = newest.changed_table(table, records)
        buffer.write(data)
    buffer.newest_current = True
