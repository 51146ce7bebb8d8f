"""People for the command line: the card (``relate show``), the list (``relate people``)
and "why not in the queue" (``relate queue --explain``), as text and as JSON.

Every piece of user text goes through ``report.text`` (``visible``/``one_line``) on its
way to the terminal; the JSON keeps it exact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from relate_tui.domain.date_words import MONTH_ABBRS, ago, describe_day
from relate_tui.domain.notes import Note
from relate_tui.domain.outlook import Outlook
from relate_tui.domain.people import Person
from relate_tui.domain.promises import Promise
from relate_tui.domain.queue import due_words
from relate_tui.domain.touches import TouchInfo
from relate_tui.report.notes import note_json, note_lines, promise_json, promise_line
from relate_tui.report.text import one_line, visible

CARD_NOTES = 5
"""Notes shown on a card (``relate notes NAME`` lists them all)."""


_CHANNEL_LABELS = {"url": "URL"}
"""A channel's label on the card where capitalising its kind is not the word ("Url")."""


def next_words(outlook: Outlook) -> str:
    """The card's "Next" line: when the reconnect is due, wherever that is (``relate show``
    and the app's card say the same)."""
    today = outlook.today
    if outlook.person.archived:
        return "archived: not in the queue"
    rhythm = outlook.rhythm
    if rhythm is None:
        return outlook.rhythm_problem
    words = due_words(rhythm.item, today)
    if rhythm.item.due > today and rhythm.item.group != "today":
        words += f" ({ago(rhythm.item.due, today)})"
    if outlook.snoozed_until is not None:
        words = f"snoozed until {describe_day(outlook.snoozed_until, today)}; {words}"
    elif rhythm.enters > today:
        words += f"; in the queue from {describe_day(rhythm.enters, today)}"
    return words


def card_text(
    outlook: Outlook,
    *,
    rhythm_words: str,
    notes: Sequence[Note],
    promises: Sequence[Promise],
    note_refs: Mapping[str, str],
    promise_refs: Mapping[str, str],
    names: Mapping[str, str],
) -> str:
    """A person's card: who they are, the rhythm and when the next reconnect is due (even
    beyond the queue's horizon), open promises with their references, the last notes."""
    person, today = outlook.person, outlook.today
    title = one_line(person.name)
    if person.nickname:
        title += f" ({one_line(person.nickname)})"
    if person.archived:
        title += " [archived]"
    lines = [title]
    work = " · ".join(one_line(x) for x in (person.role, person.org) if x.strip())
    if work:
        lines.append(work)

    def line(label: str, value: str) -> None:
        # Labels line up in 14 columns; a longer one ("Introduced by:") keeps a space.
        lines.append(f"{label + ':':<13} {value}")

    line("Rhythm", rhythm_words or "none (no reminders)")
    line("Next", next_words(outlook))
    touches = [n for n in notes if n.is_touch]
    if touches:
        last = touches[0]
        when, day = ago(last.at.date(), today), describe_day(last.at, today)
        line(
            "Last touch", f"{when} ({last.kind})" if when == day else f"{when} ({last.kind}, {day})"
        )
    elif outlook.rhythm is not None or notes:
        line("Last touch", "none yet")
    for channel in person.channels:
        line(_CHANNEL_LABELS.get(channel.kind, channel.kind.capitalize()), one_line(channel.value))
    if person.tags:
        line("Tags", " ".join("#" + one_line(t) for t in person.tags))
    if person.met or person.met_on:
        met = one_line(person.met)
        if person.met_on:
            met = f"{met} ({describe_day(person.met_on, today)})".strip()
        line("Met", met)
    if person.introduced_by:
        line("Introduced by", one_line(names.get(person.introduced_by, "(someone since deleted)")))
    for important in person.dates:
        shown = f"{important.day} {MONTH_ABBRS[important.month - 1]}"
        if important.year:
            shown += f" {important.year}"
        line(one_line(important.label).capitalize() or "Date", shown)
    gave = sum(1 for n in notes if n.gave)
    asked = sum(1 for n in notes if n.asked)
    if gave or asked:
        line("Gave / asked", f"{gave} / {asked}")
    if person.about.strip():
        lines += ["", visible(person.about.strip())]
    if promises:
        lines += ["", "Open promises:"]
        lines += [promise_line(p, today, promise_refs.get(p.id, p.id)) for p in promises]
    if notes:
        shown_notes = notes[:CARD_NOTES]
        more = len(notes) - len(shown_notes)
        heading = f"Notes ({len(notes)}, newest first" + (
            "; relate notes shows all)" if more else ")"
        )
        lines += ["", heading + ":"]
        for note in shown_notes:
            ref = note_refs.get(note.id, note.id)
            lines += note_lines(note, today, ref, names=names, about=person.id)
    return "\n".join(lines)


def card_json(
    outlook: Outlook,
    *,
    rhythm: str | None,
    notes: Sequence[Note],
    promises: Sequence[Promise],
    note_refs: Mapping[str, str],
    promise_refs: Mapping[str, str],
    names: Mapping[str, str],
) -> dict[str, Any]:
    """The card for scripts: the person's record, where they stand with the queue, their
    open promises and notes (every note, newest first), with references."""
    from relate_tui.storage.records import person_to_record

    person, today = outlook.person, outlook.today
    upcoming = outlook.rhythm
    return {
        "person": person_to_record(person),
        "rhythm": rhythm,
        "next_due": upcoming.item.due.isoformat() if upcoming else None,
        "in_queue_from": upcoming.enters.isoformat() if upcoming else None,
        "snoozed_until": outlook.snoozed_until.isoformat() if outlook.snoozed_until else None,
        "in_queue": [item.why() for item in outlook.in_queue()],
        "why": outlook.reasons(),
        "last_touch": next((n.at.isoformat() for n in notes if n.is_touch), None),
        "introduced_by": names.get(person.introduced_by or ""),
        "open_promises": [promise_json(p, promise_refs.get(p.id, p.id), names) for p in promises],
        "notes": [note_json(n, note_refs.get(n.id, n.id), names) for n in notes],
        "as_of": today.isoformat(),
    }


def people_lines(
    people: Sequence[Person],
    touches: Mapping[str, TouchInfo],
    today: date,
    empty: str = "Nobody here.",
) -> str:
    """One line per person: name, tags, rhythm and last touch ("3 weeks ago")."""
    if not people:
        return empty
    lines = []
    for person in people:
        parts = [one_line(person.name, 60)]
        if person.nickname:
            parts[0] += f" ({one_line(person.nickname, 30)})"
        if person.archived:
            parts[0] += " [archived]"
        if person.tags:
            parts.append(" ".join("#" + one_line(t, 30) for t in person.tags))
        if person.rhythm:
            parts.append(one_line(person.rhythm, 10))
        info = touches.get(person.id)
        last = info.last_touch if info is not None else None
        parts.append(f"last touch {ago(last.at.date(), today)}" if last else "no touch yet")
        lines.append(" · ".join(parts))
    return "\n".join(lines)


def people_json(people: Sequence[Person], touches: Mapping[str, TouchInfo]) -> list[dict[str, Any]]:
    """The people list for scripts: the record of each, and their last touch."""
    from relate_tui.storage.records import person_to_record

    out = []
    for person in people:
        info = touches.get(person.id)
        last = info.last_touch if info is not None else None
        record = person_to_record(person)
        record["last_touch"] = last.at.isoformat() if last else None
        record["last_touch_kind"] = last.kind if last else None
        out.append(record)
    return out


def not_in_queue_text(outlook: Outlook) -> str:
    """``relate queue --explain NAME`` for someone the queue does not list today: why,
    and the day each of their items will be listed."""
    name = one_line(outlook.person.name)
    reasons = [visible(r) for r in outlook.reasons()]
    if outlook.person.archived:
        return reasons[0]
    return f"{name} is not in the queue today.\n" + "\n".join(f"  {r}" for r in reasons)
