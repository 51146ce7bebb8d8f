"""Daily backups: made before the first write of each day, byte-identical, private, and
only the newest ``backups`` (config) kept; other kinds of backup are never pruned."""

from __future__ import annotations

import os
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import orjson

from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings, load_settings
from relate_tui.storage.backups import (
    Backups,
    all_backups,
    backup_dir,
    before_restore_copy,
    daily_backup,
    list_backups,
    newest_backup,
    unreadable_hint,
    version_backup,
)


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
    """A kill during the copy leaves only a temp file: today's backup is made anyway."""
    journal = _journal(journal_path)
    journal.add_person("Ana")
    folder = backup_dir(journal_path)
    folder.mkdir(mode=0o700)
    leftover = folder / ".journal-2026-12-02.json.abc.tmp"
    leftover.write_bytes(b'{"peo')
    before = journal_path.read_bytes()
    journal.add_person("Bruno")
    assert (folder / "journal-2026-12-02.json").read_bytes() == before
    assert os.path.exists(leftover)  # young: removed only once it is minutes old


def test_the_last_saves_are_kept_so_a_damaged_file_loses_minutes_not_a_day(tmp_path: Path) -> None:
    """After a damage from outside, the newest "recent save" holds the note before last."""
    from relate_tui.domain.clock import FixedClock
    from relate_tui.journal import Journal
    from relate_tui.settings import Settings
    from relate_tui.storage.backups import RECENT_SAVES, all_backups

    path = tmp_path / "journal.json"
    journal = Journal(path, Settings(), FixedClock("2026-12-02T10:00:00"))
    ana = journal.add_person("Ana Lima")
    for n in range(5):
        journal.log_note([ana.id], f"note {n}")
    saves = [b for b in all_backups(path, include_saves=True) if b.kind == "save"]
    assert len(saves) == RECENT_SAVES
    newest = orjson.loads(saves[0].path.read_bytes())
    bodies = sorted(r["body"] for r in newest["notes"].values())
    assert bodies == ["note 0", "note 1", "note 2", "note 3"]  # the file before the last save
    assert saves[0].label == "a recent save"
    assert oct(saves[0].path.stat().st_mode & 0o777) == "0o600"


def test_no_recent_saves_when_backups_are_off(tmp_path: Path) -> None:
    from relate_tui.domain.clock import FixedClock
    from relate_tui.journal import Journal
    from relate_tui.settings import Settings
    from relate_tui.storage.backups import all_backups

    path = tmp_path / "journal.json"
    journal = Journal(path, Settings(backups=0), FixedClock("2026-12-02T10:00:00"))
    journal.add_person("Ana Lima")
    journal.add_person("Bruno Costa")
    assert all_backups(path, include_saves=True) == []


def test_newest_means_the_last_save_not_the_morning_copy(tmp_path: Path) -> None:
    """Restoring "newest" after damage from outside must not go back to the day's first
    copy when the last saves are minutes old."""
    from relate_tui.storage.restore import find_backup

    path = tmp_path / "journal.json"
    journal = Journal(path, Settings(), FixedClock("2026-12-02T10:00:00"))
    ana = journal.add_person("Ana Lima")
    for n in range(4):
        journal.log_note([ana.id], f"note {n}")
    newest = find_backup(path, "newest")
    notes = orjson.loads(newest.read_bytes())["notes"]
    assert sorted(r["body"] for r in notes.values()) == ["note 0", "note 1", "note 2"]
    assert newest_backup(path).kind == "save"


def test_backups_before_a_write_copy_by_the_clocks_day_and_clean_leftovers_once(
    journal_path: Path,
) -> None:
    """What the journal hands its store: the day's copy, a recent save, and temp files of
    a crash cleaned on the first write only (not looked for on every save)."""
    journal_path.write_bytes(b"{}")
    backups = Backups(2, FixedClock("2026-11-30T10:00:00"))
    old = 1_000_000_000

    def leftover(name: str) -> Path:
        path = journal_path.parent / name
        path.write_bytes(b"{")
        os.utime(path, (old, old))
        return path

    first = leftover(".journal.json.first.tmp")
    backups.before_write(journal_path)
    second = leftover(".journal.json.second.tmp")
    backups.before_write(journal_path)
    assert not first.exists() and second.exists()
    kinds = sorted(b.kind for b in all_backups(journal_path, include_saves=True))
    assert kinds == ["daily", "save", "save"]
    assert list_backups(journal_path)[0].name == "journal-2026-11-30.json"
