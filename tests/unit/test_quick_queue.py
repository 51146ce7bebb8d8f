"""``relate queue`` and ``relate due`` read lean (``relate_tui.quick_queue``) print byte for
byte what the full path prints, after any writes by either door, on any day, with or
without a config; and step aside whenever the lean read does (``test_quick_due.py``
covers each reason)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relate_tui import quick_queue, quick_read, status_line
from relate_tui.cli import main
from relate_tui.domain.errors import InputError
from relate_tui.domain.people import ImportantDate
from relate_tui.domain.queue import rank_key
from relate_tui.report import output
from relate_tui.startup import open_journal
from tests.unit.test_newest import NAMES, OP, _apply, _journal
from tests.unit.test_quick_due import CONFIGS, DAYS, _no_fsync, environment, sealed_journal

__all__ = ["_no_fsync"]  # the fixture, used here too (autouse)

LINES = (
    ["queue"],
    ["queue", "--json"],
    ["queue", "--week"],
    ["queue", "--week", "--json"],
    ["due"],
)


def printed(capsys: pytest.CaptureFixture[str], argv: list[str], *, lean: bool) -> str:
    """What ``relate ARGV`` prints, by the lean read or by the full path (``main``)."""
    capsys.readouterr()
    if lean:
        assert quick_queue.answer(argv), "the lean read answers"
    else:
        assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def assert_same_queue(path: Path) -> None:
    """The queue (text and JSON) and ``relate due``'s items, lean and full, are the same."""
    lean = quick_read.read(status_line.Key(str(path)))
    assert lean is not None
    today = lean.clock.today()
    for until in (None, today):
        mine = quick_queue.queue(lean, until=until)
        assert list(mine) == sorted(mine, key=rank_key)  # the ranking written out is _rank
        theirs = open_journal(path).queue(until=until)
        assert [output.item_json(i) for i in mine] == [output.item_json(i) for i in theirs]
        assert output.queue_text(mine, today, empty=False) == output.queue_text(
            theirs, today, empty=False
        )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(OP, min_size=1, max_size=10),
    day=st.sampled_from(DAYS),
    config=st.sampled_from(CONFIGS),
    dates=st.lists(st.tuples(st.integers(1, 12), st.integers(1, 28)), max_size=3),
)
def test_the_lean_queue_is_the_full_paths_after_any_writes(
    tmp_path_factory: pytest.TempPathFactory,
    ops: list[tuple[str, str, int, str]],
    day: str,
    config: str | None,
    dates: list[tuple[int, int]],
) -> None:
    folder = tmp_path_factory.mktemp("j")
    path, config_path = folder / "journal.json", folder / "config.toml"
    if config is not None:
        config_path.write_text(config)
    app = _journal(path, "app")
    for number, name in enumerate(NAMES[:3]):
        app.add_person(name, rhythm=["1w", "A", "3d"][number])
    for number, (month, mday) in enumerate(dates):
        label = "birthday" if mday % 2 else "wedding"
        app.add_person(f"Zoe {number}", dates=(ImportantDate(label, month, mday, 1990),))
    with environment(RELATE_NOW=day, RELATE_CONFIG=str(config_path), TZ="Europe/Berlin"):
        for door, what, pick, kind in ops:
            journal = app if door == "app" else _journal(path, "cli")
            try:
                _apply(journal, what, pick, kind)
            except InputError:
                continue
            assert_same_queue(path)


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RELATE_NOW", "2026-12-02T10:00:00")
    path = sealed_journal(tmp_path)
    # A name that would move the cursor, and a note that would clear the screen.
    assert main(["add", "Eve \x1b[2J Evil", "--rhythm", "1d"]) == 0
    assert main(["log", "eve", "hi \x1b]0;title\x07 there", "--kind", "call"]) == 0
    return path


@pytest.mark.parametrize("argv", LINES, ids=" ".join)
def test_each_plain_line_prints_what_the_full_path_prints(
    journal: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    lean = printed(capsys, argv, lean=True)
    assert lean == printed(capsys, argv, lean=False)
    assert "\x1b" not in lean  # user text made safe for the terminal, as everywhere
    for db in (["--db", str(journal)], [f"--db={journal}"]):
        assert printed(capsys, [*db, *argv], lean=True) == lean
        assert printed(capsys, [*argv, *db], lean=True) == lean


def test_an_empty_journal_says_so_as_the_full_path_does(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELATE_NOW", "2026-12-02T10:00:00")
    assert main(["add", "Ana Lima"]) == 0
    assert main(["archive", "ana"]) == 0
    for argv in LINES:
        assert printed(capsys, argv, lean=True) == printed(capsys, argv, lean=False)


@pytest.mark.parametrize(
    "argv",
    [
        ["queue", "--explain", "ana"],
        ["queue", "--wek"],
        ["queue", "--db", "-x"],
        ["queue", "--db"],
        ["--db", "a.json", "--db", "b.json", "queue"],
        ["due", "--json"],
        ["queue", "extra"],
        ["log", "ana", "hi"],
        ["queue", "--help"],
    ],
    ids=" ".join,
)
def test_any_other_line_is_left_to_the_full_parser(journal: Path, argv: list[str]) -> None:
    assert not quick_queue.answer(argv)


def test_the_console_script_answers_with_the_lean_read(journal: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "relate_tui", "queue", "--week"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("Overdue\n  Ana Lima")


def test_the_lean_queue_imports_no_journal_package(journal: Path) -> None:
    heavy = (
        "argparse", "tinydb", "pathlib", "relate_tui.journal", "relate_tui.cli",
        "relate_tui.settings", "relate_tui.startup", "relate_tui.storage.store",
        "relate_tui.storage.sealed", "relate_tui.storage.records", "typing",
    )  # fmt: skip
    code = (
        "import sys\n"
        "from relate_tui import quick_queue\n"
        "assert quick_queue.answer(['queue', '--json'])\n"
        f"print('LOADED', [m for m in {heavy!r} if m in sys.modules], file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == ["LOADED []"]


def test_an_interrupt_during_a_lean_read_is_said_as_the_command_line_says_it(
    journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from relate_tui import console

    def interrupted(argv: list[str]) -> bool:
        raise KeyboardInterrupt

    def exit_with(code: int) -> None:
        raise SystemExit(code)

    monkeypatch.setattr(quick_queue, "answer", interrupted)
    monkeypatch.setattr(console.os, "_exit", exit_with)
    monkeypatch.setattr(sys, "argv", ["relate", "queue"])
    capsys.readouterr()
    with pytest.raises(SystemExit) as ended:
        console.run()
    assert ended.value.code == 130
    assert capsys.readouterr() == ("", "relate: interrupted, nothing more was written\n")
