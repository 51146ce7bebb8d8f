"""``relate demo`` leaves nothing in the temp directory: not when the app quits, not when
its terminal or tmux pane is closed under it, and not after a crash (the next demo tidies)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from relate_tui.app.demo_folder import OWNER_FILE, demo_folder, remove_leftovers

RUN_A_DEMO_FOLDER = """
import sys, time
from pathlib import Path
from relate_tui.app.demo_folder import demo_folder
with demo_folder(Path(sys.argv[1])) as folder:
    (folder / "journal.json").write_text("{}")
    print(folder, flush=True)
    time.sleep(60)
"""


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
def test_closing_the_terminal_removes_the_folder(tmp_path: Path, sig: int) -> None:
    """SIGHUP is a closed terminal window or a killed tmux pane; SIGTERM is ``kill``."""
    demo = subprocess.Popen(
        [sys.executable, "-c", RUN_A_DEMO_FOLDER, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    folder = Path(demo.stdout.readline().strip())
    assert (folder / "journal.json").exists()
    demo.send_signal(sig)
    assert demo.wait(timeout=30) == -sig  # ended by the signal, as it would have been
    demo.stdout.close()
    assert not folder.exists()
    assert list(tmp_path.iterdir()) == []


def test_quitting_removes_the_folder_and_puts_the_handlers_back(tmp_path: Path) -> None:
    before = signal.getsignal(signal.SIGHUP)
    with demo_folder(tmp_path) as folder:
        assert folder.name.startswith("relate-demo-")
        assert (folder / OWNER_FILE).read_text() == str(os.getpid())
    assert not folder.exists()
    assert signal.getsignal(signal.SIGHUP) is before


def _gone_pid() -> int:
    """The id of a process that has ended."""
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    return ended.pid


def _leftover(root: Path, name: str, owner: int | None, *, age: float = 0.0) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "journal.json").write_text("{}")
    if owner is not None:
        (folder / OWNER_FILE).write_text(str(owner))
    then = time.time() - age
    for path in (*folder.iterdir(), folder):
        os.utime(path, (then, then))
    return folder


def test_a_new_demo_removes_what_crashed_demos_left(tmp_path: Path) -> None:
    day = 24 * 3600
    crashed = _leftover(tmp_path, "relate-demo-crashed", _gone_pid())
    running = _leftover(tmp_path, "relate-demo-running", os.getpid())  # another pane's demo
    old_relate = _leftover(tmp_path, "relate-demo-oldrelate", None, age=2 * day)
    recent_old_relate = _leftover(tmp_path, "relate-demo-recent", None, age=60)
    not_ours = _leftover(tmp_path, "relate-notes", _gone_pid())

    with demo_folder(tmp_path) as folder:
        assert not crashed.exists() and not old_relate.exists()
        assert running.exists() and recent_old_relate.exists() and not_ours.exists()
        assert folder.exists()
    assert remove_leftovers(tmp_path) == []  # nothing left to tidy
