"""Record changes written into a sealed file's bytes, without parsing or serialising the rest.

``spliced`` turns a list of ``Change``s into the file's new bytes after its meta table, as
pieces to write in order: slices of the old bytes (no copies) and the few records that
changed. Each record is found by a byte search (``storage.record_bytes``), replaced, removed,
or added where sorted keys put it, and the last-touch table (``storage.newest``) is updated
for the people the note changes touch. The result is byte for byte what parsing the file,
applying the changes with TinyDB and writing it whole gives (a Hypothesis test compares the
two), at the cost of a few byte searches instead of a parse and a serialisation.

A table kept short (the change history, ``storage.history``) is put together again from
its records' bytes as they are, with the new ones, keeping only the highest-numbered; it is
added at the end of a file that has not got it yet, where a rewrite puts it (it sorts last).

It gives up (returns None, and the caller takes the ordinary path) when a table the changes
need is not in the file yet (but for that one), or when one batch changes the same record
twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import orjson

from relate_tui.storage import newest
from relate_tui.storage import record_bytes as rb
from relate_tui.storage.change import UNCHECKED, Change, changed_meanwhile
from relate_tui.storage.schema import TABLES

Piece = bytes | memoryview
Follow = Callable[[list[Change]], Sequence[Change]]
"""Records to add once the changes are applied, worked out from them (the history entry)."""
Restamp = Callable[[str, dict[str, Any] | None, dict[str, Any] | None], dict[str, Any] | None]
"""``(table, before, after) → after`` as it is to be written over ``before`` (its field
versions brought up to date); raises ``NotSpliceable`` for a change the ordinary path must
make (one that leaves or clears a tombstone)."""


class NotSpliceable(Exception):
    """Raised by a ``Restamp`` for a change only the ordinary path makes."""


_FILE_END = b"\n}\n"
_ALL = 1 << 62
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
    origins: dict[int, int] = field(default_factory=dict, repr=False)
    """``id()`` of each piece of ``rest`` that is a slice of the old bytes → where in the
    old bytes after meta it starts (the new checksum reuses the old one's marks there)."""
    crc_marks: Any = field(default=None, repr=False)
    """The new bytes' ``CrcMarks`` once the seal is made (``storage.sealed``)."""


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
    whole: list[Piece] | None = None
    """The table's new bytes whole, for a table kept short (``_bounded``)."""


def entry(key: str, record: dict[str, Any]) -> bytes:
    """One record as it sits in its table: ``    "key": {`` to its closing ``    }``."""
    text = orjson.dumps({"": {key: record}}, option=_ENTRY_OPTIONS)
    return text[len(b'{\n  "": {\n') : -len(b"\n  }\n}")]


def spliced(
    source: Source,
    changes: Sequence[Change],
    *,
    keep_newest: Mapping[str, int] | None = None,
    then: Follow | None = None,
    restamp: Restamp | None = None,
) -> Splice | None:
    """The file after ``changes`` (see the module docstring); None to take the ordinary path.

    A table named in ``keep_newest`` keeps only that many records (only new records may go
    there); ``then`` gives new records for such tables from the applied changes;
    ``restamp`` gives each replaced or removed record as it is to be written.

    Raises:
        ChangedMeanwhile: a change's ``expected`` record is not what the file holds.
        TypeError: a record holds a value JSON cannot store.
    """
    raw = source.raw
    last_ids = source.last_ids
    keep_newest = dict(keep_newest or {})
    tables: dict[str, _Table] = {}
    applied: list[Change] = []
    note_changes: list[tuple[dict | None, dict | None]] = []
    seen: set[tuple[str, str]] = set()
    kept_short: dict[str, list[dict[str, Any]]] = {}
    for change in changes:
        fresh = change.table not in last_ids and change.table not in keep_newest
        if change.new and fresh and change.table != "notes":  # notes move the touch table
            keep_newest[change.table] = _ALL  # a table the file lacks: added whole
        if change.table in keep_newest:
            if not change.new or change.after is None:
                return None
            kept_short.setdefault(change.table, []).append(change.after)
            applied.append(change)
            continue
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
        after = change.after
        if restamp is not None and not change.new:
            try:
                after = restamp(change.table, before, after)
            except NotSpliceable:
                return None
        if found is not None:
            table.spans[found[0].start] = (found[0], after)
        elif after is not None:
            table.added.append(after)
        if not change.new:
            change = Change(change.table, change.id, before, after)
        applied.append(change)
        if change.table == "notes":
            note_changes.append((before, change.after))
    if note_changes and not _touch_table(source, tables, note_changes):
        return None
    for change in then(applied) if then is not None else ():
        if change.table not in keep_newest or not change.new or change.after is None:
            return None
        kept_short.setdefault(change.table, []).append(change.after)
    for name, records in kept_short.items():
        table = _bounded(source, name, records, keep_newest[name])
        if table is None:
            return None
        tables[name] = table
    return _assemble(source, tables, applied)


def _bounded(source: Source, name: str, records: list[dict[str, Any]], keep: int) -> _Table | None:
    """The table ``name`` with ``records`` added, keeping its ``keep`` highest doc ids: its
    records' bytes cut out as they are (a record runs from its line ``    "12": {`` to
    before the comma preceding the next one), nothing parsed. A file without the table
    gets it at its end, when it sorts after every table there; None when it would not."""
    raw, last_ids = source.raw, source.last_ids
    bounds = source.bounds(name)
    if bounds is None:
        if name in last_ids or any(other > name for other in last_ids):
            return None
        at = len(raw) - len(_FILE_END)
        table = _Table((at, at), 0)
        header: list[Piece] = [b",\n  " + orjson.dumps(name) + b": "]
    elif name in last_ids:
        table, header = _Table(bounds, last_ids[name]), []
    else:
        return None
    entries: list[tuple[int, bytes]] = []
    inside = rb.body(raw, table.bounds) if bounds is not None else None
    if inside is not None:
        first, close = inside
        at = raw.find(rb.RECORD_START, first, close)
        while at >= 0:
            following = raw.find(rb.RECORD_START, at + 1, close)
            stop = following - 1 if following >= 0 else close  # less the comma
            key_at = at + len(rb.RECORD_START)
            entries.append((int(raw[key_at : raw.find(b'"', key_at)]), raw[at + 1 : stop]))
            at = following
    in_file = table.last_id
    for record in records:
        table.last_id += 1
        entries.append((table.last_id, entry(str(table.last_id), record)))
    entries.sort(key=lambda e: e[0])
    dropped = entries[: max(0, len(entries) - keep)]
    # An entry added and cut by this same splice never reaches the file: a reader holding
    # the old tables must neither add it nor look for it to remove.
    cut = {key for key, _ in dropped}
    table.written = [(str(key), None) for key in sorted(cut) if key <= in_file]
    table.written += [
        (str(key), record)
        for key, record in enumerate(records, start=in_file + 1)
        if key not in cut
    ]
    kept = sorted(entries[len(dropped) :], key=lambda e: str(e[0]))
    body = b"{\n" + b",\n".join(e for _, e in kept) + rb.TABLE_END if kept else b"{}"
    table.whole = [*header, body]
    return table


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


class _Slices:
    """Slices of the old bytes (no copies), each noted with where it starts after meta."""

    def __init__(self, raw: bytes, rest_start: int) -> None:
        self._view = memoryview(raw)
        self._rest_start = rest_start
        self.origins: dict[int, int] = {}

    def __getitem__(self, bounds: slice) -> memoryview:
        piece = self._view[bounds]
        self.origins[id(piece)] = (bounds.start or 0) - self._rest_start
        return piece


def _assemble(source: Source, tables: dict[str, _Table], applied: list[Change]) -> Splice:
    """The new rest of the file from each table's edits."""
    raw = source.raw
    view = _Slices(raw, source.rest_start)
    last_ids = dict(source.last_ids)
    rest: list[Piece] = []
    cursor = source.rest_start
    for name in sorted(tables, key=lambda n: (tables[n].bounds[0], n)):
        table = tables[name]
        start, end = table.bounds
        rest.append(view[cursor:start])
        if table.whole is not None:
            pieces, last_ids[name] = table.whole, table.last_id
        else:
            pieces, last_ids[name] = _table_pieces(raw, table, view)
        rest.extend(pieces)
        cursor = end
    rest.append(view[cursor : len(raw)])
    written = {name: table.written for name, table in tables.items()}
    return Splice(rest, last_ids, applied, written, view.origins)


def _table_pieces(raw: bytes, table: _Table, view: _Slices) -> tuple[list[Piece], int]:
    """One table's new value, in pieces (``view`` slices the old bytes), and its highest
    doc id afterwards (each record written or removed is noted in ``table.written``)."""
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
