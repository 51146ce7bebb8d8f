"""An export can never destroy the journal: it refuses the journal, its lock, its backups
and its saves in progress as targets, and replaces an existing file only with ``--force``.

``relate export --format md -o "$RELATE_DB"`` once replaced the journal with Markdown and
exited 0, and the last note was in no backup.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from relate_tui.cli import main


@pytest.fixture
def db(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RELATE_DB", str(journal_path))
    assert main(["add", "Ana Lima"]) == 0
    assert main(["log", "ana", "the last note"]) == 0
    assert main(["log", "ana", "the very last note"]) == 0  # makes a backup folder
    return journal_path


def _targets(db: Path, tmp_path: Path) -> dict[str, Path]:
    link = tmp_path / "link-to-journal.json"
    link.symlink_to(db)
    hard = tmp_path / "hard-link.json"
    os.link(db, hard)
    backups = db.with_name(db.name + ".bak")
    daily = next(backups.glob("journal-*.json"))
    return {
        "the journal itself": db,
        "a symlink to it": link,
        "a hard link to it": hard,
        "its lock": db.with_name(db.name + ".lock"),
        "a daily backup": daily,
        "a new file in the backup folder": backups / "export.md",
        "a save in progress": db.with_name(f".{db.name}.abc123.tmp"),
        "a damaged journal kept aside": db.with_name(f"{db.name}.corrupt-20261202T100000Z"),
    }


@pytest.mark.parametrize("fmt", ["md", "json", "vcf", "ics"])
def test_the_journal_and_its_files_are_refused_even_with_force(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    for what, target in _targets(db, tmp_path).items():
        before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
        capsys.readouterr()
        for force in ([], ["--force"]):
            code = main(["export", "--format", fmt, "-o", str(target), *force])
            err = capsys.readouterr().err
            assert code == 2, what
            assert "an export never writes there" in err and err.count("\n") == 1, what
        after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
        assert after == before, what
    assert main(["queue"]) == 0  # the journal still reads


def test_the_backup_folder_is_refused_for_a_card_folder(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = db.with_name(db.name + ".bak")
    before = sorted(p.name for p in folder.iterdir())
    assert main(["export", "--format", "vcf", "-o", f"{folder}/"]) == 2
    assert "backup folder" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == before


def test_an_existing_file_is_replaced_only_with_force(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "thesis.md"
    target.write_text("my thesis, not an export\n")
    assert main(["export", "--format", "md", "-o", str(target)]) == 2
    assert "exists: add --force to replace it" in capsys.readouterr().err
    assert target.read_text() == "my thesis, not an export\n"
    assert main(["export", "--format", "md", "-o", str(target), "--force"]) == 0
    assert "replacing the file that was there" in capsys.readouterr().out
    assert "the very last note" in target.read_text()


def test_a_device_or_pipe_is_not_an_export_target(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (fifo, Path("/dev/null")):
        assert main(["export", "--format", "md", "-o", str(target), "--force"]) == 2
        err = capsys.readouterr().err
        assert "stdout with -o -" in err and err.count("\n") == 1
    assert fifo.exists() and Path("/dev/null").is_char_device()
