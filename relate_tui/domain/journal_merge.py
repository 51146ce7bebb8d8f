"""Two journals (and perhaps their common ancestor) merged record by record.

``merge_journals`` takes each side's people, notes and promises (records by id) and
tombstones, and gives the merged records and what came in. Pure: the journal layer reads
the files and writes the result (``journal.merge``).

- A record on both sides is merged field by field (``domain.record_merge``).
- A record on one side only was added there, unless the other side deleted it: its
  tombstone (or, in a git merge, the ancestor) says so. The record then goes, unless it
  was changed after the deletion could have seen it: an edit beats a delete, the record
  is kept and a ``deleted`` conflict tells the user.
- A person that a kept note or promise is about is kept too (a new note about someone
  deleted elsewhere brings them back, with a conflict): no note or promise is left
  about nobody.
- Tombstones: the union of both sides (of two for one record, the later), the newest
  ``TOMBSTONE_LIMIT`` kept. Undoing a deletion marks its tombstone ``undone`` with a new
  version rather than dropping it, so a copy still holding the deletion does not win.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from relate_tui.domain.record_fields import DELETED, VERSIONS, canonical, field_values
from relate_tui.domain.record_merge import merge_records
from relate_tui.domain.versions import (
    conflict_key,
    conflicts_of,
    current,
    joined,
    knows,
    lineage,
    with_bookkeeping,
)

RECORD_TABLES = ("people", "notes", "promises")
TOMBSTONE_LIMIT = 2000
"""How many deletions a journal remembers (see the README, "Two machines")."""

Record = dict[str, Any]
Tables = Mapping[str, Mapping[str, Record]]
"""Table name to record id to record."""
TombKey = tuple[str, str]


@dataclass
class MergeReport:
    """What a merge brought into "ours" (record ids per table)."""

    added: dict[str, list[str]] = field(default_factory=dict)
    changed: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)
    """(table, record id, field) of each conflict that is new to ours."""
    settled: list[tuple[str, str, str]] = field(default_factory=list)
    """(table, record id, field) of each conflict of ours that the merge settles (the
    other side resolved it, or changed its field since): gone from the list."""
    kept_over_delete: list[tuple[str, str]] = field(default_factory=list)
    """(table, record id) of records deleted on one side and changed on the other: kept."""

    @property
    def empty(self) -> bool:
        """True when the merge brings nothing in."""
        return not (self.added or self.changed or self.removed or self.conflicts or self.settled)


@dataclass
class Merged:
    """The merged records and tombstones, and the report."""

    tables: dict[str, dict[str, Record]]
    tombstones: dict[TombKey, Record]
    report: MergeReport


def tombstone_index(records: Iterable[Mapping[str, Any]]) -> dict[TombKey, Record]:
    """Tombstone records by (table, id); of two for one record, the later."""
    index: dict[TombKey, Record] = {}
    for record in records:
        table, rid = record.get("table"), record.get("id")
        if not isinstance(table, str) or not isinstance(rid, str):
            continue
        key = (table, rid)
        if key not in index or _at(record) > _at(index[key]):
            index[key] = dict(record)
    return index


def _at(tombstone: Mapping[str, Any]) -> str:
    at = tombstone.get("at")
    return at if isinstance(at, str) else ""


def bounded(tombstones: Mapping[TombKey, Record]) -> dict[TombKey, Record]:
    """The newest ``TOMBSTONE_LIMIT`` tombstones, oldest first (a fixed order)."""
    ordered = sorted(tombstones.items(), key=lambda item: (_at(item[1]), item[0]))
    return dict(ordered[-TOMBSTONE_LIMIT:])


def outlived(record: Mapping[str, Any], tombstone: Mapping[str, Any]) -> bool:
    """True when ``record`` has already been kept over this deletion once, or the
    deletion was undone (the tombstone says so)."""
    if tombstone.get("undone"):
        return True
    return bool(_at(tombstone)) and _at(tombstone) in lineage(record, DELETED)


def _covers(table: str, record: Mapping[str, Any], tombstone: Mapping[str, Any]) -> bool:
    """True when the deletion saw every change ``record`` holds (it may go)."""
    seen = tombstone.get(VERSIONS)
    seen = seen if isinstance(seen, dict) else {}
    for key in record.get(VERSIONS) or {}:
        if key == DELETED:
            continue
        line = seen.get(key)
        line = [v for v in line if isinstance(v, str)] if isinstance(line, list) else []
        if not knows(line, current(lineage(record, key))):
            return False
    return True


def covers_deletion(table: str, record: Mapping[str, Any], tombstone: Mapping[str, Any]) -> bool:
    """True when ``tombstone`` deletes ``record`` as it is: the deletion saw all of it,
    and the record was not already kept over it."""
    return not outlived(record, tombstone) and _covers(table, record, tombstone)


def kept_over(record: Record, tombstone_at: str) -> Record:
    """``record`` kept over a deletion at ``tombstone_at``, with a ``deleted`` conflict."""
    versions = {k: lineage(record, k) for k in record.get(VERSIONS) or {}}
    versions[DELETED] = joined(lineage(record, DELETED), also=[tombstone_at])
    conflict = {
        "field": DELETED,
        "value": None,
        "version": tombstone_at,
        "against": current(versions[DELETED]),
    }
    conflicts = [*conflicts_of(record), conflict]
    versions = {k: v for k, v in versions.items() if v}
    return with_bookkeeping(record, versions, _dedupe(conflicts))


def _dedupe(conflicts: list[Record]) -> list[Record]:
    kept: dict[tuple[str, str, str], Record] = {}
    for conflict in conflicts:
        kept.setdefault(conflict_key(conflict), conflict)
    return [kept[key] for key in sorted(kept)]


def merge_journals(
    ours: Tables,
    theirs: Tables,
    ours_tombstones: Iterable[Mapping[str, Any]] = (),
    theirs_tombstones: Iterable[Mapping[str, Any]] = (),
    ancestor: Tables | None = None,
) -> Merged:
    """Merge ``theirs`` into ``ours`` (see the module docstring).

    The records are the same whichever side is "ours" (only the report is about ours).
    """
    tombs_a, tombs_b = tombstone_index(ours_tombstones), tombstone_index(theirs_tombstones)
    union = dict(tombs_a)
    for key, tomb in tombs_b.items():
        if key not in union or _tomb_order(tomb) > _tomb_order(union[key]):
            union[key] = tomb
    tables: dict[str, dict[str, Record]] = {}
    gone: dict[TombKey, tuple[Record, str]] = {}  # deleted by the merge: record, deletion
    for table in RECORD_TABLES:
        mine, other = ours.get(table, {}), theirs.get(table, {})
        old = ancestor.get(table, {}) if ancestor is not None else {}
        result: dict[str, Record] = {}
        for rid in sorted(set(mine) | set(other)):
            a, b = mine.get(rid), other.get(rid)
            if a is not None and b is not None:
                result[rid], _ = merge_records(table, a, b, old.get(rid))
                continue
            present = a if a is not None else b
            assert present is not None
            # The latest word on its deletion, from either side: a deletion undone since
            # (its tombstone marked so, and later) deletes nothing.
            tomb = union.get((table, rid))
            if tomb is not None and tomb.get("undone"):
                tomb = None
            base = old.get(rid)
            if tomb is None and base is None:
                result[rid] = present  # added on one side
                continue
            at = _at(tomb) if tomb is not None else ""
            if tomb is not None and outlived(present, tomb):
                result[rid] = present
            elif (base is not None and _same(table, present, base)) or (
                base is None and tomb is not None and _covers(table, present, tomb)
            ):
                gone[(table, rid)] = (present, at)
            else:
                result[rid] = kept_over(present, at)
        tables[table] = result
    _keep_referenced(tables, gone)
    tombstones = bounded(union)
    return Merged(tables, tombstones, changes_between(ours, tables))


def _tomb_order(tomb: Record) -> tuple[str, str]:
    return (_at(tomb), canonical(tomb))


def _same(table: str, a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return field_values(table, a) == field_values(table, b)


def _references(table: str, record: Mapping[str, Any]) -> list[TombKey]:
    """The people a note or promise is about (a person's introducer is not kept alive:
    deleting someone leaves "introduced by" pointing at nobody on one machine too)."""
    if table == "notes":
        ids = record.get("person_ids")
        return [("people", p) for p in ids if isinstance(p, str)] if isinstance(ids, list) else []
    if table == "promises" and isinstance(record.get("person_id"), str):
        return [("people", record["person_id"])]
    return []


def _keep_referenced(
    tables: dict[str, dict[str, Record]], gone: dict[TombKey, tuple[Record, str]]
) -> None:
    """Bring back records the merge deleted that kept records point at (until none)."""
    todo = [(t, r) for t in RECORD_TABLES for r in tables[t]]
    while todo and gone:
        table, rid = todo.pop()
        for ref in _references(table, tables[table][rid]):
            back = gone.pop(ref, None)
            if back is not None:
                tables[ref[0]][ref[1]] = kept_over(back[0], back[1])
                todo.append(ref)


def changes_between(ours: Tables, merged: Mapping[str, Mapping[str, Record]]) -> MergeReport:
    """What ``merged`` has that ``ours`` had not: records added, changed (a field's value)
    and removed, and conflicts new to ours (tables of records by id)."""
    report = MergeReport()
    for table in RECORD_TABLES:
        before, after = ours.get(table, {}), merged[table]
        added = [rid for rid in after if rid not in before]
        changed = [
            rid for rid in after if rid in before and not _same(table, after[rid], before[rid])
        ]
        removed = [rid for rid in before if rid not in after]
        for name, found in (("added", added), ("changed", changed), ("removed", removed)):
            if found:
                getattr(report, name)[table] = sorted(found)
        for rid, record in after.items():
            old = {conflict_key(c) for c in conflicts_of(before.get(rid))}
            new = {conflict_key(c) for c in conflicts_of(record)}
            for conflict in conflicts_of(before.get(rid)):
                if conflict_key(conflict) not in new:
                    report.settled.append((table, rid, conflict["field"]))
            for conflict in conflicts_of(record):
                if conflict_key(conflict) not in old:
                    report.conflicts.append((table, rid, conflict["field"]))
                    if conflict["field"] == DELETED:
                        report.kept_over_delete.append((table, rid))
    return report


__all__ = [
    "TOMBSTONE_LIMIT",
    "MergeReport",
    "Merged",
    "bounded",
    "changes_between",
    "covers_deletion",
    "kept_over",
    "merge_journals",
    "outlived",
    "tombstone_index",
]
