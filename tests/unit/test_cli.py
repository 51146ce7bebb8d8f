"""The command line end to end, as a new user types it: add, log, queue, due."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from relate_tui.cli import main

NOW = "2026-12-02T10:00:00"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RELATE_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("RELATE_NOW", NOW)
    path = tmp_path / "journal.json"
    monkeypatch.setenv("RELATE_DB", str(path))
    return path


def run(*argv: str) -> int:
    return main(list(argv))


def test_add_log_queue_due(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("add", "Ana Lima", "--tier", "A", "--tag", "work", "--email", "ana@x.org") == 0
    assert run("add", "Bruno Costa", "--rhythm", "1y") == 0
    assert "Added Ana Lima, A." in capsys.readouterr().out
    assert run("due", "--count") == 0
    assert capsys.readouterr().out.strip() == "2"
    assert (
        run("log", "ana", "Talked about her ML talk", "--promise", "send paper", "--due", "fri")
        == 0
    )
    out = capsys.readouterr().out
    assert "Logged call with Ana Lima, today 10:00." in out
    assert "Promised: send paper, due" in out and "Fri 4 Dec" in out
    assert run("due", "--count") == 0
    assert capsys.readouterr().out.strip() == "1"
    assert run("queue", "--json") == 0
    items = json.loads(capsys.readouterr().out)
    assert [(i["person"], i["kind"], i["group"]) for i in items] == [
        ("Bruno Costa", "rhythm", "today"),
        ("Ana Lima", "promise", "this_week"),
        ("Ana Lima", "rhythm", "later"),
    ]
    assert items[1]["last_note"]["first_line"] == "Talked about her ML talk"
    assert items[0]["why"]["kind"] == "rhythm"
    assert run("queue") == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == "Today"
    assert "Ana Lima · promise: send paper" in text


def test_log_reads_stdin_and_takes_other_people(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run("add", "Ana Lima")
    run("add", "Bruno Costa")
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("Dinner notes\nsecond line\n"))
    assert run("log", "ana", "-", "--with", "bruno", "--kind", "meal", "--at", "yesterday 7pm") == 0
    assert "Logged meal with Ana Lima and Bruno Costa, yesterday 19:00." in capsys.readouterr().out
    assert run("queue", "--json") == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["add", ""], "needs a name"),
        (["add", "Carla", "--rhythm", "often"], "rhythm"),
        (["add", "Carla", "--birthday", "31 feb"], "not a real date"),
        (["log", "ana", "hi", "--kind", "telepathy"], "unknown kind"),
        (["log", "ana", "hi", "--at", "12/1"], "ambiguous"),
        (["log", "ana", "hi", "--promise", "x", "--due", "someday"], "not understood"),
        (["log", "zed", "hi"], 'relate add "zed"'),
        (["log", "a", "hi"], "could be"),
        (["queue", "--bogus"], "unrecognized arguments"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_the_file_is_untouched(
    db: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    run("add", "Ana Lima")
    run("add", "Alma Costa")
    before = db.read_bytes()
    capsys.readouterr()
    try:
        code = run(*argv)
    except SystemExit as exc:  # argparse errors
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert db.read_bytes() == before


def test_empty_journal_says_how_to_start(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("queue") == 0
    assert "relate add" in capsys.readouterr().out
    assert not db.exists()


def test_explain_says_why(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run("add", "Ana Lima", "--rhythm", "1w")
    capsys.readouterr()
    assert run("queue", "--explain", "ana") == 0
    out = capsys.readouterr().out
    assert (
        "Ana Lima" in out
        and "every week" in out
        and "Due: not yet — added today, no contact yet" in out
    )


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        RELATE_CONFIG=str(tmp_path / "config.toml"),
        RELATE_DB=str(tmp_path / "journal.json"),
        RELATE_NOW=NOW,
    )
    return env


def test_capture_never_imports_textual(tmp_path: Path) -> None:
    """`relate log` must answer in a blink: Textual (and interop libraries) stay unloaded."""
    code = (
        "import sys; from relate_tui.cli import main\n"
        "assert main(['add', 'Ana Lima', '--rhythm', '2w']) == 0\n"
        "assert main(['log', 'ana', 'hello']) == 0\n"
        # Typed dates too: the date grammar is on the capture path.
        "assert main(['log', 'ana', 'hi', '--at', '5m ago', '--promise', 'x', '--due', 'eow'])"
        " == 0\n"
        "assert main(['log', 'ana', 'hi', '--promise', 'send deck in three months']) == 0\n"
        "assert main(['add', 'Zed', '--birthday', 'april 15th']) == 0\n"
        "assert main(['queue', '--json']) == 0\n"
        "assert main(['due', '--count']) == 0\n"
        "heavy = ('textual', 'vobject', 'icalendar', 'rich', 'pendulum', 'dateutil')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=_env(tmp_path), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout


# What each quick command must never load: argparse (its plain command lines are read
# without it, ``cli.quick_argv``), the writing machinery for commands that only read, the
# queue's items for the status line's count, name matching where no name is typed, and
# ``_strptime`` (locale, calendar) anywhere. Each was measured on these paths.
WRITING = ("relate_tui.storage.changes", "relate_tui.storage.history", "relate_tui.journal.checked")
MATCHING = ("relate_tui.journal.names", "relate_tui.domain.matching")
QUEUE_ITEMS = (
    "relate_tui.domain.queue",
    "relate_tui.domain.queue_item",
    "relate_tui.domain.touches",
)
UNUSED_ON = {
    "log": (*QUEUE_ITEMS, "relate_tui.domain.queue_due", "relate_tui.domain.rhythm",
            "relate_tui.storage.person_fields"),
    "due": (*WRITING, *MATCHING, *QUEUE_ITEMS),
    "queue": (*WRITING, *MATCHING),
}  # fmt: skip


@pytest.mark.parametrize(
    "argv",
    [["log", "ana", "hello", "--kind", "coffee"], ["due", "--count"], ["queue"]],
    ids=lambda argv: argv[0],
)
def test_each_quick_command_loads_only_what_it_uses(tmp_path: Path, argv: list[str]) -> None:
    env = _env(tmp_path)
    for setup in (["add", "Ana Lima", "--rhythm", "2w"], ["log", "ana", "first", "--promise", "x"]):
        subprocess.run([sys.executable, "-m", "relate_tui", *setup], env=env, check=True)
    unused = ("argparse", "relate_tui.cli.parser", "_strptime", *UNUSED_ON[argv[0]])
    code = (
        "import sys; from relate_tui.cli import main\n"
        f"assert main({argv!r}) == 0\n"
        f"print('LOADED', [m for m in {unused!r} if m in sys.modules])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout


# What the console script's lean reads after a change (``relate_tui.quick_read``) never
# load: the journal package, the command line, the record dataclasses, typing or pathlib
# (the queue needs the item dataclasses; the count does without them).
LEAN_NEVER = (
    "argparse", "tinydb", "pathlib", "relate_tui.journal", "relate_tui.cli",
    "relate_tui.settings", "relate_tui.startup", "relate_tui.storage.store",
    "relate_tui.storage.sealed", "relate_tui.storage.records", "relate_tui.domain.people",
)  # fmt: skip
LEAN_NEVER_ON = {
    "due": (*LEAN_NEVER, "typing", "relate_tui.domain.notes", "relate_tui.domain.promises",
            *QUEUE_ITEMS),
    "queue": LEAN_NEVER,
}  # fmt: skip


@pytest.mark.parametrize("argv", [["due", "--count"], ["queue"]], ids=lambda argv: argv[0])
def test_the_console_scripts_lean_reads_load_only_what_they_use(
    tmp_path: Path, argv: list[str]
) -> None:
    env = _env(tmp_path)
    for setup in (["add", "Ana Lima", "--rhythm", "2w"], ["log", "ana", "first", "--promise", "x"]):
        subprocess.run([sys.executable, "-m", "relate_tui", *setup], env=env, check=True)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "relate_tui", *argv],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert "relate_tui.quick_read" in imported  # the lean read answered
    assert sorted(imported & set(LEAN_NEVER_ON[argv[0]])) == []


def test_logging_into_a_journal_relate_wrote_takes_the_quick_path(tmp_path: Path) -> None:
    """The note is spliced into the sealed file (``storage.sealed``): no TinyDB, no parse
    of the notes, which is what keeps `relate log` quick on a big journal."""
    env = _env(tmp_path)
    for argv in (
        ["add", "Ana Lima", "--rhythm", "2w"],
        ["log", "ana", "first", "--promise", "call back"],
    ):
        subprocess.run([sys.executable, "-m", "relate_tui", *argv], env=env, check=True)
    code = (
        "import sys; from relate_tui.cli import main\n"
        "assert main(['log', 'ana', 'second', '--promise', 'send the deck']) == 0\n"
        "print('LOADED', [m for m in ('tinydb',) if m in sys.modules])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout
    notes = json.loads(Path(env["RELATE_DB"]).read_text())["notes"]
    assert sorted(n["body"] for n in notes.values()) == ["first", "second"]


def test_python_m_runs_the_same_front_door(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "relate_tui", "due", "--count"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and result.stdout.strip() == "0"


def test_a_bad_fixed_clock_is_one_line(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELATE_NOW", "garbage")
    assert run("queue") == 2
    err = capsys.readouterr().err
    assert "RELATE_NOW" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["log", "ana", "hi", "--promise", "  "], "--promise needs some words"),
        (["queue", "--explain", ""], "which person?"),
        (["add", "Bea", "--birthday", "1990-02-29"], "no 29 February"),
        (["add", "ana lima"], "already someone called"),
    ],
)
def test_more_bad_input_is_refused(
    db: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    run("add", "Ana Lima")
    before = db.read_bytes()
    capsys.readouterr()
    assert run(*argv) == 2
    assert message in capsys.readouterr().err
    assert db.read_bytes() == before


def test_the_same_person_twice_is_logged_once(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run("add", "Dan Okafor")
    run("add", "Eve Martin")
    run("add", "Finn Schmidt")
    capsys.readouterr()
    assert run("log", "dan", "dinner", "--with", "dan", "--with", "eve", "--with", "finn") == 0
    assert "with Dan Okafor, Eve Martin and Finn Schmidt," in capsys.readouterr().out


def test_an_archived_person_can_come_back(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from relate_tui.cli.common import open_journal as _open_journal

    run("add", "Carla Nguyen", "--rhythm", "1w")
    journal = _open_journal(type("Args", (), {"db": None})())
    journal.set_archived(journal.resolve_person("carla").id, True)
    capsys.readouterr()
    assert run("log", "carla", "hi") == 0
    assert 'Carla Nguyen is archived: relate unarchive "Carla Nguyen"' in capsys.readouterr().out
    assert run("unarchive", "carla") == 0
    assert "back in your lists" in capsys.readouterr().out
    assert run("unarchive", "carla") == 2
    assert "not archived" in capsys.readouterr().err
