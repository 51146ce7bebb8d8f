"""The weekly review: how the week went and what is next, computed from the journal.

A pure function of people, notes, promises, today's date and the settings (DESIGN.md,
"The weekly review"). Every section is plain data; the command line and the review screen
only render it. The rules where DESIGN.md is silent:

* **The week** runs from the configured first day (``settings.week_start``) that holds
  today, for seven days; **last week** is the seven days before it. A note's day is its
  local date (``note.at.date()``), as in the queue.
* **Due** is the queue's *Overdue*, *Today* and *This week* groups, in queue order, with the
  queue's own items (so the ranking and its "why" are the same everywhere).
* **Touches** are notes of a touch kind (not a ``note`` jot) dated in the week. A note about
  several people is one touch that names them all.
* **Promises**: *kept* and *dropped* are those closed this week; a kept promise is **kept
  late** when the day it was kept is after its due day. *Late* promises are open ones due
  before today; *open* ones are the rest of the open promises (due today or later).
* **Drifting** lists people past their rhythm, furthest first by the queue's overdue ratio
  (days late / the rhythm's length), at most ``DRIFTING_LIMIT`` of them. Snoozing does not
  bring anyone back into rhythm, so snoozed people are listed too, marked as snoozed.
  A person never touched drifts once a whole rhythm from the day they were added has
  passed (the queue's rule).
* **Tiers**: a person is **in rhythm** when their last touch was within their rhythm (due
  today or later). Someone never touched is not in rhythm yet: nobody has been in touch.
  People with a rhythm of their own (``"2m"``) are summed up in one "own rhythm" row.
* **Weeks**: touches and jots in each of the last ``activity.WEEKS`` weeks, this one
  included (the small chart of the review screen and ``relate week``).
* **Balance** counts notes flagged *gave* and *asked* per person from ``BALANCE_MONTHS``
  months before today to today, for every person with at least one flag; *only asked* is
  the people you asked something of and gave nothing to in that time.

Archived people are left out of every section but the touches (a touch that happened
still happened), and records about people the journal no longer has are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from relate_tui.domain.activity import WEEKS, Period, weekly_activity
from relate_tui.domain.calendar_math import add_months, week_start_of
from relate_tui.domain.notes import Note
from relate_tui.domain.people import Person
from relate_tui.domain.promises import Promise
from relate_tui.domain.queue import build_queue, group_items
from relate_tui.domain.queue_item import QueueItem
from relate_tui.domain.review_promises import PromiseEntry, promise_sections
from relate_tui.domain.review_rhythm import (
    OWN_RHYTHM,
    Drift,
    TierSummary,
    drifting_people,
    tier_summaries,
)
from relate_tui.domain.review_touches import Balance, Touch, WeekTouches, scan_notes
from relate_tui.domain.rules import QueueRules
from relate_tui.domain.touches import TouchInfo, touch_index

__all__ = [
    "BALANCE_MONTHS",
    "DRIFTING_LIMIT",
    "DUE_GROUPS",
    "OWN_RHYTHM",
    "Balance",
    "Drift",
    "PromiseEntry",
    "Review",
    "TierSummary",
    "Touch",
    "WeekTouches",
    "first_day_read",
    "review",
]

DUE_GROUPS = ("overdue", "today", "this_week")
"""The queue groups the review walks: everything due up to the end of this week."""

DRIFTING_LIMIT = 10
"""How many drifting people the review lists (the total is reported too)."""

BALANCE_MONTHS = 6
"""How far back the give-and-take balance looks."""


@dataclass(frozen=True, slots=True)
class Review:
    """The weekly review for ``today``: every section as data (see the module docstring)."""

    today: date
    week_start: date
    week_end: date
    due: tuple[QueueItem, ...]
    """Overdue, today and this week, in queue order."""
    this_week: WeekTouches
    last_week: WeekTouches
    kept: tuple[PromiseEntry, ...]
    dropped: tuple[PromiseEntry, ...]
    late: tuple[PromiseEntry, ...]
    open: tuple[PromiseEntry, ...]
    drifting: tuple[Drift, ...]
    drifting_total: int
    """How many people are past their rhythm (``drifting`` holds the furthest few)."""
    tiers: tuple[TierSummary, ...]
    balance: tuple[Balance, ...]
    """Everyone with a gave or asked note in the window: only-asked first, then by how far
    the balance leans towards asking, then by name."""
    balance_since: date
    weeks: tuple[Period, ...] = ()
    """The last 12 weeks' touches and jots, oldest first, this week last."""

    @property
    def due_groups(self) -> list[tuple[str, tuple[QueueItem, ...]]]:
        """The due items under their queue groups, non-empty groups only."""
        return group_items(self.due)

    @property
    def only_asked(self) -> tuple[Balance, ...]:
        """Relationships where you only asked in the balance window."""
        return tuple(b for b in self.balance if b.only_asked)

    @property
    def nothing_due(self) -> bool:
        return not self.due


def first_day_read(today: date, settings: QueueRules) -> date:
    """The earliest day whose notes the review reads (last week's start or the start of the
    balance window, whichever is earlier): callers holding a long journal can skip older
    notes before converting them.
    """
    this_week = week_start_of(today, settings.week_start)
    oldest_week = this_week - timedelta(weeks=WEEKS - 1)  # the chart's first week
    return min(this_week - timedelta(days=7), oldest_week, add_months(today, -BALANCE_MONTHS))


def review(
    people: Iterable[Person],
    notes: Iterable[Note],
    promises: Iterable[Promise],
    today: date,
    settings: QueueRules,
    touches: Mapping[str, TouchInfo] | None = None,
) -> Review:
    """The weekly review for ``today``.

    ``settings`` needs what the queue needs (``tiers``, ``week_start``, ``lead_days``,
    ``horizon_days``). Pass ``touches`` (from ``touch_index``) when it is at hand; it is
    computed from ``notes`` otherwise. ``notes`` is read once, whatever its size.
    """
    today = date(today.year, today.month, today.day)
    people = tuple(people)
    notes = notes if isinstance(notes, tuple | list) else tuple(notes)
    promises = tuple(promises)
    if touches is None:
        touches = touch_index(notes)
    by_id = {p.id: p for p in people}
    active = tuple(p for p in people if not p.archived)

    week_start = week_start_of(today, settings.week_start)
    week_end = week_start + timedelta(days=6)
    last_start = week_start - timedelta(days=7)
    balance_since = add_months(today, -BALANCE_MONTHS)
    # ``first_day_read`` must cover both windows: scan_notes skips anything older.

    queue = build_queue(active, (), promises, today, settings, touches=touches)
    due = tuple(item for item in queue if item.group in DUE_GROUPS)

    this_week, last_week, balance = scan_notes(
        notes, by_id, (last_start, week_start, week_end), balance_since, today
    )
    kept, dropped, late, open_ = promise_sections(promises, by_id, week_start, week_end, today)
    drifting = drifting_people(active, touches, today, settings)
    return Review(
        today=today,
        week_start=week_start,
        week_end=week_end,
        due=due,
        this_week=this_week,
        last_week=last_week,
        kept=kept,
        dropped=dropped,
        late=late,
        open=open_,
        drifting=tuple(drifting[:DRIFTING_LIMIT]),
        drifting_total=len(drifting),
        tiers=tier_summaries(active, touches, today, settings.tiers),
        balance=balance,
        balance_since=balance_since,
        weeks=weekly_activity(notes, today, settings.week_start),
    )
