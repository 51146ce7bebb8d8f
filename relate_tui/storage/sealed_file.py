"""The reading side of a sealed journal file: is the seal good, and where is each table.

``storage.sealed`` explains the seal and writes it; this module only reads. It is kept
apart, and light (``zlib``, ``orjson`` and the table names: no ``typing``, no
dataclasses, nothing of the writing side), because ``relate due --count`` after a change
reads the people, promises and last-touch tables through it and nothing else
(``relate_tui.quick_due``).
"""

from __future__ import annotations

import zlib
from functools import cached_property

import orjson

from relate_tui.storage import newest
from relate_tui.storage.schema import FILE_TABLES

TYPE_CHECKING = False  # typing is not imported on the status line's path
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

SEAL = "seal"
"""The meta field holding the seal."""

META_HEAD = b'{\n  "meta": '
"""How every sealed file starts: its meta table comes first."""
TABLE_END = b"\n  }"
"""How a non-empty table ends (``storage.record_bytes.TABLE_END``)."""
FILE_END = b"\n}\n"
_KEY_LINE = b'\n  "'
"""How a top-level key (a table's name) starts in the indented file, and nothing else."""
_FILE_TABLE_KEYS = {name.encode(): name for name in FILE_TABLES}


def header(name: str) -> bytes:
    """Table ``name``'s key line in the file, up to where its value starts."""
    return b'\n  "' + name.encode() + b'": '


def seal_crc(meta: dict[str, Any], seal: dict[str, Any], rest: Sequence[bytes | memoryview]) -> str:
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


class SealedBytes:
    """The bytes of a journal whose seal matches, read table by table (see ``read_seal``)."""

    def __init__(self, raw: bytes, meta_key: str, meta: dict[str, Any], rest_start: int):
        self.raw = raw
        self.meta_key = meta_key
        self.meta = meta
        """The meta record, as stored."""
        self.rest_start = rest_start
        """Where the bytes after the meta table (the sealed part) begin."""
        self.signature: tuple[int, int, int] | None = None
        """The file's (inode, mtime, size) when these bytes were read, if known."""

    @property
    def last_ids(self) -> dict[str, int]:
        """Each table's highest doc id, as sealed."""
        return self.meta[SEAL]["last_ids"]

    @property
    def newest_current(self) -> bool:
        """True when the file's last-touch table can be trusted (see ``storage.sealed``)."""
        return (
            self.meta[SEAL].get(newest.NEWEST) == newest.FORMAT
            and newest.NEWEST in self._layout
            and newest.NEWEST in self.last_ids
        )

    def bounds(self, name: str) -> tuple[int, int] | None:
        """Where table ``name``'s value (``{`` to ``}``) lies in the bytes, if it is there."""
        return self._layout.get(name)

    @property
    def layout(self) -> dict[str, tuple[int, int]]:
        """Where each table's value (``{`` to ``}``) lies in the bytes, by name."""
        return self._layout

    @cached_property
    def _layout(self) -> dict[str, tuple[int, int]]:
        """Where each table's value (``{`` to ``}``) lies in the bytes.

        Found without reading through the notes, which are most of the file: the
        last-touch table and the notes come first after meta and are found from the front,
        the tables after them from the back, and each ends on the last ``  }`` line before
        the next one's header (a sealed file holds no tables but these, see
        ``serialise_sealed``).
        """
        raw, rest = self.raw, self.rest_start
        found: dict[str, int] = {}  # table name: where its header is
        for name in (newest.NEWEST, "notes"):
            at = raw.find(header(name), rest)
            if at >= 0:
                found[name] = at
        # The tables after the notes, from the back, one top-level key at a time (a line of
        # two spaces and a quote starts a top-level key and nothing else in the indented
        # JSON), until the one that sorts first after the notes: each step reads only the
        # table after it. Searching the file for a table it does not have (the tombstones,
        # most often) read back through every note: ~10 ms at J20k.
        after_notes = sorted(name for name in FILE_TABLES if name > "notes")
        floor, end = max(found.values(), default=rest), len(raw)
        while after_notes and (at := raw.rfind(_KEY_LINE, floor, end)) >= 0:
            key = raw[at + len(_KEY_LINE) : raw.find(b'"', at + len(_KEY_LINE), end)]
            name = _FILE_TABLE_KEYS.get(key)
            if name in after_notes and raw.startswith(header(name), at):
                found[name] = at
                del after_notes[after_notes.index(name) :]  # sorted: none of these is before
            end = at
        headers = [(at, name, at + len(header(name))) for name, at in found.items()]
        headers.sort()
        # Each table ends before the next one's header, the last before the file's end (a
        # journal of meta alone has no table to end).
        limits = [at for at, _, _ in headers[1:]]
        if headers:
            limits.append(len(raw) - len(FILE_END))
        layout = {}
        for (_, name, start), limit in zip(headers, limits, strict=True):
            if raw.startswith(b"{}", start):
                layout[name] = (start, start + 2)
            else:
                layout[name] = (start, raw.rfind(TABLE_END, start, limit) + len(TABLE_END))
        return layout

    def table_bytes(self, name: str) -> tuple[bytes, int, int] | None:
        """Table ``name``'s value unparsed: the bytes it lies in, where it starts and ends
        (None when the file has none)."""
        bounds = self._layout.get(name)
        return (self.raw, *bounds) if bounds is not None else None

    def table(self, name: str) -> dict[str, Any]:
        """Table ``name`` parsed on its own (``{}`` when the file has none)."""
        bounds = self._layout.get(name)
        if bounds is None:
            return {}
        return orjson.loads(memoryview(self.raw)[bounds[0] : bounds[1]])


def read_seal(raw: bytes, *, check: bool = True) -> tuple[str, dict[str, Any], int] | None:
    """The meta record's key, the meta record and where the sealed bytes start, when
    ``raw`` is sealed and its seal matches; None when the seal is missing or does not.

    ``check=False`` skips the checksum, for bytes this process has just sealed itself.
    """
    if not raw.startswith(META_HEAD):
        return None
    start = len(META_HEAD)
    end = raw.find(TABLE_END, start)
    if end < 0:
        return None
    rest_start = end + len(TABLE_END)
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
    if check and seal_crc(unsealed, seal, (rest,)) != seal.get("crc32"):
        return None
    return key, meta, rest_start
