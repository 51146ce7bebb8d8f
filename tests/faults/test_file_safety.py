"""The file's place and privacy: symlinks, the lock, permissions, stale temp files and
no network.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from relate_tui.settings import Settings
from relate_tui.storage.backups import backup_dir
from relate_tui.storage.errors import JournalLocked

from .conftest import journal_data, make_journal, note_bodies, write_journal

Run = Callable[..., subprocess.CompletedProcess]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_journal_reached_through_a_symlink_stays_a_symlink(tmp_path: Path, run_cli: Run) -> None:
    """Dotfile managers and sync folders link the journal; a rename over the link would
    silently fork it. Writes replace the target, backups and the lock sit beside it.
    (A link to nothing is refused: see test_unreadable.)"""
    real_dir = tmp_path / "sync"
    real_dir.mkdir()
    target = real_dir / "journal.json"
    make_journal(target).add_person("Carla")
    link = tmp_path / "journal.json"
    link.symlink_to(target)
    assert run_cli("add", "Ana Lima", "--db", str(link)).returncode == 0
    assert run_cli("log", "ana", "first", "--db", str(link)).returncode == 0
    journal = make_journal(link, writer="app")
    journal.log_note([journal.match("ana")[0].id], "second", kind="call")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert sorted(note_bodies(target)) == ["first", "second"]
    assert backup_dir(target).is_dir() and not backup_dir(link).exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("journal")) == [
        "journal.json"
    ]


def _hold_lock(lock_path: Path) -> subprocess.Popen:
    """A helper process that holds the journal's lock until its stdin closes."""
    script = (
        "import sys\n"
        "from filelock import FileLock\n"
        f"lock = FileLock({str(lock_path)!r})\n"
        "lock.acquire()\n"
        "print('locked', flush=True)\n"
        "sys.stdin.read()\n"
    )
    helper = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert helper.stdout is not None and helper.stdout.readline().strip() == "locked"
    return helper


def test_lock_held_too_long_gives_journal_locked_then_a_retry_succeeds(journal_path: Path) -> None:
    write_journal(journal_path, journal_data(people=3, notes=10))
    before = journal_path.read_bytes()
    journal = make_journal(journal_path, lock_timeout=0.3)
    helper = _hold_lock(Path(str(journal_path) + ".lock"))
    try:
        started = time.monotonic()
        with pytest.raises(JournalLocked) as locked:
            journal.log_note(["p00001"], "while locked", kind="call")
        assert 0.25 < time.monotonic() - started < 5
        message = str(locked.value)
        assert str(journal_path) in message and "busy" in message and "try again" in message
        assert journal_path.read_bytes() == before
        assert len(journal.data().notes) == 10  # reading needs no lock
    finally:
        assert helper.stdin is not None
        helper.stdin.close()
        helper.wait(timeout=10)
    journal.log_note(["p00001"], "while locked", kind="call")
    assert note_bodies(journal_path).count("while locked") == 1


def test_a_new_journal_is_0600_in_a_0700_folder(tmp_path: Path, run_cli: Run) -> None:
    folder = tmp_path / "new" / "relate"
    journal = folder / "journal.json"
    old_umask = os.umask(0)  # even a permissive umask must not widen the modes
    try:
        assert run_cli("add", "Ana", "--db", str(journal)).returncode == 0
        make_journal(journal).add_person("Bruno")  # second write: makes the daily backup
    finally:
        os.umask(old_umask)
    assert _mode(folder) == 0o700
    assert _mode(folder.parent) == 0o700  # the parents relate made too
    assert _mode(journal) == 0o600
    assert _mode(Path(str(journal) + ".lock")) & 0o077 == 0
    assert _mode(backup_dir(journal)) == 0o700
    assert {_mode(p) for p in backup_dir(journal).iterdir()} == {0o600}  # daily copy, last save


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o277])
def test_every_folder_relate_creates_is_0700_whatever_the_umask(
    tmp_path: Path, isolated_env: dict[str, str], umask: int
) -> None:
    """With no ``--db`` the journal goes to ``~/.local/share/relate/``: under ``umask 000``
    relate once made ``~/.local`` and ``~/.local/share`` world-writable."""
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    env = {k: v for k, v in isolated_env.items() if k not in ("RELATE_DB", "XDG_DATA_HOME")}
    env["HOME"] = str(home)
    for argv in (["add", "Ana"], ["log", "ana", "hi"]):
        result = subprocess.run(
            [sys.executable, "-m", "relate_tui", *argv],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=lambda: os.umask(umask),
        )
        assert result.returncode == 0, result.stderr
    journal = home / ".local" / "share" / "relate" / "journal.json"
    for folder in (home / ".local", journal.parent.parent, journal.parent, backup_dir(journal)):
        assert _mode(folder) == 0o700, folder
    assert _mode(journal) == 0o600


@pytest.mark.parametrize("loose", [0o644, 0o664, 0o666, 0o640, 0o604])
def test_a_rewrite_drops_group_and_other_bits(journal_path: Path, loose: int) -> None:
    """Someone ran ``chmod 644`` (or a sync tool did): the next save makes it private."""
    write_journal(journal_path, journal_data(people=2, notes=2))
    os.chmod(journal_path, loose)
    make_journal(journal_path, settings=Settings(backups=0)).add_person("Ana")
    assert _mode(journal_path) == 0o600


def test_temp_files_of_crashed_saves_are_removed_by_the_next_save(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Under the lock no other relate can be mid-write, so every temp file of the journal
    is a leftover, however young; and the doctor says so truthfully until then."""
    from relate_tui.cli import main

    write_journal(journal_path, journal_data(people=2, notes=2))
    left = journal_path.parent / ".journal.json.crashed.tmp"
    left_backup = backup_dir(journal_path) / ".journal-2026-11-01.json.x.tmp"
    left_backup.parent.mkdir(mode=0o700)
    for path in (left, left_backup):
        path.write_bytes(b'{"half": ' + b" " * 1015)  # 1 KB each
    assert main(["doctor", "--db", str(journal_path)]) == 0
    assert "2 temp files (2 KB) left by interrupted saves: harmless; relate's next save" in (
        capsys.readouterr().out
    )
    make_journal(journal_path).add_person("Ana")
    assert not left.exists() and not left_backup.exists()
    assert main(["doctor", "--db", str(journal_path)]) == 0
    assert "temp file" not in capsys.readouterr().out


def test_nothing_is_sent_anywhere(journal_path: Path, isolated_env: dict[str, str]) -> None:
    """Capture, queue and doctor run with every socket refused."""
    script = (
        "import socket, sys\n"
        "class NoNetwork(socket.socket):\n"
        "    def __init__(self, *a, **k):\n"
        "        raise AssertionError('relate tried to open a socket')\n"
        "socket.socket = NoNetwork\n"
        "socket.create_connection = NoNetwork\n"
        "from relate_tui.cli import main\n"
        "db = sys.argv[1]\n"
        "for argv in (['add', 'Ana', '--db', db], ['log', 'ana', 'hi', '--db', db],\n"
        "             ['queue', '--db', db], ['doctor', '--db', db]):\n"
        "    assert main(argv) == 0, argv\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(journal_path)],
        env=isolated_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
