"""Record changes written into a sealed file's bytes, without parsing or serialising the rest.

``spliced`` turns a list of ``Change``s into the file's new bytes after its meta table, as
pieces to write in order: slices of the old bytes (no copies) and the few records that
changed. Each record is found by a byte search (``storage.record_bytes``), replaced, removed,
or added where sorted keys put it, and the last-touch table (``storage.newest``) is updated
for the people the note changes touch. The result is byte for byte what parsing the file,
applying the changes with TinyDB and writing it whole gives (a Hypothesis test compares the
two), at the cost of a few byte searches instead of a parse and a serialisation.

It gives up (returns None, and the caller takes the ordinary path) when a table the changes
need is not in the file yet, or when one batch changes the same record twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import orjson

from relate_tui.storage import newest
from relate_tui.storage import record_bytes as rb
from relate_tui.storage.change import UNCHECKED, Change, changed_meanwhile
from relate_tui.storage.schema import TABLES

Piece = bytes | memoryview
_ENTRY_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS


class Source(Protocol):
    """What the splice needs of a sealed file (``storage.sealed.SealedFile``)."""

    raw: bytes
    rest_start: int

    def bounds(self, name: str) -> rb.Bounds | None: ...

    @property
    def last_ids(self) -> dict[str, int]: ...


@dataclass
class Splice:
    """The new bytes after the meta table, and what the seal must say about them."""

    rest: list[Piece]
    last_ids: dict[str, int]
    applied: list[Change]
    """The changes with ``before`` filled in (for undo)."""
    records: dict[str, list[tuple[str, dict[str, Any] | None]]]
    """Per table, each record written or removed (None) by its doc id: what a reader
    holding the old tables parsed applies to have the new ones without parsing them."""


@dataclass
class _Table:
    """The edits to one table: records replaced or removed, and records added."""

    bounds: rb.Bounds
    last_id: int
    spans: dict[int, tuple[rb.Span, dict[str, Any] | None]] = field(default_factory=dict)
    """Record start → (its span, its new content; None removes it)."""
    added: list[dict[str, Any]] = field(default_factory=list)
    written: list[tuple[str, dict[str, Any] | None]] = field(default_factory=list)
    """(doc id, record or None) for every record written or removed, once assembled."""


def entry(key: str, record: dict[str, Any]) -> bytes:
    """One record as it sits in its table: ``    "key": {`` to its closing ``    }``."""
    text = orjson.dumps({"": {key: record}}, option=_ENTRY_OPTIONS)
    return text[len(b'{\n  "": {\n') : -len(b"\n  }\n}")]


def spliced(source: Source, changes: Sequence[Change]) -> Splice | None:
    """The file after ``changes`` (see the module docstring); None to take the ordinary path.

    Raises:
        ChangedMeanwhile: a change's ``expected`` record is not what the file holds.
        TypeError: a record holds a value JSON cannot store.
    """
    raw = source.raw
    last_ids = source.last_ids
    tables: dict[str, _Table] = {}
    applied: list[Change] = []
    note_changes: list[tuple[dict | None, dict | None]] = []
    seen: set[tuple[str, str]] = set()
    for change in changes:
        bounds = source.bounds(change.table)
        if change.table not in TABLES or bounds is None or change.table not in last_ids:
            return None
        if not change.new:  # a record looked up twice would be found as it was before
            if (change.table, change.id) in seen:
                return None
            seen.add((change.table, change.id))
        table = tables.get(change.table)
        if table is None:
            table = tables[change.table] = _Table(bounds, last_ids[change.table])
        found = None if change.new else rb.find(raw, bounds, "id", change.id)
        before = found[1] if found is not None else None
        if change.expected is not UNCHECKED and before != change.expected:
            raise changed_meanwhile(change)
        if found is not None:
            table.spans[found[0].start] = (found[0], change.after)
        elif change.after is not None:
            table.added.append(change.after)
        if not change.new:
            change = Change(change.table, change.id, before, change.after)
        applied.append(change)
        if change.table == "notes":
            note_changes.append((before, change.after))
    if note_changes and not _touch_table(source, tables, note_changes):
        return None
    return _assemble(source, tables, applied)


def _touch_table(
    source: Source, tables: dict[str, _Table], note_changes: list[tuple[dict | None, dict | None]]
) -> bool:
    """Add the last-touch table's edits for the people ``note_changes`` touch."""
    raw = source.raw
    bounds = source.bounds(newest.NEWEST)
    notes_bounds = source.bounds("notes")
    if bounds is None or notes_bounds is None or newest.NEWEST not in source.last_ids:
        return False
    stored: dict[str, tuple[rb.Span, dict[str, Any]] | None] = {}

    def current(person_id: str) -> dict[str, Any] | None:
        found = stored[person_id] = rb.find(raw, bounds, "person_id", person_id)
        return found[1] if found is not None else None

    changed_ids = {note["id"] for pair in note_changes for note in pair if note is not None}
    after = [note for _, note in note_changes if note is not None]

    def notes_of(person_ids: set[str]) -> Iterator[Mapping[str, Any]]:
        for person_id in person_ids:
            for _, record in rb.mentioning(raw, notes_bounds, person_id):
                if record["id"] not in changed_ids:
                    yield record
        yield from after

    records = newest.updated(note_changes, current, notes_of)
    table = tables[newest.NEWEST] = _Table(bounds, source.last_ids[newest.NEWEST])
    for person_id in sorted(records):
        found = stored.get(person_id)
        if found is not None:
            table.spans[found[0].start] = (found[0], records[person_id])
        elif records[person_id] is not None:
            table.added.append(records[person_id])  # type: ignore[arg-type]
    return True


def _assemble(source: Source, tables: dict[str, _Table], applied: list[Change]) -> Splice:
    """The new rest of the file from each table's edits."""
    raw = source.raw
    view = memoryview(raw)
    last_ids = dict(source.last_ids)
    rest: list[Piece] = []
    cursor = source.rest_start
    for name in sorted(tables, key=lambda n: tables[n].bounds[0]):
        table = tables[name]
        start, end = table.bounds
        rest.append(view[cursor:start])
        pieces, last_ids[name] = _table_pieces(raw, table)
        rest.extend(pieces)
        cursor = end
    rest.append(view[cursor:])
    written = {name: table.written for name, table in tables.items()}
    return Splice(rest, last_ids, applied, written)


def _table_pieces(raw: bytes, table: _Table) -> tuple[list[Piece], int]:
    """One table's new value, in pieces, and its highest doc id afterwards (each record
    written or removed is noted in ``table.written``)."""
    view = memoryview(raw)
    removed = {span.key for span, after in table.spans.values() if after is None}
    last_id = table.last_id
    if str(last_id) in removed:  # the highest id goes: count on from the one below it
        last_id = rb.highest_key(raw, table.bounds, last_id, removed)
    # (position, order, bytes or None): additions sort before a record at the same place.
    edits: list[tuple[int, int, bytes, rb.Span | None]] = []
    records = rb.body(raw, table.bounds)
    for record in table.added:
        last_id += 1
        key = str(last_id)
        at = 0 if records is None else rb.first_key_after(raw, *records, key.encode())
        edits.append((at, 0, b"\n" + entry(key, record), None))
        table.written.append((key, record))
    for start, (span, after) in table.spans.items():
        new = b"" if after is None else b"\n" + entry(span.key, after)
        edits.append((start, 1, new, span))
        table.written.append((span.key, after))
    edits.sort(key=lambda e: (e[0], e[1], e[2]))
    items: list[Piece] = []
    if records is not None:
        first, end = records
        cursor = first
        for at, _, new, span in edits:
            if cursor < at:
                # The records from the cursor up to the one before ``at`` (without the comma).
                items.append(view[cursor : at - 1 if at < end else end])
            # After an addition the cursor stays on the record that follows it; after a
            # record replaced or removed it moves past that record and its comma.
            past = at if span is None else span.end + 1
            cursor = past if past < end else end
            if new:
                items.append(new)
        if cursor < end:
            items.append(view[cursor:end])
    else:
        items = [new for _, _, new, _ in edits]
    if not items:
        return [b"{}"], last_id
    pieces: list[Piece] = [b"{"]
    for index, item in enumerate(items):
        if index:
            pieces.append(b",")
        pieces.append(item)
    pieces.append(rb.TABLE_END)
    return pieces, last_id
