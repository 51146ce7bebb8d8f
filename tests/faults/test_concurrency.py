"""Two processes writing at once lose nothing.

- two writers x 300 notes each, started together, through the same ``Journal`` API that
  ``relate log`` uses (forked, so 600 writes take seconds, not 600 process start-ups);
- the app (an in-process ``Journal(writer="app")``) saving notes while real ``relate log``
  processes write to the same file.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

from relate_tui.storage import schema
from relate_tui.storage.json_format import parse

from .conftest import journal_data, make_journal, write_journal

WRITES = 300
_FORK = multiprocessing.get_context("fork")


def _cli_writer(path: str, start_fd: int, tag: str, count: int) -> None:
    """Child: wait for the start signal, then log ``count`` notes as the CLI would."""
    journal = make_journal(Path(path), writer="cli")
    os.read(start_fd, 1)
    for i in range(count):
        journal.log_note(["p00000"], f"{tag}-{i}", kind="message")


def test_two_cli_writers_x300_lose_nothing(journal_path: Path) -> None:
    write_journal(journal_path, journal_data(people=5, notes=20))
    revision_before = schema.revision(parse(journal_path.read_bytes()))
    start_read, start_write = os.pipe()
    writers = [
        _FORK.Process(target=_cli_writer, args=(str(journal_path), start_read, tag, WRITES))
        for tag in ("a", "b")
    ]
    for proc in writers:
        proc.start()
    os.write(start_write, b"go")  # both wait on this, so their writes overlap
    for proc in writers:
        proc.join(timeout=120)
        assert proc.exitcode == 0, "a writer failed (see its traceback above)"
    os.close(start_read)
    os.close(start_write)

    data = parse(journal_path.read_bytes())
    bodies = [n["body"] for n in data["notes"].values()]
    for tag in ("a", "b"):
        assert sorted(b for b in bodies if b.startswith(f"{tag}-")) == sorted(
            f"{tag}-{i}" for i in range(WRITES)
        )
    assert len(bodies) == 20 + 2 * WRITES
    assert len({n["id"] for n in data["notes"].values()}) == len(bodies)
    # Every write bumped the revision exactly once: none overwrote another.
    assert schema.revision(data) == revision_before + 2 * WRITES


def test_app_and_relate_log_writing_at_once_lose_nothing(
    journal_path: Path, run_cli: Callable[..., subprocess.CompletedProcess]
) -> None:
    write_journal(journal_path, journal_data(people=5, notes=200))
    app = make_journal(journal_path, writer="app")
    ana = app.add_person("Ana Lima")
    results: list[subprocess.CompletedProcess] = []

    def cli_stream(stream: int) -> None:
        for i in range(6):
            results.append(run_cli("log", "ana", f"cli-{stream}-{i}", "--db", str(journal_path)))

    streams = [threading.Thread(target=cli_stream, args=(s,)) for s in range(2)]
    for thread in streams:
        thread.start()
    app_bodies = []
    deadline = time.monotonic() + 60
    while any(t.is_alive() for t in streams) and len(app_bodies) < 2000:
        assert time.monotonic() < deadline, "relate log processes did not finish"
        body = f"app-{len(app_bodies)}"
        app.log_note([ana.id], body, kind="call")
        app_bodies.append(body)
        # A person saves at most a few times a second; back to back with no pause at all, the
        # app's thread takes the lock again before a waiting process's next poll and can keep
        # it from the CLI past its 10 s wait on a loaded machine.
        time.sleep(0.005)
    for thread in streams:
        thread.join(timeout=60)

    assert [r.returncode for r in results] == [0] * 12, [r.stderr for r in results]
    data = parse(journal_path.read_bytes())
    bodies = {n["body"] for n in data["notes"].values()}
    assert {f"cli-{s}-{i}" for s in range(2) for i in range(6)} <= bodies
    assert set(app_bodies) <= bodies
    assert len(app_bodies) > 10, "the app should have written while the CLI ran"
    # The app sees the CLI's notes without restarting (its cache follows the file).
    assert {n.body for n in app.data().notes} >= bodies - {""}


def _opener(path: str, start_fd: int) -> None:
    """Child: wait for the start signal, then open the journal (migrating it if old)."""
    from relate_tui.storage.store import Store

    os.read(start_fd, 1)
    Store(Path(path)).load()


def test_two_processes_opening_an_old_journal_migrate_it_once(journal_path: Path) -> None:
    """Both see version 0; the lock lets one migrate, the other finds it done."""
    from relate_tui.storage.backups import all_backups

    original = (Path(__file__).resolve().parents[1] / "data" / "journal-v0.json").read_bytes()
    for _ in range(5):
        journal_path.write_bytes(original)
        for old in all_backups(journal_path):
            old.path.unlink()
        start_read, start_write = os.pipe()
        openers = [
            _FORK.Process(target=_opener, args=(str(journal_path), start_read)) for _ in range(2)
        ]
        for proc in openers:
            proc.start()
        os.write(start_write, b"go")
        for proc in openers:
            proc.join(timeout=60)
            assert proc.exitcode == 0
        os.close(start_read)
        os.close(start_write)
        assert schema.schema_version(parse(journal_path.read_bytes())) == schema.SCHEMA_VERSION
        assert [b.path.read_bytes() for b in all_backups(journal_path)] == [original]
