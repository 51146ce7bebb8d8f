"""The quick reading of ``relate log``, ``queue`` and ``due`` (``cli.quick_argv``) agrees
with argparse's: the same names, values and order, or no reading at all, so that argparse
reads the line and says what is wrong with it in its own words."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relate_tui.cli.argv import subcommand_parser
from relate_tui.cli.main import build_parser
from relate_tui.cli.quick_argv import APPEND, QUICK, quick_args


def _argparse(words: list[str]) -> dict[str, object] | None:
    """What the full parser makes of ``words``; None when it refuses them."""
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            return dict(vars(build_parser(words).parse_args(words)))
        except SystemExit:
            return None


def _same_reading(words: list[str]) -> None:
    quick = quick_args(words)
    if quick is None:
        return
    full = _argparse(words)
    assert full is not None, f"{words}: read quickly, refused by argparse"
    assert list(vars(quick).items()) == list(full.items()), words


PLAIN = [
    ["log", "ana", "Coffee; asked about the talk", "--kind", "coffee"],
    ["log", "ana"],
    ["log"],  # no words: the note form on a terminal (cli.capture decides)
    ["log", "--kind", "coffee"],
    ["log", "ana", "-"],
    ["log", "ana", ""],
    ["log", "--json", "ana", "hi"],
    ["log", "ana", "hi", "--with", "bo", "--with=cy", "--promise", "send deck", "--due", "fri"],
    ["log", "ana", "hi", "--at", "yesterday 5pm", "--gave", "--asked", "--kind=call=x"],
    ["--db", "/tmp/j.json", "log", "ana", "hi", "--db=/tmp/k.json"],
    ["--db=", "log", "ana", "hi"],
    ["log", "ana", "hi", "--db", "/tmp/j.json"],
    ["log", "log", "log"],
    ["queue"],
    ["queue", "--json", "--week"],
    ["queue", "--explain", "ana"],
    ["--db", "x.json", "due", "--count"],
    ["due"],
]


@pytest.mark.parametrize("words", PLAIN, ids=" ".join)
def test_plain_lines_are_read_quickly_as_argparse_reads_them(words: list[str]) -> None:
    assert quick_args(words) is not None
    _same_reading(words)


REFUSED_OR_UNUSUAL = [
    ["log", "ana", "--help"],
    ["log", "--help"],
    ["--help"],
    ["--version"],
    ["log", "ana", "hi", "there"],
    ["log", "ana", "--json", "hi"],  # argparse reads "hi" as one word too many
    ["log", "ana", "hi", "--kind"],
    ["log", "ana", "hi", "--kind", "--json"],
    ["log", "ana", "hi", "--ki", "coffee"],  # an abbreviation: argparse's to read
    ["log", "ana", "hi", "--json=yes"],
    ["log", "ana", "hi", "--at", "-2h"],  # a dashed value: relate's own check judges it
    ["log", "ana", "--", "-hi"],
    ["log", "-a"],
    ["--db", "log", "ana"],  # "log" is the path, "ana" the command
    ["--db", "-x", "log", "ana"],
    ["queue", "ana"],
    ["due", "--count", "--json"],
    ["show", "ana"],
    [],
]


@pytest.mark.parametrize("words", REFUSED_OR_UNUSUAL, ids=" ".join)
def test_anything_else_is_left_to_argparse(words: list[str]) -> None:
    assert quick_args(words) is None


WORDS = st.sampled_from(
    [
        "ana", "hi there", "", "-", "--", "-x", "-2h", "log", "queue", "due", "--db", "--db=j",
        "j.json", "--kind", "--kind=coffee", "coffee", "--ki", "--at", "--with", "--with=bo",
        "--promise", "--due", "fri", "--gave", "--asked", "--json", "--json=1", "--week",
        "--explain", "--count", "--help", "-h", "--version", "--week=", "--count=x",
    ]
)  # fmt: skip


@given(
    st.sampled_from(["log", "queue", "due"]),
    st.lists(WORDS, max_size=7),
    st.lists(WORDS, max_size=2),
)
@settings(max_examples=400, deadline=None)
def test_any_line_read_quickly_is_read_the_same_by_argparse(
    command: str, rest: list[str], before: list[str]
) -> None:
    _same_reading([*before, command, *rest])


@pytest.mark.parametrize("command", sorted(QUICK))
def test_the_quick_table_declares_each_command_as_its_parser_does(command: str) -> None:
    """An option added to the command must be added to ``QUICK`` too (or the quick reading
    would leave its default out of the namespace)."""
    sub = subcommand_parser(build_parser([command]), command)
    assert sub is not None
    positionals, required, options = QUICK[command]
    actions = [a for a in sub._actions if a.dest not in ("help", "db")]
    declared = [(a.dest, a.default) for a in actions if not a.option_strings]
    assert declared == list(positionals)
    assert required == sum(1 for a in actions if not a.option_strings and a.nargs is None)
    optional = {a.option_strings[0]: a for a in actions if a.option_strings}
    assert list(optional) == list(options)
    for spelling, (dest, kind, default) in options.items():
        action = optional[spelling]
        assert action.option_strings == [spelling]
        assert action.dest == dest
        assert action.default == ([] if kind == APPEND else default)


def test_a_quick_log_never_imports_argparse(tmp_path: Path) -> None:
    env_code = (
        "import os, sys\n"
        f"os.environ.update(RELATE_DB={str(tmp_path / 'j.json')!r}, "
        f"RELATE_CONFIG={str(tmp_path / 'c.toml')!r}, RELATE_NOW='2026-12-02T10:00:00')\n"
        "from relate_tui.cli import main\n"
    )
    setup = env_code + "assert main(['add', 'Ana Lima', '--rhythm', '2w']) == 0\n"
    subprocess.run([sys.executable, "-c", setup], check=True, capture_output=True)
    code = (
        env_code + "assert main(['log', 'ana', 'hello', '--kind', 'coffee']) == 0\n"
        "print('LOADED', sorted(m for m in ('argparse', 'relate_tui.cli.parser') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout
