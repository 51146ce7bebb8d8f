"""A journal that cannot be read is never overwritten, and the user is told what to do.

Each broken file is given to real ``relate queue`` and ``relate log`` processes: both must
exit non-zero with one line that names the file and ``relate doctor``, and the file's
bytes must be exactly what they were. A file from a newer relate is the exception that
proves the rule: it can be read (``relate queue`` works) but not written.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from relate_tui.storage import schema
from relate_tui.storage.errors import JournalTooNew, JournalUnreadable
from relate_tui.storage.json_format import parse, serialise
from relate_tui.storage.store import Store

from .conftest import journal_data, make_journal

Run = Callable[..., subprocess.CompletedProcess]


def _valid() -> bytes:
    data = journal_data(people=3, notes=5)
    data["people"]["1"]["name"] = "Ana Lima"
    return serialise(data)


def _newer() -> bytes:
    data = parse(_valid())
    data["meta"]["1"]["schema_version"] = schema.SCHEMA_VERSION + 1
    data["people"]["1"]["pronouns"] = "she/her"  # a field this relate does not know
    return serialise(data)


def _bad_version() -> bytes:
    data = parse(_valid())
    data["meta"]["1"]["schema_version"] = "one"
    return serialise(data)


BROKEN: dict[str, Callable[[], bytes]] = {
    "empty": lambda: b"",
    "blank": lambda: b"  \n\n",
    "truncated": lambda: _valid()[: len(_valid()) // 2],
    "not JSON": lambda: b"Ana: called about the deck\n",
    "trailing garbage": lambda: _valid() + b"    }\n  }\n}\n",  # TinyDB's own failure mode
    "NUL bytes": lambda: b"\x00" * 4096,
    "not UTF-8": lambda: b'{"people": {"1": {"id": "\xff\xfe"}}}',
    "JSON list": lambda: b"[1, 2, 3]\n",
    "wrong shape": lambda: b'{"people": {"1": {"name": "Ana, no id"}}}\n',
    "table not an object": lambda: b'{"people": [1, 2]}\n',
    "bad schema version": _bad_version,
}


def _one_line(result: subprocess.CompletedProcess) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {result.stderr!r}"
    assert "Traceback" not in result.stderr
    return lines[0]


def _run_both(run_cli: Run, db: Path) -> list[subprocess.CompletedProcess]:
    """``relate queue`` and ``relate log`` on ``db``, side by side (they only read)."""
    commands = [("queue", "--db", str(db)), ("log", "--db", str(db), "ana", "hi")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda args: run_cli(*args), commands))


@pytest.mark.parametrize("kind", list(BROKEN))
def test_unreadable_file_is_refused_with_one_line_and_left_untouched(
    kind: str, journal_path: Path, run_cli: Run
) -> None:
    original = BROKEN[kind]()
    journal_path.write_bytes(original)
    for result in _run_both(run_cli, journal_path):
        assert result.returncode != 0, result.stdout
        line = _one_line(result)
        assert str(journal_path) in line
        assert "relate doctor" in line and "nothing was changed" in line
    assert journal_path.read_bytes() == original
    assert sorted(p.name for p in journal_path.parent.iterdir()) == ["journal.json"]


def test_the_message_names_the_newest_backup(journal_path: Path, run_cli: Run) -> None:
    journal = make_journal(journal_path)
    journal.add_person("Ana Lima")
    journal.add_person("Bruno Costa")  # today's copy and the last save hold Ana only
    journal.add_person("Carla Nguyen")  # now the last save holds Ana and Bruno
    journal_path.write_bytes(b"{ broken")
    line = _one_line(run_cli("queue", "--db", str(journal_path)))
    named = line.split("the newest backup is ")[1].split(";")[0]
    assert "journal.json.bak/journal.save-" in named
    assert b"Bruno Costa" in Path(named).read_bytes()


def test_a_folder_is_refused(journal_path: Path, run_cli: Run) -> None:
    journal_path.mkdir()
    for result in _run_both(run_cli, journal_path):
        assert result.returncode != 0
        line = _one_line(result)
        assert str(journal_path) in line and "folder" in line
    assert list(journal_path.iterdir()) == []


def test_a_dangling_symlink_is_refused_and_stays_dangling(journal_path: Path, run_cli: Run) -> None:
    target = journal_path.parent / "moved-away.json"
    journal_path.symlink_to(target)
    for result in _run_both(run_cli, journal_path):
        assert result.returncode != 0
        line = _one_line(result)
        assert str(journal_path) in line and "does not exist" in line
    assert journal_path.is_symlink() and os.readlink(journal_path) == str(target)
    assert not target.exists()


def test_a_newer_schema_is_read_only(journal_path: Path, run_cli: Run) -> None:
    original = _newer()
    journal_path.write_bytes(original)
    queue, log = _run_both(run_cli, journal_path)
    assert queue.returncode == 0, queue.stderr
    assert log.returncode != 0
    line = _one_line(log)
    assert str(journal_path) in line and "newer" in line and "upgrade relate" in line
    assert journal_path.read_bytes() == original
    # In process: the data is readable and marked read-only, and every write refuses.
    journal = make_journal(journal_path)
    assert journal.data().read_only
    assert "Ana Lima" in {p.name for p in journal.data().people}
    with pytest.raises(JournalTooNew):
        journal.add_person("Zoe")
    with pytest.raises(JournalTooNew), Store(journal_path).transaction() as db:
        db.table("people").insert({"id": "x"})
    assert journal_path.read_bytes() == original


@pytest.mark.parametrize("kind", ["truncated", "not JSON", "wrong shape"])
def test_store_raises_unreadable_and_never_writes(kind: str, journal_path: Path) -> None:
    original = BROKEN[kind]()
    journal_path.write_bytes(original)
    store = Store(journal_path)
    with pytest.raises(JournalUnreadable):
        store.load()
    with pytest.raises(JournalUnreadable), store.transaction() as db:
        db.table("people").insert({"id": "x", "name": "x"})
    assert journal_path.read_bytes() == original
