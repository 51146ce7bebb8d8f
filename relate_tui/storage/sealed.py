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
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from typing import Any

import orjson

from relate_tui.storage.json_format import serialise
from relate_tui.storage.schema import FILE_TABLES, META

SEAL = "seal"
"""The meta field holding the seal."""

_META_HEAD = b'{\n  "meta": '
_TABLE_END = b"\n  }"
_FILE_END = b"\n}\n"
_RECORD = b'\n    "'
_ENTRY_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
_SEALABLE = frozenset((META, *FILE_TABLES))

Pieces = list[bytes | memoryview]


def _crc(meta: dict[str, Any], seal: dict[str, Any], rest: Sequence[bytes | memoryview]) -> str:
    """The CRC-32 of the meta record, the seal but its checksum, and the bytes after meta.

    Everything the quick path trusts is in it: the tables' bytes, the highest record keys
    (``last_ids``: a changed one would make a splice reuse a key, and a note would vanish
    behind its duplicate), the schema version, the revision.
    """
    covered = {**meta, SEAL: {k: v for k, v in seal.items() if k != "crc32"}}
    crc = zlib.crc32(orjson.dumps(covered, option=orjson.OPT_SORT_KEYS))
    for piece in rest:
        crc = zlib.crc32(piece, crc)
    return f"{crc:08x}"


def _seal(
    meta: dict[str, Any], rest: Sequence[bytes | memoryview], last_ids: dict[str, int]
) -> dict[str, Any]:
    """``meta`` with its seal over itself and the bytes after the meta table (in pieces)."""
    meta = {k: v for k, v in meta.items() if k != SEAL}
    seal: dict[str, Any] = {"bytes": sum(map(len, rest)), "last_ids": last_ids}
    seal["crc32"] = _crc(meta, seal, rest)
    return {**meta, SEAL: seal}


def serialise_sealed(data: dict[str, Any]) -> bytes:
    """The file bytes for ``data``, sealed: ``serialise(data)`` plus ``seal`` in meta.

    ``data``'s meta table is replaced by one holding the sealed record. A journal that
    cannot be sealed (no single meta record, or a table relate does not know, such as
    TinyDB's ``_default`` after a stock TinyDB insert) is written unsealed, which only
    means its changes take the ordinary path.
    """
    meta_table = data.get(META)
    if not isinstance(meta_table, dict) or len(meta_table) != 1 or not _SEALABLE.issuperset(data):
        return serialise(data)
    others = {name: table for name, table in data.items() if name != META}
    try:
        last_ids = {name: max(map(int, table), default=0) for name, table in others.items()}
    except ValueError:  # a record key that is not a number: TinyDB would not read it either
        return serialise(data)
    ((key, record),) = meta_table.items()
    # serialise(others) is b'{\n  "notes": ...\n}\n': its tables follow meta's in the file.
    rest = b",\n" + serialise(others)[2:] if others else _FILE_END
    data[META] = {key: _seal(record, (rest,), last_ids)}
    return _meta_part(data[META]) + rest


def _meta_part(meta_table: dict[str, Any]) -> bytes:
    """The file's first bytes: ``{`` and the meta table, up to its closing brace."""
    return serialise({META: meta_table})[: -len(_FILE_END)]


class SealedFile:
    """The bytes of a journal whose seal matches (made by ``open_sealed``)."""

    def __init__(self, raw: bytes, meta_key: str, meta: dict[str, Any], rest_start: int):
        self.raw = raw
        self.meta_key = meta_key
        self.meta = meta
        """The meta record, as stored."""
        self._rest_start = rest_start
        self.signature: tuple[int, int, int] | None = None
        """The file's (inode, mtime, size) when these bytes were read, if known."""

    @cached_property
    def _layout(self) -> dict[str, tuple[int, int]]:
        """Where each table's value (``{`` to ``}``) lies in the bytes.

        Found without reading through the notes, which are most of the file: the notes
        table comes first after meta and is found from the front, the tables after it from
        the back, and each ends on the last ``  }`` line before the next one's header (a
        sealed file holds no tables but these, see ``serialise_sealed``).
        """
        raw, rest = self.raw, self._rest_start
        headers: list[tuple[int, str, int]] = []  # (header position, name, value start)
        for name in FILE_TABLES:
            header = b'\n  "' + name.encode() + b'": '
            at = raw.find(header, rest) if name == "notes" else raw.rfind(header, rest)
            if at >= 0:
                headers.append((at, name, at + len(header)))
        headers.sort()
        limits = [at for at, _, _ in headers[1:]] + [len(raw) - len(_FILE_END)]
        layout = {}
        for (_, name, start), limit in zip(headers, limits, strict=True):
            if raw.startswith(b"{}", start):
                layout[name] = (start, start + 2)
            else:
                layout[name] = (start, raw.rfind(_TABLE_END, start, limit) + len(_TABLE_END))
        return layout

    def table(self, name: str) -> dict[str, Any]:
        """Table ``name`` parsed on its own (``{}`` when the file has none)."""
        bounds = self._layout.get(name)
        if bounds is None:
            return {}
        return orjson.loads(memoryview(self.raw)[bounds[0] : bounds[1]])

    def with_records(
        self,
        inserts: Mapping[str, Sequence[dict[str, Any]]],
        meta: dict[str, Any],
        keep_newest: Mapping[str, int] | None = None,
    ) -> Pieces | None:
        """The file, in pieces to write in order, with ``inserts`` added to their tables
        and ``meta`` as its (re-sealed) meta record.

        Records get the doc ids TinyDB would give them (one past the highest, in order),
        at the places sorted keys put them, so the file is byte for byte what a full
        rewrite would write. A table named in ``keep_newest`` (the change history) then
        keeps only that many records, the highest-numbered: it is put together again from
        its records' bytes as they are, nothing parsed. A table the file has not got yet
        is added at the end when it sorts after every table there; None when it would go
        elsewhere (the ordinary write adds it).

        Raises:
            TypeError: a record holds a value JSON cannot store.
        """
        raw = self.raw
        last_ids = dict(self.meta[SEAL]["last_ids"])
        keep_newest = keep_newest or {}
        # (position, sort key, bytes to insert, bytes to skip)
        edits: list[tuple[int, bytes, bytes, int]] = []
        for name, records in sorted(inserts.items()):
            bounds = self._layout.get(name)
            if not records:
                continue
            if bounds is None and name not in last_ids and all(t < name for t in self._layout):
                # A table the file has not got yet, sorting after all it has (the history,
                # in a journal from before it): it goes at the end, as a rewrite puts it.
                added = [(i + 1, _entry(str(i + 1), r)) for i, r in enumerate(records)]
                table = _bounded_table(b"{}", 0, 2, added, keep_newest.get(name, len(added)))
                header = b',\n  "' + name.encode() + b'": '
                edits.append((len(raw) - len(_FILE_END), name.encode(), header + table, 0))
                last_ids[name] = len(records)
                continue
            if bounds is None or name not in last_ids:
                return None
            start, end = bounds
            first = last_ids[name] + 1
            last_ids[name] += len(records)
            if name in keep_newest:
                added = [(first + i, _entry(str(first + i), r)) for i, r in enumerate(records)]
                table = _bounded_table(raw, start, end, added, keep_newest[name])
                edits.append((start, b"", table, end - start))
                continue
            if raw.startswith(b"{}", start):
                entries = [_entry(str(first + i), r) for i, r in enumerate(records)]
                # "{}" becomes "{", the records, and the "}" of "{}" on its own line.
                edits.append((start + 1, b"", b"\n" + b",\n".join(entries) + b"\n  ", 0))
                continue
            end -= len(_TABLE_END)  # records go before the table's closing line
            for offset, record in enumerate(records):
                key = str(first + offset).encode()
                entry = _entry(key.decode(), record)
                place = _first_key_after(raw, start, end, key)
                if place < end:
                    edits.append((place, key, b"\n" + entry + b",", 0))
                else:
                    edits.append((end, key, b",\n" + entry, 0))
        rest = list(_spliced(raw, self._rest_start, sorted(edits)))
        sealed_meta = {self.meta_key: _seal(meta, rest, last_ids)}
        return [_meta_part(sealed_meta), *rest]


def _bounded_table(
    raw: bytes, start: int, end: int, added: list[tuple[int, bytes]], keep: int
) -> bytes:
    """The bytes of the table at ``raw[start:end]`` with the ``added`` entries (doc id,
    entry bytes), keeping only the ``keep`` highest doc ids, in sorted-key order.

    Each record's bytes are cut out as they are: a record starts on a line ``    "12": {``
    and ends before the ``,`` that precedes the next one (or the table's closing line).
    """
    entries = list(added)
    if not raw.startswith(b"{}", start):
        close = end - len(_TABLE_END)
        at = raw.find(_RECORD, start, close)
        while at >= 0:
            following = raw.find(_RECORD, at + 1, close)
            stop = following - 1 if following >= 0 else close  # less the comma
            key = raw[at + len(_RECORD) : raw.find(b'"', at + len(_RECORD))]
            entries.append((int(key), raw[at + 1 : stop]))
            at = following
    entries.sort(key=lambda e: e[0])
    kept = sorted(entries[max(0, len(entries) - keep) :], key=lambda e: str(e[0]))
    if not kept:
        return b"{}"
    return b"{\n" + b",\n".join(entry for _, entry in kept) + _TABLE_END


def _first_key_after(raw: bytes, start: int, end: int, key: bytes) -> int:
    """Where the first record of ``raw[start:end]`` whose key sorts after ``key`` starts
    (its line's newline), or ``end``: a binary search over the bytes, as keys are sorted.

    Invariant: records starting before ``low`` sort at or before ``key``; the record at
    ``high`` (if ``high < end``) and all after it sort after it.
    """
    low, high = start, end
    while low < high:
        at = raw.find(_RECORD, (low + high) // 2, high)
        if at < 0:  # no record starts in the upper half: look at the first in the lower
            at = raw.find(_RECORD, low, high)
            if at < 0:
                return high
        found = raw[at + len(_RECORD) : raw.find(b'"', at + len(_RECORD))]
        if found > key:
            high = at
        else:
            low = at + 1
    return high


def _spliced(raw: bytes, begin: int, edits: list[tuple[int, bytes, bytes, int]]) -> Iterator[Any]:
    """``raw[begin:]`` in pieces, with each edit's bytes inserted at its position and the
    bytes it skips left out."""
    view = memoryview(raw)
    for place, _, insert, skip in edits:
        yield view[begin:place]
        yield insert
        begin = place + skip
    yield view[begin:]


def _entry(key: str, record: dict[str, Any]) -> bytes:
    """One record as it sits in its table: ``    "key": {`` to its closing ``    }``."""
    text = orjson.dumps({"": {key: record}}, option=_ENTRY_OPTIONS)
    return text[len(b'{\n  "": {\n') : -len(b"\n  }\n}")]


def open_sealed(raw: bytes) -> SealedFile | None:
    """``raw`` as a ``SealedFile``, or None when its seal is missing or does not match."""
    if not raw.startswith(_META_HEAD):
        return None
    start = len(_META_HEAD)
    end = raw.find(_TABLE_END, start)
    if end < 0:
        return None
    rest_start = end + len(_TABLE_END)
    try:
        meta_table = orjson.loads(memoryview(raw)[start:rest_start])
    except ValueError:
        return None
    if not isinstance(meta_table, dict) or len(meta_table) != 1:
        return None
    ((key, meta),) = meta_table.items()
    if not isinstance(meta, dict) or not isinstance(meta.get(SEAL), dict):
        return None
    seal = meta[SEAL]
    rest = memoryview(raw)[rest_start:]
    if len(rest) != seal.get("bytes"):
        return None
    last_ids = seal.get("last_ids")
    if not isinstance(last_ids, dict) or not all(type(v) is int for v in last_ids.values()):
        return None
    unsealed = {k: v for k, v in meta.items() if k != SEAL}
    if _crc(unsealed, seal, (rest,)) != seal.get("crc32"):
        return None
    return SealedFile(raw, key, meta, rest_start)


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
        return iter((META, *FILE_TABLES))

    def __len__(self) -> int:
        return len(FILE_TABLES) + 1
