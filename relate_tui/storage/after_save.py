"""The app's order of a save: the journal first, reported, then its copy in the backups.

Every save keeps a copy of what it wrote among the last saves (``storage.rolling``). The
command line writes that copy before it replaces the journal, and a save whose copy fails
does not happen. The app, which people wait on, writes the journal first: its write is
atomic (temp file, ``fsync``, rename), so a crash at any instant leaves the old journal or
the new one, and nothing the user saw saved is lost. The save is reported then, and the
copy follows (``Store.settle``, run by the app's writer thread once the screen shows the
new view, a fraction of a second later): the user waits for one durable write instead of
two, the oldest copy is deleted off the save's path too, and neither competes with the
repaint.

What still holds: the day's copy is made before the first save of a day (it must hold the
journal as it was); the copy of a save is made before this process saves again (a save
pays what the last one owes first), so the newest backup is the last save but for the
instant between a save and its copy; and a copy that cannot be made is said in one line
(``BackupBehind``) — the save stands, and the next save makes a copy again. A process
killed in that instant leaves the journal whole and the backups one save behind until
the next save, by any relate, makes its copy.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from relate_tui.storage.errors import BackupBehind, WriteFailed

if TYPE_CHECKING:
    from relate_tui.storage.lock import JournalLock
    from relate_tui.storage.rolling import Backups
    from relate_tui.storage.sealed import SealedFile

Owed = tuple[Path, "bytes | Sequence[bytes | memoryview]", datetime]


class AfterSave:
    """``Store``'s part that writes the journal first and its copy after (``copy_after``)."""

    if TYPE_CHECKING:  # provided by ``Store``
        path: Path
        backups: Backups | None
        _sealed: SealedFile | None
        _mutex: threading.RLock

        def _lock(self, real: Path) -> JournalLock: ...

    _owed: Owed | None = None

    @property
    def copy_owed(self) -> bool:
        """True while the last save's copy in the backups is still to be made."""
        return self._owed is not None

    def _write_then_copy(
        self,
        real: Path,
        payload: bytes | Sequence[bytes | memoryview],
        write: Callable[[Path, bytes | Sequence[bytes | memoryview]], None],
    ) -> None:
        """Replace the journal with ``payload`` by ``write`` (``Store``'s atomic write);
        its copy in the backups is owed. Called under the lock, like ``Store._write``."""
        assert self.backups is not None
        # The last save's copy comes before this save; if it fails, this save's own copy,
        # made next, holds that one's records too.
        with contextlib.suppress(BackupBehind):
            self._pay_owed()
        try:
            self.backups.before_write(real)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise WriteFailed(self.path, OSError(exc.errno, f"backup: {reason}")) from None
        try:
            write(real, payload)
        except OSError as exc:
            raise WriteFailed(self.path, exc) from None
        # The pieces are the caller's list (emptied once the store keeps what it wrote):
        # hold them as they are now.
        kept = payload if isinstance(payload, bytes) else tuple(payload)
        self._owed = (real, kept, self.backups.clock.now())

    def settle(self) -> None:
        """Do what the last save left for after it was reported: its copy in the backups
        (the oldest beyond the kept ones deleted), under the lock.

        Raises:
            BackupBehind: the copy could not be made; the save stands.
            JournalLocked: another relate held the lock too long (the copy stays owed).
        """
        with self._mutex:
            if self._owed is not None:
                lock = self._lock(self._owed[0])
                try:
                    self._pay_owed()
                finally:
                    lock.release()

    def prepare_reads(self) -> None:
        """Join the pieces the last save wrote into the bytes the store keeps and find
        their tables, unless a read has already: the next save splices into them. (The
        screen's first byte search for a person's notes joins them itself, in a few
        milliseconds at J20k.) Call it after the save is reported."""
        with self._mutex:
            sealed = self._sealed
        if sealed is not None:
            sealed.bounds("notes")

    def _pay_owed(self) -> None:
        owed, self._owed = self._owed, None
        if owed is None or self.backups is None:
            return
        real, payload, moment = owed
        try:
            self.backups.after_write(real, payload, moment)
        except OSError as exc:
            raise BackupBehind(self.path, exc) from None
