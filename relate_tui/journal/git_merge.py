"""``relate merge-driver %O %A %B``: git's merge driver for the journal file.

git hands the driver three files: the common ancestor (%O), ours (%A) and theirs (%B),
and takes %A as the result. With the ancestor every field-level decision is exact: a field
that changed on one side only takes that side's value, one both changed to different
values keeps the later version and records the other as a conflict (the user resolves it
in relate), a record deleted on one side goes unless the other changed it. The result is
one valid, sealed journal, written to %A atomically; git sees no conflict markers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from relate_tui.domain.journal_merge import RECORD_TABLES, merge_journals
from relate_tui.journal.merge import MergeSummary, record_tables, summarise, tombstones
from relate_tui.storage import schema
from relate_tui.storage.atomic import atomic_write
from relate_tui.storage.other_journal import read_other_journal
from relate_tui.storage.sealed import serialise_sealed
from relate_tui.storage.store import stamp_meta

Data = dict[str, Any]


def _numbered(old: dict[str, Any], records: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``records`` keyed as TinyDB keys them: the doc ids ``old`` gave them, and the next
    numbers for records it did not have (in the order given)."""
    keys = {r.get("id"): k for k, r in old.items() if isinstance(r, dict)}
    table: dict[str, Any] = {}
    next_id = max((int(k) for k in old if k.isdigit()), default=0) + 1
    for rid, record in records.items():
        key = keys.get(rid)
        if key is None:
            key, next_id = str(next_id), next_id + 1
        table[key] = record
    return table


def _ordered(ours: Data, theirs: Data, merged: dict[str, dict[str, Any]], name: str) -> dict:
    """Merged records in file order: ours' first (as they were), then theirs' new ones."""
    order: list[str] = []
    for side in (ours, theirs):
        table = side.get(name) or {}
        for key in sorted(table, key=lambda k: int(k) if k.isdigit() else 0):
            rid = table[key].get("id")
            if rid in merged and rid not in order:
                order.append(rid)
    order += [rid for rid in sorted(merged) if rid not in order]
    return {rid: merged[rid] for rid in order}


def merge_three(ancestor: Path, ours: Path, theirs: Path) -> MergeSummary:
    """Merge the three files git gives and write the result over ``ours``.

    Raises:
        CopyUnreadable: one of the files is not a readable journal; nothing is written.
    """
    o = read_other_journal(ancestor, missing_is_empty=True)
    a = read_other_journal(ours)
    b = read_other_journal(theirs)
    mine = record_tables(a)
    merged = merge_journals(
        mine, record_tables(b), tombstones(a), tombstones(b), ancestor=record_tables(o)
    )
    data: Data = {name: table for name, table in a.items() if name != schema.META}
    for name in RECORD_TABLES:
        data[name] = _numbered(a.get(name) or {}, _ordered(a, b, merged.tables[name], name))
    data[schema.TOMBSTONES] = {
        str(number): tomb for number, tomb in enumerate(merged.tombstones.values(), 1)
    }
    if not data[schema.TOMBSTONES]:
        del data[schema.TOMBSTONES]
    meta = dict(schema.meta_record(a)) or {"schema_version": schema.SCHEMA_VERSION}
    meta["revision"] = max(schema.revision(a), schema.revision(b))
    meta.pop("seal", None)
    data[schema.META] = {"1": meta}
    stamp_meta(data, "git")
    atomic_write(ours, serialise_sealed(data))
    return summarise(theirs.name, mine, merged, written=True)
