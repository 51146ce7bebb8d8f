"""``relate due --count`` on a status line: answered from its cache while nothing changed,
and never from a stale one — whoever made the change, however soon after."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from relate_tui import status_line
from relate_tui.cli import main
from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings

NOW = "2026-12-02T10:00:00"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RELATE_NOW", NOW)
    path = tmp_path / "journal.json"
    monkeypatch.setenv("RELATE_DB", str(path))
    main(["add", "Ana Lima", "--rhythm", "1w"])
    main(["add", "Bruno Costa", "--rhythm", "2w"])
    return path


@pytest.fixture
def worked_out(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the times the number is worked out from the journal (not the cache)."""
    calls: list[int] = []
    original = Journal.due_count

    def counted(self: Journal, *args: object) -> int:
        result = original(self, *args)
        calls.append(result)
        return result

    monkeypatch.setattr(Journal, "due_count", counted)
    return calls


def count(capsys: pytest.CaptureFixture[str]) -> int:
    capsys.readouterr()
    assert main(["due", "--count"]) == 0
    return int(capsys.readouterr().out)


def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the files look old enough to be trusted (the test cannot wait two seconds)."""
    monkeypatch.setattr(status_line, "RACY_NS", -(10**12))


def test_the_count_comes_from_the_cache_while_nothing_changes(
    db: Path, worked_out: list[int], capsys, monkeypatch
) -> None:
    settled(monkeypatch)
    assert count(capsys) == 2
    assert count(capsys) == 2
    assert count(capsys) == 2
    assert worked_out == [2]  # worked out once, then answered from the cache
    (cache,) = Path(os.environ["RELATE_CACHE"]).glob("due-*")
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700


def test_a_change_by_another_process_is_never_answered_from_the_cache(
    db: Path, worked_out: list[int], capsys, monkeypatch
) -> None:
    settled(monkeypatch)
    assert count(capsys) == 2
    logged = subprocess.run(
        [sys.executable, "-m", "relate_tui", "log", "ana", "coffee", "--kind", "coffee"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    assert logged.returncode == 0, logged.stderr
    assert count(capsys) == 1
    assert worked_out == [2, 1]


def test_an_edit_in_place_in_the_same_tick_is_seen(
    db: Path, worked_out: list[int], capsys, monkeypatch
) -> None:
    """Another program rewrites the journal in place, same size, and its mtime is what it
    was (as on a file system with coarse times): the ctime and the file's first bytes
    still give it away."""
    settled(monkeypatch)
    assert count(capsys) == 2
    before = db.stat()
    raw = db.read_bytes()
    # Bruno's rhythm 2w -> 1w is no change to the count; archiving him by hand is.
    edited = raw.replace(b'"name": "Bruno Costa"', b'"name": "Bruno Coste"')
    assert len(edited) == len(raw)
    with open(db, "r+b") as file:
        file.write(edited)
    os.utime(db, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert db.stat().st_mtime_ns == before.st_mtime_ns and db.stat().st_ino == before.st_ino
    assert count(capsys) == 2
    assert worked_out == [2, 2]  # worked out again: the cached answer was not trusted


def test_a_change_in_the_same_second_on_a_coarse_file_system_is_seen(
    db: Path, capsys, monkeypatch
) -> None:
    """On a file system whose times are whole seconds, a change in place in the second the
    count was worked out, keeping the size, leaves every stat field as it was (and the
    first bytes too, when it is further in). The count is therefore never stored for a
    file changed so recently; with that rule switched off, this very scenario serves the
    stale count."""
    journal = Journal(db, Settings(), FixedClock(NOW))
    ana = journal.resolve_person("ana")
    for i in range(40):  # jots: the count stays, and the people move past the first bytes
        journal.log_note([ana.id], f"heard news {i}", kind="note")
    original = db.read_bytes()
    rhythm = original.index(b'"rhythm": "2w"')
    assert rhythm > status_line.HEAD
    no_rhythm = original[:rhythm] + b'"rhythm": null' + original[rhythm + 14 :]
    second = time.time_ns() // 10**9 * 10**9
    real_stat = status_line._stat

    def coarse(path: str | None) -> tuple[int, ...] | None:
        st = real_stat(path)  # every change lands in the same whole second
        return None if st is None else (*st[:3], second, second)

    monkeypatch.setattr(status_line, "_stat", coarse)
    monkeypatch.setattr(status_line.time, "time_ns", lambda: second + 500_000_000)
    served = {}
    for rule, racy_ns in (("on", status_line.RACY_NS), ("off", -(10**12))):
        monkeypatch.setattr(status_line, "RACY_NS", racy_ns)
        _rewrite_in_place(db, original)
        assert count(capsys) == 2
        _rewrite_in_place(db, no_rhythm)  # Bruno has no rhythm now: one item fewer
        served[rule] = count(capsys)
    assert served == {"on": 1, "off": 2}


def _rewrite_in_place(path: Path, data: bytes) -> None:
    with open(path, "r+b") as file:
        file.write(data)


def test_a_new_config_or_another_day_is_worked_out_again(
    db: Path, worked_out: list[int], capsys, monkeypatch
) -> None:
    settled(monkeypatch)
    assert count(capsys) == 2
    monkeypatch.setenv("RELATE_NOW", "2026-12-09T10:00:00")  # Bruno's first week is over
    assert count(capsys) == 1
    Path(os.environ["RELATE_CONFIG"]).write_text("[tiers]\nA = '1w'\n")
    assert count(capsys) == 1
    assert worked_out == [2, 1, 1]


def test_on_the_system_clock_an_answer_lasts_until_midnight(
    db: Path, worked_out: list[int], capsys, monkeypatch
) -> None:
    settled(monkeypatch)
    monkeypatch.delenv("RELATE_NOW")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    count(capsys)
    count(capsys)
    assert len(worked_out) == 1
    (cache,) = Path(os.environ["RELATE_CACHE"]).glob("due-*")
    valid_until = float(cache.read_text().split("\n")[4])
    monkeypatch.setattr(status_line.time, "time", lambda: valid_until)
    count(capsys)
    assert len(worked_out) == 2


def test_a_damaged_cache_is_only_slower(db: Path, worked_out: list[int], capsys, monkeypatch):
    settled(monkeypatch)
    assert count(capsys) == 2
    (cache,) = Path(os.environ["RELATE_CACHE"]).glob("due-*")
    cache.write_text("not a cache")
    assert count(capsys) == 2
    assert worked_out == [2, 2]


def test_the_console_script_answers_from_the_cache_importing_almost_nothing(
    db: Path, capsys, monkeypatch
) -> None:
    settled(monkeypatch)
    assert count(capsys) == 2
    answered = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "relate_tui", "due", "--count"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    assert answered.returncode == 0 and answered.stdout == "2\n"
    imported = {line.split("|")[-1].strip() for line in answered.stderr.splitlines()}
    assert "relate_tui.status_line" in imported
    assert not imported & {"argparse", "orjson", "relate_tui.cli.main", "relate_tui.journal"}
