"""What every command shares: its exit codes and how it opens the journal."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse  # the quick commands are read without it (``cli.quick_argv``)

    from relate_tui.journal import Journal

EXIT_INPUT = 2
"""Bad input: nothing was changed."""
EXIT_STORAGE = 1
"""The journal could not be read or written."""


_KEPT: list[Journal] = []
"""The journal a command opened, kept alive to the end of the process: freeing a parsed
journal object by object costs tens of milliseconds, and ``main.run`` ends the process
with ``os._exit`` without freeing anything."""


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db`` on a parser of its own (``relate note edit … --db PATH``), as on every
    command: it overrides ``$RELATE_DB`` and is left out of the namespace when not given."""
    import argparse

    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the journal file (default: $RELATE_DB or the platform data dir)",
    )


def open_journal(args: argparse.Namespace, *, merge_copies: bool = True) -> Journal:
    """The journal ``--db`` (or ``$RELATE_DB``, or the default) names, read table by table.

    With ``merge_copies`` (every command but the doctor), sync tools' conflict copies
    beside it are merged in first, one line on stderr each (``merge_conflict_copies``).
    """
    from relate_tui.startup import open_journal as open_at

    journal = open_at(getattr(args, "db", None), by_table=True)
    journal.store.on_migrate = lambda words: _upgrading(journal, words)
    _KEPT[:] = [journal]
    if merge_copies:
        merge_conflict_copies(journal)
    return journal


def merge_conflict_copies(journal: Journal) -> None:
    """Merge the conflict copies of the journal that a sync tool left beside it, saying
    so on stderr. Costs one directory listing when there are none."""
    from relate_tui.storage.conflict_copies import conflict_copies

    if not conflict_copies(journal.store.real_path):
        return
    from relate_tui.report.merge import copy_line

    for outcome in journal.absorb_conflict_copies():
        print(copy_line(outcome), file=sys.stderr)


def _upgrading(journal: Journal, words: str) -> None:
    """An old file is about to be upgraded: its line, then a bar over its steps (both on a
    terminal only). Nothing of the bar is imported until a file needs upgrading."""
    from relate_tui.cli.progress import StepsBar

    say_on_terminal(words)
    journal.store.on_migrate_progress = StepsBar(f"Upgrading {journal.store.real_path.name}")


def say_on_terminal(words: str) -> None:
    """``words`` on stderr when it is a terminal (a long step under way); nothing when piped."""
    import sys

    from relate_tui.cli.progress import on_terminal

    if on_terminal(sys.stderr):
        print(words, file=sys.stderr, flush=True)
