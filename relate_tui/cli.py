"""The ``relate`` command: quick capture and scripts, plus the door into the app.

Capture paths (add, log, queue, due...) never import Textual: they must answer in a
blink. Only ``relate`` with no subcommand and ``relate demo`` load the app.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from relate_tui.domain.errors import InputError

EXIT_INPUT = 2
EXIT_STORAGE = 1


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr, exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INPUT, f"relate: {message} (see {self.prog} --help)\n")


def _global_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the journal file (default: $RELATE_DB or the platform data dir)",
    )
    return common


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser for ``argv`` (None: every command's options, for help).

    Commands kept in their own modules (week, import, export, doctor) get their options
    only when ``argv`` names them, so ``relate log`` never imports the weekly review.
    """
    common = _global_options()
    parser = _Parser(
        prog="relate",
        description="A terminal relationship journal. With no command, opens the app.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    add = sub.add_parser("add", parents=[common], help="add a person")
    add.add_argument("name")
    rhythm = add.add_mutually_exclusive_group()
    rhythm.add_argument("--rhythm", help="how often to be in touch: 2w, 3 months, 90d, 1y")
    rhythm.add_argument("--tier", help="a tier letter from config (A=3w, B=2m, C=6m, D=1y)")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    add.add_argument("--email")
    add.add_argument("--phone")
    add.add_argument("--met", default="", help='where or how you met, e.g. "PyCon 2026"')
    add.add_argument("--nickname", default="")
    add.add_argument("--org", default="")
    add.add_argument("--birthday", help="1990-04-15, 04-15 (no year) or '15 apr'")
    add.add_argument("--json", action="store_true", help="print the new person as JSON")

    log = sub.add_parser("log", parents=[common], help="write a note about someone")
    log.add_argument("name", help="who (fuzzy: first name, nickname, initials)")
    log.add_argument("text", nargs="?", default="", help="the note; - reads stdin")
    log.add_argument("--kind", default="call", help="call, video, coffee, meal, meeting, ...")
    log.add_argument("--at", help='when: "yesterday 5pm", "fri", 2026-12-01 (default now)')
    log.add_argument("--with", dest="others", action="append", default=[], metavar="NAME",
                     help="another person the note is about (repeatable)")  # fmt: skip
    log.add_argument("--promise", help='something you promised, e.g. "send deck"')
    log.add_argument("--due", help="when the promise is due (default in a week)")
    log.add_argument("--gave", action="store_true", help="you offered something")
    log.add_argument("--asked", action="store_true", help="you asked for something")
    log.add_argument("--json", action="store_true", help="print the note as JSON")

    queue = sub.add_parser("queue", parents=[common], help="the next-touch queue")
    queue.add_argument("--week", action="store_true", help="only what is due this week")
    queue.add_argument("--json", action="store_true", help="machine-readable, with why")
    queue.add_argument("--explain", metavar="NAME", help="why NAME's items rank where they do")

    unarchive = sub.add_parser("unarchive", parents=[common], help="bring an archived person back")
    unarchive.add_argument("name")

    due = sub.add_parser("due", parents=[common], help="what is due today (for status lines)")
    due.add_argument("--count", action="store_true", help="print only the number")

    sub.add_parser("demo", parents=[common], help="open the app on a sample journal")

    # Commands that live in their own modules (imported only when they are asked for).
    for name, module, help_text in _EXTERNAL:
        command = sub.add_parser(name, parents=[common], help=help_text)
        if argv is None or name in argv:
            _module(module).add_arguments(command)
    return parser


_EXTERNAL = (
    ("week", "relate_tui.cli_week", "the weekly review (text, --markdown or --json)"),
    ("import", "relate_tui.cli_interop", "import vCard, LinkedIn Connections.csv or relate JSON"),
    ("export", "relate_tui.cli_interop", "export as json, vcf, ics or md"),
    ("doctor", "relate_tui.cli_doctor", "check the journal file, list and restore backups"),
)


def _module(name: str):
    import importlib

    return importlib.import_module(name)


def make_clock(timezone: str | None):
    """The clock: ``$RELATE_NOW`` (an ISO date-time) fixes it, for scripts and tests."""
    from relate_tui.domain.clock import FixedClock, SystemClock

    fixed = os.environ.get("RELATE_NOW")
    if not fixed:
        return SystemClock(timezone)
    try:
        return FixedClock(fixed, tz=timezone or "UTC")
    except ValueError:
        raise InputError(
            f"RELATE_NOW={fixed!r} is not a date-time: write it like 2026-12-02T10:00:00"
        ) from None


def _open_journal(args: argparse.Namespace):
    from relate_tui.journal import Journal
    from relate_tui.locations import config_path, default_db_path
    from relate_tui.settings import load_settings

    settings = load_settings(config_path())
    path = Path(args.db).expanduser() if getattr(args, "db", None) else default_db_path()
    return Journal(path, settings, make_clock(settings.timezone), by_table=True)


def _cmd_add(args: argparse.Namespace) -> int:
    from relate_tui.domain.people import parse_yearly_date

    journal = _open_journal(args)
    dates = (parse_yearly_date(args.birthday),) if args.birthday else ()
    person = journal.add_person(
        args.name,
        rhythm=args.rhythm or args.tier,
        tags=args.tag,
        email=args.email,
        phone=args.phone,
        met=args.met,
        nickname=args.nickname,
        org=args.org,
        dates=dates,
    )
    if args.json:
        from relate_tui import output

        output.print_json(output.person_json(person))
    else:
        rhythm = f", {person.rhythm}" if person.rhythm else ""
        print(f"Added {person.name}{rhythm}.")
    return 0


def _cmd_log(args: argparse.Namespace) -> int:
    from relate_tui.domain.dates import parse_day, parse_when

    journal = _open_journal(args)
    text = sys.stdin.read() if args.text == "-" else args.text
    people = [journal.resolve_person(args.name)]
    people += [journal.resolve_person(name) for name in args.others]
    people = list({p.id: p for p in people}.values())  # "--with dan" on Dan: once
    at = parse_when(args.at, journal.clock.now()) if args.at else None
    if args.due and not args.promise:
        raise InputError("--due goes with --promise")
    if args.promise is not None and not args.promise.strip():
        raise InputError('--promise needs some words: what will you do? e.g. --promise "send deck"')
    due = (
        parse_day(args.due, journal.clock.today(), journal.settings.week_start)
        if args.due
        else None
    )
    note, promise = journal.log_note(
        [p.id for p in people],
        text,
        kind=args.kind,
        at=at,
        gave=args.gave,
        asked=args.asked,
        promise=args.promise,
        promise_due=due,
    )
    from relate_tui import output

    if args.json:
        output.print_json(output.note_json(note, promise))
        return 0
    names = ", ".join(p.name for p in people[:-1]) + (" and " if len(people) > 1 else "")
    names += people[-1].name
    print(f"Logged {note.kind} with {names}, {output.when(note.at, journal.clock)}.")
    if promise:
        print(f"Promised: {promise.text}, due {output.day(promise.due, journal.clock.today())}.")
    for person in people:
        if person.archived:
            print(f'{person.name} is archived: relate unarchive "{person.name}" brings them back.')
    return 0


def _cmd_queue(args: argparse.Namespace) -> int:
    from relate_tui import output

    journal = _open_journal(args)
    items = journal.queue()
    today = journal.clock.today()
    if args.explain is not None:
        person = journal.resolve_person(args.explain)
        print(output.explain_person(person, items, today))
        return 0
    if args.week:
        items = tuple(i for i in items if i.group in ("overdue", "today", "this_week"))
    if args.json:
        output.print_json([output.item_json(i) for i in items])
    else:
        print(output.queue_text(items, today, empty=not journal.data().active_people))
    return 0


def _cmd_unarchive(args: argparse.Namespace) -> int:
    journal = _open_journal(args)
    person = journal.resolve_person(args.name)
    if not person.archived:
        raise InputError(f"{person.name} is not archived")
    journal.set_archived(person.id, False)
    print(f"{person.name} is back in your lists and the queue.")
    return 0


def _cmd_due(args: argparse.Namespace) -> int:
    from relate_tui import output

    journal = _open_journal(args)
    today = journal.clock.today()
    items = [i for i in journal.queue(until=today) if i.group in ("overdue", "today")]
    if args.count:
        print(len(items))
    else:
        print(output.queue_text(tuple(items), today, empty=False))
    return 0


def _cmd_app(args: argparse.Namespace, demo: bool = False) -> int:
    from relate_tui.launch import run_app

    gc.enable()  # the app lives for hours: it needs the collector the quick commands skip
    return run_app(args, demo=demo)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "add": _cmd_add,
    "log": _cmd_log,
    "queue": _cmd_queue,
    "due": _cmd_due,
    "unarchive": _cmd_unarchive,
    "demo": lambda args: _cmd_app(args, demo=True),
}


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
    bad input or an unreadable file: those are one line on stderr."""
    from relate_tui.storage.errors import StorageError

    # A one-shot command makes hundreds of thousands of objects from the journal and then
    # exits: the cyclic garbage collector only slows that down (a third of `relate queue`).
    gc.disable()
    args = build_parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
    handler = COMMANDS.get(args.command)
    if handler is None and args.command:
        module = _module(next(m for n, m, _ in _EXTERNAL if n == args.command))
        handler = lambda a: module.run(a, _open_journal)  # noqa: E731
    handler = handler or _cmd_app
    try:
        return handler(args)
    except InputError as exc:
        print(f"relate: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except StorageError as exc:
        print(f"relate: {exc}", file=sys.stderr)
        return EXIT_STORAGE
    except KeyboardInterrupt:
        print("relate: interrupted, nothing more was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
