"""Backups: the day's copy before its first save, a copy of each of the last saves, all
byte-identical and private; only the newest kept (by the revision they hold, whatever the
clock says), never the one just made; other kinds of backup are never pruned."""

from __future__ import annotations

import errno
import os
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest

from relate_tui.cli import main
from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings, load_settings
from relate_tui.storage.backups import (
    all_backups,
    backup_dir,
    before_restore_copy,
    list_backups,
    newest_backup,
    unreadable_hint,
    version_backup,
)
from relate_tui.storage.errors import WriteFailed
from relate_tui.storage.rolling import RECENT_SAVES, Backups, daily_backup


def _journal(path: Path, day: str = "2026-12-02", keep: int = 14) -> Journal:
    return Journal(path, Settings(backups=keep), FixedClock(f"{day}T10:00:00"))


def test_the_first_write_of_a_day_backs_up_the_file_as_it_was(journal_path: Path) -> None:
    journal = _journal(journal_path)
    journal.add_person("Ana")  # creates the file: nothing to back up yet
    assert list_backups(journal_path) == []
    before = journal_path.read_bytes()
    journal.add_person("Bruno")
    journal.add_person("Carla")  # same day: no second copy
    backups = list_backups(journal_path)
    assert [p.name for p in backups] == ["journal-2026-12-02.json"]
    assert backups[0].read_bytes() == before
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(backup_dir(journal_path).stat().st_mode) == 0o700

    tomorrow = _journal(journal_path, "2026-12-03")
    before = journal_path.read_bytes()
    tomorrow.add_person("Dan")
    assert [p.name for p in list_backups(journal_path)] == [
        "journal-2026-12-03.json",
        "journal-2026-12-02.json",
    ]
    assert list_backups(journal_path)[0].read_bytes() == before


def test_only_the_configured_number_of_daily_backups_is_kept(
    journal_path: Path, config_file: Path
) -> None:
    config_file.write_text("backups = 3\n")
    keep = load_settings(config_file).backups
    assert keep == 3
    _journal(journal_path).add_person("Ana")
    for day in range(3, 10):
        _journal(journal_path, f"2026-12-{day:02d}", keep=keep).add_person(f"P{day}")
    assert [p.name for p in list_backups(journal_path)] == [
        "journal-2026-12-09.json",
        "journal-2026-12-08.json",
        "journal-2026-12-07.json",
    ]


def test_default_keeps_fourteen_and_zero_turns_backups_off(journal_path: Path) -> None:
    assert Settings().backups == 14
    _journal(journal_path, keep=0).add_person("Ana")
    _journal(journal_path, "2026-12-03", keep=0).add_person("Bruno")
    assert list_backups(journal_path) == []


def test_migration_and_restore_copies_are_never_pruned(journal_path: Path) -> None:
    _journal(journal_path).add_person("Ana")
    moment = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    kept = [
        version_backup(journal_path, b"{}", 0, moment),
        before_restore_copy(journal_path, moment, data=b"{}"),
    ]
    for day in range(3, 8):
        _journal(journal_path, f"2026-12-{day:02d}", keep=2).add_person(f"P{day}")
    kinds = [(b.kind, b.path) for b in all_backups(journal_path)]
    assert sorted(k for k, _ in kinds) == ["before-restore", "daily", "daily", "migration"]
    assert all(path.exists() for path in kept)


def test_backups_are_listed_newest_first_and_strangers_ignored(journal_path: Path) -> None:
    folder = backup_dir(journal_path)
    folder.mkdir()
    names = [
        "journal-2026-11-30.json",
        "journal-2026-12-01.json",
        "journal.v0-20261201T120000Z.json",
        "journal.before-restore-20261130T090000Z.json",
        "journal-2026-12-01.json.x.tmp",  # a copy in progress
        "notes.txt",
        "journal-not-a-date.json",
    ]
    for name in names:
        (folder / name).write_bytes(b"{}")
    found = [(b.path.name, b.kind) for b in all_backups(journal_path)]
    assert found == [
        ("journal.v0-20261201T120000Z.json", "migration"),
        ("journal-2026-12-01.json", "daily"),
        ("journal.before-restore-20261130T090000Z.json", "before-restore"),
        ("journal-2026-11-30.json", "daily"),
    ]
    newest = newest_backup(journal_path)
    assert newest is not None and newest.path.name == "journal.v0-20261201T120000Z.json"
    hint = unreadable_hint(journal_path, journal_path)
    assert str(newest.path) in hint and "relate doctor --db" in hint


def test_hint_without_backups_says_so(journal_path: Path) -> None:
    hint = unreadable_hint(journal_path, journal_path)
    assert "no backup yet" in hint and "nothing was changed" in hint


def test_daily_backup_skips_a_missing_file(tmp_path: Path) -> None:
    assert daily_backup(tmp_path / "nothing.json", 14, date(2026, 12, 2)) is None
    assert not backup_dir(tmp_path / "nothing.json").exists()


def test_daily_backup_survives_a_leftover_partial_copy(journal_path: Path) -> None:
    """A kill during the copy leaves only a temp file: today's backup is made anyway, and
    the leftover is removed by that very save (under the lock it can be no one else's)."""
    journal = _journal(journal_path)
    journal.add_person("Ana")
    folder = backup_dir(journal_path)
    leftover = folder / ".journal-2026-12-02.json.abc.tmp"
    leftover.write_bytes(b'{"peo')
    before = journal_path.read_bytes()
    journal.add_person("Bruno")
    assert (folder / "journal-2026-12-02.json").read_bytes() == before
    assert not leftover.exists()


def _bodies(path: Path) -> list[str]:
    return sorted(r["body"] for r in orjson.loads(path.read_bytes())["notes"].values())


def test_the_last_saves_are_kept_so_a_damaged_file_loses_nothing(tmp_path: Path) -> None:
    """The newest backup is the last save itself, in a file of its own: damage done to the
    journal in place (``>``, an editor writing into it) leaves it whole."""
    path = tmp_path / "journal.json"
    journal = Journal(path, Settings(), FixedClock("2026-12-02T10:00:00"))
    ana = journal.add_person("Ana Lima")
    for n in range(10):
        journal.log_note([ana.id], f"note {n}")
    saves = [b for b in all_backups(path, include_saves=True) if b.kind == "save"]
    assert len(saves) == RECENT_SAVES
    assert all(b.path.stat().st_ino != path.stat().st_ino for b in saves)
    newest = newest_backup(path)
    assert newest is not None and newest.kind == "save" and newest.label == "a recent save"
    assert newest.path.read_bytes() == path.read_bytes()
    assert oct(newest.path.stat().st_mode & 0o777) == "0o600"
    with open(path, "r+b") as damaged:  # in place: the same inode
        damaged.write(b"\0" * 64)
    assert main(["doctor", "--db", str(path), "--restore", "newest"]) == 0
    assert _bodies(path) == [f"note {n}" for n in range(10)]  # all ten, not nine


def test_a_failed_save_leaves_no_backup_of_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a full disk the journal write fails after the save's copy was made: the copy
    goes, so the newest backup is still the last save that happened."""
    from relate_tui.storage import store as store_module

    path = tmp_path / "journal.json"
    journal = Journal(path, Settings(), FixedClock("2026-12-02T10:00:00"))
    ana = journal.add_person("Ana Lima")
    journal.log_note([ana.id], "saved")
    last_save = path.read_bytes()

    def disk_full(target: Path, data: object, **_space: Path | None) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module, "atomic_write", disk_full)
    for _ in range(3):
        with pytest.raises(WriteFailed):
            journal.log_note([ana.id], "never saved")
    newest = newest_backup(path)
    assert newest is not None and newest.path.read_bytes() == last_save
    live = path.stat().st_ino
    folder = backup_dir(path)
    assert all(p.stat().st_ino != live for p in folder.iterdir())


def test_a_link_to_the_journal_in_the_backups_is_never_the_newest(tmp_path: Path) -> None:
    """An earlier relate kept the last saves as hard links, and a failed save could leave
    the live file linked as the newest: restoring it restored the damage."""
    path = tmp_path / "journal.json"
    journal = Journal(path, Settings(), FixedClock("2026-12-02T10:00:00"))
    journal.add_person("Ana Lima")
    journal.add_person("Bruno Costa")
    link = backup_dir(path) / "journal.save-20991231T000000.000000Z.json"
    os.link(path, link)
    newest = newest_backup(path)
    assert newest is not None and newest.path != link


def test_no_recent_saves_when_backups_are_off(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    journal = Journal(path, Settings(backups=0), FixedClock("2026-12-02T10:00:00"))
    journal.add_person("Ana Lima")
    journal.add_person("Bruno Costa")
    assert all_backups(path, include_saves=True) == []


def test_newest_means_the_last_save_not_the_morning_copy(tmp_path: Path) -> None:
    """Restoring "newest" after damage from outside must not go back to the day's first
    copy: it brings back the journal as relate last saved it."""
    from relate_tui.storage.restore import find_backup

    path = tmp_path / "journal.json"
    journal = Journal(path, Settings(), FixedClock("2026-12-02T10:00:00"))
    ana = journal.add_person("Ana Lima")
    for n in range(4):
        journal.log_note([ana.id], f"note {n}")
    assert _bodies(find_backup(path, "newest")) == ["note 0", "note 1", "note 2", "note 3"]
    assert newest_backup(path).kind == "save"


def test_a_clock_moved_back_prunes_the_old_copies_not_the_new_ones(tmp_path: Path) -> None:
    """Backups dated in the future (made before the clock went back) once won the pruning,
    and every new daily copy was deleted as soon as it was made."""
    path = tmp_path / "journal.json"
    for day in range(1, 8):
        _journal(path, f"2026-12-{day:02d}", keep=3).add_person(f"Before {day}")
    for day in range(1, 4):  # the clock is set back a year, and days go by
        journal = _journal(path, f"2025-12-{day:02d}", keep=3)
        journal.add_person(f"After {day}")
        journal.add_person(f"After {day}, again")
        newest = newest_backup(path)
        assert newest is not None and newest.path.read_bytes() == path.read_bytes()
    dailies = sorted(p.name for p in list_backups(path))
    assert dailies == [
        "journal-2025-12-01.json",
        "journal-2025-12-02.json",
        "journal-2025-12-03.json",
    ]
    saves = [b for b in all_backups(path, include_saves=True) if b.kind == "save"]
    assert len(saves) == RECENT_SAVES  # the last three saves, named in 2025


def test_the_copy_just_made_is_never_pruned(journal_path: Path) -> None:
    """Even when every other copy looks newer (a file relate did not write has no revision
    to order it by, so its name decides)."""
    folder = backup_dir(journal_path)
    folder.mkdir(mode=0o700)
    for day in (20, 21, 22):
        (folder / f"journal-2030-01-{day}.json").write_bytes(b"{}")
    journal_path.write_bytes(b"{}")
    made = daily_backup(journal_path, 2, date(2026, 12, 2))
    assert made is not None and made.exists()


def test_each_save_cleans_up_what_crashed_saves_left_however_young(journal_path: Path) -> None:
    """Under the lock no other writer can be mid-write: every temp file of this journal is
    a leftover (200 kills once left 414 MB that only a save 5 minutes later removed)."""
    journal_path.write_bytes(b"{}")
    backups = Backups(2, FixedClock("2026-11-30T10:00:00"))
    folder = backup_dir(journal_path)
    folder.mkdir(mode=0o700)
    leftovers = [
        journal_path.parent / ".journal.json.a1b2c3.tmp",
        folder / ".journal-2026-11-29.json.d4e5f6.tmp",
        folder / ".journal.save-20261130T095959.000000Z.json.0a0b0c.tmp",
    ]
    others = [journal_path.parent / ".other.json.a1b2c3.tmp", folder / "notes.txt"]
    for path in leftovers + others:
        path.write_bytes(b'{"half": ')
    with backups.around_write(journal_path, b"{}\n"):
        pass
    assert not any(p.exists() for p in leftovers)
    assert all(p.exists() for p in others)
    kinds = sorted(b.kind for b in all_backups(journal_path, include_saves=True))
    assert kinds == ["daily", "save"]
    assert list_backups(journal_path)[0].name == "journal-2026-11-30.json"
