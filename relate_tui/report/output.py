"""Plain-text and JSON rendering for the command line (no Textual here)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime

from relate_tui.domain.date_words import ago, describe_day

TYPE_CHECKING = False  # typing is not imported on the lean read's path (``quick_queue``)
if TYPE_CHECKING:
    from typing import Any

    # Annotations only: the quick commands import this module before they know whether
    # they print JSON or a note, a person or a queue.
    from relate_tui.domain.clock import Clock
    from relate_tui.domain.notes import Note
    from relate_tui.domain.outlook import Outlook
    from relate_tui.domain.people import Person
    from relate_tui.domain.promises import Promise
    from relate_tui.domain.queue import QueueItem


def print_json(value: Any) -> None:
    """Write ``value`` as indented JSON to stdout: the exact text, with every control
    character escaped (``report.text.json_safe``)."""
    import orjson

    from relate_tui.report.text import json_safe

    sys.stdout.flush()
    sys.stdout.buffer.write(json_safe(orjson.dumps(value, option=orjson.OPT_INDENT_2)))
    sys.stdout.buffer.write(b"\n")
    sys.stdout.flush()


def day(d: date, today: date) -> str:
    """A date as people say it: "today", "Fri 4 Dec"."""
    return describe_day(d, today)


def when(moment: datetime, clock: Clock) -> str:
    """A moment as "today 10:00" or "Fri 4 Dec 17:00"."""
    local = moment.astimezone(clock.tz)
    return f"{describe_day(local.date(), clock.today())} {local:%H:%M}"


def person_json(person: Person) -> dict[str, Any]:
    """A person for scripts."""
    from relate_tui.storage.records import person_to_record

    return person_to_record(person)


def note_json(note: Note, promise: Promise | None) -> dict[str, Any]:
    """A note (and the promise written with it) for scripts."""
    from relate_tui.storage.records import note_to_record, promise_to_record

    out = note_to_record(note)
    out["promise"] = promise_to_record(promise) if promise else None
    return out


def item_json(item: QueueItem) -> dict[str, Any]:
    """A queue item for scripts: who, what, when, and why."""
    last = item.last_note
    return {
        "kind": item.kind,
        "person_id": item.person_id,
        "person": item.person_name,
        "due": item.due.isoformat(),
        "group": item.group,
        "label": item.label,
        "promise_id": item.promise_id,
        "last_note": (
            {"at": last.at.isoformat(), "kind": last.kind, "first_line": last.first_line}
            if last
            else None
        ),
        "open_promises": [
            {"id": p.id, "text": p.text, "due": p.due.isoformat()} for p in item.open_promises
        ],
        "why": item.why(),
    }


def _item_line(
    item: QueueItem,
    today: date,
    due_words: Callable[[QueueItem, date], str],
    days_ago: Callable[[date], str],
) -> str:
    if item.group == "overdue" and item.kind != "date":
        status = f"{item.days_late} day{'s' if item.days_late != 1 else ''} late"
    else:  # "due Fri 4 Dec", "2 days ago" (a date missed), "added today, no contact yet"
        status = due_words(item, today)
    what = _WHAT[item.kind]
    line = f"  {item.person_name} · {what}: {item.label} · {status}"
    note = item.last_note
    if note is not None:
        first = note.first_line
        if len(first) > 60:
            first = first[:59] + "…"
        line += f"\n      last: {note.kind} {days_ago(note.at.date())}"
        line += f" — {first}" if first else ""
    return line


_WHAT = {"rhythm": "reconnect", "promise": "promise", "date": "date"}
"""What each kind of item is called in the queue's lines."""


def queue_text(items: tuple[QueueItem, ...], today: date, *, empty: bool) -> str:
    """The queue grouped under headings, one item per line (plus its last note)."""
    if empty:
        return 'Your journal is empty. Start with 3–5 people: relate add "Ana Lima" --tier A'
    if not items:
        return "Nothing due. Everyone is within their rhythm: enjoy the quiet."
    from relate_tui.domain.queue import GROUP_TITLES, due_words, group_items

    said: dict[date, str] = {}

    def days_ago(day: date) -> str:  # thousands of last notes, written on far fewer days
        words = said.get(day)
        if words is None:
            words = said[day] = ago(day, today)
        return words

    blocks = []
    for group, group_items_ in group_items(items):
        lines = [GROUP_TITLES[group]]
        lines += [_item_line(item, today, due_words, days_ago) for item in group_items_]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def explain_person(
    person: Person, items: tuple[QueueItem, ...], today: date, outlook: Outlook | None = None
) -> str:
    """Why each of ``person``'s items ranks where it does; for someone the queue does not
    list, why not and when it will (from ``outlook``)."""
    from relate_tui.domain.queue import explain
    from relate_tui.report.text import visible

    mine = [(rank, i) for rank, i in enumerate(items, 1) if i.person_id == person.id]
    if not mine:
        if outlook is None:
            return f"{person.name} has nothing in the queue (within rhythm, snoozed or no rhythm)."
        from relate_tui.report.people import not_in_queue_text

        return not_in_queue_text(outlook)
    text = "\n\n".join(
        visible(f"#{rank} of {len(items)}: {explain(item, today)}") for rank, item in mine
    )
    if outlook is not None:
        listed = {(i.kind, i.promise_id, i.due) for _, i in mine}
        later = [
            u for u in (outlook.rhythm, *outlook.promises, *outlook.dates)
            if u is not None and (u.item.kind, u.item.promise_id, u.item.due) not in listed
        ]  # fmt: skip
        if later:
            lines = [
                f"{u.item.kind}: {u.item.label}, due {describe_day(u.item.due, today)}, "
                f"in the queue from {describe_day(u.enters, today)}"
                for u in later
            ]
            text += "\n\nNot in the queue yet:\n" + "\n".join(f"  {visible(x)}" for x in lines)
    return text
