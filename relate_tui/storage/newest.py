"""The last-touch table: each person's newest note and newest touch, kept inside the journal
file so that ``relate queue``, ``relate due`` and the app's first screen never read every
note.

The table is called ``newest`` (a name that sorts between ``meta`` and ``notes``, so it sits
near the top of the file, and relates that predate it skip it without trouble). One record
per person who has notes::

    {"note": {"at": "...", "id": "...", "kind": "coffee", "line": "Talked about ..."},
     "person_id": "...",
     "touch": {"at": "...", "id": "...", "kind": "coffee"}}

``touch`` is left out for someone who has only jots. ``line`` is the first non-blank line of
the newest note's body, as written (the queue shows it as plain text). "Newest" is the
greatest ``(at, id)``: ``at`` as stored, the local time the person lived it, and the id only
to break ties, so the table is a function of the notes alone, whatever order they were
written in; ``rebuild`` and every incremental update agree byte for byte.

The table is derived data. The seal says whether it is current (``storage.sealed``); a file
whose seal does not match, or that was sealed by a relate without the table, has it rebuilt
from the notes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from relate_tui.domain.note_kinds import TOUCH_KINDS

TYPE_CHECKING = False  # typing is not imported on the status line's path (``quick_due``)
if TYPE_CHECKING:
    from typing import Any

NEWEST = "newest"
"""The table's name in the file."""
FORMAT = 1
"""The layout of its records; the seal records it, and any other value means "rebuild"."""

Record = dict[str, "Any"]


def first_line(body: str) -> str:
    """The first non-blank line of ``body`` as written (``""`` for a blank body)."""
    for line in body.splitlines():
        if line.strip():
            return line
    return ""


def _key(note: Mapping[str, Any]) -> tuple[str, str]:
    return (note["at"], note["id"])


def _note_head(note: Mapping[str, Any]) -> Record:
    return {
        "at": note["at"],
        "id": note["id"],
        "kind": note.get("kind", "note"),
        "line": first_line(note.get("body", "")),
    }


def _touch_head(note: Mapping[str, Any]) -> Record:
    return {"at": note["at"], "id": note["id"], "kind": note.get("kind", "note")}


def _person_ids(note: Mapping[str, Any] | None) -> tuple[str, ...]:
    if note is None or type(note.get("at")) is not str or type(note.get("id")) is not str:
        return ()
    ids = note.get("person_ids", ())
    return tuple(pid for pid in ids if isinstance(pid, str)) if isinstance(ids, list) else ()


def _is_touch(note: Mapping[str, Any]) -> bool:
    return note.get("kind", "note") in TOUCH_KINDS


def rebuild(notes: Iterable[Mapping[str, Any]], only: set[str] | None = None) -> dict[str, Record]:
    """Person id → record, worked out from ``notes`` (stored note records).

    With ``only``, just those people (the rest of the notes are skipped quickly).
    """
    # The hottest loop when a table must be rebuilt (100,000 notes): plain tuples first,
    # records built once per person at the end.
    newest: dict[str, tuple[str, str]] = {}
    newest_note: dict[str, Mapping[str, Any]] = {}
    touch: dict[str, tuple[str, str]] = {}
    touch_note: dict[str, Mapping[str, Any]] = {}
    touch_kinds = TOUCH_KINDS
    for note in notes:
        key = (note.get("at"), note.get("id"))
        if type(key[0]) is not str or type(key[1]) is not str:
            continue  # not a note relate could show: it is nobody's newest
        is_touch = note.get("kind", "note") in touch_kinds
        for pid in note.get("person_ids", ()):
            if type(pid) is not str or (only is not None and pid not in only):
                continue
            if key > newest.get(pid, ("", "")):
                newest[pid] = key
                newest_note[pid] = note
            if is_touch and key > touch.get(pid, ("", "")):
                touch[pid] = key
                touch_note[pid] = note
    table: dict[str, Record] = {}
    for pid, note in newest_note.items():
        record: Record = {"note": _note_head(note), "person_id": pid}
        if pid in touch_note:
            record["touch"] = _touch_head(touch_note[pid])
        table[pid] = record
    return table


def as_table(by_person: Mapping[str, Record]) -> dict[str, Record]:
    """The stored table (TinyDB doc ids ``"1"``…, in person id order) of ``by_person``."""
    return {str(n): by_person[pid] for n, pid in enumerate(sorted(by_person), start=1)}


def by_person(table: Mapping[str, Record]) -> dict[str, Record]:
    """Person id → record of a stored table."""
    return {r["person_id"]: r for r in table.values() if isinstance(r, dict) and "person_id" in r}


_PERSON_KEY = b'\n      "person_id": "'
_TOUCH_DAYS = None
"""The pattern ``touch_days_in`` reads each record's person and touch day with (made when
first used: ``re`` is not imported on the status line's path until then)."""


def touch_days_in(raw: bytes, start: int, end: int) -> dict[str, date] | None:
    """``touch_days(by_person(table))`` for the table whose value lies at ``start:end`` in
    ``raw``, read from its bytes without parsing it: relate writes the table indented,
    keys sorted (``"note"``, ``"person_id"``, ``"touch"``), so each record's person id and
    its touch's day sit at fixed places. ``relate due --count`` needs no more of it, and
    parsing 10,000 records for it cost ~45 ms. None when anything is not as relate writes
    it (a person id with an escape in it, a touch without its day first): then parse it.
    """
    global _TOUCH_DAYS
    if _TOUCH_DAYS is None:
        import re

        _TOUCH_DAYS = re.compile(
            rb'\n      "person_id": "([^"\\]*)"'
            rb'(,\n      "touch": (?:\{\n        "at": "(\d{4}-\d\d-\d\d))?)?'
        )
    found = _TOUCH_DAYS.findall(raw, start, end)
    if len(found) != raw.count(_PERSON_KEY, start, end):
        return None  # a person id this does not read: the parse reads it
    days: dict[str, date | None] = {}
    dates: dict[bytes, date] = {}  # ten thousand touches fall on far fewer days
    for person_id, touch, day in found:
        if touch and not day:
            return None
        if day:
            when = dates.get(day)
            if when is None:
                when = dates[day] = date.fromisoformat(day.decode())
            days[person_id.decode()] = when
        else:  # a later record for the same person without a touch wins, as in the parse
            days[person_id.decode()] = None
    return {person_id: day for person_id, day in days.items() if day is not None}


def touch_days(by_person: Mapping[str, Record]) -> dict[str, date]:
    """Each person's last touch day, from ``by_person`` (people never touched left out)."""
    return {
        pid: date.fromisoformat(record["touch"]["at"][:10])
        for pid, record in by_person.items()
        if "touch" in record
    }


NoteChange = tuple["Record | None", "Record | None"]
"""A note record before and after a change (None: absent)."""


def updated(
    changes: Iterable[NoteChange],
    current: Callable[[str], Record | None],
    notes_of: Callable[[set[str]], Iterable[Mapping[str, Any]]],
) -> dict[str, Record | None]:
    """The new records of the people ``changes`` touch (None: they have no notes left).

    ``current(pid)`` is the person's record as stored; ``notes_of(pids)`` gives every note,
    as it is *after* the changes, about any of ``pids``. It is called only for people whose
    stored newest note or touch was changed or removed: adding a note compares two keys.
    """
    affected: dict[str, Record | None] = {}
    rescan: set[str] = set()
    # In order: a later change can undo an earlier one (a note moved, then moved back).
    for before, after in changes:
        gone = before["id"] if before is not None else None
        for pid in _person_ids(before):
            record = affected[pid] if pid in affected else current(pid)
            affected[pid] = record
            if record is not None and gone in (
                record["note"]["id"],
                record.get("touch", {}).get("id"),
            ):
                rescan.add(pid)  # its newest went: only the notes can say what is next
        for pid in _person_ids(after):
            if pid not in affected:
                affected[pid] = current(pid)
            if pid not in rescan:
                affected[pid] = _with(affected[pid], pid, after)  # type: ignore[arg-type]
    if rescan:
        affected.update({pid: None for pid in rescan})
        affected.update(rebuild(notes_of(rescan), only=rescan))
    return affected


def _with(record: Record | None, pid: str, note: Mapping[str, Any]) -> Record:
    """``record`` with ``note`` taken into account."""
    if record is None:
        fresh: Record = {"note": _note_head(note), "person_id": pid}
        if _is_touch(note):
            fresh["touch"] = _touch_head(note)
        return fresh
    record = dict(record)
    key = _key(note)
    if key > _key(record["note"]):
        record["note"] = _note_head(note)
    if _is_touch(note) and ("touch" not in record or key > _key(record["touch"])):
        record["touch"] = _touch_head(note)
    return record


def changed_table(
    table: dict[str, Record], new_records: Mapping[str, Record | None]
) -> dict[str, Record]:
    """``table`` (a stored table, doc id → record) with ``new_records`` applied, as a new dict.

    A person's record keeps its doc id; people new to the table get the next ids in person
    id order, counted from the highest id left once records are removed (as TinyDB counts).
    """
    slots = {r["person_id"]: key for key, r in table.items()}
    result = dict(table)
    for pid, record in new_records.items():
        key = slots.get(pid)
        if key is not None:
            if record is None:
                del result[key]
            else:
                result[key] = record
    next_id = max(map(int, result), default=0) + 1
    for pid in sorted(new_records):
        record = new_records[pid]
        if pid not in slots and record is not None:
            result[str(next_id)] = record
            next_id += 1
    return result
