"""Conflicts a merge kept aside, listed and resolved (``relate conflicts``, the person card).

A conflict is a value of a field that another machine changed at the same time as this
one: the later change is in the record, the other is kept in the record's ``conflicts``
until the user picks one. A ``deleted`` conflict is a record deleted on one machine and
changed on the other: it was kept, and the user may delete it after all.

Resolving gives the field a new version, which retires the conflict on every machine:
a copy that still holds it merges in without bringing it back.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from relate_tui.domain.errors import InputError, shown
from relate_tui.journal.merge import describe
from relate_tui.journal.refs import SHORTEST, SHOWN
from relate_tui.storage.changes import Change
from relate_tui.storage.schema import TABLES as RECORD_TABLES

if TYPE_CHECKING:
    from relate_tui.journal.commits import JournalCommits
    from relate_tui.journal.snapshot import JournalData

DELETED = "deleted"
"""The field of a conflict about a record deleted elsewhere (``domain.record_fields``)."""


@dataclass(frozen=True)
class ConflictItem:
    """One conflict, ready to show."""

    ref: str
    """A short code that names it on the command line (``relate conflicts keep REF``)."""
    table: str
    record_id: str
    field: str
    """The field ("org", "channels.email", "status"...) or ``deleted``."""
    current: Any
    """The value the record holds now (the later change)."""
    other: Any
    """The value kept aside (None for a ``deleted`` conflict)."""
    other_version: str
    """When and where the other value was made (a version, see ``domain.versions``)."""
    record: str
    """The record in a few words ("Ana Lima", "call with Ana Lima", "send the deck")."""
    person_ids: tuple[str, ...]
    """Who the record is about."""
    current_here: bool = False
    """The value the record holds was made on this machine."""
    other_here: bool = False
    """The value kept aside was made on this machine (the other machine's edit was the
    later one): what tells "this machine had" from "the other machine had"."""

    @property
    def is_deletion(self) -> bool:
        return self.field == DELETED


def conflict_ref(table: str, record_id: str, conflict: Mapping[str, Any]) -> str:
    """The short, stable code of a conflict."""
    from relate_tui.domain.versions import conflict_key

    key = "\x1f".join((table, record_id, *conflict_key(conflict)))
    return f"{zlib.crc32(key.encode()):08x}"[:SHOWN]  # as long as a note's reference


def _about(table: str, record: Mapping[str, Any]) -> tuple[str, ...]:
    if table == "people":
        return (str(record.get("id")),)
    if table == "notes":
        return tuple(p for p in record.get("person_ids") or [] if isinstance(p, str))
    return (str(record.get("person_id")),)


def _made_on(version: str, machine: str) -> bool:
    """True when ``version`` was made on ``machine`` (a version ends in "~machine")."""
    return version.rpartition("~")[2] == machine and "~" in version


def items_of(
    table: str, record: Mapping[str, Any], people: Mapping[str, Mapping[str, Any]]
) -> list[ConflictItem]:
    """The conflicts of one stored record."""
    from relate_tui.domain.record_fields import value_of
    from relate_tui.domain.versions import conflicts_of, current, lineage
    from relate_tui.storage.versioning import machine_id

    here = machine_id()
    found = []
    for conflict in conflicts_of(record):
        name = conflict["field"]
        now = current(lineage(record, name))
        found.append(
            ConflictItem(
                ref=conflict_ref(table, str(record.get("id")), conflict),
                table=table,
                record_id=str(record.get("id")),
                field=name,
                current=None if name == DELETED else value_of(table, record, name),
                other=conflict.get("value"),
                other_version=str(conflict.get("version", "")),
                record=describe(table, record, people),
                person_ids=_about(table, record),
                current_here=_made_on(now, here),
                other_here=_made_on(str(conflict.get("version", "")), here),
            )
        )
    return found


def all_conflicts(journal: JournalCommits) -> list[ConflictItem]:
    """Every conflict in the journal: people first, then notes, then promises."""
    return conflicts_in(journal.data())


def conflicts_in(data: JournalData) -> list[ConflictItem]:
    """Every conflict in a snapshot of the journal."""
    people = {r["id"]: r for r in data.raw_people}
    found: list[ConflictItem] = []
    for table in RECORD_TABLES:
        for record in (data.tables.get(table) or {}).values():
            if "conflicts" in record:
                found += items_of(table, record, people)
    return found


def conflicts_about(data: JournalData, person_id: str) -> list[ConflictItem]:
    """The conflicts of a person's record, their notes and their promises, in a snapshot
    of the journal (the app reads its view's; nothing is read from disk)."""
    records: Iterable[tuple[str, Mapping[str, Any] | None]] = [
        ("people", data.raw_record("people", person_id)),
        # The person's note records as stored: none converted, none parsed but theirs.
        *(("notes", r) for r in data.raw_notes_for(person_id)),
        *(("promises", r) for r in data.raw_promises if r.get("person_id") == person_id),
    ]
    found: list[ConflictItem] = []
    people: dict[str, Any] | None = None  # the names, read only when there is a conflict
    for table, record in records:
        if record is not None and "conflicts" in record:
            if people is None:
                people = {r["id"]: r for r in data.raw_people}
            found += items_of(table, record, people)
    return found


def find_conflict(journal: JournalCommits, ref: str) -> ConflictItem:
    """The conflict whose code starts with ``ref``; ``InputError`` when none or several."""
    ref = ref.strip().lower()
    if len(ref) < SHORTEST:  # the rule of notes' and promises' references
        raise InputError(
            f'"{shown(ref)}" is too short to name a conflict: give at least {SHORTEST} '
            "characters of the code `relate conflicts` lists"
        )
    matches = [c for c in all_conflicts(journal) if c.ref.startswith(ref)]
    if not matches:
        raise InputError(f'no conflict "{ref}": `relate conflicts` lists them with their codes')
    if len(matches) > 1:
        raise InputError(f'"{ref}" could be {", ".join(c.ref for c in matches)}: give more')
    return matches[0]


def resolve_conflict(journal: JournalCommits, item: ConflictItem, *, take_other: bool) -> str:
    """Resolve a conflict: keep what the record holds (``take_other`` False) or take
    the value kept aside; for a ``deleted`` conflict, taking the other side deletes
    the record. Returns what was done, in words."""
    from relate_tui.domain.record_merge import with_values
    from relate_tui.domain.versions import (
        all_versions,
        conflicts_of,
        current,
        joined,
        lineage,
        next_version,
        with_bookkeeping,
    )
    from relate_tui.storage.versioning import machine_id, utc_now

    journal._check_writable()
    record = journal.data().raw_record(item.table, item.record_id)
    if record is None:
        raise InputError("that record is no longer in the journal")
    conflict = next(
        (
            c
            for c in conflicts_of(record)
            if conflict_ref(item.table, item.record_id, c) == item.ref
        ),
        None,
    )
    if conflict is None:
        raise InputError("that conflict was resolved meanwhile")
    if take_other and item.is_deletion:
        return _delete_for_good(journal, item)
    made = next_version(utc_now(), machine_id(), all_versions(record))
    old = current(lineage(record, item.field))
    versions = {k: lineage(record, k) for k in record.get("versions") or {}}
    versions[item.field] = joined([made], lineage(record, item.field))
    remaining = []
    for other in conflicts_of(record):
        if other == conflict:
            continue
        if other["field"] == item.field and other.get("against", "") == old:
            other = {**other, "against": made}
        remaining.append(other)
    after = with_bookkeeping(record, versions, remaining)
    if take_other:
        after = with_values(item.table, after, {item.field: conflict.get("value")})
    after["updated"] = journal._now().isoformat()
    verb = "took the other value" if take_other else "kept the current value"
    label = f"resolve {item.field} of {item.record}"
    journal._commit(label, [Change(item.table, item.record_id, None, after, expected=record)])
    return f"{verb} of {item.field} for {item.record}"


def _delete_for_good(journal: Any, item: ConflictItem) -> str:
    if item.table == "people":
        journal.delete_person(item.record_id)  # type: ignore[attr-defined]
    else:
        record = journal.data().raw_record(item.table, item.record_id)
        change = Change(item.table, item.record_id, None, None, expected=record)
        journal._commit(f"delete {item.record}", [change])
    return f"deleted {item.record}, as the other machine did"
