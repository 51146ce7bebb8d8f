"""A save writes into the space of the version the last save replaced (the spare, kept in
relate's cache folder: ``storage.layout.spare_path``), and the app's copy of a save into
the space of the oldest copy. Writing over a file the system still holds is several times
faster than filling a new one; none of it may ever cost the user a byte:

- the journal reads back exactly what was saved, whatever the spare held (a longer file);
- a spare that is not safely ours — a second name of the live journal (a kill between
  keeping it and the rename), a link to somewhere else, a version something still has
  open (a viewer, a backup or sync tool reading it) — is never written into;
- a save that fails at any step leaves the journal as it was and no spare naming it;
- the backups still hold the last saves, each byte for byte;
- nothing is added beside the journal or in its backups (a synced folder would carry
  it, and a sync tool would make conflict copies of it), none with backups off, and a
  spare no save has written for a week is deleted.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from relate_tui.journal import Journal
from relate_tui.settings import Settings
from relate_tui.storage import atomic
from relate_tui.storage.atomic import atomic_write
from relate_tui.storage.backups import all_backups, backup_dir
from relate_tui.storage.errors import WriteFailed
from relate_tui.storage.layout import spare_path
from relate_tui.storage.rolling import SPARE_DAYS, SPARES

from .conftest import FaultyOs, journal_data, make_journal, note_bodies, os_error, write_journal


def _journal(journal_path: Path, writer: str = "cli", **settings: int) -> Journal:
    """A journal whose saves keep their spares where ``startup.open_journal`` puts them."""
    spares = journal_path.parent / "cache" / "spares"
    return make_journal(journal_path, writer=writer, spares=spares, settings=Settings(**settings))


def _spare(journal_path: Path) -> Path:
    return spare_path(journal_path.parent / "cache" / "spares", journal_path)


def _save_twice(journal_path: Path) -> None:
    """Two saves by the command line: the second leaves a spare behind."""
    journal = _journal(journal_path)
    journal.log_note(["p00001"], "first", kind="call")
    journal.log_note(["p00001"], "second", kind="call")


def test_a_write_into_a_longer_spare_reads_back_exactly(tmp_path: Path) -> None:
    path, spare = tmp_path / "journal.json", tmp_path / "spare"
    atomic_write(path, b"a long first version " * 1000)
    atomic_write(path, b"second", reuse=spare, keep_replaced=spare)
    first_inode = spare.stat().st_ino  # the first version, kept
    atomic_write(path, b"third", reuse=spare, keep_replaced=spare)
    assert path.read_bytes() == b"third"  # not "third" + the rest of the long version
    assert path.stat().st_ino == first_inode  # written into the kept space
    assert spare.read_bytes() == b"second"  # the version it replaced, kept in turn


@pytest.mark.parametrize("writer", ["app", "cli"])
def test_the_journal_and_its_backups_stay_exact_over_many_saves(
    journal_path: Path, writer: str
) -> None:
    """Each copy takes the space of the oldest (the app's after the save, the command
    line's before it), and the journal the spare's: the last three saves stay exact."""
    write_journal(journal_path, journal_data(people=5, notes=50))
    journal = _journal(journal_path, writer=writer)
    saved = []
    for n in range(6):
        journal.log_note(["p00001"], f"note {n}" * (50 - 7 * n), kind="call")  # shorter each
        journal.store.settle()
        saved.append(journal_path.read_bytes())
        assert f"note {n}" in "".join(note_bodies(journal_path))
    copies = [b for b in all_backups(journal_path, include_saves=True) if b.kind == "save"]
    assert sorted(c.path.read_bytes() for c in copies) == sorted(saved[-3:])
    assert _spare(journal_path).read_bytes() == saved[-2]


def test_a_spare_that_is_the_live_journal_is_never_written_into(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill between keeping the replaced version and the rename leaves the spare's name
    on the live journal: a save writing into it would be writing into the journal in
    place, and a full disk half-way would leave it torn."""
    write_journal(journal_path, journal_data(people=5, notes=50))
    _save_twice(journal_path)
    spare = _spare(journal_path)
    spare.unlink()
    os.link(journal_path, spare)
    before = journal_path.read_bytes()
    monkeypatch.setattr(atomic, "os", FaultyOs("write", os_error(errno.ENOSPC), after=1))
    with pytest.raises(WriteFailed):
        _journal(journal_path).log_note(["p00001"], "third", kind="call")
    assert journal_path.read_bytes() == before
    monkeypatch.undo()
    _journal(journal_path).log_note(["p00001"], "third", kind="call")
    assert "third" in note_bodies(journal_path)
    assert not os.path.samefile(spare, journal_path)


def test_a_spare_that_is_a_link_is_never_followed(journal_path: Path, tmp_path: Path) -> None:
    write_journal(journal_path, journal_data(people=5, notes=50))
    _save_twice(journal_path)
    elsewhere = tmp_path / "someone-elses-file.txt"
    elsewhere.write_text("not relate's")
    spare = _spare(journal_path)
    spare.unlink()
    spare.symlink_to(elsewhere)
    _journal(journal_path).log_note(["p00001"], "third", kind="call")
    assert elsewhere.read_text() == "not relate's"
    assert "third" in note_bodies(journal_path)


def test_a_version_still_open_elsewhere_is_never_written_into(journal_path: Path) -> None:
    """A reader that opened the journal two saves ago (``less``, a backup tool, a sync
    tool uploading slowly) reads that version whole, however many saves come after."""
    write_journal(journal_path, journal_data(people=5, notes=50))
    journal = _journal(journal_path, writer="app")
    journal.log_note(["p00001"], "first", kind="call")
    with open(journal_path, "rb") as reader:
        version = journal_path.read_bytes()
        for n in range(3):
            journal.log_note(["p00001"], f"later {n}", kind="call")
            journal.store.settle()
        assert reader.read() == version
    assert "later 2" in note_bodies(journal_path)


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_a_save_failing_into_the_spare_leaves_the_journal_and_no_spare_on_it(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    write_journal(journal_path, journal_data(people=5, notes=50))
    _save_twice(journal_path)
    before = journal_path.read_bytes()
    journal = _journal(journal_path, writer="app")
    monkeypatch.setattr(atomic, "os", FaultyOs(step, os_error(errno.EIO)))
    with pytest.raises(WriteFailed):
        journal.log_note(["p00001"], "third", kind="call")
    monkeypatch.undo()
    assert journal_path.read_bytes() == before
    live = journal_path.stat().st_ino
    kept = [*backup_dir(journal_path).iterdir(), *_spare(journal_path).parent.iterdir()]
    assert all(p.stat(follow_symlinks=False).st_ino != live for p in kept)
    assert not [p for p in journal_path.parent.iterdir() if p.name.endswith(".tmp")]


def test_nothing_is_added_beside_the_journal_or_in_its_backups(journal_path: Path) -> None:
    write_journal(journal_path, journal_data(people=5, notes=50))
    _save_twice(journal_path)
    beside = sorted(p.name for p in journal_path.parent.iterdir() if p.name != "cache")
    assert beside == ["journal.json", "journal.json.bak", "journal.json.lock"]
    backups = all_backups(journal_path, include_saves=True)
    assert len(list(backup_dir(journal_path).iterdir())) == len(backups)
    assert _spare(journal_path).is_file()


def test_backups_off_keep_no_spare(journal_path: Path) -> None:
    write_journal(journal_path, journal_data(people=5, notes=50))
    journal = _journal(journal_path, backups=0)
    journal.log_note(["p00001"], "first", kind="call")
    journal.log_note(["p00001"], "second", kind="call")
    assert not _spare(journal_path).exists()


def test_a_spare_no_save_wrote_for_a_week_is_deleted(journal_path: Path) -> None:
    spares = _spare(journal_path).parent
    spares.mkdir(parents=True)
    old, young = spares / "0123456789abcdef.spare", spares / "fedcba9876543210.spare"
    for spare, days in ((old, SPARE_DAYS + 1), (young, SPARE_DAYS - 1)):
        spare.write_bytes(b"another journal's old version")
        then = spare.stat().st_mtime - days * 86400
        os.utime(spare, (then, then))
    write_journal(journal_path, journal_data(people=5, notes=50))
    _save_twice(journal_path)
    assert sorted(p.name for p in spares.iterdir()) == sorted(
        [young.name, _spare(journal_path).name]
    )


def test_no_more_than_a_few_spares_are_kept(journal_path: Path) -> None:
    """Journals made and left (benchmarks, moved files) leave a journal-sized file each."""
    spares = _spare(journal_path).parent
    spares.mkdir(parents=True)
    others = [spares / f"{n:016x}.spare" for n in range(SPARES + 2)]
    for age, spare in enumerate(others):
        spare.write_bytes(b"another journal's old version")
        then = spare.stat().st_mtime - age * 3600
        os.utime(spare, (then, then))
    write_journal(journal_path, journal_data(people=5, notes=50))
    _save_twice(journal_path)
    newest = [p.name for p in others[: SPARES - 1]]
    assert sorted(p.name for p in spares.iterdir()) == sorted([*newest, _spare(journal_path).name])
