"""The full argument parser of ``relate``: every command, its options, its help, and
errors in one line pointing at the help of the command the mistake was made in.

Imported only when a command line is not one ``cli.quick_argv`` reads on its own: importing
argparse and building the parser is a tenth of a quick ``relate log``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from relate_tui import __version__
from relate_tui.cli.argv import attach_dashed_values, chosen_parser
from relate_tui.cli.common import EXIT_INPUT

_NEEDS_VALUE = r"^argument (-[^:/ ]+)(?:/\S+)?: expected one argument$"
"""argparse's words for an option given no value (matched only when there is an error)."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr, exit code 2, pointing at
    the help of the command the mistake was made in (``relate log --help``)."""

    def error(self, message: str) -> NoReturn:
        import re

        needs_value = re.match(_NEEDS_VALUE, message)
        if needs_value:
            message = f"{needs_value[1]} needs a value"
        self.exit(EXIT_INPUT, f"relate: {message} (see {self.prog} --help)\n")

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        """Parse ``args``; an unknown option is reported by the command it was given to."""
        words = sys.argv[1:] if args is None else list(args)
        parsed, extra = self.parse_known_args(attach_dashed_values(self, words), namespace)
        if extra:
            owner = chosen_parser(self, parsed)  # relate note edit, not relate note
            owner.error(f"unrecognized arguments: {' '.join(extra)}")
        return parsed


def _global_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the journal file (default: $RELATE_DB or the platform data dir)",
    )
    return common


def build_parser(
    commands: Sequence[tuple[str, str | None, str]], argv: Sequence[str] | None = None
) -> argparse.ArgumentParser:
    """The argument parser for ``argv`` (None: every command's options, for help), with
    ``commands`` (``cli.main.COMMANDS``: name, module, help) as its subcommands.

    Commands kept in their own modules (week, import, export, doctor) get their options
    only when ``argv`` names them, so ``relate log`` never imports the weekly review.
    """
    common = _global_options()
    parser = _Parser(
        prog="relate",
        description="A terminal relationship journal. With no command, opens the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"relate {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    for name, module, help_text in commands:
        command = sub.add_parser(name, parents=[common], help=help_text)
        # A command's options live in its module, imported only when it is asked for
        # (or for --help): `relate log` never imports the weekly review.
        if module and (argv is None or name in argv):
            importlib.import_module(module).add_arguments(command)
    return parser
