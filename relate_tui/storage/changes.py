"""Record-level changes applied to the journal in one transaction.

The journal describes every change as "this record becomes that" (or disappears), which
makes undo generic: applying the inverse puts back exactly the records a change touched.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import orjson

from relate_tui.domain.errors import InputError
from relate_tui.storage import newest
from relate_tui.storage.change import UNCHECKED, Change, ChangedMeanwhile, changed_meanwhile
from relate_tui.storage.record_checks import FIELDS, record_problem
from relate_tui.storage.store import Store

__all__ = ["UNCHECKED", "Change", "ChangedMeanwhile", "apply_changes"]


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


def apply_changes(store: Store, changes: Sequence[Change]) -> list[Change]:
    """Apply ``changes`` in one locked, atomic write; returns them with ``before`` filled in.

    On a sealed file the changes are spliced in without parsing it (``Store.splice``).
    Otherwise new records are inserted in one batch per table without a lookup, and lookups
    use one pass over the raw table (much faster than a TinyDB query per record): a note
    saved into a journal of 100,000 must not pay for a scan per change. Either way the
    last-touch table (``storage.newest``) is kept up to date for the people the note
    changes touch.
    """
    for change in changes:
        _check_change(change)
    if changes:
        spliced = store.splice(changes)
        if spliced is not None:
            return spliced
    from tinydb.table import Document  # not needed when the records were spliced in

    from relate_tui.storage.table import FastTable

    applied: list[Change] = []
    with store.transaction() as db:
        db.table_class = FastTable
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
