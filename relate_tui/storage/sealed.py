"""Sealed journal files: read one table, or add records, without parsing the rest.

Every file relate writes is canonical (``json_format.serialise``: two-space indents, sorted
keys) and *sealed*: its meta record carries ``seal``: each table's highest record key, the
length of every byte after the meta table, and a CRC-32 over those bytes and the meta
record itself (seal included, but for the checksum). When the seal matches, the file is
exactly what relate wrote, so

* one table can be found by its header line and parsed alone (``relate log`` reads the
  people, not 20,000 notes), and
* a new record can be spliced into its table where sorted keys put it, giving the very
  bytes a full rewrite would, without parsing or serialising the rest.

On a 10 MB journal that is a few milliseconds instead of ~60 (parse and serialise), which
is what lets ``relate log`` answer in a blink. Why not a faster JSON parser instead: the
cost is building every note's dict, whichever parser does it, and splicing needs to know
the bytes are canonical, which no parser can say. A file edited by hand or by another
program has a stale seal: it is read and written the ordinary way, and that write seals
it again.

Every record in a sealed file passed ``storage.record_checks`` before it was written: a
whole read checks every record, and every change is checked before it is written. The
seal proves the bytes are still those, so a table read from a sealed file is not checked
again (that would cost a third of ``relate due``), and ``relate log`` splices into a file
``relate queue`` will read. A seal written before it covered the meta record no longer
matches: such a file is read whole, and checked, once.

What the layout guarantees (orjson ``OPT_INDENT_2 | OPT_SORT_KEYS``): a table starts on a
line ``  "name": {`` and ends on the next line ``  }`` (``{}`` when empty); a record starts
on a line ``    "12": {``. A JSON string cannot hold a raw newline, so these byte patterns
only ever occur as structure.

The seal also vouches for the last-touch table (``storage.newest``): ``seal.newest`` holds
its format, and only a seal that says so lets a reader trust the table. Every sealed write
brings the table up to date (``serialise_sealed`` rebuilds it unless told it is current,
the splice updates it), and a relate without the table that splices a note into the file
writes a seal without ``newest``, so the table it left stale is rebuilt, never believed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import orjson

from relate_tui.storage import newest
from relate_tui.storage import record_bytes as rb
from relate_tui.storage.crc_marks import CrcMarks, combined, spliced_marks
from relate_tui.storage.json_format import serialise
from relate_tui.storage.schema import FILE_TABLES, META
from relate_tui.storage.sealed_file import FILE_END as _FILE_END
from relate_tui.storage.sealed_file import META_HEAD as _META_HEAD
from relate_tui.storage.sealed_file import SEAL, SealedBytes, read_seal
from relate_tui.storage.sealed_file import seal_crc as _crc
from relate_tui.storage.splice import Follow, Restamp, Splice, spliced

if TYPE_CHECKING:
    from relate_tui.storage.change import Change

__all__ = ["SEAL", "Pieces", "SealedFile", "SealedTables", "WrittenFile", "open_sealed"]

_TABLE_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
_SEALABLE = frozenset((META, newest.NEWEST, *FILE_TABLES))

Pieces = list[bytes | memoryview]


def _sealed_crc(meta: dict[str, Any], seal: dict[str, Any], rest_crc: int, length: int) -> str:
    """The seal's checksum (``sealed_file.seal_crc``) from the CRC-32 of the ``length``
    bytes after meta, known already (``storage.crc_marks``): not hashed again."""
    covered = int(_crc(meta, seal, ()), 16)  # the meta record and the seal alone
    return f"{combined(covered, rest_crc, length):08x}"


def _seal(
    meta: dict[str, Any],
    rest: Sequence[bytes | memoryview],
    last_ids: dict[str, int],
    rest_crc: int | None = None,
) -> dict[str, Any]:
    """``meta`` with its seal over itself and the bytes after the meta table (in pieces;
    ``rest_crc`` is their CRC-32 when known).

    The seal says the last-touch table is current (``seal.newest``): every sealed write
    brings it up to date, and the mark is under the checksum like the rest.
    """
    meta = {k: v for k, v in meta.items() if k != SEAL}
    seal: dict[str, Any] = {
        "bytes": sum(map(len, rest)),
        "last_ids": last_ids,
        newest.NEWEST: newest.FORMAT,
    }
    if rest_crc is None:
        seal["crc32"] = _crc(meta, seal, rest)
    else:
        seal["crc32"] = _sealed_crc(meta, seal, rest_crc, seal["bytes"])
    return {**meta, SEAL: seal}


def serialise_sealed(data: dict[str, Any], *, newest_current: bool = False) -> bytes:
    """The file bytes for ``data``, sealed (see ``sealed_pieces``)."""
    return b"".join(sealed_pieces(data, newest_current=newest_current))


def sealed_pieces(data: dict[str, Any], *, newest_current: bool = False) -> Pieces:
    """The file bytes for ``data``, sealed, in pieces to write in order: ``serialise(data)``
    plus ``seal`` in meta, with the last-touch table brought up to date.

    ``data``'s meta table is replaced by one holding the sealed record, and its ``newest``
    table by one rebuilt from its notes unless ``newest_current`` says the caller kept it
    up to date. Each table is serialised on its own and the pieces are slices of those
    bytes, so a 50 MB journal is never copied. A journal that cannot be sealed (no single
    meta record, or a table relate does not know, such as TinyDB's ``_default`` after a
    stock TinyDB insert) is written unsealed, which only means its changes take the
    ordinary path.
    """
    meta_table = data.get(META)
    if not isinstance(meta_table, dict) or len(meta_table) != 1 or not _SEALABLE.issuperset(data):
        return [serialise(data)]
    if not newest_current:
        data[newest.NEWEST] = newest.as_table(newest.rebuild(data.get("notes", {}).values()))
    others = sorted(name for name in data if name != META)
    try:
        last_ids = {name: max(map(int, data[name]), default=0) for name in others}
    except ValueError:  # a record key that is not a number: TinyDB would not read it either
        return [serialise(data)]
    # Each table alone is b'{\n  "notes": {...}\n}': its middle is its place in the file.
    rest: Pieces = []
    for name in others:
        text = orjson.dumps({name: data[name]}, option=_TABLE_OPTIONS)
        rest += [b",\n", memoryview(text)[2:-2]]
    rest.append(_FILE_END)
    ((key, record),) = meta_table.items()
    data[META] = {key: _seal(record, rest, last_ids)}
    return [_meta_part(data[META]), *rest]


def _meta_part(meta_table: dict[str, Any]) -> bytes:
    """The file's first bytes: ``{`` and the meta table, up to its closing brace."""
    return serialise({META: meta_table})[: -len(_FILE_END)]


class SealedFile(SealedBytes):
    """The bytes of a journal whose seal matches (made by ``open_sealed``), which changes
    can be spliced into; reading them is ``sealed_file.SealedBytes``."""

    crc_marks: CrcMarks | None = None
    """The running CRC-32 of the bytes after meta, at marks along them, if known: a splice
    then checksums only what it wrote (``storage.crc_marks``)."""

    def rest_marks(self) -> CrcMarks:
        """``crc_marks``, made now (one pass over the bytes) if not known yet."""
        if self.crc_marks is None:
            self.crc_marks = CrcMarks.of(memoryview(self.raw)[self.rest_start :])
        return self.crc_marks

    def with_records(
        self,
        inserts: Mapping[str, Sequence[dict[str, Any]]],
        meta: dict[str, Any],
        keep_newest: Mapping[str, int] | None = None,
    ) -> Pieces | None:
        """The file, in pieces to write in order, with ``inserts`` added to their tables
        and ``meta`` as its (re-sealed) meta record; None when the splice cannot be made.
        A table named in ``keep_newest`` (the change history) keeps only that many records,
        the highest-numbered. See ``with_changes``.
        """
        from relate_tui.storage.change import Change

        changes = [
            Change(name, str(record.get("id")), None, record, new=True)
            for name, records in sorted(inserts.items())
            for record in records
        ]
        result = self.with_changes(changes, meta, keep_newest=keep_newest)
        return result[0] if result is not None else None

    def with_changes(
        self,
        changes: Sequence[Change],
        meta: dict[str, Any],
        *,
        keep_newest: Mapping[str, int] | None = None,
        then: Follow | None = None,
        restamp: Restamp | None = None,
    ) -> tuple[Pieces, Splice] | None:
        """The file with ``changes`` applied and ``meta`` as its (re-sealed) meta record, in
        pieces to write in order, and the ``Splice`` (the changes with ``before`` filled
        in, and the records written).

        Records are replaced where they are, removed, or added with the doc ids TinyDB
        would give them, at the places sorted keys put them, and the last-touch table is
        updated: the bytes a full rewrite would write (``storage.splice``). A table named
        in ``keep_newest`` keeps only that many records; ``then`` adds records worked out
        from the applied changes (the history entry). None when the splice cannot be made
        (a table not in the file yet that would not sort last, a stale last-touch table).

        Raises:
            ChangedMeanwhile: a change's ``expected`` record is not what the file holds.
            TypeError: a record holds a value JSON cannot store.
        """
        if not self.newest_current:
            return None
        result = spliced(self, changes, keep_newest=keep_newest, then=then, restamp=restamp)
        if result is None:
            return None
        # The new bytes' checksum from the old one's marks: only what changed is hashed.
        old_rest = memoryview(self.raw)[self.rest_start :]
        marks = spliced_marks(self.rest_marks(), old_rest, result.rest, result.origins)
        result.crc_marks = marks
        sealed_meta = {self.meta_key: _seal(meta, result.rest, result.last_ids, marks.crc)}
        return [_meta_part(sealed_meta), *result.rest], result


class WrittenFile(SealedFile):
    """A sealed file this process has just written, from the pieces it wrote: they are
    joined into one buffer only when the bytes are first read, so the 50 ms of copying a
    big journal come after the save is on disk, not before the user is told."""

    def __init__(self, pieces: Pieces) -> None:
        head = bytes(pieces[0])
        ((key, meta),) = orjson.loads(head[len(_META_HEAD) :]).items()
        self._pieces: Pieces | None = pieces
        self._joined: bytes | None = None
        self._join_lock = threading.Lock()
        super().__init__(b"", key, meta, len(head))

    @property  # type: ignore[override]
    def raw(self) -> bytes:
        """The file's bytes (the pieces joined on first use)."""
        if self._joined is None:
            with self._join_lock:
                if self._joined is None:
                    pieces = self._pieces or []
                    self._joined = b"".join(pieces)
                    self._pieces = None  # let go of the old file's bytes
        return self._joined

    @raw.setter
    def raw(self, value: bytes) -> None:
        """Set by ``SealedFile.__init__``; the pieces stand in until they are joined."""


def open_sealed(raw: bytes, *, check: bool = True) -> SealedFile | None:
    """``raw`` as a ``SealedFile``, or None when its seal is missing or does not match.

    ``check=False`` skips the checksum, for bytes this process has just sealed itself.
    """
    found = read_seal(raw, check=False)
    if found is None:
        return None
    sealed = SealedFile(raw, *found)
    if check:  # the checksum, kept at marks for a splice to reuse (``storage.crc_marks``)
        _, meta, rest_start = found
        marks = CrcMarks.of(memoryview(raw)[rest_start:])
        unsealed = {k: v for k, v in meta.items() if k != SEAL}
        seal = meta[SEAL]
        if _sealed_crc(unsealed, seal, marks.crc, marks.length) != seal.get("crc32"):
            return None
        sealed.crc_marks = marks
    return sealed


class SealedTables(Mapping):  # of table name -> raw table
    """A sealed file's tables, each parsed the first time it is asked for.

    Every table comes from the same bytes, so they always belong to one revision. A table
    the file does not have reads as empty, as TinyDB sees it.
    """

    def __init__(self, sealed: SealedFile) -> None:
        self._sealed = sealed
        self._parsed: dict[str, dict[str, Any]] = {META: {sealed.meta_key: sealed.meta}}

    def __getitem__(self, name: str) -> dict[str, Any]:
        table = self._parsed.get(name)
        if table is None:
            table = self._parsed[name] = self._sealed.table(name)
        return table

    def __iter__(self) -> Iterator[str]:
        return iter((META, newest.NEWEST, *FILE_TABLES))

    def __len__(self) -> int:
        return len(FILE_TABLES) + 2

    @property
    def file(self) -> SealedFile:
        """The sealed file these tables are read from."""
        return self._sealed

    @property
    def newest_current(self) -> bool:
        """True when the last-touch table can be trusted."""
        return self._sealed.newest_current

    def after(self, file: SealedFile, splice: Splice) -> SealedTables:
        """The tables of ``file``, which ``splice`` made of this one: the tables parsed
        here so far, with the records the splice wrote applied, so nothing is parsed again
        (a table unchanged is the very same dict). Each comes out as a fresh parse would.
        """
        tables = SealedTables(file)
        for name, table in self._parsed.items():
            written = splice.records.get(name)
            if name == META or not written:
                if name != META:
                    tables._parsed[name] = table
                continue
            new = dict(table)
            added = False
            # Removals first: a record added after the highest one was removed takes its key.
            for key, record in written:
                if record is None:
                    new.pop(key, None)
            for key, record in written:
                if record is not None:
                    added = added or key not in new
                    new[key] = record
            # A sealed file lists records by key (as text): a new one goes in its place.
            tables._parsed[name] = dict(sorted(new.items())) if added else new
        return tables

    def is_parsed(self, name: str) -> bool:
        """True once table ``name`` has been parsed whole."""
        return name in self._parsed

    def mentioning(self, person_id: str) -> list[dict[str, Any]]:
        """The notes about ``person_id``, in file order, found without parsing the others."""
        bounds = self._sealed.bounds("notes")
        if bounds is None:
            return []
        return [record for _, record in rb.mentioning(self._sealed.raw, bounds, person_id)]

    def ids(self, name: str) -> list[str]:
        """The ids of table ``name``'s records, in file order, found without parsing it."""
        bounds = self._sealed.bounds(name)
        return list(rb.ids(self._sealed.raw, bounds)) if bounds is not None else []

    def notes_since(self, day: str) -> list[dict[str, Any]]:
        """The notes dated ``day`` (``YYYY-MM-DD``) or later, in file order."""
        bounds = self._sealed.bounds("notes")
        if bounds is None:
            return []
        return list(rb.since(self._sealed.raw, bounds, day))

    def find(self, name: str, record_id: str) -> dict[str, Any] | None:
        """The record ``record_id`` of table ``name``, found without parsing the table."""
        bounds = self._sealed.bounds(name)
        found = rb.find(self._sealed.raw, bounds, "id", record_id) if bounds else None
        return found[1] if found is not None else None
