"""``relate completion bash|zsh|fish``: tab completion for the shell, made from the parser.

The scripts come from ``shtab``, which reads relate's own argparse parser, so a new
command or option completes without anyone writing shell code. Where a person is
expected (``relate log <TAB>``, ``--with``, ``--explain``) the script asks
``relate completion --names``, which reads only the people table of the journal (like
``relate log``) and prints their names. shtab is imported only to write a script, never
by the commands people run every day.
"""

from __future__ import annotations

import argparse
import sys

from relate_tui.cli.common import open_journal
from relate_tui.domain.errors import InputError

SHELLS = ("bash", "zsh", "fish")

PERSON_OPTIONS = {"name", "others", "explain", "introduced_by"}
"""Argument dests that name someone already in the journal (``relate add`` excepted)."""

NEW_NAME_COMMANDS = {"add"}
"""Commands whose NAME is someone new: nothing to complete there."""

NAMES_COMMAND = "relate completion --names"

_BASH_PEOPLE = """
# Names from the journal, escaped for the shell; matched without regard to case.
_relate_people() {
  local name escaped
  relate completion --names 2>/dev/null | while IFS= read -r name; do
    printf -v escaped '%q' "$name"
    [[ "${escaped,,}" == "${1,,}"* ]] && printf '%s\\n' "$escaped"
  done
}
"""

_ZSH_PEOPLE = """
# Names from the journal, one a line (a name with spaces stays one candidate).
_relate_people() {
  local -a people
  people=(${(f)"$(relate completion --names 2>/dev/null)"})
  compadd -a people
}
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's options."""
    parser.add_argument("shell", nargs="?", choices=SHELLS, help="the shell to complete for")
    parser.add_argument(
        "--names", action="store_true", help="print everyone's name, one a line (for scripts)"
    )


def run(args: argparse.Namespace) -> int:
    """Print the script for ``args.shell``, or the names."""
    if args.names:
        from relate_tui.report.text import one_line

        for person in open_journal(args).data().names:
            print(one_line(person.name))
        return 0
    if not args.shell:
        raise InputError("which shell? relate completion bash, zsh or fish")
    sys.stdout.write(script(args.shell))
    return 0


def script(shell: str) -> str:
    """The completion script for ``shell``, from the full parser."""
    import shtab

    from relate_tui.cli.main import build_parser

    parser = build_parser(None)
    people = {
        "bash": "_relate_people",
        "zsh": "_relate_people",
        "fish": f"({NAMES_COMMAND} 2>/dev/null)",
    }
    kinds = shtab_words(("call", "video", "coffee", "meal", "meeting", "message", "email",
                         "event", "note"))  # fmt: skip
    for command, sub in _subparsers(parser):
        for action in sub._actions:
            if action.dest in PERSON_OPTIONS and command not in NEW_NAME_COMMANDS:
                action.complete = people  # type: ignore[attr-defined]
            elif action.dest == "kind":
                action.complete = kinds  # type: ignore[attr-defined]
            elif action.dest in ("db", "file", "output", "restore"):
                action.complete = shtab.FILE  # type: ignore[attr-defined]
    preamble = {"bash": _BASH_PEOPLE + kinds["preamble"]["bash"], "zsh": _ZSH_PEOPLE}
    return shtab.complete(parser, shell=shell, preamble=preamble)


def shtab_words(words: tuple[str, ...]) -> dict:
    """A shtab completer offering fixed ``words`` in every shell."""
    joined = " ".join(words)
    return {
        "bash": "_relate_kinds",
        "zsh": f"({joined})",
        "fish": f"(printf '%s\\n' {joined})",
        "preamble": {"bash": f'\n_relate_kinds() {{ compgen -W "{joined}" -- "$1"; }}\n'},
    }


def _subparsers(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()
