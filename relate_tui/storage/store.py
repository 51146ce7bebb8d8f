"""``Store``: every read and every read-modify-write of the journal file goes through here.

- Reads open the file by path each time (no handle is kept) and are cached on the file's
  inode, mtime and size, so an unchanged file is parsed once; an atomic replace by any
  writer gives a new inode, so the cache is never stale.
- Writes hold an inter-process lock (``storage.lock``) for milliseconds, build a *fresh* TinyDB on
  the current data inside the lock (TinyDB caches ids and queries per instance), and
  write the result once, atomically, bumping ``meta.revision``.
- A file that cannot be read is never written; a file from a newer relate is read-only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relate_tui.storage import schema
from relate_tui.storage.after_save import AfterSave
from relate_tui.storage.atomic import atomic_write, ensure_private_dir, resolve
from relate_tui.storage.errors import (
    JournalLocked,
    JournalTooNew,
    JournalUnreadable,
    WriteFailed,
)
from relate_tui.storage.json_format import parse
from relate_tui.storage.layout import (
    check_journal_path,
    check_writable,
    lock_path,
)
from relate_tui.storage.lock import JournalLock, LockTimeout
from relate_tui.storage.regular_file import Signature, file_signature, read_regular
from relate_tui.storage.schema import stamp_meta, stamped_meta
from relate_tui.storage.sealed import (
    Pieces,
    SealedFile,
    open_sealed,
    sealed_pieces,
)
from relate_tui.storage.store_migrate import Migrating
from relate_tui.storage.store_splice import Splicing, Succession, vouches_for_newest

if TYPE_CHECKING:
    from tinydb import TinyDB

    from relate_tui.storage.rolling import Backups

__all__ = ["Signature", "Store", "file_signature", "stamp_meta", "stamped_meta"]


class Store(Splicing, AfterSave, Migrating):
    """The journal file at ``path``, with its lock and read cache.

    Args:
        path: the journal file (it may be a symlink; writes replace its target).
        lock_timeout: seconds to wait for another writer before ``JournalLocked``.
        backups: what to keep around each write (``storage.rolling.Backups``): the day's
            copy, a copy of the save, leftovers of crashes removed; None keeps nothing.
        writer: recorded in ``meta.last_writer`` ("cli" or "app").
        keep_written: after a splice, keep the bytes written for the next read and splice
            (the app, which saves many times; a command exits after its one write).
        copy_after: write the journal first and its copy in the backups after the save is
            reported, by ``settle`` (the app; see ``storage.after_save``).
    """

    def __init__(
        self,
        path: Path,
        *,
        lock_timeout: float = 10.0,
        backups: Backups | None = None,
        writer: str = "cli",
        keep_written: bool = False,
        copy_after: bool = False,
    ) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self.backups = backups
        self.writer = writer
        self.keep_written = keep_written
        self.copy_after = copy_after
        self._cache: tuple[Signature, dict[str, Any]] | None = None
        # True when the cached data's last-touch table is current: it was read from a file
        # whose seal vouches for it, or written by us (see ``storage.newest``).
        self._cache_newest = False
        self._sealed: SealedFile | None = None  # the last file read table by table
        self.last_splice: Succession | None = None
        """The last splice this store wrote and kept (``keep_written``): a reader holding
        the file before it can have the file after it without parsing anything. The
        reader takes it (it holds the old file's bytes)."""
        self._mutex = threading.RLock()
        # True while this thread holds the file lock inside ``transaction`` (a migration
        # during that load must not take the lock a second time).
        self._lock_held = False
        self.on_migrate: Callable[[str], object] | None = None
        """Told (in words) when an old file is about to be upgraded: the command line
        says so on a terminal, since upgrading a big journal takes a moment."""
        self.on_migrate_progress: Callable[[int, int], object] | None = None
        """Told ``(done, total)`` as an upgrade goes: the file read, each record converted,
        the copy of the old file written, the new file written; ``(total, total)`` once it
        ends, however it ends. The command line draws its progress bar from it."""

    # -- reading -----------------------------------------------------------------------

    @property
    def real_path(self) -> Path:
        """The file that is actually read and replaced (symlinks resolved)."""
        return resolve(self.path)

    def signature(self) -> Signature | None:
        """The current file signature; the app polls it to notice outside changes."""
        return file_signature(self.real_path)

    def _check_path(self) -> None:
        check_journal_path(self.path)

    def _unreadable(self, reason: str) -> JournalUnreadable:
        """The error for a file we cannot read, naming its newest backup."""
        from relate_tui.storage.backups import unreadable_hint

        return JournalUnreadable(self.path, reason, unreadable_hint(self.path, self.real_path))

    def load(self) -> dict[str, Any]:
        """All tables as a dict (``{}`` for a journal not created yet).

        The returned dict is shared with the cache: treat it as read-only, and use it while
        holding ``reading()`` when another thread may write.

        A file of an older schema version is migrated here, once: under the lock, after a
        byte-identical backup (see ``_migrate``). A current file pays one dict lookup.

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
                raw = read_regular(real)
            except OSError as exc:
                raise self._unreadable(exc.strerror or str(exc)) from None
            data = self._parse(raw)
            newest_current = vouches_for_newest(raw)
            del raw  # a 50 MB buffer: not kept alive next to the parsed journal
            version = schema.schema_version(data)
            if version < schema.SCHEMA_VERSION:
                data, sig = self._older_version(real, version)
                newest_current = True  # a migration writes the table afresh
                if sig is None:
                    return data  # migrated in memory only: not cached, retried next time
            else:  # a newer file is read as is (``transaction`` refuses to write it)
                self._check_records(data)
            self._cache = (sig, data)
            self._cache_newest = newest_current
            return data

    def newest_current(self) -> bool:
        """True when the data ``load`` returns has a last-touch table that can be trusted."""
        with self._mutex:
            return self._cache is not None and self._cache_newest

    def _parse(self, raw: bytes) -> dict[str, Any]:
        # isspace() stops at the first non-blank byte; strip() would copy a 40 MB file.
        if not raw or raw.isspace():
            raise self._unreadable("the file is empty")
        try:
            data = parse(raw)
        except ValueError as exc:
            raise self._unreadable(f"it is not valid JSON ({exc})") from None
        problem = schema.shape_problem(data)
        if problem:
            raise self._unreadable(f"it is not a relate journal ({problem})")
        return data

    def _check_records(self, data: Mapping[str, Any]) -> None:
        """Refuse data holding a record relate cannot read, naming the first one."""
        from relate_tui.storage.record_checks import bad_records

        bad = iter(bad_records(data))
        first = next(bad, None)
        if first is not None:
            table, record_id, problem = first
            more = sum(1 for _ in bad)
            also = f" (and {more} more record{'s' if more > 1 else ''})" if more else ""
            raise self._unreadable(f"{table} record {record_id}: {problem}{also}")

    @contextmanager
    def reading(self) -> Iterator[dict[str, Any]]:
        """The current data, with writes from other threads held off while it is used."""
        with self._mutex:
            yield self.load()

    def sealed(self) -> SealedFile | None:
        """The file for reading table by table, or None to use ``load`` instead.

        None when the parsed journal is cached already (nothing left to save), or when the
        file is not sealed by this version of relate (see ``storage.sealed``).
        """
        with self._mutex:
            self._check_path()
            real = self.real_path
            if self._cache is not None and self._cache[0] == file_signature(real):
                return None
            sealed = self._read_sealed(real)
            self._sealed = sealed
            return sealed

    def _read_sealed(self, real: Path) -> SealedFile | None:
        """The file as a ``SealedFile`` of this schema version, or None."""
        if self._sealed is not None and self._sealed.signature == file_signature(real):
            return self._sealed  # unchanged since read (an atomic replace is a new inode)
        try:
            before = file_signature(real)
            raw = read_regular(real)
        except OSError:
            return None  # ``load`` says what is wrong
        sealed = open_sealed(raw)
        if sealed is None or sealed.meta.get("schema_version") != schema.SCHEMA_VERSION:
            return None
        if before == file_signature(real):  # else changed while being read: not reused
            sealed.signature = before
        return sealed

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
            lock = self._lock(real)
            self._lock_held = True
            try:
                data = self.load()
                version = schema.schema_version(data)
                if version > schema.SCHEMA_VERSION:
                    raise JournalTooNew(self.path, version, schema.SCHEMA_VERSION)
                # Imported here: the command line mostly adds records without TinyDB.
                from tinydb import TinyDB

                from relate_tui.storage.tinydb_buffer import BufferStorage

                buffer = BufferStorage(data, newest_was_current=self._cache_newest)
                yield TinyDB(storage=lambda: buffer)
                if buffer.changed:
                    self._commit(real, buffer.data, newest_current=buffer.newest_current)
            except BaseException:
                # TinyDB may have changed the cached dicts in place before the failure.
                self._cache = None
                raise
            finally:
                self._lock_held = False
                lock.release()

    def _lock(self, real: Path) -> JournalLock:
        """The file lock of ``real``, taken (``JournalLocked`` after ``lock_timeout``)."""
        try:
            ensure_private_dir(real.parent)
            lock = JournalLock(str(lock_path(real)), self.lock_timeout)
            lock.acquire()
        except LockTimeout:
            raise JournalLocked(self.path, self.lock_timeout) from None
        except OSError as exc:
            raise WriteFailed(self.path, exc) from None
        return lock

    def _commit(self, real: Path, data: dict[str, Any], *, newest_current: bool = False) -> None:
        stamp_meta(data, self.writer)
        try:
            payload = sealed_pieces(data, newest_current=newest_current)
        except TypeError as exc:  # orjson.JSONEncodeError: a record holds a non-JSON value
            raise WriteFailed(self.path, exc) from None
        self._write(real, payload)
        self._noted(real, payload)
        sealed = len(payload) > 1  # a sealed file: its last-touch table is current
        if sealed and self.keep_written:
            # Back to reading the sealed bytes (a person's notes found by a byte search):
            # the parsed journal is several times their size, and the app lives for hours.
            self._cache = None
            self._sealed = self._written(real, payload)
            return
        sig = file_signature(real)
        self._cache = (sig, data) if sig is not None else None
        self._cache_newest = sealed
        self._sealed = None

    def _replace(self, real: Path, payload: bytes | Pieces) -> None:
        """Replace the journal with ``payload``, atomically, in the space of the version
        the last save replaced where there is one (``Backups.spare``)."""
        spare = self.backups.spare(real) if self.backups is not None else None
        atomic_write(real, payload, reuse=spare, keep_replaced=spare)

    def _write(self, real: Path, payload: bytes | Pieces) -> None:
        """Replace the file with ``payload``, with its backups (``self.backups``) around."""
        check_writable(self.path, real)
        if self.copy_after and self.backups is not None:
            self._write_then_copy(real, payload, self._replace)
            return
        around = self.backups.around_write(real, payload) if self.backups else nullcontext()
        try:
            with around:
                try:
                    self._replace(real, payload)
                except OSError as exc:
                    raise WriteFailed(self.path, exc) from None
        except OSError as exc:
            # No save without its backups: a silent gap is found only on the day one is
            # needed. The message says which step failed.
            reason = exc.strerror or str(exc)
            raise WriteFailed(self.path, OSError(exc.errno, f"backup: {reason}")) from None
