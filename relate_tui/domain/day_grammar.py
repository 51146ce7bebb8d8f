"""The day grammar: the small, deterministic language people type for days (due dates,
snoozes, the day of a note, the day you met).

pendulum parses no natural language and ``pendulum.parse("2026-12-01")`` is UTC midnight, so
this module reads what people type itself (with the stdlib only, so quick
capture does not import pendulum) and works in *local dates* (``datetime.date``)
throughout. Everything is relative to a ``today`` the caller passes in, and read in the
direction of its use (``prefer``): forward for due dates and snoozes, back for the time of
a note and the day you met. What each use then accepts is ``domain.date_uses``.

What ``read_day`` understands (``today`` is Wednesday 2 December 2026, weeks start Monday;
the fixed phrases, from ``today`` to ``next weekend`` and ``eom``, are ``domain.named_days``):

=====================================  ======================================================
``today``, ``tomorrow``, ``yesterday``  as said; also ``the day after tomorrow`` and
                                       ``the day before yesterday``
``fri``, ``friday``                    the next Friday *after* today: a bare weekday never
                                       means today ("fri" said on a Friday is in 7 days).
                                       Looking back it is the previous one, again not today.
``next tue``                           the Tuesday of *next week* (the week after the current
                                       one, weeks starting on ``week_start``): Tue 8 Dec.
                                       Said on a Monday, ``next tue`` is 8 days away, not
                                       tomorrow.
``last fri``                           the Friday of last week: Fri 27 Nov
``this fri``, ``this mon``             the nearest one in the direction of use, today
                                       included: forward Fri 4 Dec and Mon 7 Dec; looking
                                       back Fri 27 Nov and Mon 30 Nov
``the 3rd``, ``on the 15th``, ``23rd``  a day of the month: the next one after today (or the
                                       last one before it, looking back), in a month that
                                       has that day
``in 3 days``, ``in 2 weeks``,         that long from today; months and years are calendar
``in 1 month``, ``in a year``,         months, clamped to the month's end; a fortnight is
``in a fortnight``, ``3 days from now`` two weeks
``2w``, ``3d``, ``1m``, ``1y``         a bare duration means "in" that long (``m`` = month)
``3 weeks ago``, ``2 days ago``        that long before today
``2026-12-01``                         ISO date, always a local date (never UTC midnight)
``1 dec``, ``dec 1``, ``1st dec``,     a month-name date: with a year as written, else the
``1 december 2026``, ``december 1``,   next occurrence on or after today (the latest on or
``3rd of december``, ``april 15th``    before today looking back)
=====================================  ======================================================

Numeric day/month forms (``12/1``, ``1/12/2026``, ``12-1``, ``1.12.``) are refused with a hint,
because half the world reads them the other way round. An optional leading ``on`` or ``by``
is ignored ("by fri").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from relate_tui.domain.calendar_math import add_months, days_in_month, occurrence, week_start_of
from relate_tui.domain.date_words import MONTH_ABBRS
from relate_tui.domain.errors import InputError, shown
from relate_tui.domain.named_days import Prefer, named_day
from relate_tui.domain.units import DATE_UNIT_WORDS

__all__ = [
    "LazyPattern",
    "Prefer",
    "clean",
    "is_count_ahead",
    "parse_day",
    "plain_date",
    "read_day",
]

_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS = {name: i for i, full in enumerate(_WEEKDAY_NAMES) for name in (full, full[:3])}
"""Weekday words to 0 (Monday) ... 6 (Sunday)."""
WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
MONTHS = {name: i for i, full in enumerate(_MONTH_NAMES, start=1) for name in (full, full[:3])}
"""Month words to 1 (January) ... 12 (December)."""
MONTHS["sept"] = 9

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
"""Numbers people write as words ("in two weeks", "an hour ago")."""


class LazyPattern:
    """A regular expression compiled on first use, so importing this module stays cheap
    (``relate log`` imports it whenever a date is typed, and needs only one or two patterns).
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
NUMBER = r"([0-9]{1,5}\s*|(?:" + "|".join(NUMBER_WORDS) + r")\s+)"
"""A pattern for an amount: digits (touching the unit or not) or a number word."""
_UNIT = r"(" + "|".join(sorted(DATE_UNIT_WORDS, key=len, reverse=True)) + r")"
# One pattern for "in 3 days", "3 days", "3 days from now" and "3 days ago": one compile.
_SPAN_RE = LazyPattern(rf"(in\s+)?{NUMBER}{_UNIT}(?:\s+(ago|from\s+(?:now|today)))?")
# Year first is unambiguous whatever the separator: 2026-12-01, 2026/12/01, 2026.12.1.
_ISO_RE = LazyPattern(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})")
_NUMERIC_RE = LazyPattern(r"([0-9]{1,2})[/.\-]([0-9]{1,2})(?:[/.\-]([0-9]{2}|[0-9]{4})?)?")
_MONTH = r"([a-z]+)\.?"
_ORDINAL = r"([0-9]{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+([0-9]{4}))?"
_DAY_MONTH_RE = LazyPattern(rf"(?:the\s+)?{_ORDINAL}\s+(?:of\s+)?{_MONTH}{_YEAR}")
_MONTH_DAY_RE = LazyPattern(rf"{_MONTH}\s+(?:the\s+)?{_ORDINAL}{_YEAR}")
_DAY_OF_MONTH_RE = LazyPattern(r"the\s+([0-9]{1,2})(?:st|nd|rd|th)?|([0-9]{1,2})(?:st|nd|rd|th)")
_WEEKDAY_RE = LazyPattern(r"(?:(next|last|this)\s+)?([a-z]+)")

_DAY_EXAMPLES = "try today, fri, next tue, in 3 days, 2w or 2026-12-01"


def plain_date(d: date) -> date:
    """A stdlib ``date`` from a date, a datetime or a pendulum Date, so results stay plain."""
    return date(d.year, d.month, d.day)


def clean(text: str) -> str:
    """What a person typed, lower-cased, on one line, single-spaced."""
    return " ".join(str(text).strip().lower().split())


def is_count_ahead(text: str) -> bool:
    """Whether ``text`` is "in" and a count of days, weeks, fortnights, months or years
    ("in three months", "in 2w"), and nothing else: the one way a promise line says when
    it is due without "by" ("send the deck in three months")."""
    match = _SPAN_RE.fullmatch(clean(text))
    return match is not None and match.group(1) is not None and match.group(4) is None


def amount(token: str) -> int:
    """The number an amount token stands for: "3" or "3 " -> 3, "an" -> 1, "two" -> 2."""
    token = token.strip()
    return NUMBER_WORDS[token] if token in NUMBER_WORDS else int(token)


def _shift(today: date, count: int, unit: str) -> date:
    """``today`` moved by ``count`` units (negative goes back)."""
    if unit == "d":
        return today + timedelta(days=count)
    if unit in ("w", "f"):
        return today + timedelta(weeks=count * (2 if unit == "f" else 1))
    return add_months(today, count if unit == "m" else count * 12)


def read_day_month(text: str) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) for a month-name date ("1 dec", "dec 1, 2027",
    "3rd of december", "april 15th"), None for any other text. The day is not checked
    against the month here: the caller says what is wrong with "31 feb" in its own words.

    The one reading of day and month for due dates, note times and yearly dates alike.
    """
    for pattern, day_group, month_group in ((_DAY_MONTH_RE, 1, 2), (_MONTH_DAY_RE, 2, 1)):
        match = pattern.fullmatch(text)
        if match and match.group(month_group) in MONTHS:
            year = int(match.group(3)) if match.group(3) else None
            return int(match.group(day_group)), MONTHS[match.group(month_group)], year
    return None


def _month_name_date(
    text: str, day: int, month: int, year: int | None, today: date, prefer: Prefer
) -> date:
    """A month-name date; without a year, the nearest occurrence in the preferred direction."""
    name = f"{day} {MONTH_ABBRS[month - 1]}"
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            raise InputError(f'"{shown(text)}" is not a real date ({name} {year})') from None
    # 29 Feb means a real 29 Feb, so look a few years either way for the nearest one.
    step = 1 if prefer == "future" else -1
    for offset in range(9):
        try:
            candidate = date(today.year + step * offset, month, day)
        except ValueError:
            continue
        if (candidate >= today) if prefer == "future" else (candidate <= today):
            return candidate
    raise InputError(f'"{shown(text)}" is not a real date ({name})')


def _day_of_month(text: str, day: int, today: date, prefer: Prefer) -> date:
    """The next ``day`` of a month after today (the last one before it, looking back),
    skipping months too short to have it: "the 31st" said on 20 February is 31 March."""
    if not 1 <= day <= 31:
        raise InputError(f'no such day of the month: "{shown(text)}"')
    step = 1 if prefer == "future" else -1
    first = today.replace(day=1)
    for months in range(13):
        month = add_months(first, step * months)
        if day > days_in_month(month.year, month.month):
            continue
        candidate = month.replace(day=day)
        if (candidate > today) if prefer == "future" else (candidate < today):
            return candidate
    raise InputError(f'no such day of the month: "{shown(text)}"')  # pragma: no cover


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


def _weekday(which: str | None, weekday: int, today: date, week_start: int, prefer: Prefer) -> date:
    """A weekday, bare or with next / last / this (see the module docstring)."""
    week = week_start_of(today, week_start)
    into_week = (weekday - week_start) % 7
    if which == "next":
        return week + timedelta(days=7 + into_week)
    if which == "last":
        return week + timedelta(days=into_week - 7)
    # Days from today to the weekday forward (0-6), and back.
    ahead, behind = (weekday - today.weekday()) % 7, (today.weekday() - weekday) % 7
    if which == "this":  # the nearest in the direction of use, today included
        return today + timedelta(days=ahead if prefer == "future" else -behind)
    if prefer == "past":  # bare: never today
        return today - timedelta(days=behind or 7)
    return today + timedelta(days=ahead or 7)


def read_day(text: str, today: date, week_start: int, prefer: Prefer) -> date | None:
    """The grammar proper on cleaned text: a date, None when it does not match at all, or an
    ``InputError`` when it matches a form but the date is impossible or ambiguous.
    """
    for prefix in ("on ", "by "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    if (named := named_day(text, today, week_start, prefer)) is not None:
        return named
    if (match := _SPAN_RE.fullmatch(text)) and not (match.group(1) and match.group(4)):
        sign = -1 if match.group(4) == "ago" else 1
        return _shift(today, sign * amount(match.group(2)), DATE_UNIT_WORDS[match.group(3)])
    if match := _ISO_RE.fullmatch(text):
        try:
            return date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        except ValueError:
            raise InputError(f'"{shown(text)}" is not a real date') from None
    if match := _NUMERIC_RE.fullmatch(text):
        raise _numeric_hint(text, match, today, prefer)
    if (day_month := read_day_month(text)) is not None:
        return _month_name_date(text, *day_month, today, prefer)
    if match := _DAY_OF_MONTH_RE.fullmatch(text):
        return _day_of_month(text, int(match.group(1) or match.group(2)), today, prefer)
    match = _WEEKDAY_RE.fullmatch(text)
    if match and match.group(2) in WEEKDAYS:
        return _weekday(match.group(1), WEEKDAYS[match.group(2)], today, week_start, prefer)
    return None


def parse_day(text: str, today: date, week_start: int = 0, *, prefer: Prefer = "future") -> date:
    """A local date from what a person typed (see the module docstring for the grammar).

    ``prefer="past"`` reads it looking back instead of forward (bare weekdays, "this fri",
    month-name dates without a year, "this week"), for things that already happened.
    This is the grammar alone; the rules of each use (a due date is not in the past, a
    note's time not in the future) are ``domain.date_uses``.
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
