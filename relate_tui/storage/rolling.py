"""The backups that come with every save, and the leftovers of crashes.

``Store`` calls ``Backups.around_write`` under the journal's lock for each save:

- **the day's copy** (``<stem>-YYYY-MM-DD.json``): the journal as it was before the
  first save of the day; the newest ``keep`` of them are kept;
- **the last saves** (``<stem>.save-<UTC time>.json``): a copy of what each save writes,
  made before the journal is replaced and removed again if that fails. So the newest
  backup is always the last save relate said was done, and it is a file of its own: the
  journal damaged in place (an editor writing into it, ``>`` in a shell) cannot damage
  it. (These were once hard links of the file a save replaced, which cost nothing but
  never held the last save, and a failed save left one sharing the live file.) The app
  makes this copy just *after* the journal is in place and the save reported
  (``Backups.after_write``; ``Store``'s ``copy_after``): the journal's own write is
  atomic, so the copy need not come first, and the user is not kept waiting for it;
- **leftovers removed**: temp files of saves that never finished (a crash, a kill -9).
  Every relate writes its temp files under the lock, so while this one holds it, any temp
  file there is a leftover, however young.

Pruning keeps the newest copies by the journal revision they hold (every save bumps it),
not by their names or times: a clock moved back would otherwise make the copies of the
moment look oldest and delete them first. The copy just made is never pruned.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from relate_tui.storage.atomic import TEMP_SUFFIX, atomic_write, ensure_private_dir, temp_prefix
from relate_tui.storage.backups import (
    SAVE_STAMP,
    Backup,
    all_backups,
    backup_dir,
    copy_bytes,
    newest_first,
    unique_name,
)
from relate_tui.storage.layout import spare_path

if TYPE_CHECKING:
    from relate_tui.domain.clock import Clock

RECENT_SAVES = 3
"""How many of the last saves are kept (each a copy of what that save wrote)."""


def daily_backup(real: Path, keep: int, today: date) -> Path | None:
    """Copy the journal into today's backup unless today's exists; prune old ones.

    Called under the write lock, before the write. Returns the new backup, if one was made.
    Only daily backups are pruned: copies made before a migration or a restore are rare
    and kept until the user removes them.
    """
    if keep <= 0 or not real.exists():
        return None
    target = backup_dir(real) / f"{real.stem}-{today.isoformat()}.json"
    if target.exists():
        return None  # the usual case: one stat per save
    copy_bytes(real, target)
    # Prune only when a copy was made: once a day, not on every save.
    _prune([b for b in all_backups(real) if b.kind == "daily"], keep, target)
    return target


def save_copy(
    real: Path,
    payload: bytes | Sequence[bytes | memoryview],
    moment: datetime,
    *,
    reuse: Path | None = None,
) -> Path:
    """Write ``payload`` (what a save is about to write) as one of the last saves, named by
    ``moment``; into the space of ``reuse`` (a copy about to be pruned), where it can."""
    folder = backup_dir(real)
    ensure_private_dir(folder)
    stamp = moment.astimezone(UTC).strftime(SAVE_STAMP)
    target = unique_name(folder / f"{real.stem}.save-{stamp}.json")
    atomic_write(target, payload, reuse=reuse)
    return target


def _prune(found: list[Backup], keep: int, made: Path) -> None:
    """Delete all but the ``keep`` newest of ``found`` (see ``newest_first``), never ``made``."""
    for old in newest_first(found)[keep:]:
        if old.path != made:
            with contextlib.suppress(OSError):
                old.path.unlink()


def leftover_temps(real: Path) -> list[Path]:
    """Temp files of saves that never finished: beside the journal and in its backups."""
    found = []
    places = ((real.parent, temp_prefix(real)), (backup_dir(real), f".{real.stem}"))
    for folder, prefix in places:
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX):
                    found.append(Path(entry.path))
    return found


def clean_temps(real: Path) -> list[Path]:
    """Remove the leftovers of interrupted saves (call only under the journal's lock)."""
    removed = []
    for path in leftover_temps(real):
        with contextlib.suppress(OSError):
            os.unlink(path)
            removed.append(path)
    return removed


SPARE_DAYS = 7
"""A spare not written for this long is deleted (its journal moved, deleted, or a demo)."""
SPARES = 4
"""At most this many spares are kept (the newest written): one per journal in use."""


def _sweep_spares(folder: Path, keep: Path) -> None:
    """Delete the spares in ``folder`` that no save has written for ``SPARE_DAYS``, and all
    but the ``SPARES`` newest, never ``keep``: each is a journal-sized file that only
    speeds up a save."""
    import time  # once per process that saves

    cutoff = time.time() - SPARE_DAYS * 86400
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.endswith(".spare") and entry.path != str(keep):
                with contextlib.suppress(OSError):
                    found.append((entry.stat(follow_symlinks=False).st_mtime, entry.path))
    found.sort(reverse=True)
    for index, (written, path) in enumerate(found):
        if written < cutoff or index >= SPARES - 1:
            with contextlib.suppress(OSError):
                os.unlink(path)


class Backups:
    """What a journal keeps around each save, handed to ``Store``.

    Args:
        keep: how many daily backups to keep (``Settings.backups``); 0 turns backups off,
            daily copies and last saves alike (leftovers are still removed).
        clock: what "today" and "now" are, for the copies' names.
        spares: the folder (in relate's cache folder) where each save keeps the version
            of the journal it replaced, for the next save to write into (``spare``).
    """

    def __init__(self, keep: int, clock: Clock, spares: Path | None = None) -> None:
        self.keep = keep
        self.clock = clock
        self.spares = spares
        self._swept = False

    @contextmanager
    def around_write(
        self, real: Path, payload: bytes | Sequence[bytes | memoryview]
    ) -> Iterator[None]:
        """Back up around one save of ``payload`` to ``real`` (the body replaces it).

        Raises:
            OSError: a backup could not be made; the body did not run.
        """
        self.before_write(real)
        copy = None
        if self.keep > 0:
            # Into the space of the oldest copy, deleted once this save is in place anyway.
            # Should the journal's own write then fail, that copy is gone a save early: the
            # newer copies and the journal itself are all still there.
            copy = save_copy(real, payload, self.clock.now(), reuse=self._doomed(real))
        try:
            yield
        except BaseException:
            if copy is not None:  # never saved: the newest backup must not claim it was
                with contextlib.suppress(OSError):
                    copy.unlink()
            raise
        if copy is not None:
            self._prune_saves(real, copy)

    def spare(self, real: Path) -> Path | None:
        """Where a save of the journal at ``real`` keeps the version it replaces, for the
        next save to write into its space (``atomic_write``'s ``reuse``): in ``spares``,
        relate's cache folder. None with backups off (no copy of the journal is kept
        anywhere the user did not ask for), without a cache folder, or when it cannot be
        made; the save is then written into new space, as always."""
        if self.keep <= 0 or self.spares is None:
            return None
        try:
            ensure_private_dir(self.spares)
        except OSError:
            return None
        spare = spare_path(self.spares, real)
        if not self._swept:
            self._swept = True
            _sweep_spares(self.spares, keep=spare)
        return spare

    def before_write(self, real: Path) -> None:
        """What must happen before any save replaces ``real``: leftovers of crashed saves
        removed, and the day's copy of the journal as it is (the first save of a day).

        Raises:
            OSError: the day's copy could not be made.
        """
        clean_temps(real)
        daily_backup(real, self.keep, self.clock.today())

    def after_write(
        self, real: Path, payload: bytes | Sequence[bytes | memoryview], moment: datetime
    ) -> Path | None:
        """Keep ``payload``, a save already in place at ``real`` (made at ``moment``), as
        one of the last saves, and delete the oldest beyond them: the app's way, after it
        has told the user the save is done (see ``Store``, ``copy_after``).

        Raises:
            OSError: the copy could not be made (the save itself stands).
        """
        if self.keep <= 0:
            return None
        # The journal is in place, so the copy may take the space of the oldest copy, which
        # is deleted right after it anyway. If the copy fails, that one is gone a save
        # early: the journal itself holds this save, and the next save copies again.
        copy = save_copy(real, payload, moment, reuse=self._doomed(real))
        self._prune_saves(real, copy)
        return copy

    def _doomed(self, real: Path) -> Path | None:
        """The copy the next one makes one too many, whose space it may take: the oldest
        of the last saves once there are ``RECENT_SAVES``."""
        doomed = newest_first(self._saves(real))[RECENT_SAVES - 1 :]
        return doomed[-1].path if doomed else None

    def _saves(self, real: Path) -> list[Backup]:
        return [b for b in all_backups(real, include_saves=True) if b.kind == "save"]

    def _prune_saves(self, real: Path, made: Path) -> None:
        _prune(self._saves(real), RECENT_SAVES, made)
