"""The day grammar: the small, deterministic language people type for days (due dates,
snoozes, the day of a note).

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
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from relate_tui.domain.calendar_math import add_months, days_in_month, occurrence, week_start_of
from relate_tui.domain.date_words import MONTH_ABBRS
from relate_tui.domain.errors import InputError, shown
from relate_tui.domain.units import DATE_UNIT_WORDS

Prefer = Literal["future", "past"]

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


class LazyPattern:
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
_IN_RE = LazyPattern(rf"in\s+{_NUMBER}{_UNIT}")
_BARE_RE = LazyPattern(rf"{_NUMBER}{_UNIT}")
_AGO_RE = LazyPattern(rf"{_NUMBER}{_UNIT}\s+ago")
# Year first is unambiguous whatever the separator: 2026-12-01, 2026/12/01, 2026.12.1.
_ISO_RE = LazyPattern(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})")
_NUMERIC_RE = LazyPattern(r"([0-9]{1,2})[/.\-]([0-9]{1,2})(?:[/.\-]([0-9]{2}|[0-9]{4})?)?")
_MONTH = r"([a-z]+)\.?"
_ORDINAL = r"([0-9]{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+([0-9]{4}))?"
_DAY_MONTH_RE = LazyPattern(rf"{_ORDINAL}\s+(?:of\s+)?{_MONTH}{_YEAR}")
_MONTH_DAY_RE = LazyPattern(rf"{_MONTH}\s+{_ORDINAL}{_YEAR}")
_WEEKDAY_RE = LazyPattern(r"(?:(next|last|this)\s+)?([a-z]+)")

_DAY_EXAMPLES = "try today, fri, next tue, in 3 days, 2w or 2026-12-01"


def plain_date(d: date) -> date:
    """A stdlib ``date`` from a date, a datetime or a pendulum Date, so results stay plain."""
    return date(d.year, d.month, d.day)


def clean(text: str) -> str:
    """What a person typed, lower-cased, on one line, single-spaced."""
    return " ".join(str(text).strip().lower().split())


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


def read_day(text: str, today: date, week_start: int, prefer: Prefer) -> date | None:
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
    today = plain_date(today)
    cleaned = clean(text)
    try:
        result = read_day(cleaned, today, week_start, prefer)
    except (OverflowError, ValueError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f'date "{shown(text)}" is out of range') from None
    if result is None:
        raise InputError(f'date "{shown(text)}" not understood: {_DAY_EXAMPLES}')
    return result
