"""Backups next to the journal: their names, listing them, and the copies made once.

Everything lives in ``<journal>.bak/`` beside the (real) journal file:

- ``<stem>-YYYY-MM-DD.json``: the daily backup, a copy of the file as it was before the
  first write of that day; only the newest ``keep`` (``Settings.backups``) are kept;
- ``<stem>.save-<UTC time>.json``: the last few saves, each a copy of what a save wrote
  (``storage.rolling`` makes these and the daily copies, and prunes them);
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

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from relate_tui.storage.atomic import TEMP_SUFFIX, atomic_copy, atomic_write, ensure_private_dir
from relate_tui.storage.layout import backup_dir, corrupt_prefix

__all__ = ["Backup", "backup_dir"]

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
SAVE_STAMP = "%Y%m%dT%H%M%S.%fZ"  # microseconds: several saves can fall in one second


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
        return Backup(path, "save", _utc(m.group(1)))
    for kind, pattern, group in (("migration", _MIGRATION, 2), ("before-restore", _RESTORE, 1)):
        m = pattern.fullmatch(rest)
        if m:
            return Backup(path, kind, _utc(m.group(group)))
    return None


def _utc(stamp_text: str) -> datetime:
    """The moment a file name's stamp (``_STAMP`` or ``SAVE_STAMP``) says, in UTC.

    ``fromisoformat`` reads the stamps' basic ISO form exactly as ``strptime`` with their
    formats does, without importing ``_strptime`` (locale, calendar) on every save."""
    return datetime.fromisoformat(stamp_text).astimezone(UTC)


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


_REVISION = re.compile(rb'"revision"\s*:\s*(\d{1,18})')


def revision_of(path: Path) -> int:
    """The journal revision a backup holds (every save bumps it), read from the meta record
    at the top of the file; -1 when it has none there (a file relate did not write)."""
    try:
        with open(path, "rb") as file:
            head = file.read(4096)
    except OSError:
        return -1
    found = _REVISION.search(head)
    return int(found.group(1)) if found else -1


def newest_first(found: list[Backup]) -> list[Backup]:
    """``found``, the newest first by the journal revision each holds, then by the time in
    its name: a clock moved back changes names and times, never the order of revisions."""
    return sorted(found, key=lambda b: (revision_of(b.path), b.taken, b.path.name), reverse=True)


def newest_backup(real: Path) -> Backup | None:
    """The backup to restore first: the last save when there is one, else the newest other.

    Every save writes a copy of itself into the backup folder, so the newest of those is
    the journal as relate last saved it. A backup that is the journal file itself (a hard
    link left by an earlier relate's failed save) is no backup: it is never chosen.
    """
    everything = [b for b in all_backups(real, include_saves=True) if not _same_file(b.path, real)]
    saves = [b for b in everything if b.kind == "save"]
    ordered = newest_first(saves or everything)
    return ordered[0] if ordered else None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def unreadable_hint(path: Path, real: Path) -> str:
    """What to tell someone whose journal cannot be read: nothing changed, the newest
    backup, and the doctor command that restores it."""
    import shlex  # only for this message

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


def unique_name(target: Path) -> Path:
    """``target``, or ``target`` with ``-1``, ``-2``... before the suffix if it exists."""
    if not target.exists():
        return target
    for n in range(1, 1000):
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(target)


def version_backup(real: Path, raw: bytes, version: int, moment: datetime | None = None) -> Path:
    """Save ``raw`` (the file's bytes before a migration from ``version``) as a backup."""
    folder = backup_dir(real)
    ensure_private_dir(folder)
    target = unique_name(folder / f"{real.stem}.v{version}-{stamp(moment)}.json")
    atomic_write(target, raw)
    return target


def before_restore_copy(real: Path, moment: datetime | None = None, *, data: bytes) -> Path:
    """Keep ``data`` (the readable journal a restore replaces) as a backup; returns it."""
    folder = backup_dir(real)
    ensure_private_dir(folder)
    target = unique_name(folder / f"{real.stem}.before-restore-{stamp(moment)}.json")
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
