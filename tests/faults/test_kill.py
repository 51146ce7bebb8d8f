"""kill -9 at random moments: the file always parses and no acknowledged write is lost.

A writer process logs notes through the real ``Journal`` API into a ~4 MB journal and
reports on a pipe "B body" before each write and "C body" after it returns. The test
SIGKILLs it after a random delay, then checks the file: it parses, every committed note
is there (from this round and all earlier ones), and at most the one write that was in
flight may also be there. Each round uses a new day, so the daily backup (a copy of the
whole file) is also being made when some kills land.

Writers are forked from the test process: the modules are already imported, so a round
costs the random delay plus a read of the file, and 60 kills take a few seconds.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import select
import signal
import time
from datetime import date, timedelta
from pathlib import Path

from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from relate_tui.storage import schema
from relate_tui.storage.backups import backup_dir, list_backups, newest_backup
from relate_tui.storage.json_format import parse, serialise
from relate_tui.storage.rolling import clean_temps
from relate_tui.storage.store import Store

from .conftest import journal_data

KILLS = 60
MAX_DELAY = 0.15  # seconds after the writer is ready, at least (a save here takes ~40 ms)
MIGRATION_KILLS = 15
_FORK = multiprocessing.get_context("fork")


def _journal_writer(path: str, fd: int, day: str, prefix: str) -> None:
    """Child: log notes until killed, reporting each before and after the write."""
    journal = Journal(Path(path), Settings(), FixedClock(f"{day}T10:00:00"), writer="cli")
    os.write(fd, b"R\n")
    for i in range(100_000):
        body = f"{prefix}-{i}"
        os.write(fd, f"B {body}\n".encode())
        journal.log_note(["p00001"], body, kind="call")
        os.write(fd, f"C {body}\n".encode())


def _read_until(fd: int, buffer: bytearray, marker: bytes, deadline: float) -> None:
    while marker not in buffer:
        left = deadline - time.monotonic()
        assert left > 0, "the writer process never got ready"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 65536)
            assert chunk, "the writer process died before it was ready"
            buffer += chunk


def _read_all(fd: int) -> bytes:
    out = bytearray()
    while chunk := os.read(fd, 65536):
        out += chunk
    return bytes(out)


def _kill_round(
    path: Path, day: str, prefix: str, delay: float, after_commit: bool
) -> tuple[set[str], set[str]]:
    """Run one writer, SIGKILL it ``delay`` seconds after it is ready (or, with
    ``after_commit``, after its first save returned); returns (begun, committed) bodies."""
    read_end, write_end = os.pipe()
    proc = _FORK.Process(target=_journal_writer, args=(str(path), write_end, day, prefix))
    proc.start()
    os.close(write_end)
    try:
        buffer = bytearray()
        _read_until(read_end, buffer, b"R\n", time.monotonic() + 20)
        if after_commit:
            _read_until(read_end, buffer, b"C ", time.monotonic() + 20)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(timeout=20)
        assert proc.exitcode == -signal.SIGKILL
        buffer += _read_all(read_end)
    finally:
        if proc.is_alive():
            proc.kill()
        os.close(read_end)
    begun, committed = set(), set()
    for line in buffer.decode().splitlines():
        tag, _, body = line.partition(" ")
        if tag == "B":
            begun.add(body)
        elif tag == "C":
            committed.add(body)
    return begun, committed


def _seconds_per_write(path: Path) -> tuple[float, set[str]]:
    """Time a writer's first four saves (the first one also makes the daily backup), so
    kill delays scale with this machine's speed; returns it and the committed bodies."""
    read_end, write_end = os.pipe()
    proc = _FORK.Process(target=_journal_writer, args=(str(path), write_end, "2026-11-30", "cal"))
    proc.start()
    os.close(write_end)
    try:
        buffer = bytearray()
        deadline = time.monotonic() + 60
        _read_until(read_end, buffer, b"R\n", deadline)
        started = time.monotonic()
        _read_until(read_end, buffer, b"C cal-3\n", deadline)
        elapsed = time.monotonic() - started
    finally:
        proc.kill()
        proc.join(timeout=20)
        os.close(read_end)
    return elapsed / 4, {f"cal-{i}" for i in range(4)}


def test_kill_9_during_writes_never_corrupts_or_loses_a_committed_write(
    journal_path: Path, big_journal_bytes: bytes
) -> None:
    journal_path.write_bytes(big_journal_bytes)
    assert journal_path.stat().st_size > 3_000_000  # "a journal of a few MB"
    rng = random.Random(20261202)
    per_write, all_committed = _seconds_per_write(journal_path)
    # Kill anywhere from before the first write to a few writes in: most kills then land
    # inside a write, and most rounds commit something first, on a fast or a slow machine.
    max_delay = max(MAX_DELAY, 3 * per_write)
    in_flight_kills = 0
    rounds_with_commits = 0
    last_revision = 0
    first_day = date(2026, 12, 2)
    for round_no in range(KILLS):
        day = (first_day + timedelta(days=round_no)).isoformat()
        # Odd rounds kill from the start (the first save also makes the day's backup),
        # even rounds once a save went through, so every run has both kinds.
        begun, committed = _kill_round(
            journal_path, day, f"k{round_no}", rng.uniform(0.0, max_delay), round_no % 2 == 0
        )
        # The file parses, as a journal, through the same Store every reader uses.
        data = Store(journal_path).load()
        bodies = {n["body"] for n in data["notes"].values()}
        this_round = {b for b in bodies if b.startswith(f"k{round_no}-")}
        assert committed <= this_round, f"round {round_no}: a committed note was lost"
        assert this_round <= begun
        assert len(this_round - committed) <= 1, "more than the in-flight write appeared"
        assert all_committed <= bodies, f"round {round_no}: an earlier note was lost"
        revision = schema.revision(data)
        assert revision >= last_revision
        last_revision = revision
        all_committed |= committed
        # The newest backup is the last save relate acknowledged (or the one in flight),
        # in a file of its own: never the journal's inode.
        newest = newest_backup(journal_path)
        assert newest is not None and not os.path.samefile(newest.path, journal_path)
        saved = {n["body"] for n in parse(newest.path.read_bytes())["notes"].values()}
        assert all_committed <= saved, f"round {round_no}: the newest backup misses a save"
        in_flight_kills += bool(begun - committed)
        rounds_with_commits += bool(committed)

    # Most kills should land inside a write, and many after some writes were committed,
    # or the test proves little.
    print(
        f"{KILLS} kills, {in_flight_kills} mid-write, {len(all_committed)} writes committed, "
        f"{per_write * 1000:.0f} ms per write"
    )
    assert in_flight_kills >= KILLS // 2, f"only {in_flight_kills} kills hit a write"
    assert rounds_with_commits >= KILLS // 2, f"only {rounds_with_commits} rounds committed"
    # Temp files the dead writers left are cleaned up (under the lock, however young).
    clean_temps(journal_path)
    leftovers = [p.name for p in journal_path.parent.iterdir() if p.name.endswith(".tmp")]
    leftovers += [p.name for p in backup_dir(journal_path).iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    # Every backup that exists is whole (a killed copy never carries the final name).
    # Old copies are pruned once the day's copy exists, never before: a kill between the
    # two leaves one more until the next day's copy.
    backups = list_backups(journal_path)
    assert 1 <= len(backups) <= Settings().backups + 1
    for backup in backups:
        parse(backup.read_bytes())


def _migrating_reader(path: str, fd: int) -> None:
    """Child: open an old journal (which migrates it), then report."""
    Store(Path(path)).load()
    os.write(fd, b"D\n")


def _v0_bytes() -> bytes:
    data = journal_data(people=300, notes=2500, promises=40, seed=3)
    del data["meta"]
    for note in data["notes"].values():
        note["person_id"] = note.pop("person_ids")[0]
    for promise in data["promises"].values():
        promise["done"] = promise.pop("status") != "open"
    return serialise(data)


def test_kill_9_during_migration_leaves_the_old_file_or_the_new_one(journal_path: Path) -> None:
    original = _v0_bytes()
    bodies = sorted(n["body"] for n in parse(original)["notes"].values())
    rng = random.Random(7)
    outcomes = {"old": 0, "new": 0}
    for _ in range(MIGRATION_KILLS):
        journal_path.write_bytes(original)
        for old in list_backups(journal_path):
            old.unlink()
        read_end, write_end = os.pipe()
        proc = _FORK.Process(target=_migrating_reader, args=(str(journal_path), write_end))
        proc.start()
        os.close(write_end)
        time.sleep(rng.uniform(0.0, 0.25))  # a migration here takes ~50-150 ms
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(timeout=20)
        os.close(read_end)
        raw = journal_path.read_bytes()
        if raw == original:
            outcomes["old"] += 1
        else:
            data = parse(raw)
            assert schema.schema_version(data) == schema.SCHEMA_VERSION
            assert sorted(n["body"] for n in data["notes"].values()) == bodies
            outcomes["new"] += 1
            # A migrated file always has its byte-identical backup.
            assert [b.read_bytes() for b in list_backups(journal_path)] == [original]
        for backup in list_backups(journal_path):
            assert backup.read_bytes() == original
    print(f"{MIGRATION_KILLS} kills during migration: {outcomes}")
    assert sum(outcomes.values()) == MIGRATION_KILLS
