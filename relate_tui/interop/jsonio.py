"""relate's own JSON: every record of every table, nothing lost.

The export is one object: ``{"format": "relate", "version": 1, "exported": ...,
"people": [...], "notes": [...], "promises": [...]}``, the records exactly as the journal
stores them (through ``storage.records``, so fields from newer versions ride along).
Import also takes a journal file itself (or one of its backups): TinyDB's shape, tables of
numbered records.

Importing goes by record id: a record the journal lacks is added; one it has is replaced
only when the file's copy was updated later, so importing an old export never undoes newer
work, and importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from relate_tui.domain.errors import InputError
from relate_tui.domain.notes import Note
from relate_tui.domain.people import Person
from relate_tui.domain.promises import Promise
from relate_tui.interop import Problem
from relate_tui.storage import records

FORMAT = "relate"
VERSION = 1
TABLES = ("people", "notes", "promises")


def export_json(
    people: Iterable[Person],
    notes: Iterable[Note],
    promises: Iterable[Promise],
    exported: datetime,
) -> bytes:
    """The whole journal as relate JSON (sorted keys, two-space indent, oldest first)."""

    def ordered(items: Iterable[Any]) -> list[Any]:
        return sorted(items, key=lambda r: (r.created, r.id))

    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported": exported.isoformat(),
        "people": [records.person_to_record(p) for p in ordered(people)],
        "notes": [records.note_to_record(n) for n in ordered(notes)],
        "promises": [records.promise_to_record(p) for p in ordered(promises)],
    }
    return orjson.dumps(
        document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
    )


@dataclass
class JsonRecords:
    """What a relate JSON file holds, converted, plus records that could not be read."""

    people: list[Person] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _tables(document: Any) -> dict[str, list[Any]]:
    if isinstance(document, dict) and document.get("format") == FORMAT:
        version = document.get("version")
        if not isinstance(version, int) or version > VERSION:
            raise InputError(
                f"this relate JSON is version {version}; this relate reads up to {VERSION}"
            )
        return {t: list(document.get(t) or []) for t in TABLES}
    if isinstance(document, dict) and any(isinstance(document.get(t), dict) for t in TABLES):
        # A journal file: {"people": {"1": {...}, "2": {...}}, ...}, perhaps an old one
        # (a v0 note has one "person_id"): bring it to this version's shape first.
        from relate_tui.storage.migrations import MigrationError, upgrade

        try:
            document = upgrade(document)
        except MigrationError as exc:
            raise InputError(f"this journal file cannot be imported: {exc}") from None
        return {t: list((document.get(t) or {}).values()) for t in TABLES}
    raise InputError("this JSON is neither a relate export nor a relate journal file")


def parse_json(text: str) -> JsonRecords:
    """Read relate JSON; a record that cannot be read is a problem, the rest import."""
    try:
        document = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise InputError(f"the file is not valid JSON ({exc})") from None
    tables = _tables(document)
    out = JsonRecords()
    readers: dict[str, tuple[Callable[[dict[str, Any]], Any], list[Any]]] = {
        "people": (records.person_from_record, out.people),
        "notes": (records.note_from_record, out.notes),
        "promises": (records.promise_from_record, out.promises),
    }
    for table, rows in tables.items():
        read, into = readers[table]
        for number, row in enumerate(rows, 1):
            label = f"{table} record {number}"
            if isinstance(row, dict) and isinstance(row.get("id"), str):
                label += f" (id {row['id']})"
            try:
                if not isinstance(row, dict):
                    raise TypeError("not an object")
                record = read(row)
                if any(
                    isinstance(v, datetime) and v.tzinfo is None
                    for v in (record.created, record.updated, getattr(record, "at", None))
                ):
                    raise ValueError("its timestamps need a UTC offset")
                into.append(record)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                why = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
                out.problems.append(Problem(label, f"cannot be read: {why}"))
    return out


@dataclass
class JsonPlan:
    """Records to write and what was left alone."""

    people: list[Person] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Problem] = field(default_factory=list)


def plan_json_import(
    incoming: JsonRecords,
    people: Iterable[Person],
    notes: Iterable[Note],
    promises: Iterable[Promise],
) -> JsonPlan:
    """Which records of ``incoming`` to write into a journal holding the given ones.

    Notes and promises about nobody in the journal (or the file) are skipped: they would be
    invisible, and would trip anything that looks their person up.
    """
    plan = JsonPlan()
    plan.skipped += incoming.problems
    known_people = {p.id: p for p in people}
    person_ids = set(known_people) | {p.id for p in incoming.people}

    def decide(record: Any, existing: dict[str, Any], into: list[Any]) -> None:
        current = existing.get(record.id)
        if current is None:
            plan.added += 1
        elif record.updated > current.updated:
            plan.updated += 1
        else:
            plan.unchanged += 1
            return
        into.append(record)

    for person in incoming.people:
        decide(person, known_people, plan.people)
    known_notes = {n.id: n for n in notes}
    for note in incoming.notes:
        if not set(note.person_ids) & person_ids:
            plan.skipped.append(Problem(f"note {note.id}", "it is about nobody in the journal"))
            continue
        decide(note, known_notes, plan.notes)
    known_promises = {p.id: p for p in promises}
    for promise in incoming.promises:
        if promise.person_id not in person_ids:
            plan.skipped.append(Problem(f"promise {promise.id}", "it is to nobody in the journal"))
            continue
        decide(promise, known_promises, plan.promises)
    return plan
