"""The inter-process lock around every read-modify-write of the journal.

On POSIX this is ``flock`` on ``<journal>.lock``, exactly what the ``filelock`` package
does there (so both interoperate, and the lock is released by the kernel if the process
dies), written out here because importing ``filelock`` 4.x pulls in logging, hashing and
decimal modules: ~20 ms, an eighth of the budget of a ``relate log``. Elsewhere
(Windows) the ``filelock`` package does the work.
"""

from __future__ import annotations

import os
import time
from types import TracebackType

POLL_SECONDS = 0.005


class LockTimeout(Exception):
    """Another process held the lock longer than the timeout."""


class JournalLock:
    """An exclusive lock on ``path`` (created 0600), waiting up to ``timeout`` seconds."""

    def __init__(self, path: str, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None
        self._fallback = None

    def acquire(self) -> None:
        """Take the lock. Raises ``LockTimeout``, or ``OSError`` if the file can't be made."""
        if os.name != "posix":
            from filelock import FileLock, Timeout

            self._fallback = FileLock(self.path, timeout=self.timeout, mode=0o600)
            try:
                self._fallback.acquire()
            except Timeout:
                raise LockTimeout(self.path) from None
            return
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockTimeout(self.path) from None
                time.sleep(POLL_SECONDS)
            except OSError:
                os.close(fd)
                raise
            else:
                self._fd = fd
                return

    def release(self) -> None:
        """Let go of the lock (closing the descriptor releases the flock)."""
        if self._fallback is not None:
            self._fallback.release()
            self._fallback = None
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def __enter__(self) -> JournalLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()
