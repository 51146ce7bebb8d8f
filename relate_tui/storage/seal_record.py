"""A note relate leaves after every save it makes — "the journal, as it is now, is what I
sealed, and its tables lie here" — so that ``relate queue`` or ``due`` right after a
``relate log`` may skip the whole-file checksum and read only the tables it needs.

Checking a big journal's seal means reading every byte of it (57 MB for 100,000 notes:
~45 ms to read into a fresh process, ~25 ms of CRC) to use a tenth of it. But relate
already knows the seal is right for a file it has just written. After each save
(``Store``: ``note``) it records, in the platform's cache folder — never beside the
journal, which may be synced or backed up — the file's identity ``(device, inode, size,
mtime, ctime)``, its first bytes (the meta record: the revision and the checksum), and
where each table lies. A lean read (``trusted``) believes the seal without checking it
only while all of that is exactly so, and reads only the tables' bytes.

When the file could have changed without its identity showing it, nothing is trusted:

- any write to a file moves its mtime and ctime, and ``touch`` or ``cp -p`` move its
  ctime, which no program can set back; a replaced file is a new inode. What could keep
  every field is a change made in place, to the same size, within the same tick of the
  file system's clock as relate's own write;
- so a file whose times are coarser than a millisecond (whole seconds on some file
  systems, two on FAT, 10 ms on exFAT, where "the same tick" is long enough to matter)
  is never trusted: its mtime and ctime must both show digits below the millisecond.
  On a file system with nanosecond times one stamp in a thousand is a whole millisecond
  by chance, and is only read the slow way;
- the file's identity is taken again after its tables are read, so a change while they
  are read is seen too.

Anything else odd — no record, another format, another journal, a damaged record, a
table's bytes not starting with its header — and ``trusted`` returns None: the caller
reads the whole file and checks its seal, as it always did. A record that cannot be
written costs nothing but that. Writing one costs a fraction of a
millisecond: where each table lies in the pieces just written is known from the splice
that made them (or, for a file written whole, from its pieces), and only checked.
"""

from __future__ import annotations

import os
import zlib

import orjson

from relate_tui.storage.sealed_file import FILE_END, META_HEAD, SEAL, TABLE_END, header

TYPE_CHECKING = False  # typing is not imported on the lean read's path (``quick_read``)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

FORMAT = "relate-seal-1"
_SUB_MS = 1_000_000
"""A trusted file's mtime and ctime are not whole milliseconds (see the module docstring)."""
KEEP_SECONDS = 7 * 24 * 3600
"""A note no save has rewritten for this long is deleted by the next save of any journal:
it is needed only right after its own save, and journals come and go (each ``relate
demo`` is one)."""
_WINDOW = 1 << 18
"""How many bytes of the written pieces are copied out to search at a time."""


def record_path(folder: str, journal: str) -> str:
    """Where the record for the journal at (real path) ``journal`` lives in ``folder``."""
    crc = zlib.crc32(journal.encode("utf-8", "surrogateescape"))
    return os.path.join(folder, f"seal-{crc:08x}.json")


def _identity(st: os.stat_result) -> list[int]:
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


# -- the writing side -----------------------------------------------------------------------


def note(
    folder: str,
    journal: str,
    pieces: Sequence[bytes | memoryview],
    hints: dict[str, int] | None = None,
) -> None:
    """Record that relate has just written ``pieces`` to the journal at (real path)
    ``journal``, and sealed them. ``hints``: where each table's header is thought to be
    (``hints_after_splice``, ``hints_of_tables``), checked before it is believed; the
    tables not found there are searched for. Best effort: any failure leaves no record,
    which only means the next lean read checks the seal itself. Call it holding the
    journal's lock, right after the write, so records are written in the order the saves
    were."""
    path = record_path(folder, journal)
    try:
        found = _sealed_layout(pieces, hints or {})
        if found is None:
            _remove(path)  # an unsealed write: no record describes it
            return
        head, layout = found
        st = os.stat(journal)
        if st.st_size != sum(map(len, pieces)):
            _remove(path)
            return
        record = {
            "format": FORMAT,
            "journal": journal,
            "identity": _identity(st),
            "head": head.decode("latin-1"),
            "tables": layout,
        }
        _write_private(path, orjson.dumps(record))
        _prune(os.path.dirname(path), keep=path)
    except Exception:  # never a failed save for a cache
        _remove(path)


def _prune(folder: str, keep: str) -> None:
    """Delete the notes in ``folder`` that no save has rewritten for ``KEEP_SECONDS``."""
    import time

    old = time.time() - KEEP_SECONDS
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if name.startswith("seal-") and name.endswith(".json") and path != keep:
            try:
                if os.stat(path).st_mtime < old:
                    os.unlink(path)
            except OSError:
                pass


def hints_of_tables(pieces: Sequence[bytes | memoryview]) -> dict[str, int]:
    """Where each table's header is in a file written whole (``sealed.sealed_pieces``:
    ``,\n`` and one piece per table)."""
    hints: dict[str, int] = {}
    offset = 0
    for index, piece in enumerate(pieces[:-1]):
        if len(piece) == 2 and bytes(piece) == b",\n":
            following = bytes(pieces[index + 1][:200])
            if following.startswith(b'  "'):
                name = following[3 : following.find(b'"', 3)].decode("utf-8", "replace")
                hints[name] = offset + 1
        offset += len(piece)
    return hints


def hints_after_splice(
    layout: dict[str, tuple[int, int]],
    rest_start: int,
    pieces: Sequence[bytes | memoryview],
    origins: dict[int, int],
) -> dict[str, int]:
    """Where each table's header is in a spliced file: the old file's headers (``layout``
    of the bytes after ``rest_start``), carried into the pieces of the old bytes that hold
    them (``origins``: where each such piece started after the old meta)."""
    old = {name: start - len(header(name)) - rest_start for name, (start, _) in layout.items()}
    hints: dict[str, int] = {}
    offset = len(pieces[0]) if pieces else 0
    for piece in pieces[1:]:
        origin = origins.get(id(piece))
        if origin is not None:
            for name, at in old.items():
                if origin <= at < origin + len(piece):
                    hints[name] = offset + at - origin
        offset += len(piece)
    return hints


def _remove(path: str) -> None:
    try:  # noqa: SIM105 - contextlib is not imported on the lean read's path
        os.unlink(path)
    except OSError:
        pass


def _write_private(path: str, content: bytes) -> None:
    """``content`` at ``path``, atomically, readable by this user alone."""
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    temp = f"{path}.{os.getpid()}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            os.write(fd, content)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError:
        _remove(temp)
        raise


def _sealed_layout(
    pieces: Sequence[bytes | memoryview], hints: dict[str, int]
) -> tuple[bytes, dict] | None:
    """The meta bytes of the sealed file ``pieces`` make, and where each table's value
    (``{`` to ``}``) lies in it; None when they are not a sealed file laid out as relate
    lays one out: meta, then every table its seal lists, in sorted order, each after a
    comma, nothing else."""
    if len(pieces) < 2:
        return None
    head = bytes(pieces[0])
    if not head.startswith(META_HEAD) or not head.endswith(TABLE_END):
        return None
    ((_, meta),) = orjson.loads(head[len(META_HEAD) :]).items()
    names = sorted(meta[SEAL]["last_ids"])
    joined = _Joined(pieces)
    file_end = joined.size - len(FILE_END)
    starts: dict[str, int] = {}  # where each table's header is
    for name, at in hints.items():
        mark = b"," + header(name)
        if name in names and joined.slice(at - 1, at - 1 + len(mark)) == mark:
            starts[name] = at
    # Any not found so: the tables up to the notes from the front (the last-touch table is
    # a tenth of the file), the rest from the back — the notes are never searched.
    at = len(head)
    front = names[: names.index("notes") + 1] if "notes" in names else names
    for name in front:
        if name not in starts:
            starts[name] = joined.find(header(name), at, file_end)
        at = starts[name]
        if at < 0:
            return None
    end = file_end
    for name in reversed(names[len(front) :]):
        if name not in starts:
            starts[name] = joined.rfind(header(name), at, end)
        end = starts[name]
        if end < at:
            return None
    # Each value runs from its header to the comma before the next one (the last: to the
    # file's end), and is ``{}`` or ends on a line of its own.
    layout: dict[str, list[int]] = {}
    limits = [starts[name] - 1 for name in names[1:]] + [file_end]
    previous = len(head)
    for name, limit in zip(names, limits, strict=True):
        start = starts[name] + len(header(name))
        if starts[name] - 1 != previous or joined.slice(previous, previous + 1) != b",":
            return None
        value_end = joined.slice(limit - len(TABLE_END), limit)
        if limit - start < 2 or joined.slice(start, start + 1) != b"{":
            return None
        if value_end != TABLE_END and not (limit == start + 2 and value_end.endswith(b"{}")):
            return None
        layout[name] = [start, limit]
        previous = limit
    if joined.slice(previous, joined.size) != FILE_END:
        return None
    return head, layout


class _Joined:
    """Pieces searched as the bytes they make, without joining them (copies of a window
    at a time)."""

    def __init__(self, pieces: Sequence[bytes | memoryview]) -> None:
        self._pieces = pieces
        self._starts: list[int] = []
        offset = 0
        for piece in pieces:
            self._starts.append(offset)
            offset += len(piece)
        self.size = offset

    def slice(self, start: int, end: int) -> bytes:
        """A copy of bytes ``start`` to ``end``."""
        from bisect import bisect_right

        out = []
        index = bisect_right(self._starts, start) - 1
        while start < end and index < len(self._pieces):
            piece, base = self._pieces[index], self._starts[index]
            low, high = start - base, min(len(piece), end - base)
            if high > low:
                out.append(piece[low:high])
                start += high - low
            index += 1
        return b"".join(out)

    def find(self, needle: bytes, start: int, end: int) -> int:
        """The first ``needle`` within ``start`` to ``end``, or -1."""
        position = start
        while position < end:
            window = self.slice(position, min(end, position + _WINDOW + len(needle) - 1))
            found = window.find(needle)
            if found >= 0:
                return position + found
            position += _WINDOW
        return -1

    def rfind(self, needle: bytes, start: int, end: int) -> int:
        """The last ``needle`` within ``start`` to ``end``, or -1."""
        stop = end
        while stop > start:
            low = max(start, stop - _WINDOW - len(needle) + 1)
            found = self.slice(low, stop).rfind(needle)
            if found >= 0:
                return low + found
            stop -= _WINDOW
        return -1


# -- the reading side -----------------------------------------------------------------------


class TrustedTables:
    """A journal's meta record and tables, read by the ranges a record vouches for
    (what ``quick_read`` reads of ``sealed_file.SealedBytes``)."""

    def __init__(
        self,
        meta: dict[str, Any],
        tables: dict[str, dict[str, Any]],
        raw: dict[str, tuple[bytes, int, int]],
    ) -> None:
        self.meta = meta
        """The meta record, as stored."""
        self._tables = tables
        self._raw = raw

    @property
    def newest_current(self) -> bool:
        """As ``SealedBytes.newest_current``: the seal vouches for the last-touch table."""
        from relate_tui.storage import newest

        seal = self.meta[SEAL]
        return (
            seal.get(newest.NEWEST) == newest.FORMAT
            and (newest.NEWEST in self._tables or newest.NEWEST in self._raw)
            and newest.NEWEST in seal["last_ids"]
        )

    def table(self, name: str) -> dict[str, Any]:
        """Table ``name`` as stored (``{}`` when the file has none)."""
        if name not in self._tables and name in self._raw:
            data, start, end = self._raw[name]
            self._tables[name] = orjson.loads(memoryview(data)[start:end])
        return self._tables.get(name, {})

    def table_bytes(self, name: str) -> tuple[bytes, int, int] | None:
        """A table asked for unparsed: its bytes, where its value starts and ends."""
        return self._raw.get(name)


def trusted(
    folder: str, journal: str, fd: int, names: Sequence[str], unparsed: Sequence[str] = ()
) -> TrustedTables | None:
    """Tables ``names`` of the journal at (real path) ``journal``, open as ``fd``, parsed
    (those also in ``unparsed``: read, not parsed), when a record relate wrote after its
    last save vouches that the file is what it sealed (see the module docstring); None
    whenever it does not, or anything is odd."""
    try:
        with open(record_path(folder, journal), "rb") as file:
            record = orjson.loads(file.read())
        before = os.fstat(fd)
        identity = _identity(before)
        if (
            record.get("format") != FORMAT
            or record.get("journal") != journal
            or record.get("identity") != identity
            or before.st_mtime_ns % _SUB_MS == 0
            or before.st_ctime_ns % _SUB_MS == 0
        ):
            return None
        head = record["head"].encode("latin-1")
        if os.pread(fd, len(head) + 1, 0) != head + b",":
            return None
        ((_, meta),) = orjson.loads(head[len(META_HEAD) :]).items()
        if len(head) + meta[SEAL]["bytes"] != before.st_size:
            return None
        layout = record["tables"]
        if any(name not in layout and name in meta[SEAL]["last_ids"] for name in names):
            return None
        wanted = [(name, *layout[name]) for name in names if name in layout]
        # One buffer for every table parsed, each parsed before the next is read into it:
        # fresh memory costs a page fault per 4 KiB, a third of reading it on this VM.
        size = max((stop - start + len(header(name)) for name, start, stop in wanted), default=0)
        buffer = memoryview(bytearray(size))
        tables, raw = {}, {}
        for name, start, stop in wanted:
            mark = header(name)
            length = stop - start + len(mark)
            if name in unparsed:
                data = os.pread(fd, length, start - len(mark))
                read = memoryview(data)
            else:
                read = buffer[:length]
                if os.preadv(fd, [read], start - len(mark)) != length:
                    return None
            if len(read) != length or read[: len(mark)] != mark:
                return None
            if read[len(mark) : len(mark) + 1] != b"{" or read[length - 1 :] != b"}":
                return None
            if name in unparsed:
                raw[name] = (data, len(mark), length)
            else:
                tables[name] = orjson.loads(read[len(mark) :])
        if _identity(os.fstat(fd)) != identity:
            return None  # changed while it was read
        return TrustedTables(meta, tables, raw)
    except Exception:  # no record, a damaged one, a file that cannot be read: the long way
        return None
