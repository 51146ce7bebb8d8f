"""The time grammar: when, to the minute, as people type it.

``read_moment`` takes every day the day grammar reads (``domain.day_grammar``) plus:

- times: ``5pm``, ``5:30pm``, ``17:00``, ``noon``, ``midnight``, with a day in either order
  (``yesterday 5pm``, ``fri at 10am``, ``5pm yesterday``, ``2026-12-01 14:30``);
- parts of the day: ``this morning``, ``yesterday afternoon``, ``fri evening``,
  ``tonight``, ``last night``, ``tomorrow in the morning`` (see ``PARTS``);
- hours and minutes: ``an hour ago``, ``2 hours ago``, ``30 min ago``, ``half an hour ago``,
  ``in 2 hours``, ``45 minutes from now``; in a note's time ``5m ago`` is five *minutes*
  (``minutes_m=True``), elsewhere ``m`` stays a month;
- ``now``, ``just now`` and full ISO date-times with or without an offset
  (``2026-12-01T14:30:00+01:00``).

A time alone is today's, except when that would land on the wrong side of now for the
direction of use: looking back ("5pm" typed at 9am) it is yesterday's, looking forward
("by 9am" typed at 5pm) tomorrow's. Times that do not exist because clocks jumped forward
move forward by the gap (02:30 becomes 03:30); times that happen twice when clocks go back
resolve to the first of the two.

What each use accepts (a note's time is never in the future, a due date never past) is
``domain.date_uses``; this module only reads.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from relate_tui.domain.day_grammar import (
    NUMBER,
    LazyPattern,
    Prefer,
    amount,
    plain_date,
    read_day,
)
from relate_tui.domain.errors import InputError, shown
from relate_tui.domain.units import CLOCK_UNIT_WORDS

PARTS = {"morning": (5, 9), "afternoon": (12, 15), "evening": (17, 19), "night": (20, 22)}
"""Parts of the day: the hour each begins and the hour it stands for ("this morning" is
09:00; "last night" is yesterday at 22:00)."""

_TIME_12_RE = LazyPattern(r"([0-9]{1,2})(?:[:.]([0-9]{2}))?\s*(am|pm|a\.m\.|p\.m\.)")
_TIME_24_RE = LazyPattern(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")
_CLOCK_UNIT = r"(" + "|".join(sorted([*CLOCK_UNIT_WORDS, "m"], key=len, reverse=True)) + r")"
# One pattern for "2 hours ago", "in 2 hours", "2 hours from now" and "2h": one compile.
_CLOCK_SPAN_RE = LazyPattern(rf"(in\s+)?{NUMBER}{_CLOCK_UNIT}(?:\s+(ago|from\s+now))?")
_ISO_MOMENT_RE = LazyPattern(r"[0-9]{4}-[0-9]{2}-[0-9]{2}t[0-9:.+\-z]+")


class Reading:
    """What a phrase says about when: a ``day``, perhaps with a ``clock`` time typed on it
    (hour, minute, second) or a ``part`` of the day (a key of ``PARTS``, only when no time
    was typed), or the ``exact`` moment when the phrase names one ("2 hours ago", an ISO
    date-time).

    A plain class, not a dataclass: building a dataclass costs ``relate log`` most of a
    millisecond at import, more than the rest of the grammar.
    """

    __slots__ = ("clock", "day", "exact", "part")

    def __init__(
        self,
        day: date,
        clock: tuple[int, int, int] | None = None,
        part: str | None = None,
        exact: datetime | None = None,
    ) -> None:
        self.day = day
        self.clock = clock
        self.part = part
        self.exact = exact

    def __repr__(self) -> str:
        return f"Reading({self.day!r}, {self.clock!r}, {self.part!r}, {self.exact!r})"


def plain_moment(moment: datetime) -> datetime:
    """A stdlib ``datetime`` equal to ``moment`` (which may be a pendulum DateTime)."""
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


def local(d: date, clock: tuple[int, int, int, int], now: datetime) -> datetime:
    """A wall-clock time on ``d`` in ``now``'s zone, DST-safe, as a stdlib datetime.

    A round trip through UTC resolves what the wall clock alone cannot: a time skipped when
    clocks jump forward comes back moved forward by the gap (02:30 -> 03:30), and a time
    that happens twice when clocks go back is the first of the two. Plain zoneinfo does
    this without importing pendulum, which ``relate log`` should not pay for. A naive
    ``now`` (a caller that only knows the date) gives a naive result.
    """
    hour, minute, second, micro = clock
    wall = datetime(d.year, d.month, d.day, hour, minute, second, micro, tzinfo=now.tzinfo)
    if now.tzinfo is None:
        return wall
    return plain_moment(wall.astimezone(UTC).astimezone(now.tzinfo))


def _moved(now: datetime, delta: timedelta) -> datetime:
    """``now`` moved by ``delta`` of real time (across a DST change, 2 hours are 2 hours)."""
    if now.tzinfo is None:
        return now + delta
    return plain_moment((now.astimezone(UTC) + delta).astimezone(now.tzinfo))


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
            # "at 5pm", "fri at 5pm"; and "by 9am", "tomorrow by 9am" as a due date says it.
            if rest and rest[-1] in ("at", "by"):
                rest = rest[:-1]
            if rest and rest[0] in ("at", "by"):
                rest = rest[1:]
            return " ".join(rest), clock
    return text, None


def _split_part(text: str) -> tuple[str, str | None]:
    """Split "yesterday afternoon" into ("yesterday", "afternoon"); "this morning" and a
    part alone are today's, "tonight" is today's night and "last night" yesterday's."""
    if text == "tonight":
        return "today", "night"
    if text == "last night":
        return "yesterday", "night"
    words = text.split(" ")
    if words[-1] not in PARTS:
        return text, None
    rest = words[:-1]
    if rest[-2:] == ["in", "the"]:
        rest = rest[:-2]
    elif rest == ["this"]:
        rest = []
    return " ".join(rest), words[-1]


def _iso_moment(text: str, now: datetime) -> datetime | None:
    """A full ISO date-time ("2026-12-01T14:30", with or without an offset), or None."""
    if "t" not in text or not _ISO_MOMENT_RE.fullmatch(text):
        return None
    try:
        parsed = datetime.fromisoformat(text.upper())
    except ValueError:
        raise InputError(f'"{shown(text)}" is not a real date and time') from None
    if parsed.tzinfo is None:
        clock = (parsed.hour, parsed.minute, parsed.second, parsed.microsecond)
        return local(parsed.date(), clock, now)
    if now.tzinfo is None:
        return parsed
    return plain_moment(parsed.astimezone(now.tzinfo))


def _hours_and_minutes(text: str, now: datetime, minutes_m: bool) -> datetime | None:
    """The moment "2 hours ago", "30 min ago" or "in 2 hours" names, or None."""
    match = _CLOCK_SPAN_RE.fullmatch(text.replace("half an hour", "30 min"))
    if match is None or (match.group(1) and match.group(4)):
        return None  # not a span, or "in 2 hours ago"
    count, unit = match.group(2), match.group(3)
    if unit == "m" and not minutes_m:
        return None  # "2m" is two months for a due date: the day grammar reads it
    unit = "min" if unit == "m" else CLOCK_UNIT_WORDS[unit]
    minutes = amount(count) * (60 if unit == "h" else 1)
    sign = -1 if match.group(4) == "ago" else 1
    return _moved(now, timedelta(minutes=sign * minutes))


def read_moment(
    text: str, now: datetime, week_start: int, prefer: Prefer, *, minutes_m: bool = False
) -> Reading | None:
    """What cleaned ``text`` says about when, read in the direction ``prefer``; None when it
    is none of the forms (see the module docstring). Raises ``InputError`` for a form whose
    date or time cannot exist (25:00, 30 feb), or an ambiguous one (12/1).

    ``now`` is aware for a note's time; a caller that knows only the day may pass a naive
    midnight (hours then count from the start of the day).
    """
    today = plain_date(now)
    if text in ("now", "just now", "right now"):
        return Reading(today, exact=plain_moment(now))
    if (moment := _iso_moment(text, now)) is not None:
        return Reading(moment.date(), exact=moment)
    if (moment := _hours_and_minutes(text, now, minutes_m)) is not None:
        return Reading(moment.date(), exact=moment)
    day_text, clock = _split_time(text)
    day_text, part = _split_part(day_text) if day_text else (day_text, None)
    if day_text:
        day = read_day(day_text, today, week_start, prefer)
        if day is None:
            return None
        return Reading(day, clock, None if clock else part)
    if clock is None:
        return Reading(today, part=part) if part else None
    # A time alone: today's, unless that lands on the wrong side of now ("5pm" typed just
    # after midnight is the evening before; "by 9am" typed at 5pm is tomorrow morning).
    moment = local(today, (*clock, 0), now)
    if prefer == "past" and moment > now:
        return Reading(today - timedelta(days=1), clock)
    if prefer == "future" and moment < now:
        return Reading(today + timedelta(days=1), clock)
    return Reading(today, clock)


def moment_of(reading: Reading, now: datetime) -> datetime:
    """The moment a reading stands for, in ``now``'s zone.

    A day alone keeps ``now``'s time of day (so notes logged in a row stay in order); a
    part of the day is its usual hour, or ``now`` when that part has begun today but its
    hour has not come yet ("this morning" said at 07:40 is 07:40).
    """
    if reading.exact is not None:
        return reading.exact
    if reading.clock is not None:
        return local(reading.day, (*reading.clock, 0), now)
    if reading.part is not None:
        begins, hour = PARTS[reading.part]
        moment = local(reading.day, (hour, 0, 0, 0), now)
        if moment > now and local(reading.day, (begins, 0, 0, 0), now) <= now:
            return plain_moment(now)
        return moment
    return local(reading.day, (now.hour, now.minute, now.second, now.microsecond), now)


def is_bare_duration(text: str) -> bool:
    """True for "2w", "5m", "3 days": a duration with neither "in" nor "ago"."""
    return re.fullmatch(r"[0-9]+\s*[a-z]+", text) is not None
