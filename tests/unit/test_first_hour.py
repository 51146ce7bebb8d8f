"""What a new user meets in the first hour on the command line: --version, the words of a
mistake, values that start with a dash, an email that is not one, the demo's options."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from relate_tui import __version__
from relate_tui.cli import main
from relate_tui.demo import build_demo
from relate_tui.journal import Journal
from relate_tui.settings import Settings

NOW = "2026-12-02T10:00:00"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RELATE_NOW", NOW)
    return tmp_path / "journal.json"


def run(*argv: str) -> int:
    try:
        return main(list(argv))
    except SystemExit as exc:  # argparse's --version, --help and errors
        return int(exc.code or 0)


def test_version_is_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--version") == 0
    assert capsys.readouterr().out.strip() == f"relate {__version__}"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        # an unknown option points at the help of the command it was given to
        (
            ["log", "ana", "hi", "--bogus"],
            "unrecognized arguments: --bogus (see relate log --help)",
        ),
        (["add", "Bea", "--colour", "red"], "(see relate add --help)"),
        (["queue", "--bogus"], "(see relate queue --help)"),
        (["--bogus"], "(see relate --help)"),
        # ... however deep the command: relate note edit, relate promise drop
        (["note", "edit", "abcd", "--bogus"], "--bogus (see relate note edit --help)"),
        (["promise", "drop", "abcd", "--bogus"], "--bogus (see relate promise drop --help)"),
        # a value that starts with a dash reaches relate's own check
        (["add", "Bea", "--rhythm", "-3w"], 'rhythm "-3w" must be at least 1 week'),
        (["add", "Bea", "--tier", "-1"], 'rhythm "-1" not understood'),
        (["log", "ana", "hi", "--kind", "-x"], 'unknown kind "-x"'),
        (["log", "ana", "hi", "--promise", "x", "--due", "-1"], "not understood"),
        (["note", "edit", "@NOTE", "--kind", "-x"], 'unknown kind "-x"'),
        (["note", "edit", "@NOTE", "--at", "-3d"], 'time "-3d" not understood'),
        # an option with no value says so in relate's words
        (["log", "ana", "hi", "--promise", "--due", "fri"], "--promise needs a value"),
        (["log", "ana", "hi", "--at"], "--at needs a value (see relate log --help)"),
        (["log", "ana", "hi", "--promise", ""], "--promise needs some words"),
        (["add", "Bea", "--email", "notanemail"], '"notanemail" is not an email address'),
        (["add", "Bea", "--email", "bea @example.org"], "is not an email address"),
        (["add", "Bea", "--email", "@example.org"], "is not an email address"),
        (["demo", "--db", "mine.json"], "relate demo always opens a fresh sample journal"),
    ],
)
def test_mistakes_are_relates_own_one_line(
    db: Path, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    assert run("--db", str(db), "add", "Ana Lima") == 0
    assert run("--db", str(db), "log", "ana", "Coffee") == 0
    (note,) = json.loads(db.read_text())["notes"].values()
    argv = [note["id"][:8] if word == "@NOTE" else word for word in argv]
    before = db.read_bytes()
    capsys.readouterr()
    assert run("--db", str(db), *argv) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert err.startswith("relate: ") and err.count("\n") == 1
    assert "usage:" not in err and "argument " not in err
    assert db.read_bytes() == before


def test_a_real_email_is_kept(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--db", str(db), "add", "Bea", "--email", " bea@localhost ") == 0
    assert run("--db", str(db), "add", "Cy", "--email", '"c y"@example.org') == 2  # a space
    assert '"bea@localhost"' in db.read_text()


def test_the_demo_org_and_role_are_apart(tmp_path: Path, clock) -> None:
    journal = Journal(tmp_path / "demo.json", Settings(), clock, writer="app")
    build_demo(journal)
    ana = next(p for p in journal.data().people if p.name == "Ana Lima")
    assert (ana.org, ana.role) == ("Datalab", "ML lead")
    assert not any("·" in p.org for p in journal.data().people)


def test_the_demo_leaves_no_folder_behind(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``relate demo`` runs the app on a temporary journal and removes it afterwards."""
    from relate_tui.app import launch

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    opened: list[Path] = []

    class FakeApp:
        return_code = 0

        def __init__(self, journal: Journal, **_: object) -> None:
            opened.append(journal.path)
            assert journal.data().people  # the sample journal is there while it runs

        def run(self) -> None:
            pass

    monkeypatch.setattr(launch, "RelateApp", FakeApp)
    assert launch.run_app(None, demo=True) == 0
    assert opened and opened[0].is_relative_to(tmp_path)
    assert not list(tmp_path.glob("relate-demo-*"))
    assert "sample journal, now deleted" in capsys.readouterr().out


def test_form_placeholders_read_as_examples_not_values() -> None:
    """A placeholder that shows a value says "e.g." first, so an empty field never looks
    filled in (Org once read "Datalab", Met on "2024-05-17")."""
    import re

    from relate_tui.app.screens.person_form import FIELDS

    value_like = re.compile(r"\d|@|https?:|\b[A-Z][a-z]+ [A-Z][a-z]+\b|^[A-Z][a-z]+$")
    for _, label, placeholder in FIELDS:
        example = placeholder.split("e.g.", 1)[0]  # what comes before any "e.g."
        assert not value_like.search(example), (label, placeholder)
