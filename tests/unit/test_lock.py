"""The journal lock: exclusive between processes, released by the kernel when a holder dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from relate_tui.storage.lock import JournalLock, LockTimeout

HOLD = (
    "import sys, time\n"
    "from relate_tui.storage.lock import JournalLock\n"
    "lock = JournalLock(sys.argv[1], 5)\n"
    "lock.acquire()\n"
    "print('held', flush=True)\n"
    "time.sleep(60)\n"
)


def test_a_held_lock_times_out_and_is_freed_when_the_holder_is_killed(tmp_path: Path) -> None:
    path = str(tmp_path / "journal.json.lock")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, path], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with pytest.raises(LockTimeout):
            JournalLock(path, 0.2).acquire()
        assert time.monotonic() - started >= 0.2
        os.kill(holder.pid, signal.SIGKILL)  # a crashed writer must not block everyone after it
        holder.wait()
        with JournalLock(path, 2):
            pass
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


def test_the_lock_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "journal.json.lock"
    old = os.umask(0)
    try:
        with JournalLock(str(path), 1):
            pass
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o077 == 0


def test_two_locks_in_one_process_exclude_each_other(tmp_path: Path) -> None:
    """The app and a second journal on the same file in one process still take turns."""
    path = str(tmp_path / "journal.json.lock")
    with JournalLock(path, 1), pytest.raises(LockTimeout):
        JournalLock(path, 0.05).acquire()
