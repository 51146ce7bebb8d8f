"""``Store``: every read and every read-modify-write of the journal file goes through here.

- Reads open the file by path each time (no handle is kept) and are cached on the file's
  inode, mtime and size, so an unchanged file is parsed once; an atomic replace by any
  writer gives a new inode, so the cache is never stale.
- Writes hold an inter-process ``filelock`` for milliseconds, build a *fresh* TinyDB on
  the current data inside the lock (TinyDB caches ids and queries per instance), and
  write the result once, atomically, bumping ``meta.revision``.
- A file that cannot be read is never written; a file from a newer relate is read-only.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB

from relate_tui import __version__
from relate_tui.storage import schema
from relate_tui.storage.atomic import atomic_write, ensure_private_dir, resolve
from relate_tui.storage.errors import (
    JournalLocked,
    JournalTooNew,
    JournalUnreadable,
    WriteFailed,
)
from relate_tui.storage.jsonstore import BufferStorage, parse, serialise

Signature = tuple[int, int, int]


def file_signature(path: Path) -> Signature | None:
    """(inode, mtime in ns, size) of the file at ``path``, or None when there is none."""
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class Store:
    """The journal file at ``path``, with its lock and read cache.

    Args:
        path: the journal file (it may be a symlink; writes replace its target).
        lock_timeout: seconds to wait for another writer before ``JournalLocked``.
        before_write: called with the real path under the lock before each write
            (daily backups hook into it).
        writer: recorded in ``meta.last_writer`` ("cli" or "app").
    """

    def __init__(
        self,
        path: Path,
        *,
        lock_timeout: float = 10.0,
        before_write: Callable[[Path], None] | None = None,
        writer: str = "cli",
    ) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self.before_write = before_write
        self.writer = writer
        self._cache: tuple[Signature, dict[str, Any]] | None = None
        self._mutex = threading.RLock()

    # -- reading -----------------------------------------------------------------------

    @property
    def real_path(self) -> Path:
        """The file that is actually read and replaced (symlinks resolved)."""
        return resolve(self.path)

    def signature(self) -> Signature | None:
        """The current file signature; the app polls it to notice outside changes."""
        return file_signature(self.real_path)

    def _check_path(self) -> None:
        if self.path.is_symlink() and not self.path.exists():
            raise JournalUnreadable(
                self.path,
                f"it is a link to {self.real_path}, which does not exist",
                "nothing was changed; fix the link or pass --db with the real file",
            )
        if self.real_path.is_dir():
            raise JournalUnreadable(
                self.path, "it is a folder, not a file", "pass --db with the journal file's path"
            )

    def load(self) -> dict[str, Any]:
        """All tables as a dict (``{}`` for a journal not created yet).

        The returned dict is shared with the cache: treat it as read-only, and use it while
        holding ``reading()`` when another thread may write.

        Raises:
            JournalUnreadable: the file is empty, not JSON, or not a journal's shape.
        """
        with self._mutex:
            self._check_path()
            real = self.real_path
            sig = file_signature(real)
            if sig is None:
                self._cache = None
                return {}
            if self._cache is not None and self._cache[0] == sig:
                return self._cache[1]
            try:
                raw = real.read_bytes()
            except OSError as exc:
                raise JournalUnreadable(self.path, exc.strerror or str(exc)) from None
            data = self._parse(raw)
            self._cache = (sig, data)
            return data

    def _parse(self, raw: bytes) -> dict[str, Any]:
        if not raw.strip():
            raise JournalUnreadable(self.path, "the file is empty")
        try:
            data = parse(raw)
        except ValueError as exc:
            raise JournalUnreadable(self.path, f"it is not valid JSON ({exc})") from None
        problem = schema.shape_problem(data)
        if problem:
            raise JournalUnreadable(self.path, f"it is not a relate journal ({problem})")
        return data

    @contextmanager
    def reading(self) -> Iterator[dict[str, Any]]:
        """The current data, with writes from other threads held off while it is used."""
        with self._mutex:
            yield self.load()

    def is_too_new(self) -> bool:
        """True when the file was written by a newer relate (read-only for us)."""
        return schema.schema_version(self.load()) > schema.SCHEMA_VERSION

    def invalidate(self) -> None:
        """Forget the cached data (the next read parses the file again)."""
        with self._mutex:
            self._cache = None

    # -- writing -----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """A fresh TinyDB on the current data, written back once, atomically, on success.

        Raises:
            JournalLocked: another process held the lock past ``lock_timeout``.
            JournalUnreadable: the file cannot be read (it is left untouched).
            JournalTooNew: the file is from a newer relate.
            WriteFailed: the write itself failed (disk full, read-only); file unchanged.
        """
        with self._mutex:
            real = self.real_path
            self._check_path()
            try:
                ensure_private_dir(real.parent)
                lock = FileLock(str(real) + ".lock", timeout=self.lock_timeout, mode=0o600)
                lock.acquire()
            except Timeout:
                raise JournalLocked(self.path, self.lock_timeout) from None
            except OSError as exc:
                raise WriteFailed(self.path, exc) from None
            try:
                data = self.load()
                version = schema.schema_version(data)
                if version > schema.SCHEMA_VERSION:
                    raise JournalTooNew(self.path, version, schema.SCHEMA_VERSION)
                buffer = BufferStorage(data)
                yield TinyDB(storage=lambda: buffer)
                if buffer.changed:
                    self._commit(real, buffer.data)
            except BaseException:
                # TinyDB may have changed the cached dicts in place before the failure.
                self._cache = None
                raise
            finally:
                lock.release()

    def _commit(self, real: Path, data: dict[str, Any]) -> None:
        stamp_meta(data, self.writer)
        if self.before_write is not None and real.exists():
            self.before_write(real)
        payload = serialise(data)
        try:
            atomic_write(real, payload)
        except OSError as exc:
            raise WriteFailed(self.path, exc) from None
        sig = file_signature(real)
        self._cache = (sig, data) if sig is not None else None


def stamp_meta(data: dict[str, Any], writer: str) -> None:
    """Bump the revision and stamp the meta record of ``data`` in place."""
    now = datetime.now(UTC).astimezone().isoformat(timespec="seconds")
    meta = dict(schema.meta_record(data))
    if not meta:
        meta = {"file_id": uuid.uuid4().hex, "created": now}
    meta["schema_version"] = max(schema.SCHEMA_VERSION, meta.get("schema_version", 0))
    meta["revision"] = schema.revision(data) + 1
    meta["updated"] = now
    meta["app_version"] = __version__
    meta["last_writer"] = writer
    data[schema.META] = {"1": meta}
