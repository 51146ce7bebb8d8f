"""``relate week``: the weekly review as readable text, Markdown (``--markdown``) or JSON.

The layouts are ``report.review``'s (the review screen copies the same Markdown).
"""

from __future__ import annotations

import argparse

from relate_tui.cli.common import open_journal
from relate_tui.report import output
from relate_tui.report.review import review_json, review_markdown, review_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's options."""
    style = parser.add_mutually_exclusive_group()
    style.add_argument(
        "--markdown", action="store_true", help="Markdown, to paste into a journal or notes app"
    )
    style.add_argument("--json", action="store_true", help="machine-readable, for scripts")


def run(args: argparse.Namespace) -> int:
    """Print the review for today."""
    journal = open_journal(args)
    result = journal.review()
    empty = not journal.data().active_people
    if args.json:
        output.print_json(review_json(result))
    elif args.markdown:
        print(review_markdown(result, empty=empty), end="")
    else:
        print(review_text(result, empty=empty), end="")
    return 0
