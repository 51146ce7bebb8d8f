"""``relate merge`` and ``relate conflicts`` as a user types them: output, exit code, file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from relate_tui.cli import main
from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from relate_tui.storage import versioning
from relate_tui.storage.json_format import parse

NOW = "2026-12-02T10:00:00"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RELATE_NOW", NOW)
    path = tmp_path / "journal.json"
    monkeypatch.setenv("RELATE_DB", str(path))
    return path


def run(*argv: str) -> int:
    try:
        return main(list(argv))
    except SystemExit as exit:  # argparse's own mistakes end the process
        return int(exit.code or 0)


def as_machine(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("RELATE_MACHINE", name)
    versioning.machine_id.cache_clear()


def journal_at(path: Path) -> Journal:
    return Journal(path, Settings(), FixedClock(NOW))


@pytest.fixture
def two_copies(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The journal and a copy of it, both changed since they parted (Ana's org clashes)."""
    assert run("add", "Ana Lima") == 0
    assert run("log", "ana", "before the split") == 0
    other = tmp_path / "other.json"
    shutil.copy(db, other)
    as_machine(monkeypatch, "laptop")
    here = journal_at(db)
    here.save_person(replace(here.resolve_person("ana"), org="Datalab"))
    as_machine(monkeypatch, "desktop")
    there = journal_at(other)
    there.save_person(replace(there.resolve_person("ana"), org="Acme", role="CTO"))
    there.log_note([there.resolve_person("ana").id], "from the other copy")
    there.add_person("Zoe Ng")
    as_machine(monkeypatch, "laptop")
    return other


def test_merge_dry_run_says_what_would_come_in_and_writes_nothing(
    db: Path, two_copies: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    assert run("merge", str(two_copies), "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.startswith("Merging other.json would bring: ")
    assert "1 person (Zoe Ng) and 1 note (call with Ana Lima) came in" in out
    assert "1 conflict to resolve (relate conflicts)" in out
    assert db.read_bytes() == before


def test_merge_brings_everything_in_and_records_the_clash(
    db: Path, two_copies: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("merge", str(two_copies), "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["written"] is True
    assert [p["what"] for p in report["added"]["people"]] == ["Zoe Ng"]
    assert [c["field"] for c in report["conflicts"]] == ["org"]
    tables = parse(db.read_bytes())
    ana = next(p for p in tables["people"].values() if p["name"] == "Ana Lima")
    assert ana["role"] == "CTO"  # changed on one side only: taken
    assert ana["org"] == "Acme"  # both changed: the later one
    assert sorted(n["body"] for n in tables["notes"].values()) == [
        "before the split", "from the other copy",
    ]  # fmt: skip

    assert run("conflicts", "--json") == 0
    (conflict,) = json.loads(capsys.readouterr().out)
    assert (conflict["field"], conflict["current"], conflict["other"]) == ("org", "Acme", "Datalab")
    assert run("conflicts") == 0
    assert (
        "Ana Lima: org is “Acme”, the other machine's later change; this machine had “Datalab”"
        in capsys.readouterr().out
    )

    assert run("conflicts", "keep", conflict["ref"]) == 0
    assert "kept the current value of org for Ana Lima" in capsys.readouterr().out
    assert run("conflicts") == 0
    assert "No conflicts" in capsys.readouterr().out
    # The copy merged again brings nothing back, not even the resolved conflict.
    assert run("merge", str(two_copies)) == 0
    assert "nothing new" in capsys.readouterr().out
    assert run("conflicts", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_taking_the_other_value_and_undo(
    db: Path, two_copies: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("merge", str(two_copies)) == 0
    capsys.readouterr()
    assert run("conflicts", "--json") == 0
    (conflict,) = json.loads(capsys.readouterr().out)
    assert run("conflicts", "take", conflict["ref"][:4]) == 0
    ana = next(p for p in parse(db.read_bytes())["people"].values() if p["name"] == "Ana Lima")
    assert ana["org"] == "Datalab" and "conflicts" not in ana


def test_bad_input_is_one_line_exit_2_and_nothing_changes(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("add", "Ana Lima") == 0
    before = db.read_bytes()
    (tmp_path / "broken.json").write_text('{"people": {"1": ')
    for argv in (
        ("merge", str(tmp_path / "missing.json")),
        ("merge", str(tmp_path / "broken.json")),
        ("merge", str(db)),
        ("conflicts", "keep"),
        ("conflicts", "take", "zzzz"),
        ("conflicts", "nonsense"),
    ):
        capsys.readouterr()
        assert run(*argv) == 2, argv
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1, (argv, err)
        assert "Traceback" not in err
    assert db.read_bytes() == before


def test_the_capture_path_loads_no_merge(tmp_path: Path) -> None:
    """Noticing conflict copies is one directory listing: `relate log` loads no merge code
    when there is nothing to merge."""
    env = {"RELATE_DB": str(tmp_path / "j.json"), "RELATE_CONFIG": str(tmp_path / "c.toml"),
           "RELATE_CACHE": str(tmp_path / "cache"), "RELATE_LOG": str(tmp_path / "relate.log"),
           "RELATE_NOW": NOW, "PATH": "/usr/bin:/bin"}  # fmt: skip
    for argv in (["add", "Ana Lima"], ["log", "ana", "first"]):  # the notes table exists
        subprocess.run([sys.executable, "-m", "relate_tui", *argv], env=env, check=True)
    code = (
        "import sys; from relate_tui.cli import main\n"
        "assert main(['log', 'ana', 'hello']) == 0\n"
        "assert main(['due', '--count']) == 0\n"
        "merge = ('relate_tui.domain.journal_merge', 'relate_tui.domain.record_merge',\n"
        "         'relate_tui.journal.merge', 'relate_tui.storage.versioning', 're')\n"
        "print('LOADED', [m for m in merge if m in sys.modules and m != 're'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout


def test_the_doctor_lists_conflicts_and_copies_and_merges_nothing(
    db: Path, two_copies: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("merge", str(two_copies)) == 0
    copy = db.parent / "journal.sync-conflict-20261129-101010-ABCDEFG.json"
    shutil.copy(two_copies, copy)
    before = db.read_bytes()
    capsys.readouterr()
    assert run("doctor") == 0
    out = capsys.readouterr().out
    assert "1 conflict from merging another machine's copy (relate conflicts):" in out
    assert (
        "Ana Lima: org is “Acme”, the other machine's later change; this machine had “Datalab”"
        in out
    )
    assert "journal.sync-conflict-20261129-101010-ABCDEFG.json" in out
    assert copy.exists() and db.read_bytes() == before
