"""``relate undo``: undo the last change to the journal, whoever made it (the app, a
``relate log`` in another pane, an import), from the history kept in the file."""

from __future__ import annotations

import argparse

from relate_tui.cli.common import open_journal
from relate_tui.report import output
from relate_tui.report.text import one_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``relate undo``."""
    parser.add_argument("--json", action="store_true", help="what was undone, as JSON")


def run(args: argparse.Namespace) -> int:
    """Undo the newest change and say what it was (or that there is nothing to undo)."""
    journal = open_journal(args)
    done = journal.undo_last()
    if args.json:
        output.print_json(
            None
            if done is None
            else {
                "label": done.label,
                "at": done.at.isoformat() if done.at else None,
                "by": done.by,
                "restored": done.restored,
                "changed_since": list(done.kept),
                "message": done.message,
            }
        )
        return 0
    print(one_line(done.message) if done is not None else "Nothing to undo.")
    return 0
