"""Notes from the shell: ``relate notes NAME`` (with short references), ``relate note edit``
and ``relate note delete`` on a reference, and ``relate search TEXT``.

A reference is the start of the note's id, like a short git commit id (``journal.refs``);
any unique start of four characters or more works.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from relate_tui.cli.common import add_db_option, open_journal
from relate_tui.domain.errors import InputError
from relate_tui.report import output
from relate_tui.report.text import one_line

DEFAULT_LIMIT = 20
"""Notes ``relate notes`` lists unless told otherwise (``--all``)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of the command ``parser`` is for."""
    _ARGUMENTS[parser.prog.split()[-1]](parser)


def run(args: argparse.Namespace) -> int:
    """Run ``args.command``."""
    return _RUN[args.command](args)


def _notes_arguments(notes: argparse.ArgumentParser) -> None:
    notes.add_argument("name", help="whose notes")
    notes.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
                       help=f"the newest N (default {DEFAULT_LIMIT})")  # fmt: skip
    notes.add_argument("--all", action="store_true", help="every note")
    notes.add_argument("--json", action="store_true", help="machine-readable")


def _note_arguments(note: argparse.ArgumentParser) -> None:
    actions = note.add_subparsers(dest="action", metavar="ACTION", required=True,
                                  parser_class=type(note))  # fmt: skip
    edit = actions.add_parser("edit", help="change a note's text, kind, time, people or flags")
    edit.add_argument("ref", help="the note's reference (relate notes NAME lists them)")
    edit.add_argument("--text", "--body", dest="text", help="the new text; - reads stdin")
    edit.add_argument("--kind", help="call, video, coffee, meal, meeting, message, email, ...")
    edit.add_argument("--at", help='when it happened: "yesterday 5pm", fri, 2026-12-01')
    edit.add_argument("--to", action="append", default=[], metavar="NAME",
                      help="who the note is about, instead (repeatable): moves it")  # fmt: skip
    edit.add_argument("--with", dest="also", action="append", default=[], metavar="NAME",
                      help="add a person (repeatable)")  # fmt: skip
    edit.add_argument("--without", action="append", default=[], metavar="NAME",
                      help="take a person off (repeatable)")  # fmt: skip
    edit.add_argument("--gave", action=argparse.BooleanOptionalAction, default=None,
                      help="you offered something (--no-gave: you did not)")  # fmt: skip
    edit.add_argument("--asked", action=argparse.BooleanOptionalAction, default=None,
                      help="you asked for something (--no-asked: you did not)")  # fmt: skip
    edit.add_argument("--json", action="store_true", help="print the note as JSON")
    delete = actions.add_parser("delete", help="delete a note (relate undo brings it back)")
    delete.add_argument("ref", help="the note's reference (relate notes NAME lists them)")
    for parser in (edit, delete):
        add_db_option(parser)


def _search_arguments(search: argparse.ArgumentParser) -> None:
    search.add_argument("text", nargs="+", help="words every note found contains")
    search.add_argument("--json", action="store_true", help="machine-readable")


def _names(journal) -> dict[str, str]:
    return {p.id: p.name for p in journal.data().people}


def _notes(args: argparse.Namespace) -> int:
    from relate_tui.report.notes import note_json, notes_text

    journal = open_journal(args)
    person = journal.resolve_person(args.name)
    notes = journal.data().notes_for(person.id)
    if args.limit < 0:
        raise InputError("--limit takes a number of notes, 0 or more")
    shown = notes if args.all or args.limit == 0 else notes[: args.limit]
    refs = journal.note_refs()
    names = _names(journal)
    if args.json:
        output.print_json([note_json(n, refs[n.id], names) for n in shown])
        return 0
    print(notes_text(shown, journal.clock.today(), refs, names=names, about=person.id,
                     empty=f"No notes about {one_line(person.name)} yet."))  # fmt: skip
    if len(shown) < len(notes):
        print(f"\n… {len(notes) - len(shown)} older: relate notes {_quoted(args.name)} --all")
    return 0


def _quoted(text: str) -> str:
    return f'"{text}"' if " " in text else text


def _people(journal, names: list[str]) -> list[str]:
    return [journal.resolve_person(name).id for name in names]


def _note(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    note = journal.find_note(args.ref)
    refs = journal.note_refs()
    ref = refs.get(note.id, note.id)
    if args.action == "delete":
        journal.delete_note(note.id)
        about = ", ".join(one_line(n) for n in _about(journal, note.person_ids))
        print(f"Deleted the note {ref} about {about} (relate undo brings it back).")
        return 0
    return _edit_note(args, journal, note, ref)


def _about(journal, person_ids) -> list[str]:
    names = _names(journal)
    return [names.get(pid, "(someone since deleted)") for pid in person_ids]


def _edit_note(args: argparse.Namespace, journal, note, ref: str) -> int:
    from relate_tui.report.notes import note_json

    changes: dict = {}
    if args.text is not None:
        changes["body"] = sys.stdin.read() if args.text == "-" else args.text
    if args.kind is not None:
        changes["kind"] = args.kind
    if args.at is not None:
        from relate_tui.domain.dates import parse_when

        changes["at"] = parse_when(args.at, journal.clock.now(), journal.settings.week_start)
    if args.to or args.also or args.without:
        people = _people(journal, args.to) if args.to else list(note.person_ids)
        people += [pid for pid in _people(journal, args.also) if pid not in people]
        dropped = set(_people(journal, args.without))
        changes["person_ids"] = [pid for pid in people if pid not in dropped]
        if not changes["person_ids"]:
            raise InputError("a note needs at least one person: use --to NAME to move it")
    if args.gave is not None:
        changes["gave"] = args.gave
    if args.asked is not None:
        changes["asked"] = args.asked
    if not changes:
        raise InputError(
            "say what to change: --text, --kind, --at, --to, --with, --without, --gave, --asked"
        )
    saved = journal.edit_note(note.id, **changes)
    if args.json:
        output.print_json(note_json(saved, ref, _names(journal)))
        return 0
    if saved == note:
        print(f"The note {ref}: nothing changed.")
        return 0
    about = ", ".join(one_line(n) for n in _about(journal, saved.person_ids))
    verb = "Moved" if saved.person_ids != note.person_ids else "Saved"
    when = output.when(saved.at, journal.clock)
    print(
        f"{verb} the note {ref} ({saved.kind}, {when}) about {about} (relate undo takes it back)."
    )
    return 0


def _search(args: argparse.Namespace) -> int:
    from relate_tui.report.notes import note_json, notes_text

    journal = open_journal(args)
    query = " ".join(args.text)
    found = journal.search_notes(query)
    refs = journal.note_refs()
    names = _names(journal)
    if args.json:
        output.print_json([note_json(n, refs[n.id], names) for n in found])
        return 0
    empty = f"No note mentions “{one_line(query, 60)}”."
    print(notes_text(found, journal.clock.today(), refs, names=names, empty=empty))
    return 0


_ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "notes": _notes_arguments,
    "note": _note_arguments,
    "search": _search_arguments,
}
_RUN: dict[str, Callable[[argparse.Namespace], int]] = {
    "notes": _notes,
    "note": _note,
    "search": _search,
}
