"""Notes and promises for the command line, each with its short reference (``relate notes``,
``relate search``, ``relate promises``), as text and as JSON.

A note is shown as a heading line (reference, date and time, kind, flags, people) and its
text indented below, made safe for the terminal; JSON keeps the text exact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from relate_tui.domain.date_words import describe_day
from relate_tui.domain.notes import Note
from relate_tui.domain.promises import Promise
from relate_tui.report.text import one_line, visible

INDENT = "    "


def note_heading(
    note: Note,
    today: date,
    ref: str,
    names: Mapping[str, str] | None,
    about: str | None = None,
) -> str:
    """ "3f9a2c1  Fri 20 Nov 10:00 · call · gave · Ana Lima".

    ``about`` is the person whose notes these are (``relate notes``, ``show``): they are
    not named again, so a note about them alone names nobody and a shared one the others.
    """
    parts = [f"{describe_day(note.at, today)} {note.at:%H:%M}", note.kind]
    parts += [flag for flag, on in (("gave", note.gave), ("asked", note.asked)) if on]
    people = [pid for pid in note.person_ids if pid != about]
    if names is not None and people:
        who = ", ".join(one_line(names.get(pid, "(someone since deleted)"), 60)
                        for pid in people)  # fmt: skip
        parts.append(who)
    return f"{ref}  " + " · ".join(parts)


def note_lines(
    note: Note,
    today: date,
    ref: str,
    *,
    names: Mapping[str, str] | None = None,
    about: str | None = None,
) -> list[str]:
    """A note: its heading and its text, indented (blank lines kept, controls made
    visible)."""
    lines = [note_heading(note, today, ref, names, about)]
    body = visible(note.body.strip("\n"))
    lines += [f"{INDENT}{line}".rstrip() for line in body.splitlines()] or [f"{INDENT}(no text)"]
    return lines


def notes_text(
    notes: Sequence[Note],
    today: date,
    refs: Mapping[str, str],
    *,
    names: Mapping[str, str] | None = None,
    about: str | None = None,
    empty: str = "No notes yet.",
) -> str:
    """Notes, newest first, a blank line between them (``about``: see ``note_heading``)."""
    if not notes:
        return empty
    blocks = [
        "\n".join(note_lines(n, today, refs.get(n.id, n.id), names=names, about=about))
        for n in notes
    ]
    return "\n\n".join(blocks)


def note_json(note: Note, ref: str, names: Mapping[str, str]) -> dict[str, Any]:
    """A note for scripts: its record, its reference and the names of its people."""
    from relate_tui.storage.records import note_to_record

    out = note_to_record(note)
    out["ref"] = ref
    out["people"] = [names.get(pid) for pid in note.person_ids]
    return out


def promise_line(promise: Promise, today: date, ref: str, who: str | None = None) -> str:
    """ "  5c01d2e  send the deck — due Fri 4 Dec (late) · Ana Lima"."""
    late = " (late)" if promise.due < today else ""
    line = f"  {ref}  {one_line(promise.text, 200)} — due {describe_day(promise.due, today)}{late}"
    if who is not None:
        line += f" · {one_line(who, 60)}"
    return line


def promises_text(
    promises: Sequence[Promise],
    today: date,
    refs: Mapping[str, str],
    names: Mapping[str, str] | None = None,
) -> str:
    """Open promises, soonest due first, with the person when ``names`` is given."""
    if not promises:
        return "No open promises."
    lines = [
        promise_line(p, today, refs.get(p.id, p.id), names.get(p.person_id, "?") if names else None)
        for p in promises
    ]
    return "\n".join(line.removeprefix("  ") for line in lines)


def promise_json(promise: Promise, ref: str, names: Mapping[str, str]) -> dict[str, Any]:
    """A promise for scripts: its record, its reference and the person's name."""
    from relate_tui.storage.records import promise_to_record

    out = promise_to_record(promise)
    out["ref"] = ref
    out["person"] = names.get(promise.person_id)
    return out
