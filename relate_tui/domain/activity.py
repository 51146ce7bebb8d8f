"""How often you were in touch, counted by month (one person) and by week (everyone).

The relationship picture: the person card and ``relate show`` draw a person's last 12
months, the weekly review and ``relate week`` everyone's last 12 weeks. Pure functions of
notes and today's date. A note's day is its local date (``note.at.date()``), as
everywhere; a note about three people is one touch in the weekly count (one conversation)
and one in each person's monthly count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from relate_tui.domain.calendar_math import add_months, week_start_of
from relate_tui.domain.notes import Note

MONTHS = 12
"""Months the person card and ``relate show`` look back over, this month included."""
WEEKS = 12
"""Weeks the weekly review and ``relate week`` look back over, this week included."""


@dataclass(frozen=True, slots=True)
class Period:
    """One month or week: its first day and how many touches and jots fell in it."""

    start: date
    touches: int = 0
    jots: int = 0
    """Notes of kind ``note``: written down, but not contact."""


def monthly_activity(
    notes: Iterable[Note], today: date, months: int = MONTHS
) -> tuple[Period, ...]:
    """The last ``months`` calendar months to ``today``'s, oldest first, with the touches
    and jots of ``notes`` (one person's) in each. Notes outside the window are ignored."""
    this_month = date(today.year, today.month, 1)
    starts = [add_months(this_month, offset) for offset in range(1 - months, 1)]
    index = {(d.year, d.month): i for i, d in enumerate(starts)}
    touches = [0] * months
    jots = [0] * months
    for note in notes:
        day = note.at.date()
        slot = index.get((day.year, day.month))
        if slot is None or day > today:
            continue
        if note.is_touch:
            touches[slot] += 1
        else:
            jots[slot] += 1
    return tuple(Period(s, t, j) for s, t, j in zip(starts, touches, jots, strict=True))


def weekly_activity(
    notes: Iterable[Note], today: date, week_start: int, weeks: int = WEEKS
) -> tuple[Period, ...]:
    """The last ``weeks`` weeks to this one (weeks start on ``week_start``, 0 = Monday),
    oldest first, with every touch and jot of ``notes`` in each."""
    this_week = week_start_of(today, week_start)
    first = this_week - timedelta(weeks=weeks - 1)
    touches = [0] * weeks
    jots = [0] * weeks
    for note in notes:
        day = note.at.date()
        if not first <= day <= today:
            continue
        slot = (day - first).days // 7
        if note.is_touch:
            touches[slot] += 1
        else:
            jots[slot] += 1
    return tuple(Period(first + timedelta(weeks=i), touches[i], jots[i]) for i in range(weeks))
