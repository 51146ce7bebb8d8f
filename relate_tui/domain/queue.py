"""The next-touch queue: who to reach out to next, computed (never stored) from the journal.

A pure function of people, notes, promises, today's date and the settings, exactly as
DESIGN.md "The next-touch queue" defines it:

* **rhythm** items: due = last touch + rhythm. A ``note`` is not a touch. Hidden while the
  person is snoozed (snooze-until after today); on the snooze date they are back with their
  real due date.
* A person **never touched** is due from the day they were added: they sit in *Today* (due
  today, a first contact to make) until one full rhythm from the day added has passed; from
  then on they are overdue, due on (day added + rhythm), and rank by ratio like everyone
  else. This is the one reading under which both DESIGN.md rows hold: Dan (added today,
  rhythm 2m) is due today, and Hana (added 15 Oct, rhythm 1m, only a jot) is due 15 Nov,
  17 days late, ratio 17/31. Jots never move it.
* **promise** items: every open promise, due on its due date. Late promises rank as if their
  rhythm were 7 days.
* **date** items: an important date whose next occurrence (today included) is at most
  ``lead_days`` away. Never overdue: the day after, it is gone until next year's window.

Groups: overdue (due before today), today, this week (to the last day of the current week,
weeks starting on ``settings.week_start``), next week, later (to ``today + horizon_days``).
This week and next week are always shown whole; anything due after both the horizon and the
end of next week is left out. Archived people never appear, nor do records about people the
journal no longer has.

Ranking: overdue by overdue ratio (days late / the rhythm's length in days), highest first,
then days late, then name; other groups by due date, then promises before dates before
rhythm items, then name.

Dates are local dates: a note's day is ``note.at.date()``, the date in the offset it was
written in, which is the user's local date at the time (a call at 00:30 counts for that day
even on the night clocks change).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from relate_tui.domain.calendar_math import next_occurrence, occurrence, week_start_of
from relate_tui.domain.errors import InputError
from relate_tui.domain.notes import Note
from relate_tui.domain.people import ImportantDate, Person
from relate_tui.domain.promises import OPEN, Promise
from relate_tui.domain.queue_item import (
    GROUP_TITLES,
    GROUPS,
    KINDS,
    PROMISE_PERIOD_DAYS,
    QueueItem,
    explain,
)
from relate_tui.domain.rhythm import Rhythm, resolve_rhythm
from relate_tui.domain.rules import QueueRules
from relate_tui.domain.touches import TouchInfo, head_of, newest_per_person, touch_index
from relate_tui.domain.units import plural

__all__ = [
    "GROUPS",
    "GROUP_TITLES",
    "KINDS",
    "PROMISE_PERIOD_DAYS",
    "QueueItem",
    "TouchInfo",
    "build_queue",
    "due_count",
    "explain",
    "group_items",
    "touch_index",
]

_KIND_RANK = {kind: index for index, kind in enumerate(KINDS)}
_GROUP_RANK = {group: index for index, group in enumerate(GROUPS)}


def _date_label(important: ImportantDate, due: date) -> str:
    """ "birthday (turns 40)", "wedding anniversary (10 years)", or the bare label."""
    label = important.label.strip() or "date"
    if important.year is None or due.year <= important.year:
        return label
    years = due.year - important.year
    if important.is_birthday:
        return f"{label} (turns {years})"
    return f"{label} ({plural(years, 'year')})"


def _resolve(stored: str, tiers: Mapping[str, str]) -> tuple[Rhythm, str, str] | None:
    """A stored rhythm as (rhythm, label, canonical form); None if it no longer resolves."""
    try:
        rhythm = resolve_rhythm(stored, tiers)
    except InputError:
        return None
    if rhythm is None:
        return None
    letter = stored.strip().upper()
    words = rhythm.describe()
    is_tier = len(letter) == 1 and letter.isalpha()
    return rhythm, (f"tier {letter} · {words}" if is_tier else words), str(rhythm)


def build_queue(
    people: Iterable[Person],
    notes: Iterable[Note],
    promises: Iterable[Promise],
    today: date,
    settings: QueueRules,
    *,
    touches: Mapping[str, TouchInfo] | None = None,
    until: date | None = None,
) -> tuple[QueueItem, ...]:
    """The ranked next-touch queue for ``today`` (see the module docstring for the rules).

    ``settings`` needs ``tiers``, ``week_start``, ``lead_days`` and ``horizon_days``.
    Pass ``touches`` (from ``touch_index``) to skip re-reading every note; ``notes`` is then
    not read at all. A rhythm that no longer resolves (a tier removed from the config) gives
    no rhythm item rather than breaking the queue. ``until`` leaves out items due after it
    (``relate due`` asks only for what is due by today).
    """
    today = date(today.year, today.month, today.day)  # a pendulum Date would leak into items
    if touches is None:
        newest_touch, newest_note, touch_days = newest_per_person(notes)
    week = week_start_of(today, settings.week_start)
    end_of_week = week + timedelta(days=6)
    end_of_next_week = week + timedelta(days=13)
    last_day = max(today + timedelta(days=settings.horizon_days), end_of_next_week)
    if until is not None:
        last_day = min(last_day, until)
    lead_days = settings.lead_days
    tiers = settings.tiers

    by_id: dict[str, Person] = {}
    for person in people:
        if not person.archived:
            by_id[person.id] = person

    open_by_person: dict[str, list[Promise]] = {}
    for promise in promises:
        if promise.status == OPEN and promise.person_id in by_id:
            open_by_person.setdefault(promise.person_id, []).append(promise)
    for person_promises in open_by_person.values():
        person_promises.sort(key=lambda p: (p.due, p.text.casefold()))

    rhythms: dict[str, tuple[Rhythm, str, str] | None] = {}  # resolve each distinct value once
    ranked: list[tuple[tuple, QueueItem]] = []
    promise_rank, date_rank, rhythm_rank = _KIND_RANK["promise"], _KIND_RANK["date"], 2

    for person in by_id.values():
        person_id = person.id
        stored = person.rhythm
        person_promises = open_by_person.get(person_id)
        if not stored and not person_promises and not person.dates:
            continue  # most imported contacts: nothing to look up
        if touches is None:
            touch = newest_touch.get(person_id)
            touch_day = touch_days.get(person_id)
            last_note = newest_note.get(person_id)
        else:
            info = touches.get(person_id)
            touch = info.last_touch if info is not None else None
            touch_day = touch.at.date() if touch is not None else None
        # (kind rank, kind, due, period days, label, promise id, canonical rhythm, start)
        found: list[tuple[int, str, date, int, str, str | None, str | None, date | None]] = []

        # Rhythm item: hidden while snoozed, back with its real due date on the snooze date.
        snooze = person.snooze_until
        if stored and (snooze is None or snooze <= today):
            if stored in rhythms:
                resolved = rhythms[stored]
            else:
                resolved = rhythms[stored] = _resolve(stored, tiers)
            if resolved is not None:
                rhythm, label, canonical = resolved
                start = touch_day
                if start is not None:
                    due = rhythm.add_to(start)
                    period = (due - start).days
                else:
                    start = person.created.date()
                    full = rhythm.add_to(start)
                    period = (full - start).days
                    # Due from the day added: "today" until a whole rhythm has gone by without
                    # a first contact, then overdue from the end of that rhythm.
                    due = full if full <= today else max(start, today)
                if due <= last_day:
                    found.append(
                        (rhythm_rank, "rhythm", due, period, label, None, canonical, start)
                    )

        # Promise items.
        open_promises = tuple(person_promises) if person_promises else ()
        for promise in open_promises:
            if promise.due <= last_day:
                found.append(
                    (
                        promise_rank,
                        "promise",
                        promise.due,
                        PROMISE_PERIOD_DAYS,
                        promise.text,
                        promise.id,
                        None,
                        None,
                    )
                )

        # Important-date items: only inside their lead window; never late, because the next
        # occurrence is today at the earliest.
        for important in person.dates:
            due = next_occurrence(important.month, important.day, today)
            if (due - today).days <= lead_days and due <= last_day:
                period = (occurrence(important.month, important.day, due.year + 1) - due).days
                label = _date_label(important, due)
                found.append((date_rank, "date", due, period, label, None, None, None))

        if not found:
            continue
        if touches is not None:  # read only now: the index may convert notes on demand
            last_note = info.last_note if info is not None else None
        head = head_of(last_note) if last_note is not None else None
        # Context shared by the person's items, looked up once.
        name = person.name
        sort_name = name.casefold()
        touch_kind = touch.kind if touch is not None else None
        for kind_rank, kind, due, period, label, promise_id, canonical, start in found:
            if due < today:
                group, days_late = "overdue", (today - due).days
            elif due == today:
                group, days_late = "today", 0
            elif due <= end_of_week:
                group, days_late = "this_week", 0
            elif due <= end_of_next_week:
                group, days_late = "next_week", 0
            else:
                group, days_late = "later", 0
            ratio = days_late / period if days_late and period > 0 else 0.0
            item = QueueItem(
                kind,
                person_id,
                name,
                due,
                group,
                days_late,
                ratio,
                period,
                touch_day,
                label,
                promise_id,
                head,
                open_promises,
                canonical,
                snooze if canonical is not None else None,
                touch_kind,
                start,
                today,
            )
            # The position in ``ranked`` ends every key, so ties never compare items.
            if days_late:
                key = (0, -ratio, -days_late, sort_name, person_id, kind_rank, len(ranked))
            else:
                key = (_GROUP_RANK[group], due, kind_rank, sort_name, person_id, len(ranked))
            ranked.append((key, item))

    ranked.sort(key=lambda pair: pair[0])
    return tuple(item for _, item in ranked)


def group_items(items: Iterable[QueueItem]) -> list[tuple[str, tuple[QueueItem, ...]]]:
    """The non-empty groups in display order, each with its items in queue order."""
    grouped: dict[str, list[QueueItem]] = {}
    for item in items:
        grouped.setdefault(item.group, []).append(item)
    return [(group, tuple(grouped[group])) for group in GROUPS if group in grouped]


def due_count(items: Iterable[QueueItem]) -> int:
    """How many items are overdue or due today (for ``relate due --count``)."""
    return sum(1 for item in items if item.group in ("overdue", "today"))
