"""Dates on the command line (``--at``, ``--due``, ``--promise``, ``--birthday``): what the
journal records, what is printed, and for bad dates one line, exit 2, the file untouched.

The clock is Wednesday 25 November 2026 14:30:27.123456 in Berlin.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from relate_tui.cli import main

NOW = "2026-11-25T14:30:27.123456"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "config.toml"
    config.write_text('timezone = "Europe/Berlin"\n')
    monkeypatch.setenv("RELATE_CONFIG", str(config))
    monkeypatch.setenv("RELATE_NOW", NOW)
    path = tmp_path / "journal.json"
    monkeypatch.setenv("RELATE_DB", str(path))
    assert main(["add", "Zed Ito"]) == 0
    return path


def log_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    capsys.readouterr()
    assert main(["log", "zed", "hi", "--json", *argv]) == 0
    return json.loads(capsys.readouterr().out)


def refused(db: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run a command that must be refused: exit 2, one line on stderr, the file as it was."""
    before = db.read_bytes()
    capsys.readouterr()
    assert main(list(argv)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert db.read_bytes() == before
    return err


@pytest.mark.parametrize(
    ("at", "when"),
    [
        # "m" is minutes in a note's time (it was five months).
        ("5m ago", "2026-11-25T14:25:27.123456+01:00"),
        ("15m ago", "2026-11-25T14:15:27.123456+01:00"),
        ("2 hours ago", "2026-11-25T12:30:27.123456+01:00"),
        ("last night", "2026-11-24T22:00:00+01:00"),
        ("this morning", "2026-11-25T09:00:00+01:00"),
        ("yesterday afternoon", "2026-11-24T15:00:00+01:00"),
        ("last sun", "2026-11-22T14:30:27.123456+01:00"),
    ],
)
def test_at_records_the_moment_meant(
    db: Path, capsys: pytest.CaptureFixture[str], at: str, when: str
) -> None:
    assert log_json(capsys, "--at", at)["at"] == when


def test_at_honours_the_configured_week_start(
    db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "config.toml").write_text('timezone = "Europe/Berlin"\nweek_start = "sunday"\n')
    assert log_json(capsys, "--at", "last sun")["at"].startswith("2026-11-15")
    assert log_json(capsys, "--at", "this sun")["at"].startswith("2026-11-22")
    # Moving a note's time reads the week the same way as logging it.
    ref = log_json(capsys, "--at", "yesterday")["id"]
    assert main(["note", "edit", ref, "--at", "last sun", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["at"].startswith("2026-11-15")


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("1900-01-01", '"1900-01-01" is 1 Jan 1900, more than 120 years ago: check the year'),
        ("tomorrow", '"tomorrow" is tomorrow 14:30, still to come'),
        ("5m", 'still to come (for the past, write "5m ago")'),
        ("tonight", "still to come"),
    ],
)
def test_at_in_the_future_or_too_far_back_is_refused(
    db: Path, capsys: pytest.CaptureFixture[str], at: str, message: str
) -> None:
    assert message in refused(db, capsys, "log", "zed", "hi", "--at", at)


@pytest.mark.parametrize(
    ("argv", "text", "due"),
    [
        (["--promise", "call back", "--due", "this week"], "call back", "2026-11-29"),
        (["--promise", "call back", "--due", "this monday"], "call back", "2026-11-30"),
        (["--promise", "call back", "--due", "tomorrow at 2pm"], "call back", "2026-11-26"),
        (["--promise", "call back", "--due", "eom"], "call back", "2026-11-30"),
        (["--promise", "call back", "--due", "the 3rd"], "call back", "2026-12-03"),
        # --promise takes its due date from "by ..." as the app's promise line does.
        (["--promise", "send it by fri"], "send it", "2026-11-27"),
        (["--promise", "send it by next monday 9am"], "send it", "2026-11-30"),
        (["--promise", "drop by the gallery"], "drop by the gallery", "2026-12-02"),
        (["--promise", "drop by the gallery", "--due", "sat"], "drop by the gallery", "2026-11-28"),
        # ... and from "in" and a count at its end, kept in the words; --due says it outright.
        (["--promise", "send deck in three months"], "send deck in three months", "2027-02-25"),
        (["--promise", "visit in 2 weeks", "--due", "fri"], "visit in 2 weeks", "2026-11-27"),
    ],
)
def test_a_promise_is_due_when_it_says(
    db: Path, capsys: pytest.CaptureFixture[str], argv: list[str], text: str, due: str
) -> None:
    promise = log_json(capsys, *argv)["promise"]
    assert (promise["text"], promise["due"]) == (text, due)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--promise", "x", "--due", "yesterday"], '"yesterday" is in the past'),
        (["--promise", "x", "--due", "last fri"], "in the past (Fri 20 Nov)"),
        (["--promise", "send it by yesterday"], '"yesterday" is in the past'),
        (["--promise", "send it by 12/1"], "ambiguous"),
        (["--promise", "send it by fri", "--due", "mon"], "--promise already says when"),
    ],
)
def test_a_due_date_in_the_past_or_said_twice_is_refused(
    db: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert message in refused(db, capsys, "log", "zed", "hi", *argv)


def test_a_birthday_in_any_way_due_dates_are_written(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["add", "Bea", "--birthday", "april 15th", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["dates"] == [
        {"day": 15, "label": "birthday", "month": 4}
    ]
    assert main(["add", "Cy", "--birthday", "3rd of december 1990", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["dates"][0]["year"] == 1990


@pytest.mark.parametrize(
    ("birthday", "message"),
    [
        ("may 1990", '"may 1990" has no day: write the day too, like "15 may 1990"'),
        ("1990 apr", '"1990 apr" has no day'),
        ("2030-01-01", "a birthday is not in the future"),
        ("04-15", "write --04-15"),
    ],
)
def test_a_birthday_that_is_not_one_is_refused(
    db: Path, capsys: pytest.CaptureFixture[str], birthday: str, message: str
) -> None:
    assert message in refused(db, capsys, "add", "Bea", "--birthday", birthday)


def test_may_1990_is_one_line_from_the_real_command(db: Path) -> None:
    """The crash the issue reported, run as a user runs it: no traceback, exit 2."""
    result = subprocess.run(
        [sys.executable, "-m", "relate_tui", "add", "Bea", "--birthday", "may 1990"],
        env=dict(os.environ),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr == (
        'relate: "may 1990" has no day: write the day too, like "15 may 1990"\n'
    )


def test_dates_on_the_capture_path_load_nothing_heavy(db: Path) -> None:
    """The grammar is the stdlib only: reading dates costs ``relate log`` no pendulum."""
    code = (
        "import sys; from relate_tui.cli import main\n"
        "assert main(['log', 'zed', 'x', '--at', 'last night', '--promise', 'it by fri']) == 0\n"
        "assert main(['add', 'Bea', '--birthday', 'april 15th']) == 0\n"
        "heavy = ('pendulum', 'dateutil', 'textual', 'rich', 'vobject', 'icalendar')\n"
        "print('HEAVY', [m for m in heavy if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=dict(os.environ), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout
