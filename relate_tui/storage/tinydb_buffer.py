"""The TinyDB ``Storage`` a transaction works on: the journal in memory, written once.

Imported only when a save takes the ordinary path (TinyDB costs the command line time it
rarely needs)."""

from __future__ import annotations

from typing import Any

from tinydb.storages import Storage


class BufferStorage(Storage):
    """The in-transaction storage: TinyDB reads and writes a dict in memory.

    ``Store.transaction`` gives a fresh TinyDB on this buffer, then writes the result to
    disk once, atomically, when the block ends without error. So a change touching several
    tables is one write: all or nothing.
    """

    def __init__(self, data: dict[str, Any], *, newest_was_current: bool = False) -> None:
        self.data = data
        self.changed = False
        self.newest_was_current = newest_was_current
        """True when ``data``'s last-touch table (``storage.newest``) was current as read."""
        self.newest_current = False
        """Set by a writer that kept the last-touch table up to date with its changes;
        otherwise the write rebuilds it from the notes (the safe default)."""

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data
        self.changed = True
