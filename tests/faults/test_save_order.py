"""The app's order of a save: the journal first, reported, then its copy in the backups
(``storage.after_save``). Nothing the user saw saved is ever lost, at any instant:

- the journal is in place (and durable) before the save returns, and its copy is made
  only after it;
- a process killed at any moment leaves a journal that reads, with every save that
  returned, and the next save's copy holds them all;
- a copy that cannot be made is said in one line and the save stands.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import random
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from relate_tui.storage import atomic, rolling
from relate_tui.storage.backups import all_backups, backup_dir, newest_backup
from relate_tui.storage.errors import BackupBehind
from relate_tui.storage.json_format import parse

from .conftest import journal_data, make_journal, note_bodies, os_error, write_journal

_FORK = multiprocessing.get_context("fork")


def _newest_bodies(journal_path: Path) -> set[str]:
    newest = newest_backup(journal_path)
    assert newest is not None and newest.kind == "save"
    return {n["body"] for n in parse(newest.path.read_bytes())["notes"].values()}


class _Renames:
    """``os`` inside ``storage.atomic`` that records where each replace lands."""

    def __init__(self) -> None:
        self.targets: list[str] = []

    def __getattr__(self, attr: str) -> Any:
        if attr != "replace":
            return getattr(os, attr)

        def replace(source: Any, target: Any) -> None:
            self.targets.append(Path(target).name)
            os.replace(source, target)

        return replace


def test_the_app_writes_the_journal_first_and_its_copy_after(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_journal(journal_path, journal_data(people=5, notes=50))
    journal = make_journal(journal_path, writer="app")
    journal.log_note(["p00001"], "first", kind="call")  # the day's copy is made here
    journal.store.settle()
    renames = _Renames()
    monkeypatch.setattr(atomic, "os", renames)

    journal.log_note(["p00001"], "second", kind="call")
    # Reported: the journal holds the note, durably; its copy is still to come.
    assert renames.targets == [journal_path.name]
    assert "second" in note_bodies(journal_path)
    assert journal.store.copy_owed
    assert "second" not in _newest_bodies(journal_path)

    journal.store.settle()
    assert len(renames.targets) == 2 and ".save-" in renames.targets[1]
    assert not journal.store.copy_owed
    assert {"first", "second"} <= _newest_bodies(journal_path)


def test_the_command_line_still_writes_its_copy_first(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``relate log`` exits after its one save: nothing would make a copy owed."""
    write_journal(journal_path, journal_data(people=5, notes=50))
    journal = make_journal(journal_path)
    journal.log_note(["p00001"], "first", kind="call")
    renames = _Renames()
    monkeypatch.setattr(atomic, "os", renames)
    journal.log_note(["p00001"], "second", kind="call")
    assert len(renames.targets) == 2 and ".save-" in renames.targets[0]
    assert renames.targets[1] == journal_path.name
    assert not journal.store.copy_owed


def test_a_save_pays_the_copy_the_last_one_owes_first(journal_path: Path) -> None:
    """Two saves with no ``settle`` between (a writer thread with jobs queued): the first
    one's copy is made before the second replaces the journal."""
    write_journal(journal_path, journal_data(people=5, notes=50))
    journal = make_journal(journal_path, writer="app")
    journal.log_note(["p00001"], "first", kind="call")
    journal.log_note(["p00001"], "second", kind="call")
    saves = [b for b in all_backups(journal_path, include_saves=True) if b.kind == "save"]
    assert len(saves) == 1
    assert "first" in {n["body"] for n in parse(saves[0].path.read_bytes())["notes"].values()}
    journal.store.settle()
    assert {"first", "second"} <= _newest_bodies(journal_path)


def test_a_copy_that_fails_after_the_save_is_said_and_the_save_stands(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_journal(journal_path, journal_data(people=5, notes=50))
    journal = make_journal(journal_path, writer="app")
    journal.log_note(["p00001"], "first", kind="call")
    journal.store.settle()

    def full_disk(*args: Any, **kwargs: Any) -> Path:
        raise os_error(errno.ENOSPC)

    monkeypatch.setattr(rolling, "save_copy", full_disk)
    journal.log_note(["p00001"], "second", kind="call")
    with pytest.raises(BackupBehind) as caught:
        journal.store.settle()
    message = str(caught.value)
    assert "was saved" in message and "No space left on device" in message
    assert "\n" not in message
    assert "second" in note_bodies(journal_path)
    assert not journal.store.copy_owed  # not tried again and again

    monkeypatch.undo()
    journal.log_note(["p00001"], "third", kind="call")
    journal.store.settle()
    assert {"first", "second", "third"} <= _newest_bodies(journal_path)
    temps = [p.name for d in (journal_path.parent, backup_dir(journal_path)) for p in d.iterdir()]
    assert not [name for name in temps if name.endswith(".tmp")]


def _app_writer(path: str, fd: int, prefix: str) -> None:
    """Child: save notes the app's way until killed, saying when each save returned ("C")
    and when its copy was made ("K")."""
    journal = Journal(Path(path), Settings(), FixedClock("2026-12-02T10:00:00"), writer="app")
    os.write(fd, b"R\n")
    for i in range(100_000):
        body = f"{prefix}-{i}"
        journal.log_note(["p00001"], body, kind="call")
        os.write(fd, f"C {body}\n".encode())
        journal.store.settle()
        os.write(fd, f"K {body}\n".encode())


def _wait_for(fd: int, buffer: bytearray, marker: bytes) -> None:
    deadline = time.monotonic() + 30
    while marker not in buffer:
        assert time.monotonic() < deadline, "the writer never got that far"
        chunk = os.read(fd, 65536)
        assert chunk, "the writer died"
        buffer += chunk


def test_a_kill_at_any_moment_of_the_apps_saves_loses_nothing_it_reported(
    journal_path: Path,
) -> None:
    """SIGKILL at random moments, also between a save and its copy: the journal always
    reads and holds every save that returned; the next save's copy holds them all."""
    write_journal(journal_path, journal_data(people=5, notes=200))
    rng = random.Random(15)
    for round_no in range(12):
        read_end, write_end = os.pipe()
        proc = _FORK.Process(
            target=_app_writer, args=(str(journal_path), write_end, f"r{round_no}")
        )
        proc.start()
        os.close(write_end)
        buffer = bytearray()
        try:
            _wait_for(read_end, buffer, f"C r{round_no}-0\n".encode())
            time.sleep(rng.uniform(0, 0.08))
            os.kill(proc.pid, signal.SIGKILL)
            proc.join(timeout=20)
            while chunk := os.read(read_end, 65536):
                buffer += chunk
        finally:
            if proc.is_alive():
                proc.kill()
            os.close(read_end)
        reported = {
            line.split(" ", 1)[1] for line in buffer.decode().splitlines() if line.startswith("C ")
        }
        tables = parse(journal_path.read_bytes())  # whole, never a mix
        bodies = {n["body"] for n in tables["notes"].values()}
        assert reported <= bodies, f"round {round_no}: a reported save is missing"
        after = make_journal(journal_path, writer="app")
        after.log_note(["p00001"], f"after-{round_no}", kind="call")
        after.store.settle()
        assert bodies | {f"after-{round_no}"} <= _newest_bodies(journal_path)


def _save_then_die(path: str) -> None:
    """Child: one save the app's way, then killed before its copy is made."""
    journal = Journal(Path(path), Settings(), FixedClock("2026-12-02T10:00:00"), writer="app")
    journal.log_note(["p00001"], "reported", kind="call")
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_kill_between_a_save_and_its_copy_loses_nothing(journal_path: Path) -> None:
    write_journal(journal_path, journal_data(people=5, notes=50))
    before = make_journal(journal_path, writer="app")
    before.log_note(["p00001"], "earlier", kind="call")
    before.store.settle()
    proc = _FORK.Process(target=_save_then_die, args=(str(journal_path),))
    proc.start()
    proc.join(timeout=30)
    assert proc.exitcode == -signal.SIGKILL
    assert "reported" in note_bodies(journal_path)  # the journal is the save
    assert "reported" not in _newest_bodies(journal_path)  # the backups are one behind
    after = make_journal(journal_path, writer="app")
    after.log_note(["p00001"], "next", kind="call")
    after.store.settle()
    assert {"earlier", "reported", "next"} <= _newest_bodies(journal_path)
