"""Promises from the shell: ``relate promises [NAME]`` (every open promise, whatever its due
date, with short references) and ``relate promise keep|drop|due REF``.

Keeping a promise logs no touch unless asked (``--log``): keeping it is not in itself a
conversation, and the email that kept it may be logged already.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from relate_tui.cli.common import add_db_option, open_journal
from relate_tui.report import output
from relate_tui.report.text import one_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of the command ``parser`` is for."""
    _ARGUMENTS[parser.prog.split()[-1]](parser)


def run(args: argparse.Namespace) -> int:
    """Run ``args.command``."""
    return _RUN[args.command](args)


def _promises_arguments(promises: argparse.ArgumentParser) -> None:
    promises.add_argument("name", nargs="?", help="only this person's")
    promises.add_argument("--json", action="store_true", help="machine-readable")


def _promise_arguments(promise: argparse.ArgumentParser) -> None:
    actions = promise.add_subparsers(dest="action", metavar="ACTION", required=True,
                                     parser_class=type(promise))  # fmt: skip
    keep = actions.add_parser("keep", help="mark it kept (--log also logs a touch)")
    keep.add_argument("ref", help="the promise's reference (relate promises lists them)")
    keep.add_argument("--log", action="store_true",
                      help='also log a message "Kept: …" flagged gave, as a touch')  # fmt: skip
    drop = actions.add_parser("drop", help="drop it: it leaves the queue, not kept")
    drop.add_argument("ref", help="the promise's reference (relate promises lists them)")
    due = actions.add_parser("due", help="give it a new due date")
    due.add_argument("ref", help="the promise's reference (relate promises lists them)")
    due.add_argument("date", help="fri, next week, 2027-01-10")
    for parser in (keep, drop, due):
        parser.add_argument("--json", action="store_true", help="print the promise as JSON")
        add_db_option(parser)


def _names(journal) -> dict[str, str]:
    return {p.id: p.name for p in journal.data().people}


def _promises(args: argparse.Namespace) -> int:
    from relate_tui.report.notes import promise_json, promises_text

    journal = open_journal(args)
    person = journal.resolve_person(args.name) if args.name else None
    promises = journal.open_promises(person.id if person else None)
    refs = journal.promise_refs()
    names = _names(journal)
    if args.json:
        output.print_json([promise_json(p, refs[p.id], names) for p in promises])
        return 0
    text = promises_text(promises, journal.clock.today(), refs, None if person else names)
    if person is not None and not promises:
        text = f"No open promises to {one_line(person.name)}."
    print(text)
    return 0


def _promise(args: argparse.Namespace) -> int:
    from relate_tui.report.notes import promise_json

    journal = open_journal(args)
    promise = journal.find_promise(args.ref)
    ref = journal.promise_refs().get(promise.id, promise.id)
    who = one_line(_names(journal).get(promise.person_id, "?"))
    what = one_line(promise.text)
    today = journal.clock.today()
    if args.action == "keep":
        saved = journal.keep_promise(promise.id, log_touch=args.log)
        message = f"Kept “{what}” ({who})."
        message += " Logged a message flagged gave." if args.log else " No touch logged."
    elif args.action == "drop":
        saved = journal.drop_promise(promise.id)
        message = f"Dropped “{what}” ({who}): it leaves the queue, not counted as kept."
    else:
        from relate_tui.domain.dates import describe_day, parse_due

        due = parse_due(args.date, journal.clock.now(), journal.settings.week_start)
        saved = journal.move_promise(promise.id, due)
        message = f"“{what}” ({who}) is now due {describe_day(due, today)}."
    if args.json:
        output.print_json(promise_json(saved, ref, _names(journal)))
    else:
        print(message + " (relate undo takes it back)")
    return 0


_ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "promises": _promises_arguments,
    "promise": _promise_arguments,
}
_RUN: dict[str, Callable[[argparse.Namespace], int]] = {
    "promises": _promises,
    "promise": _promise,
}
