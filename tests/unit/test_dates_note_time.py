"""A note's time, as people type it (``--at``, the note form's "When"): read looking back,
never in the future, never absurdly far back.

The clock is fixed at Wednesday 25 November 2026 14:30 in Berlin (the issue's), also with
seconds and microseconds, so phrases relative to now keep them and clock times do not.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from relate_tui.domain.dates import YEARS_BACK, parse_when
from relate_tui.domain.errors import InputError

BERLIN = ZoneInfo("Europe/Berlin")
CLOCKS = [
    datetime(2026, 11, 25, 14, 30, tzinfo=BERLIN),
    datetime(2026, 11, 25, 14, 30, 27, tzinfo=BERLIN),
    datetime(2026, 11, 25, 14, 30, 27, 123456, tzinfo=BERLIN),
]
MONDAY, SUNDAY = 0, 6


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    """A wall-clock time in November 2026 in Berlin."""
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def expected(value: datetime | timedelta | date, now: datetime) -> datetime:
    """A row's expectation: a moment as is, a timedelta back from now, or a day at now's
    time of day (a day alone keeps the time, seconds and microseconds included)."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, timedelta):
        return now - value
    return now.replace(year=value.year, month=value.month, day=value.day)


ROWS = [
    # Minutes and hours: "m" after a number is minutes in a note's time (it was months).
    ("5m ago", timedelta(minutes=5)),
    ("15m ago", timedelta(minutes=15)),
    ("5 min ago", timedelta(minutes=5)),
    ("30 min ago", timedelta(minutes=30)),
    ("30 minutes ago", timedelta(minutes=30)),
    ("a minute ago", timedelta(minutes=1)),
    ("half an hour ago", timedelta(minutes=30)),
    ("an hour ago", timedelta(hours=1)),
    ("1h ago", timedelta(hours=1)),
    ("2 hours ago", timedelta(hours=2)),
    ("2 hrs ago", timedelta(hours=2)),
    ("now", timedelta(0)),
    ("just now", timedelta(0)),
    # Months stay months when written as months.
    ("3mo ago", date(2026, 8, 25)),  # summer time: the same wall clock, +02:00
    ("3 months ago", date(2026, 8, 25)),
    # Parts of the day: morning 09:00, afternoon 15:00, evening 19:00, night 22:00.
    ("last night", at(24, 22)),
    ("this morning", at(25, 9)),
    ("morning", at(25, 9)),
    ("in the morning", at(25, 9)),
    ("this afternoon", timedelta(0)),  # begun, its usual 15:00 not yet come: now
    ("yesterday afternoon", at(24, 15)),
    ("yesterday in the afternoon", at(24, 15)),
    ("yesterday evening", at(24, 19)),
    ("fri evening", at(20, 19)),
    ("mon morning", at(23, 9)),
    ("yesterday afternoon at 4pm", at(24, 16)),
    # Days before today.
    ("yesterday", date(2026, 11, 24)),
    ("day before yesterday", date(2026, 11, 23)),
    ("the day before yesterday", date(2026, 11, 23)),
    ("2 days ago", date(2026, 11, 23)),
    ("a fortnight ago", date(2026, 11, 11)),
    ("fri", date(2026, 11, 20)),
    ("this wed", date(2026, 11, 25)),  # today
    ("this mon", date(2026, 11, 23)),
    ("this fri", date(2026, 11, 20)),  # looking back: the nearest Friday gone
    ("last fri", date(2026, 11, 20)),
    ("this week", date(2026, 11, 23)),
    ("last week", date(2026, 11, 16)),
    ("this weekend", date(2026, 11, 21)),
    ("last weekend", date(2026, 11, 21)),
    ("this month", date(2026, 11, 1)),
    ("last month", date(2026, 10, 1)),
    ("this year", date(2026, 1, 1)),
    ("last year", date(2025, 1, 1)),
    ("the 3rd", date(2026, 11, 3)),
    ("on the 15th", date(2026, 11, 15)),
    ("23rd", date(2026, 11, 23)),
    ("the 25th", date(2026, 10, 25)),  # a bare day of the month is never today
    ("the 31st", date(2026, 10, 31)),  # November has no 31st
    ("april 15th", date(2026, 4, 15)),
    ("3rd of december", date(2025, 12, 3)),
    ("sow", date(2026, 11, 23)),
    ("som", date(2026, 11, 1)),
    ("soy", date(2026, 1, 1)),
    ("eod", date(2026, 11, 25)),
    # Clock times.
    ("yesterday 5pm", at(24, 17)),
    ("fri 10am", at(20, 10)),
    ("9am", at(25, 9)),
    ("5pm", at(24, 17)),  # not yet come today: yesterday's
    ("2026-11-01 14:30", at(1, 14, 30)),
    ("1906-11-25 12:00", datetime(1906, 11, 25, 12, tzinfo=BERLIN)),  # 120 years: kept
]


@pytest.mark.parametrize("now", CLOCKS, ids=["14:30", "14:30:27", "14:30:27.123456"])
@pytest.mark.parametrize(("text", "value"), ROWS)
def test_a_note_time_reads_back_from_now(
    text: str, value: datetime | timedelta | date, now: datetime
) -> None:
    result = parse_when(text, now)
    assert result == expected(value, now)
    assert result <= now
    assert result.tzinfo is BERLIN


@pytest.mark.parametrize(
    ("text", "week_start", "day"),
    [
        # Weeks start on the configured day for --at too, as for --due and the app.
        ("last sun", MONDAY, date(2026, 11, 22)),
        ("last sun", SUNDAY, date(2026, 11, 15)),
        ("this sun", MONDAY, date(2026, 11, 22)),
        ("this sun", SUNDAY, date(2026, 11, 22)),
        ("this week", SUNDAY, date(2026, 11, 22)),
        ("last week", SUNDAY, date(2026, 11, 15)),
        ("sow", SUNDAY, date(2026, 11, 22)),
    ],
)
def test_a_note_time_honours_the_week_start(text: str, week_start: int, day: date) -> None:
    now = CLOCKS[0]
    assert parse_when(text, now, week_start).date() == day


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("tonight", '"tonight" is today 22:00, still to come'),
        ("tomorrow", '"tomorrow" is tomorrow 14:30, still to come'),
        ("tomorrow morning", "still to come"),
        ("in 2 hours", '"in 2 hours" is today 16:30, still to come'),
        ("next week", "still to come"),
        ("eow", "still to come"),
        ("eom", "still to come"),
        # A bare duration means "in"; the message says how to write the past.
        ("5m", '"5m" is today 14:35, still to come (for the past, write "5m ago")'),
        ("2w", '"2w" is Wed 9 Dec 14:30, still to come (for the past, write "2w ago")'),
        ("2026-11-25T15:00", "still to come"),
        # Absurdly far back: a typo in the year.
        ("1900-01-01", '"1900-01-01" is 1 Jan 1900, more than 120 years ago: check the year'),
        ("1906-11-24", "more than 120 years ago"),
        ("1026-11-25 10:00", "more than 120 years ago"),
        ("0001-01-01T00:00:00+00:00", "more than 120 years ago"),
    ],
)
def test_a_note_time_in_the_future_or_too_far_back_is_refused(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_when(text, CLOCKS[0])
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_part_of_the_day_not_yet_begun_is_still_to_come() -> None:
    early = datetime(2026, 11, 25, 3, 0, tzinfo=BERLIN)
    with pytest.raises(InputError, match="still to come"):
        parse_when("this morning", early)
    assert parse_when("last night", early) == at(24, 22)
    # Begun but its usual hour not yet come: now, never later.
    seven = datetime(2026, 11, 25, 7, 40, 5, 17, tzinfo=BERLIN)
    assert parse_when("this morning", seven) == seven


def test_hours_ago_count_real_time_across_a_dst_change() -> None:
    # Berlin goes from 03:00 summer time back to 02:00 on 25 October 2026.
    now = datetime(2026, 10, 25, 3, 30, tzinfo=BERLIN)
    result = parse_when("2 hours ago", now)
    assert now.timestamp() - result.timestamp() == 2 * 3600


def test_the_bound_is_a_lifetime() -> None:
    assert YEARS_BACK == 120
