"""The human date grammar: every phrase people type, with the day it must land on."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pendulum
import pytest

from relate_tui.domain.dates import (
    ago,
    describe_day,
    next_occurrence,
    occurrence,
    parse_day,
    parse_when,
    week_start_of,
)
from relate_tui.domain.errors import InputError

WED = date(2026, 12, 2)  # Wednesday 2 December 2026, the DESIGN.md worked example's today
FRI = date(2026, 12, 4)
SUN = date(2026, 12, 6)
MON = date(2026, 11, 30)
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 2, 10, 15, tzinfo=BERLIN)  # Wednesday, 10:15 in Berlin


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 12, 2)),
        ("Today", date(2026, 12, 2)),
        ("now", date(2026, 12, 2)),
        ("tomorrow", date(2026, 12, 3)),
        ("yesterday", date(2026, 12, 1)),
        # A bare weekday is the next one after today.
        ("fri", date(2026, 12, 4)),
        ("friday", date(2026, 12, 4)),
        ("FRI", date(2026, 12, 4)),
        ("by fri", date(2026, 12, 4)),
        ("on fri", date(2026, 12, 4)),
        ("mon", date(2026, 12, 7)),
        ("tues", date(2026, 12, 8)),
        ("thurs", date(2026, 12, 3)),
        ("wed", date(2026, 12, 9)),  # today is Wednesday: a bare weekday never means today
        # next/last/this <weekday> name a day in next/last/this week.
        ("next tue", date(2026, 12, 8)),
        ("next tuesday", date(2026, 12, 8)),
        ("next fri", date(2026, 12, 11)),
        ("next mon", date(2026, 12, 7)),
        ("last fri", date(2026, 11, 27)),
        ("last mon", date(2026, 11, 23)),
        ("this fri", date(2026, 12, 4)),
        ("this mon", date(2026, 12, 7)),  # forward, never the Monday just gone
        ("in 3 days", date(2026, 12, 5)),
        ("in 1 day", date(2026, 12, 3)),
        ("in 2 weeks", date(2026, 12, 16)),
        ("in 1 month", date(2027, 1, 2)),
        ("in a month", date(2027, 1, 2)),
        ("in two weeks", date(2026, 12, 16)),
        ("in 1 year", date(2027, 12, 2)),
        ("2w", date(2026, 12, 16)),
        ("3d", date(2026, 12, 5)),
        ("1m", date(2027, 1, 2)),
        ("1y", date(2027, 12, 2)),
        ("2 weeks", date(2026, 12, 16)),
        ("a week", date(2026, 12, 9)),
        ("3 weeks ago", date(2026, 11, 11)),
        ("2 days ago", date(2026, 11, 30)),
        ("a month ago", date(2026, 11, 2)),
        ("1 year ago", date(2025, 12, 2)),
        ("next week", date(2026, 12, 7)),
        ("last week", date(2026, 11, 23)),
        ("end of week", date(2026, 12, 6)),
        ("next month", date(2027, 1, 1)),
        ("last month", date(2026, 11, 1)),
        ("end of month", date(2026, 12, 31)),
        ("end of the month", date(2026, 12, 31)),
        ("end of year", date(2026, 12, 31)),
        ("2026-12-01", date(2026, 12, 1)),
        ("2027-1-5", date(2027, 1, 5)),
        ("2026/12/05", date(2026, 12, 5)),
        # Month-name dates without a year: the next occurrence, today included.
        ("2 dec", date(2026, 12, 2)),
        ("1 dec", date(2027, 12, 1)),
        ("dec 1", date(2027, 12, 1)),
        ("5 dec", date(2026, 12, 5)),
        ("dec 5", date(2026, 12, 5)),
        ("5th dec", date(2026, 12, 5)),
        ("december 25", date(2026, 12, 25)),
        ("15 jan", date(2027, 1, 15)),
        ("1 december 2026", date(2026, 12, 1)),
        ("dec 1, 2026", date(2026, 12, 1)),
        ("29 feb", date(2028, 2, 29)),
        ("29 feb 2028", date(2028, 2, 29)),
        ("1 sept", date(2027, 9, 1)),
    ],
)
def test_parse_day_on_a_wednesday(text: str, expected: date) -> None:
    assert parse_day(text, WED) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        # Said on a Friday, "fri" is next week's Friday, not today.
        ("fri", FRI, date(2026, 12, 11)),
        ("sat", FRI, date(2026, 12, 5)),
        # Said on a Monday, "next tue" is next week's Tuesday, 8 days away, not tomorrow.
        ("next tue", MON, date(2026, 12, 8)),
        ("tue", MON, date(2026, 12, 1)),
        # Month ends clamp: 31 Jan + 1 month is the last day of February.
        ("in 1 month", date(2026, 1, 31), date(2026, 2, 28)),
        ("1m", date(2028, 1, 31), date(2028, 2, 29)),
        ("1 month ago", date(2026, 3, 31), date(2026, 2, 28)),
        ("end of month", date(2026, 2, 10), date(2026, 2, 28)),
        ("end of month", date(2028, 2, 10), date(2028, 2, 29)),
        ("next month", date(2026, 12, 31), date(2027, 1, 1)),
        # Year turn.
        ("next week", date(2026, 12, 30), date(2027, 1, 4)),
        ("tomorrow", date(2026, 12, 31), date(2027, 1, 1)),
    ],
)
def test_parse_day_relative_to_other_days(text: str, today: date, expected: date) -> None:
    assert parse_day(text, today) == expected


@pytest.mark.parametrize(
    ("text", "week_start", "expected"),
    [
        ("next week", 0, date(2026, 12, 7)),  # Monday
        ("next week", 6, date(2026, 12, 13)),  # Sunday
        ("end of week", 0, date(2026, 12, 6)),
        ("end of week", 6, date(2026, 12, 12)),
        # On Sunday 6 Dec with Monday weeks, tomorrow is already "next week".
        ("next mon", 0, date(2026, 12, 7)),
        ("next mon", 6, date(2026, 12, 14)),
        ("last sun", 0, date(2026, 11, 29)),
        ("last sun", 6, date(2026, 11, 29)),
    ],
)
def test_week_start_changes_next_week(text: str, week_start: int, expected: date) -> None:
    assert parse_day(text, SUN, week_start) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fri", date(2026, 11, 27)),
        ("wed", date(2026, 11, 25)),
        ("1 dec", date(2026, 12, 1)),
        ("3 dec", date(2025, 12, 3)),
        ("2 dec", date(2026, 12, 2)),
        # Explicit phrases mean the same in both directions.
        ("next tue", date(2026, 12, 8)),
        ("2w", date(2026, 12, 16)),
    ],
)
def test_prefer_past_looks_back_for_things_that_happened(text: str, expected: date) -> None:
    assert parse_day(text, WED, prefer="past") == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("12/1", '"12/1" is ambiguous (1 Dec or 12 Jan?): write 2026-12-01 or "1 dec"'),
        ("12-1", '"12-1" is ambiguous (1 Dec or 12 Jan?): write 2026-12-01 or "1 dec"'),
        ("1/12/2026", '"1/12/2026" is ambiguous (12 Jan or 1 Dec?): write 2026-01-12 or "12 jan"'),
        ("1.12.", '"1.12." is ambiguous (12 Jan or 1 Dec?): write 2027-01-12 or "12 jan"'),
        ("13/1", 'date "13/1" not understood: write 2027-01-13 or "13 jan"'),
        (
            "blah",
            'date "blah" not understood: try today, fri, next tue, in 3 days, 2w or 2026-12-01',
        ),
        ("", 'date "" not understood: try today, fri, next tue, in 3 days, 2w or 2026-12-01'),
        ("and", 'date "and" not understood'),
        ("next blah", 'date "next blah" not understood'),
        ("2026-02-30", '"2026-02-30" is not a real date'),
        ("31 feb 2026", '"31 feb 2026" is not a real date'),
        ("30 feb", '"30 feb" is not a real date'),
        ("99/99", 'date "99/99" not understood'),
        ("in 99999 years", 'date "in 99999 years" is out of range'),
        ("fortnight-ish\nthing", 'date "fortnight-ish thing" not understood'),
    ],
)
def test_parse_day_refuses_with_a_one_line_hint(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_day(text, date(2026, 11, 26))
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_parse_day_returns_plain_dates_even_from_a_pendulum_today() -> None:
    result = parse_day("tomorrow", pendulum.date(2026, 12, 2))
    assert type(result) is date
    assert result == date(2026, 12, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", datetime(2026, 12, 2, 10, 15, tzinfo=BERLIN)),
        ("5pm", datetime(2026, 12, 1, 17, 0, tzinfo=BERLIN)),  # not yet today: yesterday
        ("5 pm", datetime(2026, 12, 1, 17, 0, tzinfo=BERLIN)),  # not yet today: yesterday
        ("5:30pm", datetime(2026, 12, 1, 17, 30, tzinfo=BERLIN)),  # not yet today: yesterday
        ("17:00", datetime(2026, 12, 1, 17, 0, tzinfo=BERLIN)),  # not yet today: yesterday
        ("9am", datetime(2026, 12, 2, 9, 0, tzinfo=BERLIN)),
        ("12am", datetime(2026, 12, 2, 0, 0, tzinfo=BERLIN)),
        ("12pm", datetime(2026, 12, 1, 12, 0, tzinfo=BERLIN)),  # not yet today: yesterday
        ("noon", datetime(2026, 12, 1, 12, 0, tzinfo=BERLIN)),  # not yet today: yesterday
        ("yesterday 5pm", datetime(2026, 12, 1, 17, 0, tzinfo=BERLIN)),
        ("yesterday at 5pm", datetime(2026, 12, 1, 17, 0, tzinfo=BERLIN)),
        ("5pm yesterday", datetime(2026, 12, 1, 17, 0, tzinfo=BERLIN)),
        ("at 9am", datetime(2026, 12, 2, 9, 0, tzinfo=BERLIN)),
        # A note said to be on "fri" happened last Friday.
        ("fri 10am", datetime(2026, 11, 27, 10, 0, tzinfo=BERLIN)),
        ("last fri 10am", datetime(2026, 11, 27, 10, 0, tzinfo=BERLIN)),
        ("2026-12-01 14:30", datetime(2026, 12, 1, 14, 30, tzinfo=BERLIN)),
        ("1 dec 14:30", datetime(2026, 12, 1, 14, 30, tzinfo=BERLIN)),
        ("2026-12-01T14:30", datetime(2026, 12, 1, 14, 30, tzinfo=BERLIN)),
        ("2026-12-01T14:30:00+01:00", datetime(2026, 12, 1, 14, 30, tzinfo=BERLIN)),
        # Another offset is the same instant, shown in the local zone.
        ("2026-12-01T13:30:00Z", datetime(2026, 12, 1, 14, 30, tzinfo=BERLIN)),
        ("2026-12-01T08:30:00-05:00", datetime(2026, 12, 1, 14, 30, tzinfo=BERLIN)),
        # A day alone keeps the current time of day.
        ("yesterday", datetime(2026, 12, 1, 10, 15, tzinfo=BERLIN)),
        ("2 days ago", datetime(2026, 11, 30, 10, 15, tzinfo=BERLIN)),
        ("2026-11-20", datetime(2026, 11, 20, 10, 15, tzinfo=BERLIN)),
        ("dec 5", datetime(2025, 12, 5, 10, 15, tzinfo=BERLIN)),
    ],
)
def test_parse_when(text: str, expected: datetime) -> None:
    result = parse_when(text, NOW)
    assert result == expected
    assert result.utcoffset() == expected.utcoffset()
    assert result.tzinfo is BERLIN


def test_parse_when_across_a_dst_change_keeps_the_wall_clock() -> None:
    # Now is in winter time (+01:00); 1 July is summer time (+02:00).
    result = parse_when("2026-07-01 09:00", NOW)
    assert (result.hour, result.minute) == (9, 0)
    assert result.utcoffset() == timedelta(hours=2)


def test_parse_when_a_time_skipped_by_spring_forward_moves_forward() -> None:
    # Berlin clocks jump from 02:00 to 03:00 on 29 March 2026: 02:30 never happens.
    result = parse_when("2026-03-29 02:30", NOW)
    assert (result.date(), result.hour, result.minute) == (date(2026, 3, 29), 3, 30)
    assert result.utcoffset() == timedelta(hours=2)


def test_parse_when_a_time_repeated_by_fall_back_is_a_real_instant() -> None:
    # 02:30 happens twice on 25 October 2026: the first one, still summer time, is taken.
    result = parse_when("2026-10-25 02:30", NOW)
    assert (result.date(), result.hour, result.minute) == (date(2026, 10, 25), 2, 30)
    assert result.utcoffset() == timedelta(hours=2)
    # A note logged at 00:30 that night stays on the 25th.
    assert parse_when("2026-10-25 00:30", NOW).date() == date(2026, 10, 25)


def test_parse_when_yesterday_during_the_skipped_hour_does_not_crash() -> None:
    now = datetime(2026, 3, 30, 2, 30, tzinfo=BERLIN)
    result = parse_when("yesterday", now)
    assert result.date() == date(2026, 3, 29)
    assert result < now


def test_parse_when_with_a_pendulum_now_and_a_fixed_offset() -> None:
    now = pendulum.datetime(2026, 12, 2, 10, 15, tz="Europe/Berlin")
    assert parse_when("yesterday 5pm", now) == datetime(2026, 12, 1, 17, tzinfo=BERLIN)
    fixed = datetime(2026, 12, 2, 10, 15, tzinfo=timezone(timedelta(hours=-5)))
    assert parse_when("9am", fixed) == datetime(2026, 12, 2, 9, tzinfo=fixed.tzinfo)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("blah", 'time "blah" not understood: try now, yesterday 5pm, this morning'),
        ("", 'time "" not understood'),
        ("5pm blah", 'time "5pm blah" not understood'),
        ("25:00", 'no such time: "25:00"'),
        ("13pm", 'no such time: "13pm"'),
        ("12/1 5pm", '"12/1" is ambiguous'),
        ("2026-13-01T10:00", "is not a real date and time"),
    ],
)
def test_parse_when_refuses_with_a_one_line_hint(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_when(text, NOW)
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("month", "day", "year", "expected"),
    [
        (2, 29, 2026, date(2026, 2, 28)),
        (2, 29, 2028, date(2028, 2, 29)),
        (2, 29, 2100, date(2100, 2, 28)),
        (12, 5, 2026, date(2026, 12, 5)),
    ],
)
def test_occurrence_puts_29_february_on_28_february_in_common_years(
    month: int, day: int, year: int, expected: date
) -> None:
    assert occurrence(month, day, year) == expected


@pytest.mark.parametrize(
    ("month", "day", "today", "expected"),
    [
        (12, 5, WED, date(2026, 12, 5)),
        (12, 2, WED, date(2026, 12, 2)),  # today counts
        (12, 1, WED, date(2027, 12, 1)),
        (2, 29, WED, date(2027, 2, 28)),
        (2, 29, date(2028, 1, 1), date(2028, 2, 29)),
    ],
)
def test_next_occurrence(month: int, day: int, today: date, expected: date) -> None:
    assert next_occurrence(month, day, today) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2026, 12, 2), "today"),
        (date(2026, 12, 3), "tomorrow"),
        (date(2026, 12, 1), "yesterday"),
        (date(2026, 12, 4), "Fri 4 Dec"),
        (date(2026, 11, 27), "Fri 27 Nov"),
        (date(2027, 12, 3), "Fri 3 Dec 2027"),
        (date(2025, 11, 1), "Sat 1 Nov 2025"),
    ],
)
def test_describe_day(d: date, expected: str) -> None:
    assert describe_day(d, WED) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2026, 12, 2), "today"),
        (date(2026, 12, 1), "yesterday"),
        (date(2026, 12, 3), "tomorrow"),
        (date(2026, 11, 29), "3 days ago"),
        (date(2026, 11, 25), "1 week ago"),
        (date(2026, 11, 18), "2 weeks ago"),
        (date(2026, 11, 2), "1 month ago"),
        (date(2026, 9, 1), "3 months ago"),
        (date(2025, 12, 2), "1 year ago"),
        (date(2024, 11, 1), "2 years ago"),
        (date(2026, 12, 5), "in 3 days"),
        (date(2026, 12, 16), "in 2 weeks"),
        (date(2027, 3, 2), "in 3 months"),
    ],
)
def test_ago(d: date, expected: str) -> None:
    assert ago(d, WED) == expected


def test_ago_never_raises() -> None:
    assert ago(date.min, date.max) == "9998 years ago"
    assert ago(datetime(2026, 12, 1, 23, 0, tzinfo=BERLIN), WED) == "yesterday"
    assert isinstance(ago("not a date", WED), str)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("week_start", "expected"),
    [(0, date(2026, 11, 30)), (6, date(2026, 11, 29)), (2, date(2026, 12, 2))],
)
def test_week_start_of(week_start: int, expected: date) -> None:
    assert week_start_of(WED, week_start) == expected
