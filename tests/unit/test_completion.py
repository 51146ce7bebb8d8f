"""Tab completion: the bash script, run by a real bash, completes commands, options, kinds
and the people in the journal; zsh and fish scripts are made from the same parser."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from relate_tui.cli import main
from relate_tui.cli.completion import script

NOW = "2026-12-02T10:00:00"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A shell environment whose ``relate`` runs this checkout on a test journal."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    relate = bin_dir / "relate"
    relate.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m relate_tui "$@"\n')
    relate.chmod(0o755)
    result = dict(os.environ)
    result.update(
        PATH=f"{bin_dir}{os.pathsep}{result['PATH']}",
        RELATE_DB=str(tmp_path / "journal.json"),
        RELATE_CONFIG=str(tmp_path / "config.toml"),
        RELATE_NOW=NOW,
    )
    for name in ("Ana Lima", "Anselm Kiefer", "Bruno Costa"):
        subprocess.run([relate, "add", name], env=result, check=True, capture_output=True)
    return result


def complete_bash(env: dict[str, str], script_file: Path, *words: str) -> list[str]:
    """What bash offers for the command line ``words`` (the last one being completed)."""
    driver = (
        f"source {script_file}\n"
        'COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}\n'
        "_shtab_relate\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "-c", driver, "bash", *words], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_commands_options_kinds_and_people(env: dict[str, str], tmp_path) -> None:
    made = subprocess.run(
        ["relate", "completion", "bash"], env=env, capture_output=True, text=True, check=True
    )
    script_file = tmp_path / "relate.bash"
    script_file.write_text(made.stdout)
    assert complete_bash(env, script_file, "relate", "lo") == ["log"]
    assert complete_bash(env, script_file, "relate", "comp") == ["completion"]
    assert complete_bash(env, script_file, "relate", "log", "--pro") == ["--promise"]
    assert complete_bash(env, script_file, "relate", "log", "ana", "hi", "--kind", "co") == [
        "coffee"
    ]
    # people: full names, escaped for the shell, any case
    assert complete_bash(env, script_file, "relate", "log", "an") == [
        "Ana\\ Lima",
        "Anselm\\ Kiefer",
    ]
    assert complete_bash(env, script_file, "relate", "log", "ana", "x", "--with", "B") == [
        "Bruno\\ Costa"
    ]
    assert complete_bash(env, script_file, "relate", "queue", "--explain", "ans") == [
        "Anselm\\ Kiefer"
    ]
    # a new person's name is not someone already there
    assert complete_bash(env, script_file, "relate", "add", "an") == []


def test_names_are_printed_one_a_line_made_safe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RELATE_NOW", NOW)
    db = str(tmp_path / "journal.json")
    assert main(["--db", db, "add", "Ana Lima"]) == 0
    assert main(["--db", db, "add", "Evil\x1b]0;pwned\x07 Name"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "completion", "--names"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Ana Lima"
    assert "\x1b" not in out and "\x07" not in out and len(out.splitlines()) == 2


def test_no_shell_is_a_one_line_mistake(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion"]) == 2
    assert "relate completion bash, zsh or fish" in capsys.readouterr().err


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_name_every_command_and_ask_for_people(shell: str) -> None:
    text = script(shell)
    for command in ("add", "log", "queue", "week", "import", "export", "doctor", "completion"):
        assert command in text
    assert "relate completion --names" in text
    checker = shutil.which(shell)
    if checker:  # a syntax check where the shell is installed
        result = subprocess.run([checker, "-n"], input=text, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_everyday_commands_never_load_shtab(env: dict[str, str]) -> None:
    code = (
        "import sys; from relate_tui.cli import main\n"
        "assert main(['log', 'ana', 'hello']) == 0\n"
        "assert main(['completion', '--names']) == 0\n"
        "print('SHTAB', 'shtab' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "SHTAB False" in result.stdout


@pytest.mark.skipif(shutil.which("fish") is None, reason="needs fish")
def test_fish_completes_people_too(env: dict[str, str], tmp_path: Path) -> None:
    script_file = tmp_path / "relate.fish"
    script_file.write_text(script("fish"))
    result = subprocess.run(
        ["fish", "-c", f"source {script_file}; complete -C 'relate log An'"],
        env=env,
        capture_output=True,
        text=True,
    )
    offered = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert offered == ["Ana Lima", "Anselm Kiefer"]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="needs zsh")
def test_zsh_offers_each_name_whole(env: dict[str, str]) -> None:
    """The zsh helper adds "Ana Lima" as one candidate (zsh escapes the space itself)."""
    text = script("zsh")
    helper = text[text.index("_relate_people() {") :]
    helper = helper[: helper.index("\n}\n") + 3]
    assert ":{local" not in text  # no shell code inside the quoted specs: a function name
    driver = helper + 'compadd() { print -l -- "${(@P)2}"; }\n_relate_people\n'
    result = subprocess.run(["zsh", "-f", "-c", driver], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Ana Lima", "Anselm Kiefer", "Bruno Costa"]
