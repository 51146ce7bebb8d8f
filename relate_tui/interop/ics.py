"""The next-touch queue as an iCalendar file a calendar app can subscribe to.

Every item becomes an all-day VEVENT (``DTSTART;VALUE=DATE`` with the exclusive
``DTEND`` the day after) with a display reminder:

- **rhythm** — "Reconnect: Ana Lima" on the day it is due; an overdue one sits on the day
  of the export, saying how late it is (a calendar has no "overdue" to show it in);
- **promise** — "Promise to Carla: send deck" on its due date (or the export day if late);
- **important date** — "Eve Park: birthday", a yearly recurring event from its next
  occurrence (29 February recurs on the last day of February, so 28 February in common
  years, as in the queue), with the reminder as many days ahead as the queue's lead.

UIDs come from record ids (``rhythm-<person id>@relate``, ``promise-<id>@relate``,
``date-<person id>-<label>@relate``), so exporting again and re-subscribing updates events
instead of duplicating them; ``SEQUENCE`` is the journal's revision, which only grows.
The file is a snapshot: export again (from cron, say) to keep a subscription current.
Rhythm items and promises come from ``build_queue`` with a one-year horizon, so the
calendar shows what the queue would, further ahead.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from relate_tui.domain.dates import MONTH_ABBRS, next_occurrence
from relate_tui.domain.queue import QueueItem, build_queue

if TYPE_CHECKING:
    from relate_tui.journal import JournalData
    from relate_tui.settings import Settings

UID_DOMAIN = "relate"
CALENDAR_NAME = "relate: next touches"
HORIZON_DAYS = 400
"""How far ahead rhythm items and promises are exported: a yearly rhythm fits."""
REMINDER_HOUR = 9
"""Reminders go off at 9:00 (floating: the calendar's own time zone)."""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "date"


def _event(
    uid: str,
    summary: str,
    day: date,
    description: str,
    *,
    stamp: datetime,
    sequence: int,
    reminder_days_before: int = 0,
    yearly: dict[str, Any] | None = None,
) -> Any:
    from icalendar import Alarm, Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it does not make you busy
    event.add("categories", ["relate"])
    if description:
        event.add("description", description)
    if yearly:
        event.add("rrule", yearly)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(days=-reminder_days_before, hours=REMINDER_HOUR))
    event.add_component(alarm)
    return event


def _day(d: date, today: date) -> str:
    """ "13 Dec", or "13 Dec 2025" outside today's year: the style of the queue's reason,
    so one description never mixes it with 2026-12-13."""
    text = f"{d.day} {MONTH_ABBRS[d.month - 1]}"
    return text if d.year == today.year else f"{text} {d.year}"


def _context(item: QueueItem, today: date) -> list[str]:
    lines = []
    if item.last_note is not None:
        note = item.last_note
        first = note.first_line
        lines.append(
            f"Last: {note.kind} on {_day(note.at.date(), today)}" + (f" — {first}" if first else "")
        )
    for promise in item.open_promises:
        if promise.id != item.promise_id:
            lines.append(f"Open promise: {promise.text} (due {_day(promise.due, today)})")
    return lines


def export_ics(data: JournalData, settings: Settings, today: date, now: datetime) -> bytes:
    """The queue's rhythm items, open promises and everyone's important dates as iCalendar."""
    from icalendar import Calendar, vDuration

    cal = Calendar()
    cal.add("prodid", "-//relate//relate//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", CALENDAR_NAME)
    # How often a subscribing app should fetch the file again (Apple/Outlook, RFC 7986).
    cal.add("x-published-ttl", vDuration(timedelta(hours=12)))
    cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    stamp = now.astimezone(UTC).replace(microsecond=0)
    sequence = data.revision
    wide = settings.with_changes(horizon_days=HORIZON_DAYS, lead_days=0)
    items = build_queue(data.people, data.notes, data.promises, today, wide, touches=data.touches)
    events = []
    for item in items:
        day = max(item.due, today)
        late = ""
        if item.days_late:
            late = f" ({item.days_late} day{'s' if item.days_late != 1 else ''} late)"
        description = "\n".join([item.reason, *_context(item, today)])
        if item.kind == "rhythm":
            events.append(
                _event(
                    f"rhythm-{item.person_id}@{UID_DOMAIN}",
                    f"Reconnect: {item.person_name}{late}",
                    day,
                    description,
                    stamp=stamp,
                    sequence=sequence,
                )
            )
        elif item.kind == "promise":
            events.append(
                _event(
                    f"promise-{item.promise_id}@{UID_DOMAIN}",
                    f"Promise to {item.person_name}: {item.label}{late}",
                    day,
                    description,
                    stamp=stamp,
                    sequence=sequence,
                )
            )
    for person in sorted(data.active_people, key=lambda p: p.id):
        used: set[str] = set()
        for important in person.dates:
            slug = _slug(important.label)
            while slug in used:
                slug += "-2"
            used.add(slug)
            label = important.label.strip() or "date"
            leap_day = (important.month, important.day) == (2, 29)
            rule: dict[str, Any] = {"freq": "yearly", "bymonth": important.month}
            rule["bymonthday"] = -1 if leap_day else important.day
            since = ""
            if important.year:
                since = (
                    f" (born {important.year})" if important.is_birthday else f" ({important.year})"
                )
            events.append(
                _event(
                    f"date-{person.id}-{slug}@{UID_DOMAIN}",
                    f"{person.name}: {label}",
                    next_occurrence(important.month, important.day, today),
                    f"{label} of {person.name}{since}",
                    stamp=stamp,
                    sequence=sequence,
                    reminder_days_before=settings.lead_days,
                    yearly=rule,
                )
            )
    for event in events:
        cal.add_component(event)
    return cal.to_ical()
