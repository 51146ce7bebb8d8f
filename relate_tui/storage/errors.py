"""Storage errors. Each carries a one-line message that names the file and what to do."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """Something went wrong with the journal file; ``str()`` is a one-line message."""


class JournalUnreadable(StorageError):
    """The file exists but cannot be read as a journal. It is never overwritten."""

    def __init__(self, path: Path, reason: str, hint: str = "") -> None:
        self.path = path
        self.reason = reason
        self.hint = hint or f"nothing was changed; run `relate doctor --db {path}` to see backups"
        super().__init__(f"cannot read journal {path}: {reason}; {self.hint}")


class JournalTooNew(StorageError):
    """The file was written by a newer relate; it can be read but not written."""

    def __init__(self, path: Path, version: int, supported: int) -> None:
        self.path = path
        self.version = version
        super().__init__(
            f"journal {path} has schema version {version}, newer than this relate knows "
            f"({supported}); it is open read-only and nothing was written: upgrade relate "
            "to write to it"
        )


class JournalReadOnly(StorageError):
    """The journal file is read-only (``chmod 400``): relate respects that and never writes."""

    def __init__(self, path: Path, mode: int) -> None:
        self.path = path
        super().__init__(
            f"journal {path} is read-only (mode {mode:04o}): nothing was written; to save to "
            f"it again, make it writable: chmod u+w {path}"
        )


class JournalLocked(StorageError):
    """Another process held the journal's lock for too long."""

    def __init__(self, path: Path, seconds: float) -> None:
        self.path = path
        super().__init__(
            f"journal {path} is busy: another relate has been saving for over {seconds:g} s; "
            "nothing was written, try again"
        )


class WriteFailed(StorageError):
    """The write did not happen (disk full, read-only, permissions); the file is unchanged.

    ``error`` is usually an ``OSError``; a failure to serialise the data (a bug) is
    reported the same way, because for the person typing the outcome is the same.
    """

    def __init__(self, path: Path, error: Exception) -> None:
        self.path = path
        self.error = error
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        super().__init__(
            f"could not save journal {path}: {reason}; the file is unchanged, try again "
            "once the problem is fixed"
        )


class BackupBehind(StorageError):
    """A save is in place, but its copy in the backups could not be made afterwards (the
    app's order, see ``storage.after_save``): nothing is lost, the backups are one behind."""

    def __init__(self, path: Path, error: Exception) -> None:
        self.path = path
        self.error = error
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        super().__init__(
            f"journal {path} was saved, but its copy in the backups could not be made: "
            f"{reason}; the next save makes one again"
        )
