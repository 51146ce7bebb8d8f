"""People from the shell: ``relate show``, ``people``, ``edit``, ``snooze``, ``archive`` and
``delete`` — the same ``Journal`` methods the app's keys call.

``relate delete`` asks first (on the terminal) unless given ``--yes``; with no terminal to
ask on (a script, a pipe) it refuses rather than guess: deleting needs ``--yes`` there.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from relate_tui.cli.common import open_journal
from relate_tui.domain.errors import InputError
from relate_tui.report import output
from relate_tui.report.text import one_line

# option -> person field (``domain.person_fields``); an empty value clears the field.
_EDIT_FIELDS = {
    "new_name": "name", "nickname": "nickname", "org": "org", "role": "role", "email": "email",
    "phone": "phone", "url": "url", "met": "met", "met_on": "met_on",
    "introduced_by": "introduced_by", "birthday": "birthday", "dates": "dates",
}  # fmt: skip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of the command ``parser`` is for."""
    _ARGUMENTS[parser.prog.split()[-1]](parser)


def run(args: argparse.Namespace) -> int:
    """Run ``args.command``."""
    return _RUN[args.command](args)


def _show_arguments(show: argparse.ArgumentParser) -> None:
    show.add_argument("name", help="who (first name, nickname, initials...)")
    show.add_argument("--json", action="store_true", help="the card, every note, as JSON")


def _people_arguments(people: argparse.ArgumentParser) -> None:
    people.add_argument("--tag", action="append", default=[], help="only people with this tag")
    people.add_argument("--archived", action="store_true", help="only archived people")
    people.add_argument("--json", action="store_true", help="machine-readable")


def _edit_arguments(edit: argparse.ArgumentParser) -> None:
    edit.add_argument("name", help="who to edit")
    edit.add_argument("--name", dest="new_name", metavar="NAME", help="a new name")
    edit.add_argument("--nickname")
    edit.add_argument("--org")
    edit.add_argument("--role")
    rhythm = edit.add_mutually_exclusive_group()
    rhythm.add_argument("--rhythm", help="2w, 3 months, 90d, 1y, or a tier letter")
    rhythm.add_argument("--tier", help="a tier letter from config (A=3w, B=2m, C=6m, D=1y)")
    rhythm.add_argument("--no-rhythm", action="store_true", help="no rhythm, no reminders")
    edit.add_argument("--tag", action="append", default=[], help="add a tag (repeatable)")
    edit.add_argument("--untag", action="append", default=[], metavar="TAG",
                      help="remove a tag (repeatable)")  # fmt: skip
    edit.add_argument("--email")
    edit.add_argument("--phone")
    edit.add_argument("--url", help="a URL or a @handle")
    edit.add_argument("--met", help='where or how you met, e.g. "PyCon 2026"')
    edit.add_argument("--met-on", help="when you met: 2024-05-17, last fri, 3 weeks ago")
    edit.add_argument("--introduced-by", metavar="NAME", help="who introduced you")
    edit.add_argument("--birthday", help="1990-04-15, --04-15 or '15 apr'")
    edit.add_argument("--dates", help='other yearly dates: "anniversary: 12 jun; name day: 3 mar"')
    edit.add_argument("--about", help="free text; - reads stdin")
    edit.add_argument("--json", action="store_true", help="print the person as JSON")


def _snooze_arguments(snooze: argparse.ArgumentParser) -> None:
    snooze.add_argument("name")
    snooze.add_argument("until", nargs="?", metavar="DATE", help="fri, 2w, next month, 2027-01-10")
    snooze.add_argument("--clear", action="store_true", help="end the snooze now")


def _name_only(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name")


def _delete_arguments(delete: argparse.ArgumentParser) -> None:
    delete.add_argument("name")
    delete.add_argument("--yes", action="store_true", help="do not ask (scripts)")


def _show(args: argparse.Namespace) -> int:
    from relate_tui.domain.activity import monthly_activity
    from relate_tui.domain.rhythm import describe_rhythm
    from relate_tui.report.activity import person_strip
    from relate_tui.report.people import card_json, card_text

    journal = open_journal(args)
    person = journal.resolve_person(args.name)
    data = journal.data()
    notes = data.notes_for(person.id)
    promises = journal.open_promises(person.id)
    names = {p.id: p.name for p in data.names}  # read from the records, not converted
    context = {
        "notes": notes,
        "promises": promises,
        "note_refs": journal.note_refs(),
        "promise_refs": journal.promise_refs(),
        "names": names,
    }
    outlook = journal.outlook(person.id)
    months = monthly_activity(notes, outlook.today)
    if args.json:
        card = card_json(outlook, rhythm=person.rhythm, **context)
        card["months"] = [
            {"start": p.start.isoformat(), "touches": p.touches, "jots": p.jots} for p in months
        ]
        output.print_json(card)
    else:
        words = describe_rhythm(person.rhythm, journal.settings.tiers) if person.rhythm else ""
        print(card_text(outlook, rhythm_words=words, **context))
        print()
        print("\n".join(person_strip(months, outlook.today)))
    return 0


def _people(args: argparse.Namespace) -> int:
    from relate_tui.domain.matching import fold
    from relate_tui.report.people import people_json, people_lines

    journal = open_journal(args)
    data = journal.data()
    people = sorted(
        (p for p in data.people if p.archived == args.archived), key=lambda p: fold(p.name)
    )
    for tag in args.tag:
        wanted = fold(tag.lstrip("#"))
        people = [p for p in people if any(fold(t) == wanted for t in p.tags)]
    if args.json:
        output.print_json(people_json(people, data.touches))
    else:
        if args.archived:
            empty = "Nobody is archived."
        elif args.tag:
            empty = "Nobody has that tag."
        else:
            empty = 'Nobody yet. Start with 3–5 people: relate add "Ana Lima" --tier A'
        print(people_lines(people, data.touches, journal.clock.today(), empty))
    return 0


def _edit(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    person = journal.resolve_person(args.name)
    fields: dict[str, str] = {}
    for option, field in _EDIT_FIELDS.items():
        value = getattr(args, option)
        if value is not None:
            fields[field] = value
    if args.about is not None:
        fields["about"] = sys.stdin.read() if args.about == "-" else args.about
    if args.no_rhythm:
        fields["rhythm"] = ""
    elif args.rhythm is not None or args.tier is not None:
        fields["rhythm"] = args.rhythm if args.rhythm is not None else args.tier
    if args.tag or args.untag:
        from relate_tui.domain.matching import fold

        drop = {fold(t.lstrip("#")) for t in args.untag}
        tags = [t for t in (*person.tags, *args.tag) if fold(t.lstrip("#")) not in drop]
        fields["tags"] = " ".join(tags)
    if not fields:
        raise InputError("say what to change, e.g. --email ana@example.org or --rhythm 3m")
    saved = journal.edit_person(person.id, fields)
    if args.json:
        output.print_json(output.person_json(saved))
    elif saved == person:
        print(f"{one_line(person.name)}: nothing changed{_no_such_tags(person, args.untag)}.")
    else:
        print(f"Saved {one_line(saved.name)} (relate undo takes it back).")
    return 0


def _no_such_tags(person, untag: list[str]) -> str:
    """ " (no tag #x)" for the ``--untag`` tags the person does not have, else ""."""
    from relate_tui.domain.matching import fold

    theirs = {fold(t.lstrip("#")) for t in person.tags}
    missing = [t.lstrip("#") for t in untag if fold(t.lstrip("#")) not in theirs]
    if not missing:
        return ""
    return " (no tag " + ", ".join("#" + one_line(t) for t in missing) + ")"


def _snooze(args: argparse.Namespace) -> int:
    from relate_tui.domain.dates import describe_day, parse_snooze

    journal = open_journal(args)
    person = journal.resolve_person(args.name)
    today = journal.clock.today()
    if args.clear == (args.until is not None):
        raise InputError("give a day to snooze until (fri, 2w, 2027-01-10) or --clear")
    if args.clear:
        if person.snooze_until is None or person.snooze_until <= today:
            print(f"{one_line(person.name)} was not snoozed: nothing changed.")
            return 0
        journal.snooze(person.id, None)
        print(f"{one_line(person.name)} is no longer snoozed.")
        return 0
    until = parse_snooze(args.until, journal.clock.now(), journal.settings.week_start)
    journal.snooze(person.id, until)
    print(f"Snoozed {one_line(person.name)} until {describe_day(until, today)}.")
    if not person.rhythm:
        print("They have no rhythm: a snooze only hides a reconnect item, so nothing changes.")
    return 0


def _archive(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    person = journal.resolve_person(args.name, archived=False)
    journal.set_archived(person.id, True)
    name = one_line(person.name)
    print(f'Archived {name}: out of your lists and the queue (relate unarchive "{name}").')
    return 0


def _delete(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    person = journal.resolve_person(args.name)
    data = journal.data()
    own_notes = [n for n in data.notes_for(person.id) if len(n.person_ids) == 1]
    promises = [p for p in data.promises if p.person_id == person.id]
    what = f"{len(own_notes)} note{'s' * (len(own_notes) != 1)} and "
    what += f"{len(promises)} promise{'s' * (len(promises) != 1)}"
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError(
                "relate delete asks before deleting: run it in a terminal or add --yes"
            )
        sys.stderr.write(f"Delete {one_line(person.name)} with {what}? [y/N] ")
        sys.stderr.flush()
        if sys.stdin.readline().strip().lower() not in ("y", "yes"):
            print("Nothing deleted.")
            return 0
    journal.delete_person(person.id)
    print(f"Deleted {one_line(person.name)} with {what} (relate undo brings them back).")
    return 0


_ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "show": _show_arguments,
    "people": _people_arguments,
    "edit": _edit_arguments,
    "snooze": _snooze_arguments,
    "archive": _name_only,
    "delete": _delete_arguments,
}
_RUN: dict[str, Callable[[argparse.Namespace], int]] = {
    "show": _show,
    "people": _people,
    "edit": _edit,
    "snooze": _snooze,
    "archive": _archive,
    "delete": _delete,
}
