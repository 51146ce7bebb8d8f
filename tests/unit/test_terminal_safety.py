"""No user text can drive the terminal: whatever a name, note or promise holds, every
human-readable line the command line prints shows it, and ``--json`` keeps it exact.

A name like ``Eve\\e]52;c;…\\aMallory`` printed raw by ``relate queue`` inside tmux sets
the user's clipboard; ``\\e]2;…`` sets the pane title; ``\\e[2J`` clears the screen through
an error message; U+202E makes a name read backwards.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from relate_tui.cli import main
from relate_tui.report.text import json_safe, one_line, visible, visible_lines

NOW = "2026-12-02T10:00:00"
# C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates.
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NASTY = [
    "\x1b]52;c;cHduZWQ=\x07",  # OSC 52: set the clipboard
    "\x1b]2;pwned\x07",  # set the window title
    "\x1b[2J",  # clear the screen
    "\x9b31m",  # C1 CSI
    "\u202e",  # right-to-left override
    "\u2066",
    "\r",
    "\x00",
    "\udcff",  # a byte that was not UTF-8 in argv
    "[bold red]",
    "[/]",
    "*_`#",
    "\n",
]
PIECE = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF),
    st.sampled_from(NASTY),
)
ARGV_TEXT = st.lists(PIECE, max_size=8).map(
    lambda pieces: "".join(pieces).replace("\x00", "␀")  # argv cannot hold NUL; all else can
)


@contextmanager
def captured() -> Iterator[io.BytesIO]:
    """stdout and stderr as one byte stream (strict UTF-8, as a real terminal gets)."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", write_through=True)
    out, err = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = stream
    try:
        yield raw
    finally:
        sys.stdout, sys.stderr = out, err
        stream.flush()
        stream.detach()  # else closing the wrapper would close ``raw``


def relate(*argv: str | Path, stdin: bytes = b"") -> tuple[int, str]:
    """Run ``relate`` in-process; the exit code and everything it printed."""
    old_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with captured() as raw:
            try:
                code = main([str(a) for a in argv])
            except SystemExit as exit_:  # argparse: usage errors and --help
                code = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        sys.stdin = old_stdin
    printed = raw.getvalue().decode("utf-8")  # fails the test on bytes that are not UTF-8
    return code, printed


def assert_safe(printed: str, command: tuple[str | Path, ...], *, crlf: bool = False) -> None:
    if crlf:  # vCard and iCalendar end their lines with CRLF
        printed = printed.replace("\r\n", "\n")
    found = FORBIDDEN.search(printed)
    assert found is None, f"{command}: {found.group()!r} reached the terminal in {printed!r}"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=ARGV_TEXT, note=ARGV_TEXT, promise=ARGV_TEXT)
@example(name="Eve\x1b]52;c;cHduZWQ=\x07Mallory", note="\x1b[2J", promise="\u202esend")
@example(name="Ana \u202eamiL", note="bad \udcff", promise="x")
def test_no_control_character_reaches_the_terminal(
    name: str, note: str, promise: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELATE_NOW", NOW)
    folder = Path(__import__("tempfile").mkdtemp(dir=tmp_path))
    db = folder / "journal.json"
    weird_db = folder / f"a{visible(name).replace('/', '_')[:20]}x" / "journal.json"
    card = folder / "card.vcf"
    card.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:"
        + " ".join(name.split()).encode("utf-8", "surrogateescape")
        + b" Vc\r\nNOTE:"
        + " ".join(note.split()).encode("utf-8", "surrogateescape")
        + b"\r\nEND:VCARD\r\n"
    )
    commands: list[tuple[str | Path, ...]] = [
        ("add", name, "--nickname", "zq", "--tier", "A", "--met", note, "--tag", promise),
        ("add", "Plain Person", "--rhythm", "1w"),
        ("log", "zq", note, "--promise", promise, "--due", "fri", "--kind", "coffee"),
        ("log", "zq", "-"),
        ("log", "plain", note, "--at", "3 weeks ago", "--with", "zq"),
        ("log", name, "x"),
        ("log", "plain", "x", "--kind", note),
        ("log", "plain", "x", "--at", note),
        ("add", note),
        ("add", "Someone", "--rhythm", promise),
        ("queue",),
        ("queue", "--week"),
        ("queue", "--explain", "zq"),
        ("queue", "--explain", name),
        ("due",),
        ("due", "--count"),
        ("unarchive", name),
        ("week",),
        ("week", "--markdown"),
        ("import", card, "--dry-run"),
        ("import", card),
        ("export", "--format", "md"),
        ("completion", "--names"),
        ("doctor",),
        ("--db", weird_db, "doctor"),
        ("--db", weird_db, "queue"),
        (name,),
        ("queue", "--" + name),
    ]
    for command in commands:
        stdin = note.encode("utf-8", "surrogateescape")
        argv = command if command[0] == "--db" else ("--db", db, *command)
        _, printed = relate(*argv, stdin=stdin)
        assert_safe(printed, command)
    for fmt in ("vcf", "ics"):
        _, printed = relate("--db", db, "export", "--format", fmt)
        assert_safe(printed, ("export", fmt), crlf=True)

    # --json keeps the exact text, with every control character escaped.
    stored = json.loads(db.read_bytes()) if db.exists() else {}
    names = sorted(p["name"] for p in stored.get("people", {}).values())
    for command in (("queue", "--json"), ("week", "--json"), ("export", "--format", "json")):
        code, printed = relate("--db", db, *command)
        assert_safe(printed, command)
        if code == 0 and command[0] == "export":
            assert sorted(p["name"] for p in json.loads(printed)["people"]) == names


def test_the_issue_reproductions_are_shown_not_obeyed(tmp_path: Path) -> None:
    db = tmp_path / "journal.json"
    assert relate("--db", db, "add", "Eve\x1b]52;c;cHduZWQ=\x07Mallory", "--tier", "A")[0] == 0
    code, printed = relate("--db", db, "queue")
    assert code == 0 and "Eve␛]52;c;cHduZWQ=␇Mallory" in printed
    code, printed = relate("--db", db, "log", "zz\x1b[2J", "x")
    assert (
        code == 2
        and printed == 'relate: nobody called "zz␛[2J" yet: add them with relate add "zz␛[2J"\n'
    )
    code, printed = relate("--db", db, "queue", "--json")
    assert json.loads(printed)[0]["person"] == "Eve\x1b]52;c;cHduZWQ=\x07Mallory"
    assert "\x1b" not in printed and "\\u001b" in printed


def test_json_safe_escapes_exactly_the_unsafe_characters() -> None:
    text = "a\x7f\x85\u202e\u2069é😀\u202f"
    payload = json.dumps({"t": text}, ensure_ascii=False).encode()
    safe = json_safe(payload)
    assert json.loads(safe) == {"t": text}
    assert safe == '{"t": "a\\u007f\\u0085\\u202e\\u2069é😀\u202f"}'.encode()


def test_visible_lines_keeps_line_ends_and_shows_lone_carriage_returns() -> None:
    assert visible_lines("BEGIN\r\nFN:a\rb\x1b\r\nEND\n") == "BEGIN\r\nFN:a␍b␛\r\nEND\n"


def test_lone_surrogates_become_replacement_characters() -> None:
    assert visible("a\udcffb") == "a\ufffdb"
    assert one_line("x\ud800\ny") == "x\ufffd y"


def test_a_terminal_that_cannot_show_a_character_gets_a_replacement_not_a_traceback() -> None:
    from relate_tui.report.text import SafeStream

    raw = io.BytesIO()
    ascii_out = io.TextIOWrapper(raw, encoding="ascii", errors="strict", write_through=True)
    stream = SafeStream(ascii_out)
    assert stream.write("Jürgen\x1b[2J\n") == len("Jürgen\x1b[2J\n")
    assert raw.getvalue() == b"J?rgen?[2J\n"


def test_a_progress_bar_draws_its_own_line_and_shows_a_file_name_safely(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bar's ``\\r`` and erase codes are the program's own and reach the terminal; the
    file name in its label is user text and is shown, not obeyed."""
    from relate_tui.cli import progress
    from relate_tui.report.text import terminal_safe

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    monkeypatch.setattr(progress, "REFRESH", 0.0)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with terminal_safe(), progress.Progress("Reading \x1b]2;pwned\x07.vcf", 2) as bar:
        for _ in bar.track(range(2)):
            pass
    drawn = terminal.getvalue()
    assert drawn.startswith("\rReading ␛]2;pwned␇.vcf") and drawn.endswith("\r\x1b[K")
    assert "\x1b]" not in drawn and "␍" not in drawn
