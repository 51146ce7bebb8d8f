"""Days with names: "today", "the day after tomorrow", "this week", "next weekend", "eom".

Part of the day grammar (``domain.day_grammar``): fixed phrases that need no numbers. Each
is read in the direction of its use (``prefer``): a due date looks forward, the time of a
note or the day you met looks back. Phrases that name a stretch of time rather than a day
stand for one day of it:

========================================  ==================================================
phrase                                     forward (due, snooze)      back (note, met on)
========================================  ==================================================
``this week`` / ``month`` / ``year``       its last day               its first day
``next week`` / ``month`` / ``year``       its first day              (the same: in the future)
``last week`` / ``month`` / ``year``       its first day              its first day
``end of week``, ``eow`` (``eom``,         the last day of this week (month, year)
``eoy``); ``eod`` is today
``sow``, ``som``, ``soy``                  the first day of the next  the first day of this
                                           week (month, year)         week (month, year)
``this weekend``, ``the weekend``          its Saturday, or today     its Saturday
                                           on a Sunday
``next weekend`` / ``last weekend``        the Saturday a week after / before this weekend's
========================================  ==================================================

``sow``, ``som`` and ``soy`` mean what they mean in Taskwarrior, whose users type them by
habit. A weekend is Saturday and Sunday whatever day weeks start on.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from relate_tui.domain.calendar_math import add_months, occurrence, week_start_of

Prefer = Literal["future", "past"]

_SATURDAY = 5

_ALIASES = {
    "now": "today",
    "eod": "today",
    "end of day": "today",
    "end of the day": "today",
    "end of today": "today",
    "the day after tomorrow": "day after tomorrow",
    "the day before yesterday": "day before yesterday",
    "eow": "end of week",
    "end of the week": "end of week",
    "end of this week": "end of week",
    "eom": "end of month",
    "end of the month": "end of month",
    "end of this month": "end of month",
    "eoy": "end of year",
    "end of the year": "end of year",
    "end of this year": "end of year",
    "the weekend": "this weekend",
    "weekend": "this weekend",
}


def _this_weekend_saturday(today: date) -> date:
    """The Saturday of the weekend in progress, or of the next one from Monday to Friday."""
    if today.weekday() == 6:  # Sunday: the weekend began yesterday
        return today - timedelta(days=1)
    return today + timedelta(days=(_SATURDAY - today.weekday()) % 7)


def _stretches(today: date, week_start: int) -> dict[str, tuple[date, date]]:
    """The first and last day of this week, month and year."""
    week = week_start_of(today, week_start)
    month = today.replace(day=1)
    return {
        "week": (week, week + timedelta(days=6)),
        "month": (month, occurrence(today.month, 31, today.year)),
        "year": (date(today.year, 1, 1), date(today.year, 12, 31)),
    }


def _next_start(first: date, unit: str) -> date:
    """The first day of the stretch after the one starting on ``first``."""
    if unit == "week":
        return first + timedelta(days=7)
    return add_months(first, 1 if unit == "month" else 12)


def _last_start(first: date, unit: str) -> date:
    """The first day of the stretch before the one starting on ``first``."""
    if unit == "week":
        return first - timedelta(days=7)
    return add_months(first, -1 if unit == "month" else -12)


def named_day(text: str, today: date, week_start: int, prefer: Prefer) -> date | None:
    """The day a fixed phrase names (see the module docstring), or None for any other text.

    ``text`` is cleaned (lower case, single spaces); ``today`` a plain local date.
    """
    text = _ALIASES.get(text, text)
    if text == "today":
        return today
    if text == "tomorrow":
        return today + timedelta(days=1)
    if text == "yesterday":
        return today - timedelta(days=1)
    if text == "day after tomorrow":
        return today + timedelta(days=2)
    if text == "day before yesterday":
        return today - timedelta(days=2)
    if text.endswith("weekend"):
        return _weekend(text, today, prefer)
    which, _, unit = text.partition(" ")
    stretches = _stretches(today, week_start)
    if which == "end" and unit.startswith("of ") and unit[3:] in stretches:
        return stretches[unit[3:]][1]
    shorthand = {"sow": "week", "som": "month", "soy": "year"}
    if text in shorthand:
        first = stretches[shorthand[text]][0]
        return _next_start(first, shorthand[text]) if prefer == "future" else first
    if unit not in stretches:
        return None
    first, last = stretches[unit]
    if which == "this":
        return last if prefer == "future" else first
    if which == "next":
        return _next_start(first, unit)
    if which == "last":
        return _last_start(first, unit)
    return None


def _weekend(text: str, today: date, prefer: Prefer) -> date | None:
    """This, next or last weekend: the Saturday that stands for it (see the module docstring)."""
    saturday = _this_weekend_saturday(today)
    if text == "this weekend":
        if prefer == "future":
            return max(saturday, today)
        return saturday if saturday <= today else saturday - timedelta(days=7)
    if text == "next weekend":
        return saturday + timedelta(days=7)
    if text == "last weekend":
        return saturday - timedelta(days=7)
    return None
