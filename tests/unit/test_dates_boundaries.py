"""Date and time boundaries a person meets: the minute before and after now, noon and
midnight, the first and last day and month, leap years (2000 was one), and the words for
how long ago. The clock has seconds and microseconds, as a real one does.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from relate_tui.domain.dates import (
    add_months,
    ago,
    describe_day,
    parse_due,
    parse_met_on,
    parse_when,
)
from relate_tui.domain.errors import InputError
from relate_tui.domain.yearly_dates import read_yearly_date

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 2, 17, 59, 41, 250_613, tzinfo=BERLIN)  # Wednesday, 17:59:41.25
TODAY = NOW.date()


def at(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1pm", at(2, 13)),
        ("12pm", at(2, 12)),
        ("noon", at(2, 12)),
        ("12am", at(2, 0)),
        ("midnight", at(2, 0)),
        ("0:00", at(2, 0)),
        ("5:30pm", at(2, 17, 30)),
        # 17:59 began 41 seconds ago: today's. 18:00 is still to come: yesterday's.
        ("17:59", at(2, 17, 59)),
        ("18:00", at(1, 18)),
        ("23:30", at(1, 23, 30)),
        ("11:59pm", at(1, 23, 59)),
        ("mon at 9am", at(30, 9, month=11)),
        ("fri 23:59", at(27, 23, 59, month=11)),
    ],
)
def test_a_note_time_reads_hours_and_minutes_at_their_edges(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW) == expected


def test_times_counted_back_keep_the_seconds_of_now() -> None:
    assert parse_when("now", NOW) == NOW
    assert parse_when("1 hour ago", NOW) == datetime(2026, 12, 2, 16, 59, 41, 250_613, BERLIN)
    assert parse_when("30 min ago", NOW) == datetime(2026, 12, 2, 17, 29, 41, 250_613, BERLIN)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this week", date(2026, 12, 6)),
        ("end of the week", date(2026, 12, 6)),
        ("eow", date(2026, 12, 6)),
        ("this weekend", date(2026, 12, 5)),
        ("next week", date(2026, 12, 7)),
        ("eom", date(2026, 12, 31)),
        ("the 1st", date(2027, 1, 1)),
        ("the 31st", date(2026, 12, 31)),
    ],
)
def test_due_words_for_the_week_and_month(text: str, expected: date) -> None:
    assert parse_due(text, TODAY) == expected


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 11, 3), "4 weeks ago"),
        (date(2026, 11, 2), "1 month ago"),
        (date(2026, 10, 2), "2 months ago"),
        (date(2026, 2, 28), "9 months ago"),
        (date(2025, 12, 3), "11 months ago"),
        (date(2025, 12, 2), "1 year ago"),
        (date(2024, 12, 2), "2 years ago"),
    ],
)
def test_ago_counts_calendar_months_and_years(day: date, words: str) -> None:
    assert ago(day, TODAY) == words


def test_ago_across_february_and_the_2000_leap_day() -> None:
    assert ago(date(2000, 2, 1), date(2000, 3, 1)) == "1 month ago"
    assert ago(date(2000, 1, 29), date(2000, 3, 1)) == "1 month ago"
    assert ago(date(1999, 2, 28), date(2000, 2, 29)) == "1 year ago"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # 2000 is a leap year, so 2/29 is a date: refused only because it could be read two ways.
        ("2/29", 'date "2/29" not understood: write 2028-02-29 or "29 feb"'),
        # A two-digit year is this century's.
        ("1/12/27", '"1/12/27" is ambiguous (12 Jan or 1 Dec?): write 2027-01-12 or "12 jan"'),
        ("31 feb 2027", '"31 feb 2027" is not a real date (31 Feb 2027)'),
        ("30 nov 2027", None),
    ],
)
def test_numeric_and_impossible_dates_say_what_to_write(text: str, message: str | None) -> None:
    if message is None:
        assert parse_due(text, TODAY) == date(2027, 11, 30)
        return
    with pytest.raises(InputError) as caught:
        parse_due(text, TODAY)
    assert str(caught.value) == message


def test_a_leap_day_hint_at_the_end_of_the_calendar_is_still_a_real_date() -> None:
    with pytest.raises(InputError, match=r'write 9997-02-28 or "29 feb"'):
        parse_due("2/29", date(9997, 1, 1))


def test_the_day_you_met_reads_weeks_from_monday_and_months_from_january() -> None:
    assert parse_met_on("last mon", TODAY) == date(2026, 11, 23)
    assert parse_met_on("2008-01", TODAY) == date(2008, 1, 1)
    assert parse_met_on("2008-12", TODAY) == date(2008, 12, 1)
    with pytest.raises(InputError, match='no such month: "2008-13"'):
        parse_met_on("2008-13", TODAY)
    with pytest.raises(InputError, match='no such month: "2008-00"'):
        parse_met_on("2008-00", TODAY)


def test_a_yearly_date_is_a_birthday_unless_labelled_otherwise() -> None:
    with pytest.raises(InputError, match="a birthday is not in the future"):
        read_yearly_date("15 apr 2030", today=TODAY)
    assert read_yearly_date("15 apr 2030", "wedding", today=TODAY) == (4, 15, 2030)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("15 apr 1800", (4, 15, 1800)), ("15 apr 2200", (4, 15, 2200))],
)
def test_yearly_dates_keep_the_first_and_last_plausible_year(text: str, expected: tuple) -> None:
    assert read_yearly_date(text, "wedding") == expected


@pytest.mark.parametrize("text", ["15 apr 1799", "15 apr 2201"])
def test_yearly_dates_refuse_a_year_just_outside(text: str) -> None:
    with pytest.raises(InputError, match=f"the year {text[-4:]} looks wrong"):
        read_yearly_date(text, "wedding")


@pytest.mark.parametrize(
    ("text", "way"),
    [("1/1", '--01-01 ("1 jan")'), ("12/31", '--12-31 ("31 dec")'), ("2/29", '--02-29 ("29 feb")')],
)
def test_yearly_numbers_alone_name_the_real_date_at_the_calendar_edges(text: str, way: str) -> None:
    message = f'"{text}": numbers alone are read either way round: write {way}'
    with pytest.raises(InputError) as caught:
        read_yearly_date(text, "wedding")
    assert str(caught.value) == message


def test_ago_counts_a_month_only_when_its_day_has_come() -> None:
    assert ago(date(2026, 1, 30), date(2026, 2, 27)) == "4 weeks ago"
    assert ago(date(2026, 1, 31), date(2026, 2, 28)) == "1 month ago"  # February's last day
    assert ago(date(2026, 1, 15), date(2026, 3, 10)) == "1 month ago"
    assert ago(date(2026, 3, 10), date(2026, 1, 15)) == "in 1 month"


def test_ago_takes_moments_and_never_raises() -> None:
    assert ago(datetime(2026, 11, 30, 23, 59, 59, 999_999, tzinfo=BERLIN), NOW) == "2 days ago"
    assert ago("2026-11-30", TODAY) == "2026-11-30"  # type: ignore[arg-type]  # shown as given


def test_months_move_to_the_first_and_last_years_of_the_calendar() -> None:
    assert add_months(date(1, 5, 31), -1) == date(1, 4, 30)
    assert add_months(date(9999, 5, 31), 1) == date(9999, 6, 30)
    with pytest.raises(OverflowError, match=r"^date out of range$"):
        add_months(date(9999, 12, 1), 1)


def test_the_day_you_met_reaches_back_to_the_first_year() -> None:
    assert parse_met_on("0001-07-01", date(50, 6, 1)) == date(1, 7, 1)


@pytest.mark.parametrize(
    ("text", "hour", "minute"),
    [("1am", 1, 0), ("12:59pm", 12, 59), ("5:59am", 5, 59), ("23:00", 23, 0), ("0:59", 0, 59)],
)
def test_the_first_and_last_hours_and_minutes_are_times(text: str, hour: int, minute: int) -> None:
    moment = parse_when(f"yesterday {text}", NOW)
    assert (moment.date(), moment.hour, moment.minute, moment.second) == (
        date(2026, 12, 1), hour, minute, 0
    )  # fmt: skip


def test_seconds_typed_are_kept() -> None:
    assert parse_when("yesterday 10:00:59", NOW) == datetime(2026, 12, 1, 10, 0, 59, tzinfo=BERLIN)


@pytest.mark.parametrize(
    "text", ["0am", "13pm", "12:60pm", "24:00", "23:60", "23:59:60", "0:60:00"]
)
def test_times_one_past_the_last_are_refused(text: str) -> None:
    with pytest.raises(InputError, match=f'^no such time: "{text}"$'):
        parse_when(text, NOW)


def test_minutes_ago_across_the_night_clocks_go_back_are_real_minutes() -> None:
    # 25 Oct 2026 in Berlin: 03:00 summer time becomes 02:00 winter time, so 02:40 happens
    # twice. Half an hour before 03:10 winter time is the second 02:40: 01:40 UTC.
    now = datetime(2026, 10, 25, 3, 10, 5, 1, tzinfo=BERLIN)
    moment = parse_when("30 min ago", now)
    assert (now - moment).total_seconds() == 30 * 60
    assert moment.astimezone(UTC) == datetime(2026, 10, 25, 1, 40, 5, 1, tzinfo=UTC)


def test_a_part_of_the_day_just_begun_is_now_and_words_before_it_are_read() -> None:
    for noonish in (
        datetime(2026, 12, 2, 12, 0, tzinfo=BERLIN),
        datetime(2026, 12, 2, 12, 0, 0, 500_000, tzinfo=BERLIN),
    ):
        assert parse_when("this afternoon", noonish) == noonish
    assert parse_when("the day before yesterday afternoon", NOW) == at(30, 15, month=11)


def test_a_due_time_after_by_is_read_as_a_due_day_after_by_is() -> None:
    five_pm = datetime(2026, 12, 2, 17, 0, 12, 5, tzinfo=BERLIN)
    assert parse_due("by fri", five_pm) == date(2026, 12, 4)
    assert parse_due("by 9am", five_pm) == date(2026, 12, 3)  # 9am has passed: tomorrow's
    assert parse_due("tomorrow by 9am", five_pm) == date(2026, 12, 3)
    assert parse_due("by fri at 9am", five_pm) == date(2026, 12, 4)


def test_a_time_typed_on_its_very_minute_is_today() -> None:
    on_the_minute = datetime(2026, 12, 2, 9, 0, tzinfo=BERLIN)
    assert parse_when("9am", on_the_minute) == on_the_minute
    assert parse_due("by 9am", on_the_minute) == date(2026, 12, 2)


def test_now_in_the_hour_that_happens_twice_is_the_second_one() -> None:
    second = datetime(2026, 10, 25, 2, 40, 7, 3, tzinfo=BERLIN, fold=1)  # winter time
    for text in ("now", "just now", "right now"):
        assert parse_when(text, second).astimezone(UTC) == second.astimezone(UTC), text


def test_an_impossible_iso_moment_is_quoted() -> None:
    with pytest.raises(InputError, match=r'^"2026-02-30t10:00" is not a real date and time$'):
        parse_when("2026-02-30T10:00", NOW)


def test_days_are_described_from_a_moment_too() -> None:
    assert describe_day(date(2026, 12, 3), NOW) == "tomorrow"
    assert describe_day(datetime(2027, 1, 8, 1, 2, 3, 4, tzinfo=BERLIN), NOW) == "Fri 8 Jan 2027"


@pytest.mark.parametrize(
    ("read", "text", "message"),
    [
        (parse_when, "in 99999 years", 'time "in 99999 years" is out of range'),
        (parse_due, "in 9999 years", 'date "in 9999 years" is out of range'),
        (
            parse_when,
            "2w",
            'a note records what happened: "2w" is Wed 16 Dec 17:59, still to come'
            ' (for the past, write "2w ago")',
        ),
        (
            parse_when,
            "tomorrow",
            'a note records what happened: "tomorrow" is tomorrow 17:59, still to come',
        ),
    ],
)
def test_out_of_range_and_future_times_say_why(read, text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read(text, NOW)
    assert str(caught.value) == message


def test_a_note_time_needs_a_clock_that_knows_its_zone() -> None:
    with pytest.raises(ValueError, match=r"^parse_when needs an aware 'now'$"):
        parse_when("now", datetime(2026, 12, 2, 17, 59))


def test_a_leading_time_may_be_followed_by_at_or_by() -> None:
    assert parse_when("5pm at fri", NOW) == at(27, 17, month=11)
    assert parse_due("9am by fri", NOW) == date(2026, 12, 4)
