"""``Store``'s part that brings a journal written by an older relate to this schema
version: under the lock, after a byte-identical copy of the old file in the backups."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relate_tui.storage import schema
from relate_tui.storage.atomic import atomic_write
from relate_tui.storage.errors import JournalUnreadable, WriteFailed
from relate_tui.storage.layout import lock_path, read_only_mode
from relate_tui.storage.lock import JournalLock, LockTimeout
from relate_tui.storage.regular_file import Signature, file_signature, read_regular
from relate_tui.storage.schema import stamp_meta
from relate_tui.storage.sealed import serialise_sealed


class Migrating:
    """Reading an older version's file: migrated in memory, and written when it can be."""

    if TYPE_CHECKING:  # provided by ``Store``
        path: Path
        writer: str
        lock_timeout: float
        _lock_held: bool
        on_migrate: Callable[[str], object] | None
        on_migrate_progress: Callable[[int, int], object] | None

        def _parse(self, raw: bytes) -> dict[str, Any]: ...
        def _unreadable(self, reason: str) -> JournalUnreadable: ...
        def _check_records(self, data: Mapping[str, Any]) -> None: ...

    def _older_version(self, real: Path, version: int) -> tuple[dict[str, Any], Signature | None]:
        """Data of an older version, migrated; no version at all is unreadable."""
        if version < schema.OLDEST_VERSION:
            raise self._unreadable("its meta record has no valid schema_version")
        return self._migrate(real)

    def _migrate(self, real: Path) -> tuple[dict[str, Any], Signature | None]:
        """Bring an old file to ``SCHEMA_VERSION``, under the lock, after a backup.

        Order matters: migrate in memory and check the result (a failure leaves the file
        untouched), write a byte-identical copy of the old file into the backup folder and
        fsync it, then replace the file atomically. A kill at any point leaves either the
        old file or the new one, and the copy. When the lock or the write is not to be had
        on a plain read, the migrated data is returned without being cached or written
        (the file stays old and readable); inside a transaction that is ``WriteFailed``.

        Returns:
            the current data and its file signature (None when not written).
        """
        from relate_tui.storage import migrations
        from relate_tui.storage.backups import version_backup

        lock = None
        steps: migrations.Steps | None = None
        if not self._lock_held:
            lock = JournalLock(str(lock_path(real)), self.lock_timeout)
            try:
                lock.acquire()
            except (LockTimeout, OSError):
                lock = None
        try:
            # Read again under the lock: another relate may have migrated it meanwhile.
            raw = read_regular(real)
            data = self._parse(raw)
            version = schema.schema_version(data)
            if version >= schema.SCHEMA_VERSION:
                return data, file_signature(real)
            if version < schema.OLDEST_VERSION:
                raise self._unreadable("its meta record has no valid schema_version")
            if self.on_migrate is not None:
                self.on_migrate(
                    f"Upgrading {real.name} from schema version {version} "
                    f"(a copy of it is kept in {real.name}.bak/)…"
                )
            steps = migrations.Steps(
                self.on_migrate_progress, migrations.records_to_convert(data, version)
            )
            steps.tick()  # read
            try:
                migrated = migrations.migrate(data, version, tick=steps.tick_or_none)
            except migrations.MigrationError as exc:
                raise self._unreadable(
                    f"it has schema version {version} and could not be upgraded ({exc})"
                ) from None
            self._check_records(migrated)
            stamp_meta(migrated, self.writer)
            if (lock is None and not self._lock_held) or read_only_mode(real) is not None:
                return migrated, None  # read, upgraded in memory; the file stays as it is
            try:
                version_backup(real, raw, version)
                steps.tick()  # the copy of the old file
                atomic_write(real, serialise_sealed(migrated))
                steps.tick()  # the new file
            except OSError as exc:
                if self._lock_held:
                    raise WriteFailed(self.path, exc) from None
                return migrated, None
            return migrated, file_signature(real)
        except OSError as exc:
            raise self._unreadable(exc.strerror or str(exc)) from None
        finally:
            if steps is not None:
                steps.end()
            if lock is not None:
                lock.release()
