"""Dates for people: "today", "Fri 4 Dec", "3 weeks ago", and the English names of weekdays
and months they are written with."""

from __future__ import annotations

from datetime import date, datetime

from relate_tui.domain.calendar_math import days_in_month
from relate_tui.domain.units import plural

WEEKDAY_ABBRS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_ABBRS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def describe_day(d: date, today: date) -> str:
    """A date for people: "today", "tomorrow", "yesterday", else "Fri 4 Dec", with the year
    when it is not this year ("Fri 4 Dec 2027").

    Names are English on purpose: the rest of the interface is, and strftime would follow
    the process locale.
    """
    if isinstance(d, datetime):
        d = d.date()
    if isinstance(today, datetime):
        today = today.date()
    delta = (d - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    text = f"{WEEKDAY_ABBRS[d.weekday()]} {d.day} {MONTH_ABBRS[d.month - 1]}"
    return text if d.year == today.year else f"{text} {d.year}"


def ago(d: date, today: date) -> str:
    """How long ago ``d`` was: "today", "yesterday", "3 days ago", "2 weeks ago",
    "3 months ago", "2 years ago"; future dates read "tomorrow", "in 3 days". Never raises.
    """
    try:
        if isinstance(d, datetime):
            d = d.date()
        if isinstance(today, datetime):
            today = today.date()
        days = (today - d).days
        if days == 0:
            return "today"
        if days == 1:
            return "yesterday"
        if days == -1:
            return "tomorrow"
        early, late = (d, today) if days > 0 else (today, d)
        # Whole calendar months between the two, so 31 Jan -> 28 Feb reads as "4 weeks".
        months = (late.year - early.year) * 12 + late.month - early.month
        if late.day < early.day and late.day != days_in_month(late.year, late.month):
            months -= 1
        span = abs(days)
        if months >= 12:
            words = plural(months // 12, "year")
        elif months >= 1:
            words = plural(months, "month")
        elif span >= 7:
            words = plural(span // 7, "week")
        else:
            words = plural(span, "day")
        return f"{words} ago" if days > 0 else f"in {words}"
    except Exception:  # a display helper must never take a screen down
        return str(d)
