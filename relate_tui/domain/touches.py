"""Each person's newest touch and newest note: what the queue and the review count from.

A note's day is its local date (``note.at.date()``), the date in the offset it was written
in. A note about several people counts for each of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from relate_tui.domain.notes import TOUCH_KINDS, Note, plain_markdown


@dataclass(frozen=True, slots=True)
class NoteHead:
    """What lists show of a note without reading it whole: when, what kind, its first line.

    The last-touch table stores this much of each person's newest note and touch, so the
    queue never reads every note; a ``Note`` has the same attributes.
    """

    id: str
    at: datetime
    kind: str
    line: str = ""
    """The first non-blank line of the body, as written (Markdown)."""

    @property
    def is_touch(self) -> bool:
        return self.kind in TOUCH_KINDS

    @property
    def first_line(self) -> str:
        """The first line as plain text, as ``Note.first_line`` gives it."""
        return plain_markdown(self.line) if self.line.strip() else ""


@dataclass(frozen=True, slots=True)
class TouchInfo:
    """A person's newest touch (a note of a touch kind) and newest note of any kind."""

    last_touch: Note | NoteHead | None
    last_note: Note | NoteHead | None

    @property
    def touch_day(self) -> date | None:
        """The local day of the last touch."""
        return self.last_touch.at.date() if self.last_touch is not None else None

    @property
    def touch_kind(self) -> str | None:
        """The kind of the last touch ("call")."""
        return self.last_touch.kind if self.last_touch is not None else None


def head_of(note: Note | NoteHead) -> NoteHead:
    """What the queue shows of ``note``."""
    if isinstance(note, NoteHead):
        return note
    line = next((line for line in note.body.splitlines() if line.strip()), "")
    return NoteHead(note.id, note.at, note.kind, line)


def newest_per_person(
    notes: Iterable[Note],
) -> tuple[dict[str, Note], dict[str, Note], dict[str, date]]:
    """Per person: newest touch, newest note, and the local day of the newest touch.

    "Newest" is the greatest ``(at, id)``, ``at`` as written (its local date and time, then
    its offset) and the id only to break ties: the rule of the journal's last-touch table
    (``storage.newest``), so a queue worked out from notes and one read from the table
    agree. The journal always has the table; this is for lists of notes in hand.
    """
    newest_touch: dict[str, Note] = {}
    newest_note: dict[str, Note] = {}
    touch_key: dict[str, tuple[str, str]] = {}
    note_key: dict[str, tuple[str, str]] = {}
    touch_kinds = TOUCH_KINDS
    for note in notes:
        key = (note.at.isoformat(), note.id)
        is_touch = note.kind in touch_kinds
        for person_id in note.person_ids:
            if key > note_key.get(person_id, ("", "")):
                note_key[person_id] = key
                newest_note[person_id] = note
            if is_touch and key > touch_key.get(person_id, ("", "")):
                touch_key[person_id] = key
                newest_touch[person_id] = note
    touch_day = {pid: note.at.date() for pid, note in newest_touch.items()}
    return newest_touch, newest_note, touch_day


def touch_index(notes: Iterable[Note]) -> dict[str, TouchInfo]:
    """Each person's newest touch and newest note (latest local date, then latest ``at``);
    a note about several people counts for each of them.
    """
    newest_touch, newest_note, _ = newest_per_person(notes)
    return {
        person_id: TouchInfo(newest_touch.get(person_id), note)
        for person_id, note in newest_note.items()
    }
