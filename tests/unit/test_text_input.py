"""Text that is not UTF-8 is bad input (exit 2, one line saying so), not a failed save.

``printf 'bad \\xff' | relate log ana -`` and bad bytes in argv once gave exit 1 "could not
save journal … try again", which sends people looking at their disk. File names are exempt:
on Linux they may be any bytes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

NOW = "2026-12-02T10:00:00"


def _relate(tmp_path: Path, *argv: bytes | str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = dict(os.environ, RELATE_DB=str(tmp_path / "journal.json"), RELATE_NOW=NOW)
    env["RELATE_CONFIG"] = str(tmp_path / "config.toml")
    return subprocess.run(
        [sys.executable, "-m", "relate_tui", *argv],
        env=env,
        input=stdin,
        capture_output=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        ((b"log", b"ana", b"-"), b"bad \xff", "the text on stdin is not valid UTF-8 (byte 0xff"),
        ((b"log", b"ana", b"bad \xff"), b"", 'the note is not valid UTF-8 text ("bad \\xff")'),
        ((b"log", b"an\xe9"), b"", "NAME is not valid UTF-8 text"),
        ((b"log", b"ana", b"x", b"--promise", b"send \xc3"), b"", "--promise is not valid UTF-8"),
        ((b"add", b"Bo \xff"), b"", "NAME is not valid UTF-8 text"),
        ((b"add", b"Bo", b"--tag", b"\xfe"), b"", "--tag is not valid UTF-8 text"),
    ],
)
def test_text_that_is_not_utf8_is_bad_input(
    tmp_path: Path, argv: tuple[bytes, ...], stdin: bytes, message: str
) -> None:
    assert _relate(tmp_path, "add", "Ana Lima").returncode == 0
    before = (tmp_path / "journal.json").read_bytes()
    result = _relate(tmp_path, *argv, stdin=stdin)
    err = result.stderr.decode("utf-8")  # what is said is itself valid UTF-8
    assert result.returncode == 2, err
    assert message in err and err.count("\n") == 1 and "could not save" not in err
    assert (tmp_path / "journal.json").read_bytes() == before


def test_a_file_name_that_is_not_utf8_still_works(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path) + b"/caf\xe9"
    os.mkdir(folder)
    db = folder + b"/journal.json"
    assert _relate(tmp_path, b"--db", db, b"add", b"Ana Lima").returncode == 0
    result = _relate(tmp_path, b"--db", db, b"export", b"--format", b"md", b"-o", folder + b"/x.md")
    assert result.returncode == 0, result.stderr
    assert "caf\ufffd" in result.stdout.decode("utf-8")  # the name is shown, not its bad byte
    assert os.path.exists(folder + b"/x.md")


def test_stdin_in_utf8_is_logged_exactly_without_a_byte_order_mark(tmp_path: Path) -> None:
    assert _relate(tmp_path, "add", "Ana Lima").returncode == 0
    result = _relate(tmp_path, "log", "ana", "-", stdin="\ufeffJürgen’s café ☕\n".encode())
    assert result.returncode == 0, result.stderr
    assert "Jürgen’s café ☕" in (tmp_path / "journal.json").read_text("utf-8")
    assert "\ufeff" not in (tmp_path / "journal.json").read_text("utf-8")
