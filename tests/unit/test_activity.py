"""The relationship picture: touches and jots counted by month and week, and the Unicode
strips that show them on the command line."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from relate_tui.domain.activity import Period, monthly_activity, weekly_activity
from relate_tui.domain.notes import Note
from relate_tui.report.activity import person_strip, since_words, spark, tier_bar, weeks_line

TODAY = date(2026, 12, 2)  # a Wednesday
BERLIN = timezone(timedelta(hours=1))


def note(day: str, kind: str = "call", hour: int = 12, tz: timezone = BERLIN) -> Note:
    at = datetime.fromisoformat(f"{day}T{hour:02d}:00").replace(tzinfo=tz)
    return Note(id=day + kind, person_ids=("p",), kind=kind, at=at, body="", created=at, updated=at)


def test_months_run_from_a_year_ago_to_this_month_touches_apart_from_jots() -> None:
    notes = [
        note("2026-01-05"),
        note("2026-01-20", "coffee"),
        note("2026-06-30", "note"),
        note("2026-06-10", "email"),
        note("2026-12-01", "note"),
        note("2025-12-31"),  # thirteen months ago: outside
        note("2026-12-03"),  # tomorrow: not yet
    ]
    months = monthly_activity(notes, TODAY)
    assert (months[0].start, months[-1].start) == (date(2026, 1, 1), date(2026, 12, 1))
    assert [p.touches for p in months] == [2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    assert [p.jots for p in months] == [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]


def test_a_notes_day_is_the_day_it_was_written_in_its_own_offset() -> None:
    """23:00 on 31 May in New York counts in May, though it was 1 June in Berlin."""
    new_york = timezone(timedelta(hours=-4))
    months = monthly_activity([note("2026-05-31", hour=23, tz=new_york)], TODAY)
    assert months[4] == Period(date(2026, 5, 1), touches=1)


def test_weeks_start_on_the_configured_day_and_end_with_this_one() -> None:
    notes = [note("2026-11-30"), note("2026-11-29"), note("2026-09-14"), note("2026-09-13")]
    monday = weekly_activity(notes, TODAY, week_start=0)
    assert monday[-1].start == date(2026, 11, 30) and monday[0].start == date(2026, 9, 14)
    assert [p.touches for p in monday] == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]
    sunday = weekly_activity(notes, TODAY, week_start=6)
    assert sunday[-1].start == date(2026, 11, 29)
    assert sunday[-1].touches == 2  # Sunday 29 and Monday 30 fall in one Sunday week


@given(st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=24))
def test_spark_none_is_the_floor_any_touch_is_above_it_and_the_most_is_full(
    values: list[int],
) -> None:
    line = spark(values)
    assert len(line) == len(values)
    for value, bar in zip(values, line, strict=True):
        assert (bar == "▁") == (value == 0)
    if max(values) > 0:
        assert line[values.index(max(values))] == "█"
    # bigger counts never get lower bars
    ranked = sorted(zip(values, line, strict=True))
    assert [bar for _, bar in ranked] == sorted(bar for _, bar in ranked)


def test_a_person_strip_says_in_words_what_the_picture_shows() -> None:
    notes = [note(f"2026-{m:02d}-10") for m in range(1, 7)] + [note("2026-03-02", "note")]
    lines = person_strip(monthly_activity(notes, TODAY), TODAY)
    assert lines == [
        "Last 12 months  JFMAMJJASOND",
        "  touches       ██████▁▁▁▁▁▁  6 · nothing since June",
        "  jots          ▁▁█▁▁▁▁▁▁▁▁▁  1",
    ]


def test_since_words() -> None:
    quiet = monthly_activity([], TODAY)
    assert since_words(quiet, TODAY) == "no touch in 12 months"
    assert since_words(monthly_activity([note("2026-12-01")], TODAY), TODAY) == (
        "last touch this month"
    )
    assert since_words(monthly_activity([note("2026-11-30")], TODAY), TODAY) == (
        "last touch in November"
    )
    assert since_words(monthly_activity([note("2025-12-10")], TODAY, months=13), TODAY) == (
        "nothing since December 2025"
    )


def test_weeks_line_and_tier_bar() -> None:
    weeks = weekly_activity([note("2026-12-01"), note("2026-11-24")], TODAY, 0)
    assert weeks_line(weeks) == "Touches, last 12 weeks: ▁▁▁▁▁▁▁▁▁▁██  2 in all, 1 this week"
    assert tier_bar(4, 5) == ("████████", "░░")
    assert tier_bar(0, 0) == ("", "░" * 10)
