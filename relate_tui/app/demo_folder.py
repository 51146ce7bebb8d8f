"""The temporary folder ``relate demo`` runs in, and making sure it goes away.

Quitting the app removes it (``run_app``'s ``finally``). Closing the terminal window or
killing the tmux pane does not quit: the process gets SIGHUP (or SIGTERM from ``kill``)
and Python's default is to end at once, without ``finally``. So while the demo runs, those
signals remove the folder first and then end the process as they would have. A process
that could not clean up (SIGKILL, a crash, a power cut) leaves its folder behind with its
process id written in it; the next ``relate demo`` removes every such folder whose process
is gone, so trying relate a few times leaves nothing in the temp directory.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = "relate-demo-"
OWNER_FILE = "owner.pid"
"""The demo's process id, so a later demo can tell a live folder from a leftover."""
ENDING_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
OLD_LEFTOVER_SECONDS = 24 * 3600
"""A folder an older relate left (no owner file) is removed once it is this old."""


@contextmanager
def demo_folder(root: Path | None = None) -> Iterator[Path]:
    """A fresh ``relate-demo-*`` folder in ``root`` (the temp directory), gone afterwards
    however the demo ends short of SIGKILL; leftovers of earlier demos are removed first."""
    root = Path(root or tempfile.gettempdir())
    remove_leftovers(root)
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=root))
    (folder / OWNER_FILE).write_text(str(os.getpid()), "ascii")
    before = {sig: signal.getsignal(sig) for sig in ENDING_SIGNALS}

    def remove_then_end(sig: int, _frame: object) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        signal.signal(sig, before[sig] if callable(before[sig]) else signal.SIG_DFL)
        os.kill(os.getpid(), sig)  # end as the signal would have (or as its handler says)

    for sig in ENDING_SIGNALS:
        if before[sig] is not signal.SIG_IGN:  # under nohup a hangup stays ignored
            signal.signal(sig, remove_then_end)
    try:
        yield folder
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
        shutil.rmtree(folder, ignore_errors=True)


def remove_leftovers(root: Path) -> list[Path]:
    """Remove the demo folders in ``root`` whose demo no longer runs; the ones removed.

    Only folders named ``relate-demo-*``, owned by this user, whose owner file names a
    process that is gone (a demo running in another pane keeps its folder), or, made by a
    relate before the owner file, untouched for a day.
    """
    removed = []
    for folder in root.glob(PREFIX + "*"):
        try:
            if folder.is_symlink() or folder.stat().st_uid != os.getuid():
                continue
            gone = _left_behind(folder)
        except (OSError, ValueError):
            continue  # not ours to judge: leave it
        if gone:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _left_behind(folder: Path) -> bool:
    owner = folder / OWNER_FILE
    if owner.exists():
        return not _running(int(owner.read_text("ascii").strip()))
    # Made by a relate before the owner file: only once nothing in it has changed for a day.
    newest = max((p.stat().st_mtime for p in folder.rglob("*")), default=0.0)
    return time.time() - max(newest, folder.stat().st_mtime) > OLD_LEFTOVER_SECONDS


def _running(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process with that id: not ours to judge
    return True
