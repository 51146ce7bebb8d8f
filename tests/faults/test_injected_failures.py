"""A failure at each step of a write: the file is unchanged, no temp file is left behind,
the caller gets ``WriteFailed``, and the journal keeps working once the fault is gone.

Faults are injected with test doubles (the tests run as root, which ignores file
permissions, so chmod cannot make a write fail): ``storage.atomic`` calls ``os``
through a module-level name, and the tests swap in versions where one call
fails. Disk full is ``ENOSPC`` (also part-way through the data), a read-only file system
is ``EROFS`` at the first step that touches the disk.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from relate_tui.journal import Journal
from relate_tui.storage import atomic, splice, store
from relate_tui.storage.backups import backup_dir
from relate_tui.storage.errors import WriteFailed
from relate_tui.storage.store import Store

from .conftest import FaultyOs, journal_data, make_journal, note_bodies, os_error, write_journal


def _temp_files(journal: Path) -> list[str]:
    places = [journal.parent, backup_dir(journal)]
    return sorted(p.name for d in places if d.is_dir() for p in d.iterdir() if ".tmp" in p.name)


class _HalfWrite(FaultyOs):
    """``os.write`` that writes half the data, then fails with ENOSPC: a disk filling up
    in the middle of the file."""

    def __init__(self) -> None:
        super().__init__("write", os_error(errno.ENOSPC))

    def __getattr__(self, attr: str) -> Any:
        if attr != "write":
            return getattr(os, attr)

        def write(fd: int, data: Any) -> int:
            self.calls += 1
            if self.armed and self.calls > 1:
                raise self._error
            view = memoryview(data)
            return os.write(fd, view[: max(1, len(view) // 2)] if self.armed else view)

        return write


class _FolderFsyncFails(FaultyOs):
    """``os.fsync`` that fails (EIO) on folders only: files are flushed, renames are not."""

    def __init__(self) -> None:
        super().__init__("fsync", os_error(errno.EIO))

    def __getattr__(self, attr: str) -> Any:
        if attr != "fsync":
            return getattr(os, attr)

        def fsync(fd: int) -> None:
            if stat.S_ISDIR(os.fstat(fd).st_mode):
                raise self._error
            os.fsync(fd)

        return fsync


def _not_json(*_: object) -> bytes:
    raise TypeError("not JSON")


# step -> (what to patch, the double, the errno or exception type the caller sees)
STEPS: dict[str, Callable[[pytest.MonkeyPatch], object]] = {
    "serialise": lambda mp: (
        mp.setattr(store, "sealed_pieces", _not_json),
        mp.setattr(splice, "entry", _not_json),
    ),
    "create temp file (read-only file system)": lambda mp: mp.setattr(
        atomic, "os", FaultyOs("open", os_error(errno.EROFS))
    ),
    "write temp file (disk full)": lambda mp: mp.setattr(
        atomic, "os", FaultyOs("write", os_error(errno.ENOSPC))
    ),
    "write temp file (disk full half way)": lambda mp: mp.setattr(atomic, "os", _HalfWrite()),
    "fchmod": lambda mp: mp.setattr(atomic, "os", FaultyOs("fchmod", os_error(errno.EPERM))),
    "fsync": lambda mp: mp.setattr(atomic, "os", FaultyOs("fsync", os_error(errno.EIO))),
    "close": lambda mp: mp.setattr(atomic, "os", FaultyOs("close", os_error(errno.EIO))),
    "replace (read-only file system)": lambda mp: mp.setattr(
        atomic, "os", FaultyOs("replace", os_error(errno.EROFS))
    ),
}


@pytest.fixture(params=["whole", "by table"])
def journal(journal_path: Path, request: pytest.FixtureRequest) -> Journal:
    """A journal with some notes and today's backup already made (so the injected fault
    hits the journal's own write, not the daily copy). Both ways of writing are tried:
    the app's (parsed whole, rewritten) and the command line's (a note spliced into the
    sealed file, see ``storage.sealed``)."""
    write_journal(journal_path, journal_data(people=20, notes=200))
    journal = make_journal(journal_path, by_table=request.param == "by table")
    if request.param == "by table":  # this write and those of the test are splices
        journal.store.transaction = None  # type: ignore[method-assign]
    journal.log_note(["p00001"], "before the fault", kind="call")
    assert any(backup_dir(journal_path).iterdir())
    return journal


@pytest.mark.parametrize("step", list(STEPS))
def test_failure_at_each_step_leaves_the_file_and_reaches_the_caller(
    step: str, journal: Journal, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = journal_path.read_bytes()
    with monkeypatch.context() as mp:
        STEPS[step](mp)
        with pytest.raises(WriteFailed) as failed:
            journal.log_note(["p00001"], "typed during the fault", kind="call")
    message = str(failed.value)
    assert str(journal_path) in message and "unchanged" in message
    assert "\n" not in message
    assert journal_path.read_bytes() == before, "the original file changed"
    assert _temp_files(journal_path) == [], "a temp file was left behind"
    # The journal keeps working: it reads what is on disk, and a retry succeeds.
    assert "typed during the fault" not in {n.body for n in journal.data().notes}
    journal.log_note(["p00001"], "typed during the fault", kind="call")
    assert note_bodies(journal_path).count("typed during the fault") == 1
    assert note_bodies(journal_path).count("before the fault") == 1


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system")],
)
def test_disk_full_and_read_only_give_a_clear_error_then_a_retry_works(
    code: int, words: str, journal: Journal, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = journal_path.read_bytes()
    fault = FaultyOs("write" if code == errno.ENOSPC else "replace", os_error(code))
    monkeypatch.setattr(atomic, "os", fault)
    for attempt in range(3):  # the fault persists: every attempt fails the same way
        with pytest.raises(WriteFailed, match=words):
            journal.log_note(["p00001"], f"attempt {attempt}", kind="call")
        assert journal_path.read_bytes() == before
    assert len(journal.data().notes) == 201
    fault.armed = False  # space freed / remounted read-write
    journal.log_note(["p00001"], "after the fault", kind="call")
    assert "after the fault" in note_bodies(journal_path)
    assert _temp_files(journal_path) == []


def test_a_failed_daily_backup_stops_the_write_and_says_so(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No save without its daily backup: the first write of a day copies the file first,
    and when that copy fails (disk full) the journal is not written either."""
    write_journal(journal_path, journal_data(people=5, notes=50))
    before = journal_path.read_bytes()
    journal = make_journal(journal_path)
    monkeypatch.setattr(atomic, "os", FaultyOs("write", os_error(errno.ENOSPC)))
    with pytest.raises(WriteFailed, match="backup: No space left on device"):
        journal.log_note(["p00001"], "hello", kind="call")
    assert journal_path.read_bytes() == before
    assert _temp_files(journal_path) == []
    monkeypatch.undo()
    journal.log_note(["p00001"], "hello", kind="call")
    copies = {p.name.split(".")[1][:4]: p.read_bytes() for p in backup_dir(journal_path).iterdir()}
    assert copies == {"json": before, "save": journal_path.read_bytes()}  # daily, last save


def test_a_failed_copy_of_the_save_stops_the_write_and_says_so(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy of each save is made before the journal is replaced: no save is
    acknowledged without one (the daily copy is there already: the second save of a day)."""
    write_journal(journal_path, journal_data(people=5, notes=50))
    journal = make_journal(journal_path)
    journal.log_note(["p00001"], "first", kind="call")
    before = journal_path.read_bytes()
    monkeypatch.setattr(atomic, "os", FaultyOs("write", os_error(errno.ENOSPC)))
    with pytest.raises(WriteFailed, match="backup: No space left on device"):
        journal.log_note(["p00001"], "second", kind="call")
    assert journal_path.read_bytes() == before
    assert _temp_files(journal_path) == []


def test_store_transaction_failure_does_not_leave_the_change_in_the_cache(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TinyDB edits the cached dict in place; after a failed write the Store must not
    serve that edit as if it had been saved."""
    write_journal(journal_path, journal_data(people=3, notes=3))
    s = Store(journal_path)
    s.load()
    monkeypatch.setattr(atomic, "os", FaultyOs("fsync", os_error(errno.EIO)))
    with pytest.raises(WriteFailed), s.transaction() as db:
        db.table("notes").insert({"id": "ghost", "body": "never saved"})
    assert all(n["id"] != "ghost" for n in s.load()["notes"].values())


def test_relate_log_on_a_full_disk_exits_non_zero_with_one_line(
    journal_path: Path, isolated_env: dict[str, str]
) -> None:
    """The command line reports a failed save in one line and exit code 1."""
    write_journal(journal_path, journal_data(people=3, notes=3))
    before = journal_path.read_bytes()
    script = (
        "import errno, os, sys\n"
        "import relate_tui.storage.atomic as atomic\n"
        "class Full:\n"
        "    def __getattr__(self, name):\n"
        "        if name == 'write':\n"
        "            def write(*a):\n"
        "                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
        "            return write\n"
        "        return getattr(os, name)\n"
        "atomic.os = Full()\n"
        "from relate_tui.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "log", "person 1", "hi", "--db", str(journal_path)],
        env=isolated_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0], done.stderr
    assert str(journal_path) in lines[0]
    assert journal_path.read_bytes() == before
    assert _temp_files(journal_path) == []


def test_a_failed_folder_fsync_after_the_rename_is_not_reported_as_a_failed_save(
    journal: Journal, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once ``os.replace`` ran, the note is saved: saying otherwise would make the user
    save it twice. The folder fsync is best effort."""
    monkeypatch.setattr(atomic, "os", _FolderFsyncFails())
    journal.log_note(["p00001"], "saved", kind="call")
    assert note_bodies(journal_path).count("saved") == 1
