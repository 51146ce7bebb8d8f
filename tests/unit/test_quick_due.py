"""``relate due --count`` read lean (``relate_tui.quick_due``) never answers differently from
the full path: after any writes by either door, on any day, with or without a config, it
counts what the queue lists as due; and whenever anything is unusual it steps aside, so
the full path gives the answer, or the message and exit code it always gave."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relate_tui import quick_due, quick_read, status_line
from relate_tui.cli import main
from relate_tui.domain.errors import InputError
from relate_tui.domain.people import ImportantDate
from relate_tui.domain.promises import OPEN
from relate_tui.domain.queue_due import OPEN as QUEUE_OPEN
from relate_tui.settings import Settings
from relate_tui.startup import open_journal
from relate_tui.storage import schema, store
from relate_tui.storage.json_format import serialise
from relate_tui.storage.sealed import _crc as sealed_crc
from relate_tui.storage.sealed import open_sealed, serialise_sealed
from tests.unit.test_newest import NAMES, NOW, OP, _apply, _journal

DAYS = [NOW, "2026-12-07T08:00:00", "2026-12-20T23:30:00", "2027-01-02T12:00:00"]
CONFIGS = [
    None,
    'week_start = "sunday"\nlead_days = 14\n',
    '[tiers]\nA = "1w"\n',
    'timezone = "America/Los_Angeles"\nhorizon_days = 3\n',
]


@contextmanager
def environment(**values: str | None) -> Iterator[None]:
    """Set (or with None, unset) environment variables for the block (hypothesis runs
    many examples in one test, so the function-scoped ``monkeypatch`` cannot)."""
    before = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def lean(path: Path) -> int | None:
    found = quick_due.count(status_line.Key(str(path)))
    return None if found is None else found[0]


def full(path: Path) -> tuple[int, int]:
    """The full path's count, and how many items the queue lists as overdue or today."""
    journal = open_journal(path)
    today = journal.clock.today()
    listed = [i for i in journal.queue(until=today) if i.group in ("overdue", "today")]
    return journal.due_count(), len(listed)


@pytest.fixture(autouse=True)
def _no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many writes per example: write plainly (durability is tested elsewhere)."""

    def plain(path: Path, data: Any, **_space: Any) -> None:
        pieces = (data,) if isinstance(data, bytes) else data
        path.write_bytes(b"".join(pieces))

    monkeypatch.setattr(store, "atomic_write", plain)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(OP, min_size=1, max_size=10),
    day=st.sampled_from(DAYS),
    config=st.sampled_from(CONFIGS),
    dates=st.lists(st.tuples(st.integers(1, 12), st.integers(1, 28)), max_size=3),
)
def test_the_lean_count_is_the_full_paths_after_any_writes(
    tmp_path_factory: pytest.TempPathFactory,
    ops: list[tuple[str, str, int, str]],
    day: str,
    config: str | None,
    dates: list[tuple[int, int]],
) -> None:
    folder = tmp_path_factory.mktemp("j")
    path, config_path = folder / "journal.json", folder / "config.toml"
    if config is not None:
        config_path.write_text(config)
    app = _journal(path, "app")
    for number, name in enumerate(NAMES[:3]):
        app.add_person(name, rhythm=["1w", "A", "3d"][number])
    for number, (month, mday) in enumerate(dates):
        label = "birthday" if mday % 2 else "wedding"
        app.add_person(f"Zoe {number}", dates=(ImportantDate(label, month, mday, 1990),))
    with environment(RELATE_NOW=day, RELATE_CONFIG=str(config_path), TZ="Europe/Berlin"):
        for door, what, pick, kind in ops:
            journal = app if door == "app" else _journal(path, "cli")
            try:
                _apply(journal, what, pick, kind)
            except InputError:
                continue
            counted, listed = full(path)
            assert lean(path) == counted == listed


def sealed_journal(tmp_path: Path) -> Path:
    """A journal written by relate, with something due today."""
    path = tmp_path / "journal.json"
    assert main(["add", "Ana Lima", "--rhythm", "1w"]) == 0
    assert main(["add", "Bruno Costa", "--rhythm", "2w", "--birthday", "december 2"]) == 0
    assert main(["log", "ana", "coffee", "--kind", "coffee", "--at", "10 days ago"]) == 0
    assert main(["log", "bruno", "later", "--promise", "send the deck", "--due", "today"]) == 0
    return path


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RELATE_NOW", NOW)
    path = sealed_journal(tmp_path)
    assert lean(path) == full(path)[0] == 3  # Ana's rhythm, Bruno's promise and birthday today
    return path


def console(*argv: str) -> subprocess.CompletedProcess[str]:
    """``relate`` as the console script runs it (``python -m relate_tui``)."""
    return subprocess.run(
        [sys.executable, "-m", "relate_tui", *argv], capture_output=True, text=True
    )


def in_process(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_steps_aside_with_the_same_answer(path: Path, capsys) -> None:
    """The lean read declines, and the console script answers as the full path does."""
    assert lean(path) is None
    expected = in_process(capsys, "due", "--count")
    result = console("due", "--count")
    assert (result.returncode, result.stdout, result.stderr) == expected


def test_the_console_script_answers_from_the_lean_read(journal: Path) -> None:
    result = console("due", "--count")
    assert (result.returncode, result.stdout, result.stderr) == (0, "3\n", "")
    # --db, before or after the command, is the same journal.
    for argv in (
        ["--db", str(journal), "due", "--count"],
        ["due", "--count", "--db", str(journal)],
    ):
        assert console(*argv).stdout == "3\n"


def test_the_lean_answer_is_remembered_for_the_status_line(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(status_line, "RACY_NS", -(10**12))  # the files look old enough
    assert status_line.cached_count(None) is None
    assert quick_due.answer(["due", "--count"])
    assert status_line.cached_count(None) == 3
    # A change, even one that keeps the size and the second: never the old answer.
    raw = journal.read_bytes()
    stat = journal.stat()
    assert main(["snooze", "ana", "tomorrow"]) == 0
    os.utime(journal, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert journal.read_bytes() != raw
    assert status_line.cached_count(None) is None
    assert lean(journal) == full(journal)[0] == 2


def test_a_table_left_stale_by_an_older_relate_steps_aside(journal: Path, capsys) -> None:
    """A seal that does not vouch for the last-touch table: the full path rebuilds it."""
    whole = orjson.loads(journal.read_bytes())
    body = b"," + serialise({k: v for k, v in whole.items() if k != "meta"})[1:]
    meta = {k: v for k, v in whole["meta"]["1"].items() if k != "seal"}
    seal = {"bytes": len(body), "last_ids": whole["meta"]["1"]["seal"]["last_ids"]}
    seal["crc32"] = sealed_crc(meta, seal, (body,))
    whole["meta"]["1"] = {**meta, "seal": seal}
    journal.write_bytes(serialise({"meta": whole["meta"]})[: -len(b"\n}\n")] + body)
    assert_steps_aside_with_the_same_answer(journal, capsys)
    assert console("due", "--count").stdout == "3\n"


def test_a_file_edited_by_hand_steps_aside(journal: Path, capsys) -> None:
    """Ana's coffee made a jot by hand: the stale table would still say she was touched."""
    journal.write_bytes(journal.read_bytes().replace(b'"kind": "coffee"', b'"kind": "note"'))
    assert_steps_aside_with_the_same_answer(journal, capsys)


def test_a_file_needing_a_migration_steps_aside(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("RELATE_NOW", NOW)
    v0 = orjson.loads((Path(__file__).parent.parent / "data" / "journal-v0.json").read_bytes())
    path = tmp_path / "journal.json"
    path.write_bytes(serialise(v0))
    assert lean(path) is None
    result = console("due", "--count")  # the full path migrates it, then counts
    assert result.returncode == 0
    assert orjson.loads(path.read_bytes())["meta"]["1"]["schema_version"] == schema.SCHEMA_VERSION
    assert result.stdout == in_process(capsys, "due", "--count")[1]


def test_a_file_from_a_newer_relate_steps_aside(journal: Path, capsys) -> None:
    whole = orjson.loads(journal.read_bytes())
    whole["meta"]["1"]["schema_version"] = schema.SCHEMA_VERSION + 1
    journal.write_bytes(serialise_sealed(whole))  # sealed as that relate seals it
    assert open_sealed(journal.read_bytes()) is not None
    assert_steps_aside_with_the_same_answer(journal, capsys)


@pytest.mark.parametrize(
    "damage", [b"", b"{ not json", b"\x00\x00", b'{"meta": {"1": {"schema_version": 1}}}']
)
def test_an_unreadable_file_gets_the_full_paths_message_and_exit_code(
    journal: Path, capsys, damage: bytes
) -> None:
    journal.write_bytes(damage)
    assert_steps_aside_with_the_same_answer(journal, capsys)
    assert console("due", "--count").returncode != 0 or damage.startswith(b'{"meta"')


def test_odd_paths_step_aside(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("RELATE_NOW", NOW)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    monkeypatch.setenv("RELATE_DB", str(folder))
    assert_steps_aside_with_the_same_answer(folder, capsys)
    missing = tmp_path / "none-yet.json"
    monkeypatch.setenv("RELATE_DB", str(missing))
    assert_steps_aside_with_the_same_answer(missing, capsys)
    assert not missing.exists()


def test_conflict_copies_beside_the_journal_step_aside(journal: Path, capsys) -> None:
    copy = journal.with_name("journal.sync-conflict-20261129-101010-ABCDEFG.json")
    copy.write_bytes(journal.read_bytes())
    assert lean(journal) is None
    result = console("due", "--count")  # the full path merges the copy (the same records)
    assert result.returncode == 0 and result.stdout == "3\n"
    assert "merged the Syncthing copy" in result.stderr


def test_a_config_is_read_as_the_full_path_reads_it(
    journal: Path, capsys, config_file: Path
) -> None:
    config_file.write_text('[tiers]\nA = "1d"\n')
    assert main(["edit", "bruno", "--rhythm", "A"]) == 0
    assert lean(journal) == full(journal)[0]
    for broken in ("week_start = 12\n", "not toml [", "lead_dayz = 3\n"):
        config_file.write_text(broken)
        assert_steps_aside_with_the_same_answer(journal, capsys)
        assert console("due", "--count").returncode == 2
    config_file.unlink()
    config_file.mkdir()  # a folder where the config should be
    assert_steps_aside_with_the_same_answer(journal, capsys)


def test_a_bad_fixed_clock_steps_aside(journal: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("RELATE_NOW", "garbage")
    assert_steps_aside_with_the_same_answer(journal, capsys)
    assert console("due", "--count").returncode == 2


def test_the_lean_reads_defaults_and_words_are_the_full_paths() -> None:
    defaults = Settings()
    assert {
        name: getattr(defaults, name) for name in quick_read.DEFAULT_RULES
    } == quick_read.DEFAULT_RULES
    assert QUEUE_OPEN == OPEN


def test_the_lean_count_imports_only_what_it_needs(journal: Path) -> None:
    """No journal package, no command line, no dataclass-heavy records, no typing or
    pathlib: what keeps the status line's count after a change near the parse floor."""
    heavy = (
        "typing", "pathlib", "argparse", "tinydb", "relate_tui.journal", "relate_tui.cli",
        "relate_tui.settings", "relate_tui.startup", "relate_tui.storage.records",
        "relate_tui.storage.sealed", "relate_tui.storage.store", "relate_tui.domain.people",
        "relate_tui.domain.notes", "relate_tui.domain.promises", "relate_tui.domain.queue",
        "relate_tui.report.text",
    )  # fmt: skip
    code = (
        "import sys\n"
        "from relate_tui import quick_due\n"
        "assert quick_due.answer(['due', '--count'])\n"
        f"print('LOADED', [m for m in {heavy!r} if m in sys.modules])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["3", "LOADED []"]


def test_a_fixed_clock_in_another_zone_counts_that_zones_today(journal: Path) -> None:
    """Late on 2 December in Berlin is already 3 December in Tokyo: Bruno's birthday."""
    late = (datetime.fromisoformat(NOW) + timedelta(hours=13)).isoformat()
    with environment(RELATE_NOW=late):
        for zone in ("Europe/Berlin", "Asia/Tokyo"):
            Path(os.environ["RELATE_CONFIG"]).write_text(f'timezone = "{zone}"\n')
            assert lean(journal) == full(journal)[0]
