"""What each use of a typed date accepts: one rule per use, shared by the command line,
the app's previews and the app's saves, so a preview never accepts what saving refuses.

======================  =============================  =====================================
use                     read                           accepted
======================  =============================  =====================================
a note's time           looking back; ``5m`` is five   now or earlier, and at most
(``parse_when``)        minutes                        ``YEARS_BACK`` years ago
a due date              looking forward; a time or a   today or later
(``parse_due``)         part of the day is dropped
a snooze                as a due date                  after today
(``parse_snooze``)
the day you met         looking back; also a month     today or earlier, and at most
(``parse_met_on``)      and year or a year alone       ``YEARS_BACK`` years ago
======================  =============================  =====================================

Every function raises ``InputError`` with one line saying what was expected, and nothing
else, whatever the text (a Hypothesis property holds them to it).
"""

from __future__ import annotations

from datetime import date, datetime

from relate_tui.domain.calendar_math import occurrence
from relate_tui.domain.date_words import MONTH_ABBRS, describe_day
from relate_tui.domain.day_grammar import MONTHS, LazyPattern, clean, plain_date, read_day
from relate_tui.domain.errors import InputError, shown
from relate_tui.domain.time_grammar import is_bare_duration, moment_of, read_moment

YEARS_BACK = 120
"""How far back a note's time or the day you met may be: a lifetime. Further back is a
typo in the year (1900-01-01, 1026 for 2026), refused rather than kept."""

_WHEN_EXAMPLES = "try now, yesterday 5pm, this morning, 2 hours ago, fri 10am or 2026-12-01 14:30"
_DUE_EXAMPLES = "try fri, next tue, tomorrow 2pm, in 3 days, end of month or 2026-12-01"
_MET_EXAMPLES = "try 2024-05-17, last fri, 3 weeks ago, sept 2008 or 2008"
_MONTH_YEAR_RE = LazyPattern(r"(?:in\s+)?([a-z]+)\.?,?\s+([0-9]{4})|([0-9]{4})-([0-9]{1,2})")
_YEAR_RE = LazyPattern(r"(?:in\s+)?([0-9]{4})")


def _earliest(today: date) -> date:
    """The first day ``YEARS_BACK`` years before ``today``."""
    return occurrence(today.month, today.day, max(today.year - YEARS_BACK, 1))


def _too_far_back(text: str, day: date) -> InputError:
    when = f"{day.day} {MONTH_ABBRS[day.month - 1]} {day.year}"
    return InputError(
        f'"{shown(text)}" is {when}, more than {YEARS_BACK} years ago: check the year'
    )


def _out_of_range(text: str) -> InputError:
    return InputError(f'date "{shown(text)}" is out of range')


def parse_when(text: str, now: datetime, week_start: int = 0) -> datetime:
    """When a note happened, from what a person typed: ``now``, a time (``5pm``: today, or
    yesterday when that time has not come yet), a day (keeps the current time of day),
    both (``yesterday 5pm``), a part of the day (``last night``), a span back
    (``2 hours ago``, ``5m ago`` = five minutes) or a full ISO date-time with offset.

    The result is aware, in ``now``'s zone, never after ``now`` and at most ``YEARS_BACK``
    years before it. Weekdays and month-name dates without a year look back ("fri" is last
    Friday). Raises ``InputError`` with a one-line message.
    """
    if now.tzinfo is None:
        raise ValueError("parse_when needs an aware 'now'")
    cleaned = clean(text)
    try:
        reading = read_moment(cleaned, now, week_start, "past", minutes_m=True)
        if reading is None:
            raise InputError(f'time "{shown(text)}" not understood: {_WHEN_EXAMPLES}')
        moment = moment_of(reading, now)
    except InputError:
        raise
    except (OverflowError, ValueError):
        raise InputError(f'time "{shown(text)}" is out of range') from None
    today = plain_date(now)
    if moment > now:
        # A future "last touch" would hide the person from the queue until then.
        when = f"{describe_day(moment.date(), today)} {moment:%H:%M}"
        hint = f' (for the past, write "{cleaned} ago")' if is_bare_duration(cleaned) else ""
        raise InputError(
            f'a note records what happened: "{shown(text)}" is {when}, still to come{hint}'
        )
    if moment.date() < _earliest(today):
        raise _too_far_back(text, moment.date())
    return moment


def _forward(text: str, now: date, week_start: int) -> date | None:
    """The day ``text`` names read forward, a time or part of the day dropped; None when it
    names no date at all."""
    moment = now if isinstance(now, datetime) else datetime(now.year, now.month, now.day)
    try:
        reading = read_moment(clean(text), moment, week_start, "future")
    except InputError:
        raise
    except (OverflowError, ValueError):
        raise _out_of_range(text) from None
    if reading is None:
        return None
    return plain_date(reading.exact) if reading.exact is not None else reading.day


def _which_is(text: str, day: date, today: date) -> str:
    """ " (Fri 20 Nov)" to say which day ``text`` was read as, or "" when it says so itself."""
    when = describe_day(day, today)
    return "" if clean(text) == when else f" ({when})"


def read_due(text: str, now: date, week_start: int = 0) -> date | None:
    """The due date ``text`` names, or None when it names no date at all (so "drop by the
    gallery" stays words); ``InputError`` when it names a date that cannot be one: an
    impossible or ambiguous date, or a day before today.

    ``now`` is the current moment, or just today's date (hours then count from midnight).
    """
    day = _forward(text, now, week_start)
    today = plain_date(now)
    if day is not None and day < today:
        raise InputError(
            f'"{shown(text)}" is in the past{_which_is(text, day, today)}: '
            "a due date is today or later"
        )
    return day


def parse_due(text: str, now: date, week_start: int = 0) -> date:
    """The day a promise is due, from what a person typed: any day of the grammar read
    forward ("fri" is the coming Friday, "this week" its last day), with a time or part of
    the day allowed and dropped ("tomorrow at 2pm" is tomorrow). Never before today.

    Raises ``InputError`` with a one-line message.
    """
    day = read_due(text, now, week_start)
    if day is None:
        raise InputError(f'date "{shown(text)}" not understood: {_DUE_EXAMPLES}')
    return day


def parse_snooze(text: str, now: date, week_start: int = 0) -> date:
    """Until when to snooze, from what a person typed: read as a due date, but after today
    (a snooze until today would hide nothing). Raises ``InputError`` with a one-line message.
    """
    day = _forward(text, now, week_start)
    today = plain_date(now)
    if day is None:
        raise InputError(f'date "{shown(text)}" not understood: {_DUE_EXAMPLES}')
    if day <= today:
        which = f"in the past{_which_is(text, day, today)}" if day < today else "today"
        raise InputError(f'"{shown(text)}" is {which}: a snooze lasts until a day after today')
    return day


def parse_met_on(text: str, today: date, week_start: int = 0) -> date:
    """The day you met someone, from what a person typed: any day of the grammar read back
    ("fri" is last Friday), a month and year ("sept 2008", "2008-09": its first day) or a
    year alone ("2008": 1 January). Never after today, at most ``YEARS_BACK`` years ago.

    Raises ``InputError`` with a one-line message.
    """
    today = plain_date(today)
    cleaned = clean(text)
    try:
        day = _month_or_year(cleaned)
        if day is None:
            day = read_day(cleaned, today, week_start, "past")
    except InputError:
        raise
    except (OverflowError, ValueError):
        raise _out_of_range(text) from None
    if day is None:
        raise InputError(f'date "{shown(text)}" not understood: {_MET_EXAMPLES}')
    if day > today:
        raise InputError(
            f'"{shown(text)}" is still to come{_which_is(text, day, today)}: '
            "when you met is today or before"
        )
    if day < _earliest(today):
        raise _too_far_back(text, day)
    return day


def _month_or_year(text: str) -> date | None:
    """The first day of a month and year ("sept 2008", "2008-09") or a year ("2008")."""
    if match := _MONTH_YEAR_RE.fullmatch(text):
        if match.group(3):
            year, month = int(match.group(3)), int(match.group(4))
            if not 1 <= month <= 12:
                raise InputError(f'no such month: "{shown(text)}"')
            return date(year, month, 1)
        if match.group(1) in MONTHS:
            return date(int(match.group(2)), MONTHS[match.group(1)], 1)
    if match := _YEAR_RE.fullmatch(text):
        return date(int(match.group(1)), 1, 1)
    return None
