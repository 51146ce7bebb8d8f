"""TinyDB ``Storage`` classes for the journal's JSON format (``storage.jsonstore``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from relate_tui.storage.atomic import atomic_write
from relate_tui.storage.jsonstore import parse, serialise


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never keeps a handle open and replaces the file atomically.

    Usable on its own (``TinyDB(path, storage=AtomicJSONStorage)``) for one-off scripts;
    relate itself goes through ``Store``, which adds the lock and a read cache.
    """

    def __init__(self, path: str | Path, **_: Any) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        return parse(raw) if raw.strip() else None

    def write(self, data: dict[str, Any]) -> None:
        atomic_write(self.path, serialise(data))


class BufferStorage(Storage):
    """The in-transaction storage: TinyDB reads and writes a dict in memory.

    ``Store.transaction`` gives a fresh TinyDB on this buffer, then writes the result to
    disk once, atomically, when the block ends without error. So a change touching several
    tables is one write: all or nothing.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.changed = False

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data
        self.changed = True
