"""``relate doctor``: checks, backup listing and restore, run as ``relate`` would run them.

The doctor is for the day the journal cannot be read, so most tests start from a broken
file, and every check-only run asserts that nothing in the folder changed.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest

from relate_tui.cli import main
from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from relate_tui.storage import restore, schema
from relate_tui.storage.backups import backup_dir, list_backups, newest_backup
from relate_tui.storage.errors import JournalLocked, StorageError
from relate_tui.storage.json_format import parse, serialise

NOW = "2026-12-02T10:00:00"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELATE_NOW", NOW)


def _journal(path: Path, day: str = "2026-12-02") -> Journal:
    return Journal(path, Settings(), FixedClock(f"{day}T10:00:00"))


def _filled(path: Path) -> Journal:
    """A journal with people, a shared note, a promise and an introduction, and a backup
    from the day before."""
    yesterday = _journal(path, "2026-12-01")
    ana = yesterday.add_person("Ana Lima")
    bruno = yesterday.add_person("Bruno Costa", introduced_by=ana.id)
    journal = _journal(path)
    journal.log_note([ana.id, bruno.id], "coffee with both", kind="coffee")
    journal.log_note([ana.id], "call", kind="call", promise="send deck")
    return journal


def _doctor(path: Path, *extra: str) -> int:
    return main(["doctor", "--db", str(path), *extra])


def _listing(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(folder.rglob("*"))
    }


def _same_records(journal: Path, backup: Path) -> bool:
    """The journal holds exactly the backup's records (meta aside: the revision moves on)."""
    a, b = parse(journal.read_bytes()), parse(backup.read_bytes())
    a.pop("meta"), b.pop("meta")
    return a == b


def _edit(path: Path, change: Any) -> None:
    data = parse(path.read_bytes())
    change(data)
    path.write_bytes(serialise(data))


def test_a_healthy_journal(journal_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _filled(journal_path)
    before = _listing(journal_path.parent)
    assert _doctor(journal_path) == 0
    out = capsys.readouterr().out
    assert "PROBLEM" not in out
    assert "2 people, 2 notes, 1 promise" in out
    assert "every record id is unique" in out
    assert "point at records that exist" in out
    assert "only you can read it (mode 0600)" in out
    assert "2026-12-02        daily" in out and "journal-2026-12-02.json" in out
    assert "The journal is healthy." in out
    assert _listing(journal_path.parent) == before


def test_no_journal_yet_is_healthy(journal_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _doctor(journal_path) == 0
    assert "no journal here yet" in capsys.readouterr().out
    assert not journal_path.exists()


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda d: d["notes"]["1"].update(person_ids=["gone"]), "note"),
        (lambda d: d["notes"]["1"].update(person_ids=[]), "names nobody"),
        (lambda d: d["promises"]["1"].update(person_id="gone"), "promise"),
        (lambda d: d["promises"]["1"].update(note_id="gone"), "-> note gone"),
        (lambda d: d["people"]["2"].update(introduced_by="gone"), "introduced by missing gone"),
    ],
)
def test_broken_references_are_problems(
    journal_path: Path, capsys: pytest.CaptureFixture[str], damage: Any, words: str
) -> None:
    _filled(journal_path)
    _edit(journal_path, damage)
    assert _doctor(journal_path) == 1
    out = capsys.readouterr().out
    problem = next(line for line in out.splitlines() if "PROBLEM" in line)
    assert "references to records that do not exist" in problem and words in problem
    assert "1 problem found." in out


def test_duplicate_ids_and_unloadable_records_are_problems(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _filled(journal_path)

    def damage(data: dict[str, Any]) -> None:
        data["people"]["9"] = dict(data["people"]["1"])
        data["notes"]["2"]["at"] = "last tuesday"

    _edit(journal_path, damage)
    assert _doctor(journal_path) == 1
    out = capsys.readouterr().out
    assert "record ids used more than once: people" in out
    assert "records relate cannot load: notes" in out and "last tuesday" in out


def test_a_world_readable_file_is_a_problem(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _filled(journal_path)
    journal_path.chmod(0o644)
    assert _doctor(journal_path) == 1
    assert "other users can read or write it (mode 0644)" in capsys.readouterr().out
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o644  # the doctor only looks


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "the file is empty"),
        (b'{"people": {"1": {"id": "a", "na', "not valid JSON"),
        (b"[]", "not a relate journal"),
    ],
)
def test_an_unreadable_journal_is_diagnosed_without_being_touched(
    journal_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, words: str
) -> None:
    _filled(journal_path)
    journal_path.write_bytes(content)
    before = _listing(journal_path.parent)
    assert _doctor(journal_path) == 1
    out = capsys.readouterr().out
    assert words in out
    # the suggested backup is the last save: the newest version relate wrote before this
    assert f"relate doctor --db {journal_path} --restore journal.save-" in out
    assert _listing(journal_path.parent) == before


def test_an_unreadable_backup_is_listed_as_such(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _filled(journal_path)
    (backup_dir(journal_path) / "journal-2026-11-01.json").write_bytes(b"{oops")
    assert _doctor(journal_path) == 0  # the journal itself is fine
    assert "UNREADABLE: the file is not valid JSON" in capsys.readouterr().out


def test_an_old_version_is_reported_and_not_migrated(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = Path(__file__).resolve().parents[1] / "data" / "journal-v0.json"
    journal_path.write_bytes(fixture.read_bytes())
    journal_path.chmod(0o600)
    assert _doctor(journal_path) == 0
    assert "schema version 0: relate upgrades it" in capsys.readouterr().out
    assert journal_path.read_bytes() == fixture.read_bytes()


def test_a_newer_version_is_a_problem(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _filled(journal_path)
    _edit(journal_path, lambda d: d["meta"]["1"].update(schema_version=schema.SCHEMA_VERSION + 1))
    assert _doctor(journal_path) == 1
    assert "newer than this relate knows" in capsys.readouterr().out


def test_restore_over_an_unreadable_file_keeps_its_bytes_aside(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _filled(journal_path)
    backup = list_backups(journal_path)[0]
    broken = b'{"people": {"1": {"id": "a", "name": "Ana'
    journal_path.write_bytes(broken)
    assert _doctor(journal_path, "--restore", backup.name) == 0
    out = capsys.readouterr().out
    corrupt = journal_path.with_name("journal.json.corrupt-20261202T100000Z")
    assert f"The unreadable file it replaced was kept as {corrupt}" in out
    assert corrupt.read_bytes() == broken
    assert stat.S_IMODE(corrupt.stat().st_mode) == 0o600
    assert _same_records(journal_path, backup)
    assert "PROBLEM" not in out
    assert [p.name for p in _journal(journal_path).data().people] == ["Ana Lima", "Bruno Costa"]


def test_restore_over_a_readable_file_backs_it_up_first(journal_path: Path) -> None:
    _filled(journal_path)
    current = journal_path.read_bytes()
    assert _doctor(journal_path, "--restore", "2026-12-02") == 0
    kept = [p for p in list_backups(journal_path) if "before-restore" in p.name]
    assert [p.read_bytes() for p in kept] == [current]
    # Restoring twice in the same second keeps both earlier files.
    assert _doctor(journal_path, "--restore", "newest") == 0
    assert len([p for p in list_backups(journal_path) if "before-restore" in p.name]) == 2


def test_restore_when_the_journal_is_gone(journal_path: Path) -> None:
    _filled(journal_path)
    backup = list_backups(journal_path)[0]
    journal_path.unlink()
    assert _doctor(journal_path, "--restore", str(backup)) == 0
    assert _same_records(journal_path, backup)


def test_restore_refuses_a_broken_backup_and_changes_nothing(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _filled(journal_path)
    bad = backup_dir(journal_path) / "journal-2026-11-01.json"
    bad.write_bytes(b"")
    before = _listing(journal_path.parent)
    assert _doctor(journal_path, "--restore", bad.name) == 1
    err = capsys.readouterr().err
    assert "cannot be restored: the file is empty; nothing was changed" in err
    assert _listing(journal_path.parent) == before


def test_restore_of_an_unknown_backup(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _filled(journal_path)
    assert _doctor(journal_path, "--restore", "2020-01-01") == 1
    assert "no backup called '2020-01-01'" in capsys.readouterr().err
    with pytest.raises(StorageError, match="there are no backups"):
        restore.find_backup(journal_path.with_name("other.json"), "newest")


def test_restore_waits_for_the_lock(journal_path: Path) -> None:
    from filelock import FileLock

    _filled(journal_path)
    current = journal_path.read_bytes()
    backup = list_backups(journal_path)[0]
    holder = FileLock(str(journal_path) + ".lock", is_singleton=False, thread_local=False)
    import threading

    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with holder:
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    try:
        with pytest.raises(JournalLocked):
            restore.restore(journal_path, backup, lock_timeout=0.2)
    finally:
        release.set()
        thread.join(10)
    assert journal_path.read_bytes() == current


def test_doctor_runs_with_a_broken_config(
    journal_path: Path, config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _filled(journal_path)
    config_file.write_text("backups = [")
    assert _doctor(journal_path) == 0
    assert "The journal is healthy." in capsys.readouterr().out


def test_restore_into_a_folder_is_refused(journal_path: Path) -> None:
    _filled(journal_path)
    backup = list_backups(journal_path)[0]
    folder = journal_path.with_name("folder.json")
    folder.mkdir()
    with pytest.raises(StorageError, match="is a folder"):
        restore.restore(folder, backup)


def test_restore_through_a_symlink_replaces_the_target_and_keeps_the_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "sync" / "journal.json"
    _filled(real)
    link = tmp_path / "journal.json"
    link.symlink_to(real)
    real.write_bytes(b"<<<<<<< conflict\n")
    assert _doctor(link) == 1
    assert f"Journal: {link} -> {real}" in capsys.readouterr().out
    assert _doctor(link, "--restore", "newest") == 0
    assert link.is_symlink() and _same_records(real, newest_backup(real).path)
    assert real.with_name("journal.json.corrupt-20261202T100000Z").read_bytes() == (
        b"<<<<<<< conflict\n"
    )


def test_restore_moves_the_revision_on_past_every_known_one(journal_path: Path) -> None:
    """Readers (calendar export's SEQUENCE) rely on the revision only growing."""
    _filled(journal_path)
    latest = schema.revision(parse(journal_path.read_bytes()))
    backup = list_backups(journal_path)[0]
    assert schema.revision(parse(backup.read_bytes())) < latest
    assert _doctor(journal_path, "--restore", backup.name) == 0
    restored = parse(journal_path.read_bytes())
    assert schema.revision(restored) == latest + 1
    assert schema.meta_record(restored)["last_writer"] == "doctor --restore"
    assert _same_records(journal_path, backup)
    # Even over an unreadable file, its revision is read from the bytes, best effort.
    journal_path.write_bytes(b'{"meta": {"1": {"revision": 90, "schema')
    assert _doctor(journal_path, "--restore", backup.name) == 0
    assert schema.revision(parse(journal_path.read_bytes())) == 91


def test_a_record_hidden_behind_a_duplicate_key_is_a_problem(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A parser keeps the last of two equal keys: the doctor must not call such a file
    healthy while a note is hidden in it."""
    _filled(journal_path)
    raw = journal_path.read_bytes()
    second = raw.index(b'\n    "2": {', raw.index(b'\n  "notes": {'))
    journal_path.write_bytes(raw[:second] + b'\n    "1": {"id": "hidden"},' + raw[second:])
    assert _doctor(journal_path) == 1
    assert "keys written twice in one table (1)" in capsys.readouterr().out


def test_restore_refuses_a_backup_with_a_record_relate_cannot_read(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _filled(journal_path)
    backup = list_backups(journal_path)[0]
    _edit(backup, lambda d: d["people"]["1"].update(created="soonish"))
    before = _listing(journal_path.parent)
    assert _doctor(journal_path, "--restore", backup.name) == 1
    err = capsys.readouterr().err
    assert "its people record" in err and 'created "soonish" is not a date and time' in err
    assert "nothing was changed" in err and err.count("\n") == 1
    assert _listing(journal_path.parent) == before
