"""What is at the journal's path may not be a journal: a named pipe, a device, a socket,
someone else's file, a journal made read-only. Nothing hangs, nothing is replaced.

A FIFO as the journal once hung every command; ``relate doctor --restore`` replaced a
character device or a read-only file that was no journal at all (``--db /dev/null`` as
root would replace the system's /dev/null); a journal chmod-ed 0400 was written anyway.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import journal_data, make_journal, write_journal

Run = Callable[..., subprocess.CompletedProcess]
COMMANDS = (["queue"], ["due", "--count"], ["week"], ["log", "ana", "hi"], ["add", "Bo"],
            ["export", "--format", "md"], ["doctor"])  # fmt: skip


@pytest.fixture
def odd_files(tmp_path: Path) -> Iterator[dict[str, Path]]:
    """A named pipe and a socket (any user can make them; a test must never risk a real
    device), and a link to a pipe."""
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock.json"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    link = tmp_path / "link.json"
    link.symlink_to(fifo)
    try:
        yield {"a named pipe": fifo, "a socket": sock_path, "a link to a named pipe": link}
    finally:
        server.close()


def _kind(path: Path) -> int:
    return stat.S_IFMT(path.stat().st_mode)


def test_a_pipe_or_socket_as_the_journal_is_refused_at_once(
    odd_files: dict[str, Path], run_cli: Run
) -> None:
    for what, path in odd_files.items():
        kind = _kind(path)
        for argv in COMMANDS:
            result = run_cli("--db", str(path), *argv)  # run_cli stops a hang after 60 s
            out = result.stderr + result.stdout
            assert result.returncode == 1, (what, argv, out)
            assert "not a file" in out, (what, argv, out)
            assert "Traceback" not in out
            if argv != ["doctor"]:
                assert result.stderr.count("\n") == 1 and result.stdout == ""
        assert _kind(path) == kind  # still what it was


def test_dev_null_as_the_journal_is_refused(run_cli: Run) -> None:
    for argv in (["queue"], ["log", "ana", "hi"], ["add", "Bo"]):
        result = run_cli("--db", "/dev/null", *argv)
        assert result.returncode == 1 and "is a character device, not a file" in result.stderr
    assert Path("/dev/null").is_char_device()


def test_restore_replaces_only_a_journal(
    odd_files: dict[str, Path], journal_path: Path, tmp_path: Path, run_cli: Run
) -> None:
    write_journal(journal_path, journal_data(people=2, notes=2))
    backup = tmp_path / "backup.json"
    backup.write_bytes(journal_path.read_bytes())
    read_only = tmp_path / "notes.txt"
    read_only.write_text("my own notes, not a journal\n")
    read_only.chmod(0o400)
    stranger = tmp_path / "bashrc"
    stranger.write_text("export PATH=$PATH:~/bin\n")
    refused = {
        **odd_files,
        "a read-only file that is no journal": read_only,
        "a file relate never saved that is no journal": stranger,
    }
    for what, path in refused.items():
        before = sorted(os.listdir(tmp_path))
        kind, content = _kind(path), path.read_bytes() if path.is_file() else None
        result = run_cli("--db", str(path), "doctor", "--restore", str(backup))
        assert result.returncode == 1, (what, result.stdout, result.stderr)
        assert "nothing was restored" in result.stderr and result.stderr.count("\n") == 1
        assert _kind(path) == kind and (content is None or path.read_bytes() == content)
        assert sorted(os.listdir(tmp_path)) == before, what  # not even a lock or a copy


def test_restore_still_replaces_a_damaged_journal_relate_saved(
    journal_path: Path, tmp_path: Path, run_cli: Run
) -> None:
    make_journal(journal_path).add_person("Ana")  # saved by relate: its lock is beside it
    backup = tmp_path / "backup.json"
    backup.write_bytes(journal_path.read_bytes())
    journal_path.write_bytes(b'{"people": {"1": {"id": "a", "na')
    result = run_cli("--db", str(journal_path), "doctor", "--restore", str(backup))
    assert result.returncode == 0, result.stderr
    assert "Ana" in journal_path.read_text()


def test_a_read_only_journal_is_never_written(journal_path: Path, run_cli: Run) -> None:
    write_journal(journal_path, journal_data(people=2, notes=2))
    journal_path.chmod(0o400)
    before = journal_path.read_bytes()
    for argv in (["log", "person 1", "hi"], ["add", "Bo"]):
        result = run_cli("--db", str(journal_path), *argv)
        assert result.returncode == 1, result.stderr
        assert f"journal {journal_path} is read-only (mode 0400): nothing was written" in (
            result.stderr
        )
        assert result.stderr.count("\n") == 1
    assert run_cli("--db", str(journal_path), "queue").returncode == 0  # reading is fine
    assert journal_path.read_bytes() == before
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o400
    journal_path.chmod(0o600)  # what the message says to do
    assert run_cli("--db", str(journal_path), "add", "Bo").returncode == 0
