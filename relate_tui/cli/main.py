"""The ``relate`` command: quick capture and scripts, plus the door into the app.

Capture paths (add, log, queue, due...) never import Textual: they must answer in a
blink. Only ``relate`` with no subcommand and ``relate demo`` load the app.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from relate_tui.cli.common import EXIT_INPUT, EXIT_STORAGE
from relate_tui.domain.errors import InputError

if TYPE_CHECKING:
    import argparse


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser for ``argv`` (None: every command's options, for help and the
    completion scripts); see ``cli.parser``."""
    from relate_tui.cli.parser import build_parser as build

    return build(COMMANDS, argv)


COMMANDS = (
    ("add", "relate_tui.cli.capture", "add a person"),
    ("log", "relate_tui.cli.capture", "write a note about someone"),
    ("queue", "relate_tui.cli.capture", "the next-touch queue"),
    ("unarchive", "relate_tui.cli.capture", "bring an archived person back"),
    ("due", "relate_tui.cli.capture", "what is due today (for status lines)"),
    ("show", "relate_tui.cli.people", "a person's card: rhythm, next due, promises, notes"),
    ("people", "relate_tui.cli.people", "everyone, or those with a tag, or archived"),
    ("edit", "relate_tui.cli.people", "change a person's fields"),
    ("snooze", "relate_tui.cli.people", "hide a person's reconnect until a day"),
    ("archive", "relate_tui.cli.people", "take a person out of your lists and the queue"),
    ("delete", "relate_tui.cli.people", "delete a person, their notes and promises"),
    ("notes", "relate_tui.cli.notes", "a person's notes, with references"),
    ("note", "relate_tui.cli.notes", "edit or delete a note by its reference"),
    ("search", "relate_tui.cli.notes", "notes whose text has every word given"),
    ("promises", "relate_tui.cli.promises", "open promises, whatever their due date"),
    ("promise", "relate_tui.cli.promises", "keep, drop or reschedule a promise"),
    ("undo", "relate_tui.cli.history", "undo the last change to the journal, whoever made it"),
    ("demo", None, "open the app on a sample journal"),
    ("week", "relate_tui.cli.week", "the weekly review (text, --markdown or --json)"),
    ("import", "relate_tui.cli.interop", "import vCard, LinkedIn Connections.csv or relate JSON"),
    ("export", "relate_tui.cli.interop", "export as json, vcf, ics or md"),
    ("doctor", "relate_tui.cli.doctor", "check the journal file, list and restore backups"),
    ("completion", "relate_tui.cli.completion", "tab completion: relate completion bash|zsh|fish"),
    ("merge", "relate_tui.cli.merge", "merge another copy of the journal, record by record"),
    ("conflicts", "relate_tui.cli.merge", "list and resolve what merges kept aside"),
    ("sync", "relate_tui.cli.merge", "set up git to merge the journal (relate sync git)"),
    ("merge-driver", "relate_tui.cli.merge", "git's merge driver (set up by relate sync git)"),
)
"""Every subcommand: its name, the module that declares its options and runs it, its help."""


def _module(name: str):
    import importlib

    return importlib.import_module(name)


def _open_app(args: argparse.Namespace) -> int:
    """``relate`` with no command, or ``relate demo``: the one path that loads Textual."""
    if args.command == "demo" and getattr(args, "db", None):
        raise InputError(
            "relate demo always opens a fresh sample journal in a temporary file; "
            f"to open the journal {args.db}, run: relate --db {args.db}"
        )
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Without a terminal the app would draw into a file or a pipe and spin, unseen,
        # until killed (a cron job, `relate > out`, an editor's "run").
        what = "relate demo" if args.command == "demo" else "relate with no command"
        raise InputError(
            f"{what} opens the app, which needs a terminal (stdin and stdout); "
            "for a script try relate queue, relate due --count or relate --help"
        )
    from relate_tui.app.launch import run_app

    gc.enable()  # the app lives for hours: it needs the collector the quick commands skip
    return run_app(getattr(args, "db", None), demo=args.command == "demo")


def run() -> NoReturn:
    """The console script: ``main()``, then exit without tearing down the heap.

    Freeing a parsed journal object by object at exit costs tens of milliseconds on a big
    one; everything is written and flushed by then, so the process just ends.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``relate`` with ``argv``; returns the exit code. Never shows a traceback for
    bad input or an unreadable file: those are one line on stderr.

    Everything a command prints goes through ``report.text.terminal_safe``: a name or a
    note holding escape sequences is shown, never obeyed by the terminal.
    """
    from relate_tui.report.text import terminal_safe

    # A one-shot command makes hundreds of thousands of objects from the journal and then
    # exits: the cyclic garbage collector only slows that down (a third of `relate queue`).
    gc.disable()
    from relate_tui.cli.quick_argv import quick_args

    words = sys.argv[1:] if argv is None else list(argv)
    with terminal_safe():
        # The everyday commands in their plain shapes are read without argparse (importing
        # and building it is a tenth of `relate log`); anything else gets the full parser.
        args = quick_args(words) or build_parser(words).parse_args(words)
    module = next((m for name, m, _ in COMMANDS if name == args.command), None)
    if module is None:
        return _guarded(lambda: _open_app(args))  # the app draws the terminal itself
    with terminal_safe():
        return _guarded(lambda: _run_command(module, args))


def _run_command(module: str, args: argparse.Namespace) -> int:
    from relate_tui.cli.text_input import check_arguments

    check_arguments(args)
    return _module(module).run(args)


def _guarded(run_it: Callable[[], int]) -> int:
    """``run_it()``, with bad input and storage failures said in one line on stderr."""
    from relate_tui.report.text import one_line
    from relate_tui.storage.errors import StorageError

    try:
        return run_it()
    except InputError as exc:
        print(f"relate: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_INPUT
    except StorageError as exc:
        print(f"relate: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_STORAGE
    except KeyboardInterrupt:
        print("relate: interrupted, nothing more was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
