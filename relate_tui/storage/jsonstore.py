"""The JSON format of the journal and TinyDB ``Storage`` classes that use it.

The file is orjson with sorted keys and two-space indents: diff-friendly, readable by
``jq`` and by stock ``TinyDB(path)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from relate_tui.storage.atomic import atomic_write

_DUMP_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE


def serialise(data: dict[str, Any]) -> bytes:
    """The bytes written to disk for ``data`` (all tables)."""
    return orjson.dumps(data, option=_DUMP_OPTIONS)


def parse(raw: bytes) -> Any:
    """Parse file bytes; raises ``orjson.JSONDecodeError`` (a ``ValueError``) when not JSON."""
    return orjson.loads(raw)


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
