"""Putting a backup back: ``relate doctor --restore``.

The one write the doctor makes, and only when asked for by name. It replaces only a
journal: the file at the journal's path must be a regular file that is not read-only,
and either read as a journal or carry the signs of one relate has saved (its lock or
backup folder beside it): ``--db /dev/null`` or a mistyped ``--db ~/.bashrc`` is refused.
The current bytes are kept first: as a ``before-restore`` backup when they are a readable
journal, or as ``<name>.corrupt-<time>`` beside it when they are not.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from relate_tui.storage import backups, schema
from relate_tui.storage.atomic import atomic_write, ensure_private_dir, resolve
from relate_tui.storage.doctor import Report, inspect_backup, read_journal_bytes
from relate_tui.storage.errors import JournalLocked, StorageError
from relate_tui.storage.json_format import serialise
from relate_tui.storage.layout import backup_dir, lock_path, read_only_mode
from relate_tui.storage.lock import JournalLock, LockTimeout
from relate_tui.storage.regular_file import kind_of_file, read_regular

_REVISION = re.compile(rb'"revision"\s*:\s*(\d{1,18})')


@dataclass(frozen=True)
class Restored:
    """What ``restore`` did."""

    backup: Path
    journal: Path
    kept: Path | None
    """Where the replaced file's bytes were kept (None when there was no file)."""
    kept_unreadable: bool


def find_backup(real: Path, name: str) -> Path:
    """The backup ``name`` refers to: a path, a file name in the backup folder, a date
    (``2026-12-01``, the daily backup of that day) or ``newest``.

    Raises:
        StorageError: nothing matches (the message lists what to pass instead).
    """
    folder = backups.backup_dir(real)
    if name in ("newest", "latest"):
        newest = backups.newest_backup(real)
        if newest is None:
            raise StorageError(f"there are no backups of {real} in {folder}")
        return newest.path
    candidates = [Path(name).expanduser(), folder / name, folder / f"{real.stem}-{name}.json"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise StorageError(
        f"no backup called {name!r}: pass a file from `relate doctor`'s list "
        f"(in {folder}), a date like 2026-12-01, or newest"
    )


def _check_backup(backup: Path) -> Report:
    """The backup, checked as a journal relate could read once restored."""
    checked = inspect_backup(backup)
    problems = [] if checked.readable else [f.text for f in checked.findings if not f.ok]
    if checked.data is not None and checked.version == schema.SCHEMA_VERSION:
        from relate_tui.storage.record_checks import bad_records

        bad = next(iter(bad_records(checked.data)), None)
        if bad is not None:  # relate would refuse to read it once restored
            problems.append(f"its {bad[0]} record {bad[1]}: {bad[2]}")
    if problems:
        raise StorageError(
            f"{backup} cannot be restored: {'; '.join(problems)}; nothing was changed"
        )
    return checked


def _check_target(path: Path, real: Path) -> None:
    """Refuse to replace anything at ``path`` but a journal (see the module docstring)."""
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        return  # no file: the restore creates the journal
    except OSError as exc:
        raise StorageError(f"cannot restore into {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise StorageError(
            f"{path} is {kind_of_file(mode)}, not a journal file: a restore replaces only a "
            "journal; nothing was restored"
        )
    read_only = read_only_mode(real)
    if read_only is not None:
        raise StorageError(
            f"{path} is read-only (mode {read_only:04o}): a restore does not replace it; "
            f"nothing was restored (make it writable first: chmod u+w {path})"
        )
    current = Report(real)
    try:
        read_journal_bytes(read_regular(real), current)
    except OSError as exc:
        raise StorageError(f"cannot restore into {path}: {exc.strerror or exc}") from None
    saved_before = lock_path(real).exists() or backup_dir(real).is_dir()
    if not current.readable and not saved_before:
        why = "; ".join(f.text for f in current.findings if not f.ok)
        raise StorageError(
            f"{path} is not a relate journal ({why}) and relate has never saved it (no "
            f"{lock_path(real).name} or {backup_dir(real).name} beside it): nothing was "
            f"restored; if it is your journal, move it aside and run the restore again"
        )


def _with_newer_revision(
    backup: Report, current: Report, current_bytes: bytes, real: Path
) -> bytes | None:
    """The backup's data with a revision above every one known, or None to keep its bytes.

    Known revisions: the current file's (read from its bytes when it does not parse,
    best effort) and every backup's. Backups of another schema version keep their bytes:
    the next open migrates an old one, and a newer one is not ours to stamp.
    """
    data = backup.data
    if data is None or backup.version != schema.SCHEMA_VERSION:
        return None
    known = [schema.revision(data)]
    if current.data is not None:
        known.append(schema.revision(current.data))
    else:
        known += [int(m) for m in _REVISION.findall(current_bytes)]
    for other in backups.all_backups(real):
        checked = inspect_backup(other.path)
        if checked.data is not None:
            known.append(schema.revision(checked.data))
    meta = dict(schema.meta_record(data))
    meta["revision"] = max(known) + 1
    meta["last_writer"] = "doctor --restore"
    restored = dict(data)
    restored[schema.META] = {"1": meta}
    return serialise(restored)


def restore(
    path: Path, backup: Path, *, now: datetime | None = None, lock_timeout: float = 10.0
) -> Restored:
    """Replace the journal at ``path`` with ``backup``, keeping the current bytes first.

    The backup is checked before anything is touched (a backup relate could not read is
    refused), and so is what it would replace (only a journal). Under the journal's lock,
    the current file is copied aside, then the backup replaces it atomically. The records
    are the backup's exactly; only ``meta.revision`` moves on past every revision seen,
    because readers rely on it only growing (exports use it as the calendar SEQUENCE).

    Raises:
        StorageError: the backup is unusable, the journal path holds something that is
            not a journal, the lock is busy, or a write failed (the message says which;
            the journal is unchanged).
    """
    path = Path(path)
    real = resolve(path)
    checked = _check_backup(backup)
    _check_target(path, real)  # before the lock: taking it creates the lock file
    try:
        new_bytes = read_regular(backup)
    except OSError as exc:
        raise StorageError(f"cannot read {backup}: {exc.strerror or exc}") from None
    try:
        ensure_private_dir(real.parent)
        lock = JournalLock(str(lock_path(real)), lock_timeout)
        lock.acquire()
    except LockTimeout:
        raise JournalLocked(path, lock_timeout) from None
    except OSError as exc:
        raise StorageError(f"cannot restore into {path}: {exc.strerror or exc}") from None
    try:
        _check_target(path, real)  # again, under the lock: it may have changed meanwhile
        kept = None
        unreadable = False
        old = b""
        current = Report(real)
        if real.exists():
            old = read_regular(real)
            read_journal_bytes(old, current)
            unreadable = not current.readable
            kept = (
                backups.corrupt_copy(real, now, data=old)
                if unreadable
                else backups.before_restore_copy(real, now, data=old)
            )
        new_bytes = _with_newer_revision(checked, current, old, real) or new_bytes
        atomic_write(real, new_bytes)
    except OSError as exc:
        raise StorageError(
            f"cannot restore into {path}: {exc.strerror or exc}; the journal is unchanged"
        ) from None
    finally:
        lock.release()
    return Restored(backup, path, kept, unreadable)
