"""Quick capture and the queue: ``relate add``, ``log``, ``queue``, ``due``, ``unarchive``.

These answer in a blink: no Textual, and the journal is read one table at a time when the
file is sealed (``relate log`` reads only the people). The one exception: ``relate log``
with no words on a terminal opens the app's note form alone (``app.launch``), which is
what the tmux popup runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from relate_tui.cli.common import open_journal
from relate_tui.cli.text_input import read_stdin
from relate_tui.domain.errors import InputError, shown
from relate_tui.report import output

if TYPE_CHECKING:
    import argparse  # these commands' plain shapes are read without it (``cli.quick_argv``)

    from relate_tui.domain.clock import Clock
    from relate_tui.domain.notes import Note
    from relate_tui.domain.people import Person
    from relate_tui.domain.promises import Promise


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of the command ``parser`` is for."""
    _ARGUMENTS[parser.prog.split()[-1]](parser)


def run(args: argparse.Namespace) -> int:
    """Run ``args.command``."""
    return _RUN[args.command](args)


def _add_arguments(add: argparse.ArgumentParser) -> None:
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
    add.add_argument("--birthday", help="'15 apr', 'april 15th 1990', 1990-04-15, --04-15")
    add.add_argument("--json", action="store_true", help="print the new person as JSON")


def _log_arguments(log: argparse.ArgumentParser) -> None:
    log.add_argument("name", nargs="?", help="who (fuzzy: first name, nickname, initials); "
                     "none, on a terminal: the note form")  # fmt: skip
    log.add_argument("text", nargs="?", default="", help="the note; - reads stdin")
    log.add_argument("--kind", default="call", help="call, video, coffee, meal, meeting, ...")
    log.add_argument("--at", help='when: "yesterday 5pm", "fri", 2026-12-01 (default now)')
    log.add_argument("--with", dest="others", action="append", default=[], metavar="NAME",
                     help="another person the note is about (repeatable)")  # fmt: skip
    log.add_argument("--promise", help='something you promised, e.g. "send deck by fri"')
    log.add_argument("--due", help="when the promise is due (default in a week, or its 'by …')")
    log.add_argument("--gave", action="store_true", help="you offered something")
    log.add_argument("--asked", action="store_true", help="you asked for something")
    log.add_argument("--json", action="store_true", help="print the note as JSON")


def _queue_arguments(queue: argparse.ArgumentParser) -> None:
    queue.add_argument("--week", action="store_true", help="only what is due this week")
    queue.add_argument("--json", action="store_true", help="machine-readable, with why")
    queue.add_argument("--explain", metavar="NAME", help="why NAME's items rank where they do")


def _unarchive_arguments(unarchive: argparse.ArgumentParser) -> None:
    unarchive.add_argument("name")


def _due_arguments(due: argparse.ArgumentParser) -> None:
    due.add_argument("--count", action="store_true", help="print only the number")


def _add(args: argparse.Namespace) -> int:
    from relate_tui.domain.people import parse_yearly_date

    journal = open_journal(args)
    today = journal.clock.today()
    dates = (parse_yearly_date(args.birthday, today=today),) if args.birthday else ()
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
        output.print_json(output.person_json(person))
    else:
        rhythm = f", {person.rhythm}" if person.rhythm else ""
        print(f"Added {person.name}{rhythm}.")
    return 0


def _log(args: argparse.Namespace) -> int:
    if args.name is None:
        return _log_in_form(args)
    journal = open_journal(args)
    text = read_stdin() if args.text == "-" else args.text
    people = [journal.resolve_person(args.name)]
    people += [journal.resolve_person(name) for name in args.others]
    people = list({p.id: p for p in people}.values())  # "--with dan" on Dan: once
    now, week_start = journal.clock.now(), journal.settings.week_start
    at = None
    if args.at:
        from relate_tui.domain.date_uses import parse_when

        at = parse_when(args.at, now, week_start)
    if args.due and not args.promise:
        raise InputError("--due goes with --promise")
    if args.promise is not None and not args.promise.strip():
        raise InputError('--promise needs some words: what will you do? e.g. --promise "send deck"')
    promise_text, due = _promise(args.promise, args.due, now, week_start)
    note, promise = journal.log_note(
        [p.id for p in people],
        text,
        kind=args.kind,
        at=at,
        gave=args.gave,
        asked=args.asked,
        promise=promise_text,
        promise_due=due,
    )
    if args.json:
        output.print_json(output.note_json(note, promise))
        return 0
    _say_logged(note, promise, people, journal.clock)
    return 0


def _say_logged(
    note: Note, promise: Promise | None, people: Sequence[Person], clock: Clock
) -> None:
    names = ", ".join(p.name for p in people[:-1]) + (" and " if len(people) > 1 else "")
    names += people[-1].name
    print(f"Logged {note.kind} with {names}, {output.when(note.at, clock)}.")
    if promise:
        print(f"Promised: {promise.text}, due {output.day(promise.due, clock.today())}.")
    for person in people:
        if person.archived:
            print(f'{person.name} is archived: relate unarchive "{person.name}" brings them back.')


_FORM_TAKES_NOT = (("others", "--with"), ("promise", "--promise"), ("due", "--due"),
                   ("gave", "--gave"), ("asked", "--asked"), ("json", "--json"))  # fmt: skip
"""Options of ``relate log`` that need a name: the form has its own fields for them."""


def _on_a_terminal() -> bool:
    """Both ends are a terminal: someone is there to fill in a form (not a pipe, a cron
    job or tmux's ``#()``)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _log_in_form(args: argparse.Namespace) -> int:
    """``relate log`` with no words: on a terminal, the app's note form alone (the tmux
    popup); piped, the one-line message it always was. Only here does ``relate log`` load
    Textual."""
    if not _on_a_terminal():
        raise InputError("the following arguments are required: name (see relate log --help)")
    given = [flag for attribute, flag in _FORM_TAKES_NOT if getattr(args, attribute)]
    if given:
        raise InputError(
            f"{given[0]} needs a name: relate log NAME … {given[0]} …; with no name, "
            "relate log opens the note form, which takes only --kind and --at"
        )
    from relate_tui.app.launch import run_note_form

    code, logged = run_note_form(getattr(args, "db", None), kind=args.kind, when=args.at)
    if logged is None:
        print("Nothing logged.", file=sys.stderr)
        return code
    _say_logged(logged.note, logged.promise, logged.people, logged.clock)
    return code


def _promise(
    text: str | None, due_text: str | None, now: datetime, week_start: int
) -> tuple[str | None, date | None]:
    """The promise's words and due date from --promise and --due, read as the app's promise
    line reads them: "send it by fri" is due Friday; "drop by the gallery" stays words."""
    if text is None:
        return None, None
    from relate_tui.domain.date_uses import parse_due
    from relate_tui.domain.promises import read_promise

    words, due = read_promise(text, now, week_start)
    if due_text is None:
        return words, due
    # Refused when "by …" said when too; "in three months" stays in the words, and an
    # explicit --due says when it is due more plainly than they do.
    if due is not None and words != " ".join(text.split()):
        raise InputError(
            f'--promise already says when ("{shown(text)}"): leave out --due or the "by …"'
        )
    return words, parse_due(due_text, now, week_start)


def _queue(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    items = journal.queue()
    today = journal.clock.today()
    if args.explain is not None:
        person = journal.resolve_person(args.explain)
        print(output.explain_person(person, items, today, journal.outlook(person.id)))
        return 0
    if args.week:
        items = tuple(i for i in items if i.group in ("overdue", "today", "this_week"))
    if args.json:
        output.print_json([output.item_json(i) for i in items])
    else:
        print(output.queue_text(items, today, empty=not journal.data().has_active_people))
    return 0


def _unarchive(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    person = journal.resolve_person(args.name, archived=True)
    journal.set_archived(person.id, False)
    print(f"{person.name} is back in your lists and the queue.")
    return 0


def _due(args: argparse.Namespace) -> int:
    if args.count:
        return _due_count(args)
    journal = open_journal(args)
    today = journal.clock.today()
    items = [i for i in journal.queue(until=today) if i.group in ("overdue", "today")]
    print(output.queue_text(tuple(items), today, empty=False))
    return 0


def _due_count(args: argparse.Namespace) -> int:
    """The status line's number: from the cache while nothing changed (``status_line``),
    else worked out and remembered."""
    from relate_tui import status_line

    db = getattr(args, "db", None)
    cached = status_line.cached_count(db)
    if cached is not None:
        print(cached)
        return 0
    key = status_line.Key(db)
    journal = open_journal(args)
    count = journal.due_count()
    print(count)
    status_line.remember(key, count, *status_line.day_bounds(journal.clock))
    return 0


_ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "add": _add_arguments,
    "log": _log_arguments,
    "queue": _queue_arguments,
    "unarchive": _unarchive_arguments,
    "due": _due_arguments,
}
_RUN: dict[str, Callable[[argparse.Namespace], int]] = {
    "add": _add,
    "log": _log,
    "queue": _queue,
    "unarchive": _unarchive,
    "due": _due,
}
