"""The next-touch queue: who to reach out to next, computed (never stored) from the journal.

A pure function of people, notes, promises, today's date and the settings, exactly as
DESIGN.md "The next-touch queue" defines it:

* **rhythm** items: due = last touch + rhythm. A ``note`` is not a touch. Hidden while the
  person is snoozed (snooze-until after today); on the snooze date they are back with their
  real due date.
* A person **never touched** is due from the day they were added, as a first contact to
  make: they sit in *Today* for the first ``FIRST_CONTACT_DAYS`` (a week) after being
  added ("added 3 days ago, no contact yet"), then wait like anyone else, their first
  rhythm counted from the day added: due on (day added + rhythm), overdue after it and
  ranked by ratio. Both DESIGN.md rows hold: Dan (added today, rhythm 2m) is due today,
  and Hana (added 15 Oct, rhythm 1m, only a jot) is due 15 Nov, 17 days late, ratio
  17/31. Jots never move it. (Before, a never-touched person read "due today" every day
  for a whole rhythm: months, for a tier C contact.)
* **promise** items: every open promise, due on its due date. Late promises rank as if their
  rhythm were 7 days.
* **date** items: an important date whose next occurrence (today included) is at most
  ``lead_days`` away; a date missed stays ``MISSED_DATE_DAYS`` (3) days more, overdue
  ("birthday 2 days ago", a belated message is still worth sending) and ranked as a late
  promise is (as if its rhythm were 7 days); then it is gone until next year's window.

Groups: overdue (due before today), today, this week (to the last day of the current week,
weeks starting on ``settings.week_start``), next week, later (to ``today + horizon_days``).
This week and next week are always shown whole; anything due after both the horizon and the
end of next week is left out. Archived people never appear, nor do records about people the
journal no longer has.

Ranking: overdue by overdue ratio (days late / the rhythm's length in days), highest first,
then days late, then name; other groups by due date, then promises before dates before
rhythm items (first contacts last), then name.

Dates are local dates: a note's day is ``note.at.date()``, the date in the offset it was
written in, which is the user's local date at the time (a call at 00:30 counts for that day
even on the night clocks change).
"""

from __future__ import annotations

from datetime import date

from relate_tui.domain.queue_due import (
    FIRST_CONTACT_DAYS,
    FIRST_CONTACT_RANK,
    KINDS,
    MISSED_DATE_DAYS,
    PROMISE_PERIOD_DAYS,
    DueDates,
    active_by_id,
    count_due,
    date_label,
    last_occurrence,
    open_promises_by_person,
    rhythm_due,
    window,
)
from relate_tui.domain.queue_item import (
    GROUP_TITLES,
    GROUPS,
    QueueItem,
    due_words,
    explain,
)
from relate_tui.domain.slotted import maker
from relate_tui.domain.touches import TouchInfo, head_of, newest_per_person, touch_index

TYPE_CHECKING = False  # typing is not imported on the lean read's path (``quick_queue``)
if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Mapping

    from relate_tui.domain.notes import Note
    from relate_tui.domain.promises import Promise
    from relate_tui.domain.queue_person import QueuePerson
    from relate_tui.domain.rules import QueueRules

__all__ = [
    "FIRST_CONTACT_DAYS",
    "GROUPS",
    "GROUP_TITLES",
    "KINDS",
    "MISSED_DATE_DAYS",
    "PROMISE_PERIOD_DAYS",
    "QueueItem",
    "TouchInfo",
    "build_queue",
    "count_due",
    "date_label",
    "due_count",
    "due_words",
    "explain",
    "group_items",
    "last_occurrence",
    "rank_key",
    "requeue",
    "rhythm_due",
    "touch_index",
]

_GROUP_RANK = {group: index for index, group in enumerate(GROUPS)}
_KIND_RANK = {kind: index for index, kind in enumerate(KINDS)}
_new_item = maker(QueueItem)
"""``QueueItem(...)`` with every field given, made cheaper (thousands per queue)."""


def _touch_lookup(
    notes: Iterable[Note], touches: Mapping[str, TouchInfo] | None
) -> Mapping[str, TouchInfo]:
    if touches is not None:
        return touches
    newest_touch, newest_note, _ = newest_per_person(notes)
    return {pid: TouchInfo(newest_touch.get(pid), note) for pid, note in newest_note.items()}


def build_queue(
    people: Iterable[QueuePerson],
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
    Pass ``touches`` (from ``touch_index``, or the journal's last-touch table) to skip
    re-reading every note; ``notes`` is then not read at all. ``people`` may be ``Person``s
    or anything with the fields the queue reads (``QueuePerson``). A rhythm that no longer
    resolves (a tier removed from the config) gives no rhythm item rather than breaking the
    queue. ``until`` leaves out items due after it (``relate due`` asks only for what is due
    by today).
    """
    frame = window(today, settings, until)
    today = frame.today
    touches = _touch_lookup(notes, touches)
    by_id = active_by_id(people)
    open_by_person = open_promises_by_person(promises, by_id)
    dues = DueDates(frame)
    end_of_week, end_of_next_week = frame.end_of_week, frame.end_of_next_week
    ranked: list[tuple[tuple, QueueItem]] = []

    for person in by_id.values():
        person_id = person.id
        person_promises = open_by_person.get(person_id, ())
        if not person.rhythm and not person_promises and not person.dates:
            continue  # most imported contacts: nothing to look up
        info = touches.get(person_id)
        touch_day = info.touch_day if info is not None else None
        found = dues.of(person, touch_day, person_promises)
        if not found:
            continue
        # Read only now: the last-touch table turns notes into heads on demand.
        last_note = info.last_note if info is not None else None
        head = head_of(last_note) if last_note is not None else None
        # Context shared by the person's items, looked up once.
        name = person.name
        sort_name = name.casefold()
        touch_kind = info.touch_kind if info is not None else None
        open_promises = tuple(person_promises)
        snooze = person.snooze_until
        for kind_rank, kind, due, period, label, promise_id, canonical, start in found:
            # Where it ranks: ``_rank`` written out, for thousands of items (the position
            # in ``ranked`` ends every key, so ties never compare items).
            if due < today:
                group, days_late = "overdue", (today - due).days
                ratio = days_late / period if period > 0 else 0.0
                key = (0, -ratio, -days_late, sort_name, person_id, kind_rank, len(ranked))
            else:
                if due == today:
                    group, group_rank = "today", 1
                elif due <= end_of_week:
                    group, group_rank = "this_week", 2
                elif due <= end_of_next_week:
                    group, group_rank = "next_week", 3
                else:
                    group, group_rank = "later", 4
                days_late, ratio = 0, 0.0
                key = (group_rank, due, kind_rank, sort_name, person_id, len(ranked))
            item = _new_item(
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
            ranked.append((key, item))

    ranked.sort()  # keys are unique: the items themselves are never compared
    return tuple(item for _, item in ranked)


def _rank(
    kind_rank: int,
    group: str,
    due: date,
    days_late: int,
    ratio: float,
    sort_name: str,
    person_id: str,
) -> tuple:
    """Where an item ranks: overdue by ratio, the rest by group and due date (see the
    module docstring); ties only ever between items of one person."""
    if days_late:
        return (0, -ratio, -days_late, sort_name, person_id, kind_rank)
    return (_GROUP_RANK[group], due, kind_rank, sort_name, person_id)


def rank_key(item: QueueItem) -> tuple:
    """The key ``build_queue`` ranks ``item`` by (a stable sort keeps a person's items in
    the order it gave them)."""
    first_contact = item.kind == "rhythm" and item.last_touch is None
    return _rank(
        FIRST_CONTACT_RANK if first_contact else _KIND_RANK[item.kind],
        item.group,
        item.due,
        item.days_late,
        item.ratio,
        item.person_name.casefold(),
        item.person_id,
    )


def requeue(
    items: Iterable[QueueItem],
    person_ids: Collection[str],
    people: Iterable[QueuePerson],
    promises: Iterable[Promise],
    today: date,
    settings: QueueRules,
    *,
    touches: Mapping[str, TouchInfo],
) -> tuple[QueueItem, ...]:
    """``items`` (a queue for ``today``) with the items of ``person_ids`` worked out again
    from ``people``, ``promises`` and ``touches``: after a change that touched only them,
    the same queue ``build_queue`` gives, in a fraction of the time."""
    ids = set(person_ids)
    fresh = build_queue(
        [p for p in people if p.id in ids],
        (),
        [p for p in promises if p.person_id in ids],
        today,
        settings,
        touches=touches,
    )
    kept = [item for item in items if item.person_id not in ids]
    return tuple(sorted([*kept, *fresh], key=rank_key))


def group_items(items: Iterable[QueueItem]) -> list[tuple[str, tuple[QueueItem, ...]]]:
    """The non-empty groups in display order, each with its items in queue order."""
    grouped: dict[str, list[QueueItem]] = {}
    for item in items:
        grouped.setdefault(item.group, []).append(item)
    return [(group, tuple(grouped[group])) for group in GROUPS if group in grouped]


def due_count(items: Iterable[QueueItem]) -> int:
    """How many items are overdue or due today (for ``relate due --count``)."""
    return sum(1 for item in items if item.group in ("overdue", "today"))
