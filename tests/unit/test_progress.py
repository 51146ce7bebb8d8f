"""Long work shows progress on a terminal and stays quiet when piped: importing and
exporting thousands of cards, the doctor reading backups, upgrading an old journal."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from relate_tui.cli import main, progress
from relate_tui.cli.progress import Progress

NOW = "2026-12-02T10:00:00"
DATA = Path(__file__).parents[1] / "data"


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RELATE_NOW", NOW)
    path = tmp_path / "journal.json"
    monkeypatch.setenv("RELATE_DB", str(path))
    return path


@pytest.fixture
def at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Draw from the first step (the real bar waits a moment, so quick work shows none)."""
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    monkeypatch.setattr(progress, "REFRESH", 0.0)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch, at_once: None) -> None:
    """stderr counts as a terminal."""
    monkeypatch.setattr(progress, "on_terminal", lambda stream: True)


def cards(count: int) -> str:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i:04d}\r\nEMAIL:p{i}@example.org\r\n"
        "END:VCARD\r\n"
        for i in range(count)
    )


def test_a_bar_is_drawn_on_a_terminal_and_wiped_when_done(at_once: None) -> None:
    stream = Terminal()
    with Progress("Reading cards", 200, stream=stream) as bar:
        for _ in bar.track(range(200)):
            pass
    written = stream.getvalue()
    assert "Reading cards" in written and "200 / 200" in written and "100%" in written
    assert "█" in written
    assert written.endswith("\r\x1b[K")  # the line is left empty for what follows


def test_nothing_is_drawn_when_the_stream_is_not_a_terminal(at_once: None) -> None:
    stream = io.StringIO()
    with Progress("Reading cards", 10, stream=stream) as bar:
        for _ in bar.track(range(10)):
            pass
    assert stream.getvalue() == ""


def test_quick_work_shows_nothing() -> None:
    stream = Terminal()
    with Progress("Reading cards", 10, stream=stream) as bar:
        for _ in bar.track(range(10)):
            pass
    assert stream.getvalue() == ""


@pytest.mark.parametrize("width", [20, 40, 80, 200])
def test_the_line_fits_the_terminal(width: int) -> None:
    bar = Progress("Writing cards", 5000, stream=io.StringIO())
    bar.done = 2345
    line = bar.line(width)
    assert len(line) < width
    assert line.startswith("Writing cards")
    assert ("47%" in line) == (width >= 40)


def test_import_and_export_show_progress_on_a_terminal(
    db: Path, tmp_path: Path, terminal: None, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "contacts.vcf"
    source.write_text(cards(300))
    assert main(["import", str(source)]) == 0
    out, err = capsys.readouterr()
    assert "Reading contacts.vcf" in err and "/ 300" in err
    assert "300 added" in out and "\x1b" not in out
    assert main(["export", "--format", "vcf", "-o", str(tmp_path / "out.vcf")]) == 0
    assert "Writing cards" in capsys.readouterr().err
    assert main(["export", "--format", "vcf", "-o", str(tmp_path / "cards") + "/"]) == 0
    assert "Writing cards/" in capsys.readouterr().err


def test_piped_import_export_and_doctor_print_no_bar(
    db: Path, tmp_path: Path, at_once: None, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "contacts.vcf"
    source.write_text(cards(50))
    assert main(["import", str(source)]) == 0
    assert main(["export", "--format", "vcf", "-o", str(tmp_path / "out.vcf")]) == 0
    main(["doctor"])
    _, err = capsys.readouterr()
    assert err == ""


def test_the_doctor_shows_progress_over_the_backups(
    db: Path, terminal: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", "Ana Lima"]) == 0  # the first save of the day makes a backup...
    assert main(["add", "Bruno Costa"]) == 0  # ...and a save keeps the one before
    capsys.readouterr()
    assert main(["doctor"]) == 0
    out, err = capsys.readouterr()
    assert "Checking backups" in err
    assert "The journal is healthy." in out


def test_upgrading_an_old_journal_says_so_on_a_terminal(
    db: Path, terminal: None, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(DATA / "journal-v0.json", db)
    assert main(["queue"]) == 0
    err = capsys.readouterr().err
    assert "Upgrading journal.json from schema version 0" in err
    assert main(["queue"]) == 0
    assert capsys.readouterr().err == ""  # once only


def old_journal(extra_notes: int) -> str:
    """``tests/data/journal-v0.json`` (schema version 0) with ``extra_notes`` more notes."""
    data = json.loads((DATA / "journal-v0.json").read_text("utf-8"))
    first = data["notes"]["1"]
    for i in range(extra_notes):
        data["notes"][str(100 + i)] = {**first, "id": f"scaled{i}", "body": f"note {i}"}
    return json.dumps(data)


def test_upgrading_a_big_old_journal_draws_a_bar_over_its_steps(
    db: Path, terminal: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """The line stays; under it a bar counts the file read, each record converted, the
    copy of the old file and the new file, and is wiped before the command's output."""
    db.write_text(old_journal(2000), "utf-8")
    assert main(["queue"]) == 0
    out, err = capsys.readouterr()
    line, *frames = err.split("\r")
    assert line.startswith("Upgrading journal.json from schema version 0 (a copy of it is kept")
    assert line.endswith("\n")  # a line of its own, kept
    total = 3 + 2004 + 3 + 3  # read; people, notes, promises; copy; new file
    frames = [f for f in frames if f.startswith("Upgrading journal.json  ")]
    counts = [int(re.search(r"([\d,]+) / ", f)[1].replace(",", "")) for f in frames]
    assert counts == sorted(counts) and len(set(counts)) > 100  # it moves as records go
    assert f"{total:,} / {total:,}" in frames[-1] and "100%" in frames[-1]
    assert err.endswith("\r\x1b[K")  # wiped: the queue is printed on a clean line
    assert "\x1b" not in out
    assert json.loads(db.read_text("utf-8"))["meta"]["1"]["schema_version"] >= 1


def test_upgrading_piped_prints_nothing_but_the_output(
    db: Path, at_once: None, capsys: pytest.CaptureFixture[str]
) -> None:
    db.write_text(old_journal(200), "utf-8")
    assert main(["queue", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    json.loads(out)  # the output is just the JSON
    assert json.loads(db.read_text("utf-8"))["meta"]["1"]["schema_version"] >= 1


def test_the_doctor_shows_progress_while_it_checks_a_big_journal(
    db: Path, terminal: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """A large journal takes the doctor seconds before the backups (parsing, every record,
    every reference): the bar counts those steps too, and is wiped before the report."""
    assert main(["add", "Ana Lima"]) == 0
    capsys.readouterr()
    assert main(["doctor"]) == 0
    out, err = capsys.readouterr()
    drawn = [line for line in err.split("\r") if line.startswith("Checking the journal")]
    assert drawn and "5 / 5  100%" in drawn[-1]
    assert err.endswith("\x1b[K")  # wiped: the report's lines start on a clean line
    assert "The journal is healthy." in out
