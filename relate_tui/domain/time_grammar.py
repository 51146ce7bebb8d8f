"""The time grammar: when a note happened, as people type it.

``parse_when`` takes every day the day grammar reads (``domain.day_grammar``) plus times:
``now``, ``5pm``, ``5:30pm``, ``17:00``, ``noon``, ``midnight``, combined with a day in either
order (``yesterday 5pm``, ``fri at 10am``, ``5pm yesterday``, ``2026-12-01 14:30``), and full
ISO date-times with or without an offset (``2026-12-01T14:30:00+01:00``). A time alone means
today; a day alone keeps the current time of day. Weekdays and month-name dates without a
year look back (a note said "fri" happened last Friday). Times that do not exist because
clocks jumped forward move forward by the gap (02:30 becomes 03:30); times that happen twice
when clocks go back resolve to the first of the two.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from relate_tui.domain.day_grammar import LazyPattern, clean, plain_date, read_day
from relate_tui.domain.errors import InputError, shown

_TIME_12_RE = LazyPattern(r"([0-9]{1,2})(?:[:.]([0-9]{2}))?\s*(am|pm|a\.m\.|p\.m\.)")
_TIME_24_RE = LazyPattern(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")

_WHEN_EXAMPLES = "try now, yesterday 5pm, fri 10am, 17:00, 2 days ago or 2026-12-01 14:30"


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
    cleaned = clean(text)
    if cleaned == "now":
        return _plain_moment(now)
    try:
        if (moment := _iso_moment(cleaned, now)) is not None:
            return moment
        day_text, clock = _split_time(cleaned)
        today = plain_date(now)
        if day_text:
            day = read_day(day_text, today, week_start, "past")
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
