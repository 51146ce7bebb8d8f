"""Human dates: the small, deterministic grammar people type for due dates, snoozes and notes.

pendulum parses no natural language and ``pendulum.parse("2026-12-01")`` is UTC midnight, so
this module reads what people type itself (with the stdlib only, so quick
capture does not import pendulum) and works in *local dates* (``datetime.date``)
throughout. Everything is relative to a ``today`` (or ``now``) the caller passes in.

What ``parse_day`` understands (``today`` is Wednesday 2 December 2026, weeks start Monday):

=====================================  ======================================================
``today``, ``tomorrow``, ``yesterday``  as said (``now`` is today)
``fri``, ``friday``                    the next Friday *after* today: a bare weekday never
                                       means today ("fri" said on a Friday is in 7 days).
                                       With ``prefer="past"`` (note times, met dates) it is
                                       the previous one instead, again never today.
``next tue``                           the Tuesday of *next week* (the week after the current
                                       one, weeks starting on ``week_start``): Tue 8 Dec.
                                       Said on a Monday, ``next tue`` is 8 days away, not
                                       tomorrow.
``last fri``                           the Friday of last week: Fri 27 Nov
``this fri``                           the Friday of the current week (may be past)
``in 3 days``, ``in 2 weeks``,         that long from today; months and years are calendar
``in 1 month``, ``in a year``          months, clamped to the month's end
``2w``, ``3d``, ``1m``, ``1y``         a bare duration means "in" that long (``m`` = month)
``3 weeks ago``, ``2 days ago``        that long before today
``next week`` / ``last week``          the first day of next / last week
``end of week``                        the last day of the current week
``next month`` / ``last month``        the 1st of next / last month
``end of month``, ``end of year``      the last day of this month / year
``2026-12-01``                         ISO date, always a local date (never UTC midnight)
``1 dec``, ``dec 1``, ``1st dec``,     a month-name date: with a year as written, else the
``1 december 2026``, ``december 1``    next occurrence on or after today (the latest on or
                                       before today with ``prefer="past"``)
=====================================  ======================================================

Numeric day/month forms (``12/1``, ``1/12/2026``, ``12-1``, ``1.12.``) are refused with a hint,
because half the world reads them the other way round. An optional leading ``on`` or ``by``
is ignored ("by fri").

``parse_when`` (when a note happened) takes all of that plus times: ``now``, ``5pm``,
``5:30pm``, ``17:00``, ``noon``, ``midnight``, combined with a day in either order
(``yesterday 5pm``, ``fri at 10am``, ``5pm yesterday``, ``2026-12-01 14:30``), and full ISO
date-times with or without an offset (``2026-12-01T14:30:00+01:00``). A time alone means
today; a day alone keeps the current time of day. Weekdays and month-name dates without a
year look back (a note said "fri" happened last Friday). Times that do not exist because
clocks jumped forward move forward by the gap (02:30 becomes 03:30); times that happen twice
when clocks go back resolve to the first of the two.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from relate_tui.domain.errors import InputError, shown
from relate_tui.domain.units import DATE_UNIT_WORDS, plural

Prefer = Literal["future", "past"]

WEEKDAY_ABBRS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_ABBRS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_WEEKDAYS: dict[str, int] = {}
for _index, _name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
):
    _WEEKDAYS[_name] = _index
    _WEEKDAYS[_name[:3]] = _index
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_MONTHS: dict[str, int] = {}
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
for _index, _name in enumerate(_MONTH_NAMES, start=1):
    _MONTHS[_name] = _index
    _MONTHS[_name[:3]] = _index
_MONTHS["sept"] = 9

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


class _Lazy:
    """A regular expression compiled on first use, so importing this module stays cheap
    (the journal imports it on every ``relate log``, most of which parse no date).
    """

    __slots__ = ("_compiled", "_source")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: re.Pattern[str] | None = None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self._source)
        return self._compiled.fullmatch(text)


# Digits may touch the unit ("2w"); words may not, or "and" would read as "a" + "nd".
_NUMBER = r"([0-9]{1,5}\s*|(?:" + "|".join(_NUMBER_WORDS) + r")\s+)"
_UNIT = r"(" + "|".join(sorted(DATE_UNIT_WORDS, key=len, reverse=True)) + r")"
_IN_RE = _Lazy(rf"in\s+{_NUMBER}{_UNIT}")
_BARE_RE = _Lazy(rf"{_NUMBER}{_UNIT}")
_AGO_RE = _Lazy(rf"{_NUMBER}{_UNIT}\s+ago")
# Year first is unambiguous whatever the separator: 2026-12-01, 2026/12/01, 2026.12.1.
_ISO_RE = _Lazy(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})")
_NUMERIC_RE = _Lazy(r"([0-9]{1,2})[/.\-]([0-9]{1,2})(?:[/.\-]([0-9]{2}|[0-9]{4})?)?")
_MONTH = r"([a-z]+)\.?"
_ORDINAL = r"([0-9]{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+([0-9]{4}))?"
_DAY_MONTH_RE = _Lazy(rf"{_ORDINAL}\s+(?:of\s+)?{_MONTH}{_YEAR}")
_MONTH_DAY_RE = _Lazy(rf"{_MONTH}\s+{_ORDINAL}{_YEAR}")
_WEEKDAY_RE = _Lazy(r"(?:(next|last|this)\s+)?([a-z]+)")

_TIME_12_RE = _Lazy(r"([0-9]{1,2})(?:[:.]([0-9]{2}))?\s*(am|pm|a\.m\.|p\.m\.)")
_TIME_24_RE = _Lazy(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")

_DAY_EXAMPLES = "try today, fri, next tue, in 3 days, 2w or 2026-12-01"
_WHEN_EXAMPLES = "try now, yesterday 5pm, fri 10am, 17:00, 2 days ago or 2026-12-01 14:30"


def _plain_date(d: date) -> date:
    """A stdlib ``date`` from a date, a datetime or a pendulum Date, so results stay plain."""
    return date(d.year, d.month, d.day)


def _plain_moment(moment: datetime) -> datetime:
    """A stdlib aware ``datetime`` equal to ``moment`` (which may be a pendulum DateTime)."""
    return datetime(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        moment.microsecond,
        tzinfo=moment.tzinfo,
        fold=moment.fold,
    )


def _clean(text: str) -> str:
    return " ".join(str(text).strip().lower().split())


# --- calendar helpers -------------------------------------------------------------------


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


# --- showing dates ----------------------------------------------------------------------


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


# --- parsing days -----------------------------------------------------------------------


def _amount(token: str) -> int:
    token = token.strip()
    return _NUMBER_WORDS[token] if token in _NUMBER_WORDS else int(token)


def _shift(today: date, amount: int, unit: str) -> date:
    """``today`` moved by ``amount`` units (negative goes back)."""
    if unit == "d":
        return today + timedelta(days=amount)
    if unit == "w":
        return today + timedelta(weeks=amount)
    return add_months(today, amount if unit == "m" else amount * 12)


def _month_name_date(
    text: str, day: int, month: int, year: int | None, today: date, prefer: Prefer
) -> date:
    """A month-name date; without a year, the nearest occurrence in the preferred direction."""
    name = f"{day} {MONTH_ABBRS[month - 1]}"
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            raise InputError(f'no such date: "{shown(text)}" ({name} {year})') from None
    # 29 Feb means a real 29 Feb, so look a few years either way for the nearest one.
    step = 1 if prefer == "future" else -1
    for offset in range(9):
        try:
            candidate = date(today.year + step * offset, month, day)
        except ValueError:
            continue
        if (candidate >= today) if prefer == "future" else (candidate <= today):
            return candidate
    raise InputError(f'no such date: "{shown(text)}" ({name})')


def _numeric_hint(text: str, match: re.Match[str], today: date, prefer: Prefer) -> InputError:
    """The refusal for 12/1-style dates, with the two readings and unambiguous ways to write it."""
    first, second = int(match.group(1)), int(match.group(2))
    year_text = match.group(3)
    year = None
    if year_text:
        year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    readings = []  # (month, day), month-first (US) reading first
    for month, day in ((first, second), (second, first)):
        # 2000 is a leap year, so 29/2 without a year counts as a possible date.
        valid = 1 <= month <= 12 and 1 <= day <= days_in_month(year or 2000, month)
        if valid and (month, day) not in readings:
            readings.append((month, day))
    if not readings:
        return InputError(f'date "{shown(text)}" not understood: {_DAY_EXAMPLES}')
    month, day = readings[0]
    try:
        resolved = _month_name_date(text, day, month, year, today, prefer)
    except InputError:
        resolved = occurrence(month, day, year or today.year)
    iso = resolved.isoformat()
    words = f"{day} {MONTH_ABBRS[month - 1].lower()}"
    if len(readings) == 2:
        names = " or ".join(f"{d} {MONTH_ABBRS[m - 1]}" for m, d in readings)
        return InputError(f'"{shown(text)}" is ambiguous ({names}?): write {iso} or "{words}"')
    return InputError(f'date "{shown(text)}" not understood: write {iso} or "{words}"')


def _day(text: str, today: date, week_start: int, prefer: Prefer) -> date | None:
    """The grammar proper on cleaned text: a date, None when it does not match at all, or an
    ``InputError`` when it matches a form but the date is impossible or ambiguous.
    """
    for prefix in ("on ", "by "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    if text in ("today", "now"):
        return today
    if text == "tomorrow":
        return today + timedelta(days=1)
    if text == "yesterday":
        return today - timedelta(days=1)
    week = week_start_of(today, week_start)
    fixed = {
        "next week": week + timedelta(days=7),
        "last week": week - timedelta(days=7),
        "this week": week,
        "end of week": week + timedelta(days=6),
        "end of the week": week + timedelta(days=6),
        "next month": add_months(today.replace(day=1), 1),
        "last month": add_months(today.replace(day=1), -1),
        "end of month": occurrence(today.month, 31, today.year),
        "end of the month": occurrence(today.month, 31, today.year),
        "end of year": date(today.year, 12, 31),
        "end of the year": date(today.year, 12, 31),
    }
    if text in fixed:
        return fixed[text]

    if match := _IN_RE.fullmatch(text):
        return _shift(today, _amount(match.group(1)), DATE_UNIT_WORDS[match.group(2)])
    if match := _AGO_RE.fullmatch(text):
        return _shift(today, -_amount(match.group(1)), DATE_UNIT_WORDS[match.group(2)])
    if match := _BARE_RE.fullmatch(text):
        return _shift(today, _amount(match.group(1)), DATE_UNIT_WORDS[match.group(2)])

    if match := _ISO_RE.fullmatch(text):
        try:
            return date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        except ValueError:
            raise InputError(f'no such date: "{shown(text)}"') from None
    if match := _NUMERIC_RE.fullmatch(text):
        raise _numeric_hint(text, match, today, prefer)

    for pattern, day_group, month_group in ((_DAY_MONTH_RE, 1, 2), (_MONTH_DAY_RE, 2, 1)):
        match = pattern.fullmatch(text)
        if match and match.group(month_group) in _MONTHS:
            year = int(match.group(3)) if match.group(3) else None
            month = _MONTHS[match.group(month_group)]
            return _month_name_date(text, int(match.group(day_group)), month, year, today, prefer)

    match = _WEEKDAY_RE.fullmatch(text)
    if match and match.group(2) in _WEEKDAYS:
        weekday = _WEEKDAYS[match.group(2)]
        into_week = (weekday - week_start) % 7
        which = match.group(1)
        if which == "next":
            return week + timedelta(days=7 + into_week)
        if which == "last":
            return week + timedelta(days=into_week - 7)
        if which == "this":
            return week + timedelta(days=into_week)
        if prefer == "past":
            return today - timedelta(days=(today.weekday() - weekday) % 7 or 7)
        return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    return None


def parse_day(text: str, today: date, week_start: int = 0, *, prefer: Prefer = "future") -> date:
    """A local date from what a person typed (see the module docstring for the grammar).

    ``prefer="past"`` makes bare weekdays and month-name dates without a year look back
    instead of forward, for things that already happened (met dates).
    Raises ``InputError`` with a one-line message and examples.
    """
    today = _plain_date(today)
    cleaned = _clean(text)
    try:
        result = _day(cleaned, today, week_start, prefer)
    except (OverflowError, ValueError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f'date "{shown(text)}" is out of range') from None
    if result is None:
        raise InputError(f'date "{shown(text)}" not understood: {_DAY_EXAMPLES}')
    return result


# --- parsing moments --------------------------------------------------------------------


def _time(text: str) -> tuple[int, int, int] | None:
    """(hour, minute, second) for a time of day, None if ``text`` is not one.

    Raises ``InputError`` for times of the right shape that cannot exist (25:00, 13pm).
    """
    if text == "noon":
        return 12, 0, 0
    if text == "midnight":
        return 0, 0, 0
    if match := _TIME_12_RE.fullmatch(text):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise InputError(f'no such time: "{shown(text)}"')
        hour %= 12
        if match.group(3).startswith("p"):
            hour += 12
        return hour, minute, 0
    if match := _TIME_24_RE.fullmatch(text):
        hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
        if hour > 23 or minute > 59 or second > 59:
            raise InputError(f'no such time: "{shown(text)}"')
        return hour, minute, second
    return None


def _split_time(text: str) -> tuple[str, tuple[int, int, int] | None]:
    """Split "yesterday at 5 pm" into ("yesterday", (17, 0, 0)); the time may lead or trail."""
    words = text.split(" ")
    for size in (2, 1):
        if len(words) < size:
            continue
        for time_words, rest in ((words[-size:], words[:-size]), (words[:size], words[size:])):
            clock = _time(" ".join(time_words))
            if clock is None:
                continue
            if rest and rest[-1] == "at":
                rest = rest[:-1]
            if rest and rest[0] == "at":
                rest = rest[1:]
            return " ".join(rest), clock
    return text, None


def _local(d: date, clock: tuple[int, int, int, int], now: datetime) -> datetime:
    """A wall-clock time on ``d`` in ``now``'s zone, DST-safe, as a stdlib aware datetime.

    A round trip through UTC resolves what the wall clock alone cannot: a time skipped when
    clocks jump forward comes back moved forward by the gap (02:30 -> 03:30), and a time
    that happens twice when clocks go back is the first of the two. Plain zoneinfo does
    this without importing pendulum, which ``relate log`` should not pay for.
    """
    hour, minute, second, micro = clock
    wall = datetime(d.year, d.month, d.day, hour, minute, second, micro, tzinfo=now.tzinfo)
    return _plain_moment(wall.astimezone(UTC).astimezone(now.tzinfo))


def _iso_moment(text: str, now: datetime) -> datetime | None:
    """A full ISO date-time ("2026-12-01T14:30", with or without an offset), or None."""
    if "t" not in text or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}t[0-9:.+\-z]+", text):
        return None
    try:
        parsed = datetime.fromisoformat(text.upper())
    except ValueError:
        raise InputError(f'no such date and time: "{shown(text)}"') from None
    if parsed.tzinfo is None:
        clock = (parsed.hour, parsed.minute, parsed.second, parsed.microsecond)
        return _local(parsed.date(), clock, now)
    return _plain_moment(parsed.astimezone(now.tzinfo))


def parse_when(text: str, now: datetime, week_start: int = 0) -> datetime:
    """When a note happened, from what a person typed: ``now``, a time (``5pm``, ``17:00``:
    today, or yesterday when that time has not come yet today), a day (keeps the current
    time of day), both (``yesterday 5pm``, ``fri 10am``, ``2026-12-01 14:30``) or a full
    ISO date-time with offset.

    The result is aware, in ``now``'s time zone. Weekdays and month-name dates without a year
    look back ("fri" is last Friday). Raises ``InputError`` with a one-line message.
    """
    if now.tzinfo is None:
        raise ValueError("parse_when needs an aware 'now'")
    cleaned = _clean(text)
    if cleaned == "now":
        return _plain_moment(now)
    try:
        if (moment := _iso_moment(cleaned, now)) is not None:
            return moment
        day_text, clock = _split_time(cleaned)
        today = _plain_date(now)
        if day_text:
            day = _day(day_text, today, week_start, "past")
            if day is None:
                raise InputError(f'time "{shown(text)}" not understood: {_WHEN_EXAMPLES}')
        elif clock is not None:
            day = today
        else:
            raise InputError(f'time "{shown(text)}" not understood: {_WHEN_EXAMPLES}')
        if clock is None:
            # A day alone keeps the time of day, so notes logged in a row stay in order.
            return _local(day, (now.hour, now.minute, now.second, now.microsecond), now)
        moment = _local(day, (*clock, 0), now)
        if not day_text and moment > now:
            # A time alone that has not come yet today means yesterday: "5pm" typed
            # just after midnight is the call of the evening before.
            moment = _local(today - timedelta(days=1), (*clock, 0), now)
        return moment
    except InputError:
        raise
    except (OverflowError, ValueError):
        raise InputError(f'time "{shown(text)}" is out of range') from None
