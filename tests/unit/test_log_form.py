"""``relate log`` with no words: on a terminal the note form (``app.launch.run_note_form``,
driven in ``tests/pilot/test_note_popup.py``), then the line ``relate log`` prints; piped,
the one-line error it always was, without loading Textual."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from relate_tui.app import launch
from relate_tui.app.note_app import NOTHING_LOGGED, Logged
from relate_tui.cli import main
from relate_tui.domain.clock import FixedClock
from relate_tui.startup import open_journal

NOW = "2026-12-02T10:00:00"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RELATE_NOW", NOW)
    assert main(["add", "Ana Lima", "--rhythm", "2w"]) == 0
    return Path(os.environ["RELATE_DB"])


@pytest.fixture
def on_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from relate_tui.cli import capture

    monkeypatch.setattr(capture, "_on_a_terminal", lambda: True)
    capsys.readouterr()


def test_on_a_terminal_the_form_opens_and_its_note_is_said_as_relate_log_says_it(
    db: Path, on_a_terminal: None, monkeypatch, capsys
) -> None:
    opened = []

    def form(db_path, *, kind: str, when: str | None) -> tuple[int, Logged | None]:
        opened.append((kind, when))
        journal = open_journal(db_path)
        ana = journal.resolve_person("ana")
        note, promise = journal.log_note([ana.id], "coffee", kind=kind, promise="send deck")
        return 0, Logged(note, promise, (ana,), FixedClock(NOW, tz="UTC"))

    monkeypatch.setattr(launch, "run_note_form", form)
    assert main(["log", "--kind", "coffee"]) == 0
    assert opened == [("coffee", None)]  # --kind and --at fill the form
    said = capsys.readouterr().out
    assert "Logged coffee with Ana Lima, today 10:00." in said
    assert "Promised: send deck, due Wed 9 Dec." in said


def test_closing_the_form_says_nothing_was_logged_and_exits_1(
    db: Path, on_a_terminal: None, monkeypatch, capsys
) -> None:
    monkeypatch.setattr(launch, "run_note_form", lambda *_, **__: (NOTHING_LOGGED, None))
    assert main(["log"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "Nothing logged.\n"


@pytest.mark.parametrize("option", [["--with", "bruno"], ["--promise", "x"], ["--json"]])
def test_options_that_need_a_name_say_so_and_open_nothing(
    db: Path, on_a_terminal: None, monkeypatch, capsys, option: list[str]
) -> None:
    monkeypatch.setattr(launch, "run_note_form", lambda *_, **__: pytest.fail("opened"))
    before = db.read_bytes()
    assert main(["log", *option]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"relate: {option[0]} needs a name") and err.count("\n") == 1
    assert db.read_bytes() == before


def test_piped_it_is_the_one_line_error_and_loads_no_textual(db: Path) -> None:
    code = (
        "import sys; from relate_tui.cli import main\n"
        "code = main(['log'])\n"
        "print('CODE', code, [m for m in ('textual', 'rich') if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    assert "CODE 2 []" in done.stdout
    assert done.stderr == (
        "relate: the following arguments are required: name (see relate log --help)\n"
    )


@pytest.mark.parametrize("argv", [[], ["demo"]], ids=["relate", "relate demo"])
def test_the_app_without_a_terminal_is_one_line_and_exit_2_not_an_app_spinning_unseen(
    tmp_path: Path, argv: list[str]
) -> None:
    """``relate > out`` or ``relate < /dev/null`` drew the app into a file and spun at full
    CPU until killed."""
    code = (
        "import sys; from relate_tui.cli import main\n"
        f"code = main({argv!r})\n"
        "print('CODE', code, [m for m in ('textual', 'rich') if m in sys.modules])\n"
    )
    env = {**os.environ, "RELATE_DB": str(tmp_path / "journal.json")}
    done = subprocess.run(
        [sys.executable, "-c", code],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert "CODE 2 []" in done.stdout
    assert done.stderr.startswith("relate: ") and done.stderr.count("\n") == 1
    assert "needs a terminal" in done.stderr
    assert not (tmp_path / "journal.json").exists()
