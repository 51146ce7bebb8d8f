"""Calendar arithmetic on local dates: month lengths, whole months clamped to the month's
end, yearly dates (29 February in common years) and the first day of a week.

Plain ``datetime.date`` arithmetic, without pendulum: the queue calls these for every
person, and quick capture should not import pendulum.
"""

from __future__ import annotations

from datetime import date, timedelta

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """How many days ``month`` (1-12) has in ``year``."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole calendar months (negative goes back), clamped to the month's end."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not date.min.year <= year <= date.max.year:
        raise OverflowError("date out of range")
    return date(year, month, min(d.day, days_in_month(year, month)))


def occurrence(month: int, day: int, year: int) -> date:
    """A yearly date in ``year``: 29 February falls on 28 February in common years.

    Any day past the month's end is clamped to it, so this never raises for months 1-12.
    """
    try:
        return date(year, month, day)
    except ValueError:  # 29 Feb in a common year (the queue calls this for every date)
        return date(year, month, min(day, days_in_month(year, month)))


def next_occurrence(month: int, day: int, today: date) -> date:
    """This year's occurrence of a yearly date if it is today or later, else next year's."""
    this_year = occurrence(month, day, today.year)
    return this_year if this_year >= today else occurrence(month, day, today.year + 1)


def week_start_of(d: date, week_start: int) -> date:
    """The first day of the week holding ``d``; ``week_start`` is 0 = Monday ... 6 = Sunday."""
    return d - timedelta(days=(d.weekday() - week_start) % 7)
