"""Backups next to the journal, and cleanup of temp files left by a crash.

Everything lives in ``<journal>.bak/`` beside the (real) journal file:

- ``<stem>-YYYY-MM-DD.json``: the daily backup, a copy of the file as it was before the
  first write of that day; only the newest ``keep`` (``Settings.backups``) are kept;
- ``<stem>.v<N>-<UTC time>.json``: the file as it was before a schema migration from
  version N (kept until the user deletes it);
- ``<stem>.before-restore-<UTC time>.json``: the file as it was before ``relate doctor
  --restore`` replaced it (kept too).

A file that could not be read when a restore replaced it is copied beside the journal as
``<name>.corrupt-<UTC time>`` instead: it is not a backup one could restore, but its bytes
are the user's and are never thrown away.

Every copy is byte-identical, written to a temp file, fsynced and renamed into place, so a
backup that exists is complete.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from relate_tui.storage.atomic import (
    TEMP_SUFFIX,
    atomic_copy,
    atomic_write,
    ensure_private_dir,
    temp_prefix,
)
from relate_tui.storage.layout import backup_dir, corrupt_prefix

__all__ = ["Backup", "Backups", "backup_dir"]

if TYPE_CHECKING:
    from relate_tui.domain.clock import Clock

STALE_TEMP_SECONDS = 300
_STAMP = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class Backup:
    """One backup file: where it is, what made it and when."""

    path: Path
    kind: str
    """"daily", "save" (one of the last few saves), "migration" or "before-restore"."""
    taken: datetime
    """When it was taken (UTC; a daily backup is dated midnight of its day)."""

    @property
    def label(self) -> str:
        """A short description for listings: "daily", "before migration from v0"..."""
        if self.kind == "migration":
            match = _MIGRATION.search(self.path.name)
            return f"before migration from v{match.group(1)}" if match else "before migration"
        if self.kind == "before-restore":
            return "before a restore"
        if self.kind == "save":
            return "a recent save"
        return "daily"


_DAILY = re.compile(r"-(\d{4}-\d{2}-\d{2})\.json")
_MIGRATION = re.compile(r"\.v(\d+)-(\d{8}T\d{6}Z)(?:-\d+)?\.json")
_RESTORE = re.compile(r"\.before-restore-(\d{8}T\d{6}Z)(?:-\d+)?\.json")
_SAVE = re.compile(r"\.save-(\d{8}T\d{6}\.\d{6}Z)(?:-\d+)?\.json")
_SAVE_STAMP = "%Y%m%dT%H%M%S.%fZ"  # microseconds: several saves can fall in one second

RECENT_SAVES = 3
"""How many of the last saves are kept (as hard links: no copying, see ``recent_save``)."""


def stamp(moment: datetime | None = None) -> str:
    """A UTC time for file names, e.g. ``20261202T100000Z`` (sorts as it reads)."""
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).strftime(_STAMP)


def _parse_backup(real: Path, path: Path) -> Backup | None:
    name = path.name
    if not name.startswith(real.stem) or name.endswith(TEMP_SUFFIX):
        return None
    rest = name[len(real.stem) :]
    m = _DAILY.fullmatch(rest)
    if m is not None:
        try:
            day = date.fromisoformat(m.group(1))
        except ValueError:
            return None
        return Backup(path, "daily", datetime(day.year, day.month, day.day, tzinfo=UTC))
    m = _SAVE.fullmatch(rest)
    if m:
        return Backup(path, "save", datetime.strptime(m.group(1), _SAVE_STAMP).replace(tzinfo=UTC))
    for kind, pattern, group in (("migration", _MIGRATION, 2), ("before-restore", _RESTORE, 1)):
        m = pattern.fullmatch(rest)
        if m:
            taken = datetime.strptime(m.group(group), _STAMP).replace(tzinfo=UTC)
            return Backup(path, kind, taken)
    return None


def all_backups(real: Path, *, include_saves: bool = False) -> list[Backup]:
    """Every backup of the journal at ``real``, newest first.

    The last few saves (``recent_save``) are listed only with ``include_saves``: they are
    a short-lived safety net beside the daily, migration and restore copies.
    """
    folder = backup_dir(real)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = [b for p in entries if p.is_file() and (b := _parse_backup(real, p)) is not None]
    if not include_saves:
        found = [b for b in found if b.kind != "save"]
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def list_backups(real: Path) -> list[Path]:
    """Paths of every backup of the journal, newest first."""
    return [b.path for b in all_backups(real)]


def newest_backup(real: Path) -> Backup | None:
    """The backup to restore first: the last save when there is one, else the newest other.

    Every save links the journal as it was into the backup folder, so the newest of those is
    never older than the day's copy (made at the day's first save, of the same version).
    """
    everything = all_backups(real, include_saves=True)
    saves = [b for b in everything if b.kind == "save"]
    if saves:
        return saves[0]
    return everything[0] if everything else None


def unreadable_hint(path: Path, real: Path) -> str:
    """What to tell someone whose journal cannot be read: nothing changed, the newest
    backup, and the doctor command that restores it."""
    doctor = f"relate doctor --db {shlex.quote(str(path))}"
    newest = newest_backup(real)
    if newest is None:
        return f"nothing was changed (there is no backup yet); run `{doctor}` for details"
    return (
        f"nothing was changed; the newest backup is {newest.path}; "
        f"run `{doctor}` to check it and restore it"
    )


def copy_bytes(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` byte for byte: temp file, fsync, rename (0600).

    A partial copy never carries the final name, so a backup that exists is whole.
    """
    ensure_private_dir(target.parent)
    atomic_copy(source, target)


def _unique(target: Path) -> Path:
    """``target``, or ``target`` with ``-1``, ``-2``... before the suffix if it exists."""
    if not target.exists():
        return target
    for n in range(1, 1000):
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(target)


def daily_backup(real: Path, keep: int, today: date) -> Path | None:
    """Copy the journal into today's backup unless today's exists; prune old ones.

    Called under the write lock, before the write. Returns the new backup, if one was made.
    Only daily backups are pruned: copies made before a migration or a restore are rare
    and kept until the user removes them.
    """
    if keep <= 0 or not real.exists():
        return None
    folder = backup_dir(real)
    target = folder / f"{real.stem}-{today.isoformat()}.json"
    if target.exists():
        return None  # the usual case: one stat per save
    copy_bytes(real, target)
    # Prune only when a copy was made: once a day, not on every save.
    dailies = [b.path for b in all_backups(real) if b.kind == "daily"]
    for old in dailies[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def recent_save(real: Path, keep: int = RECENT_SAVES) -> None:
    """Keep the journal as it is now as one of the last ``keep`` saves, before it is replaced.

    A hard link, not a copy: every save replaces the file with a new one (atomic rename), so
    the link keeps the old version whole for the cost of a directory entry. A daily copy can
    be a day old when something outside relate damages the file; these are minutes old.
    Where links are not possible (some network or FAT file systems) this quietly does
    nothing: the daily copies remain.
    """
    if keep <= 0 or not real.exists():
        return
    folder = backup_dir(real)
    try:
        ensure_private_dir(folder)
        now = datetime.now(UTC).strftime(_SAVE_STAMP)
        os.link(real, _unique(folder / f"{real.stem}.save-{now}.json"))
    except OSError:
        return
    # Names sort by time (a UTC stamp with microseconds): no need to parse them on every save.
    prefix = f"{real.stem}.save-"
    saves = sorted((p for p in folder.iterdir() if p.name.startswith(prefix)), reverse=True)
    for old in saves[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()


class Backups:
    """What a journal keeps before each write, handed to ``Store`` as ``before_write``:
    the day's copy (``daily_backup``, the newest ``keep`` of them), the last few saves
    (``recent_save``, none when ``keep`` is 0), and, once per file, the temp files a crash
    left behind cleaned away.

    Args:
        keep: how many daily backups to keep (``Settings.backups``); 0 turns backups off.
        clock: what "today" is, for the daily copy's name.
    """

    def __init__(self, keep: int, clock: Clock) -> None:
        self.keep = keep
        self.clock = clock
        self._cleaned: set[Path] = set()

    def before_write(self, real: Path) -> None:
        """Back up the journal at ``real`` before it is replaced (called under the lock)."""
        if real not in self._cleaned:  # leftovers of a crash: looked for once, not every save
            clean_stale_temps(real)
            self._cleaned.add(real)
        daily_backup(real, self.keep, self.clock.today())
        recent_save(real, RECENT_SAVES if self.keep > 0 else 0)


def version_backup(real: Path, raw: bytes, version: int, moment: datetime | None = None) -> Path:
    """Save ``raw`` (the file's bytes before a migration from ``version``) as a backup."""
    folder = backup_dir(real)
    ensure_private_dir(folder)
    target = _unique(folder / f"{real.stem}.v{version}-{stamp(moment)}.json")
    atomic_write(target, raw)
    return target


def before_restore_copy(real: Path, moment: datetime | None = None, *, data: bytes) -> Path:
    """Keep ``data`` (the readable journal a restore replaces) as a backup; returns it."""
    folder = backup_dir(real)
    ensure_private_dir(folder)
    target = _unique(folder / f"{real.stem}.before-restore-{stamp(moment)}.json")
    atomic_write(target, data)
    return target


def corrupt_copy(real: Path, moment: datetime | None = None, *, data: bytes) -> Path:
    """Keep ``data`` (an unreadable journal's bytes) beside it as ``<name>.corrupt-<time>``."""
    base = f"{real.name}.corrupt-{stamp(moment)}"
    target = real.with_name(base)
    for n in range(1, 1000):
        if not target.exists():
            break
        target = real.with_name(f"{base}-{n}")
    atomic_write(target, data)
    return target


def corrupt_copies(real: Path) -> list[Path]:
    """Copies of unreadable journals kept beside ``real``, newest first."""
    prefix = corrupt_prefix(real)
    try:
        return sorted((p for p in real.parent.iterdir() if p.name.startswith(prefix)), reverse=True)
    except OSError:
        return []


def stale_temps(real: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Temp files of interrupted writes (older than ``older_than`` seconds): beside the
    journal, and in its backup folder."""
    found = []
    cutoff = time.time() - older_than
    places = ((real.parent, temp_prefix(real)), (backup_dir(real), f".{real.stem}"))
    for folder, prefix in places:
        with contextlib.suppress(OSError):
            for entry in folder.iterdir():
                if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX):
                    with contextlib.suppress(OSError):
                        if entry.stat().st_mtime < cutoff:
                            found.append(entry)
    return found


def clean_stale_temps(real: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove temp files of interrupted writes next to ``real`` and in its backup folder.

    Writers hold the lock while their temp file exists, and this runs under the lock, so
    any temp file here belongs to a writer that died; the age limit is a second guard for
    tools that write without the lock.
    """
    removed = []
    for entry in stale_temps(real, older_than):
        with contextlib.suppress(OSError):
            os.unlink(entry)
            removed.append(entry)
    return removed
