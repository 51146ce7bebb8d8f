"""Due dates, snoozes and the promise line, as people type them (``--due``, ``--promise``,
the app's promise line and snooze): read forward, never in the past.

The clock is fixed at Wednesday 25 November 2026 14:30 in Berlin (the issue's), also with
seconds and microseconds: a due date is a day, so they never change it.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from relate_tui.domain.dates import parse_due, parse_snooze, read_due
from relate_tui.domain.errors import InputError
from relate_tui.domain.promises import read_promise, split_promise

BERLIN = ZoneInfo("Europe/Berlin")
CLOCKS = [
    datetime(2026, 11, 25, 14, 30, tzinfo=BERLIN),
    datetime(2026, 11, 25, 14, 30, 27, tzinfo=BERLIN),
    datetime(2026, 11, 25, 14, 30, 27, 123456, tzinfo=BERLIN),
]
TODAY = date(2026, 11, 25)
MONDAY, SUNDAY = 0, 6


def nov(day: int) -> date:
    return date(2026, 11, day)


def dec(day: int) -> date:
    return date(2026, 12, day)


DUE_ROWS = [
    ("today", nov(25)),
    ("tomorrow", nov(26)),
    ("fri", nov(27)),
    # "this <weekday>" is the nearest one from today on, never the one just gone.
    ("this monday", nov(30)),
    ("this mon", nov(30)),
    ("this wed", nov(25)),
    ("this fri", nov(27)),
    ("next monday", nov(30)),
    ("next fri", dec(4)),
    # "this week" as a due date is its last day, never its (past) first.
    ("this week", nov(29)),
    ("next week", nov(30)),
    ("end of week", nov(29)),
    ("this month", nov(30)),
    ("next month", dec(1)),
    ("this year", dec(31)),
    ("next year", date(2027, 1, 1)),
    # A day with a time or part of the day: the day is stored.
    ("tomorrow at 2pm", nov(26)),
    ("tomorrow 2pm", nov(26)),
    ("next monday 9am", nov(30)),
    ("fri at 10:30", nov(27)),
    ("tomorrow morning", nov(26)),
    ("fri evening", nov(27)),
    ("tonight", nov(25)),
    ("this evening", nov(25)),
    ("5pm", nov(25)),  # still to come today
    ("2pm", nov(26)),  # gone today: tomorrow's
    ("in 2 hours", nov(25)),
    ("in 30 min", nov(25)),
    ("in 10 hours", nov(26)),  # 00:30 tomorrow
    # Days counted forward.
    ("day after tomorrow", nov(27)),
    ("the day after tomorrow", nov(27)),
    ("2 days from now", nov(27)),
    ("3 weeks from now", dec(16)),
    ("in 3 days", nov(28)),
    ("in a fortnight", dec(9)),
    ("a fortnight", dec(9)),
    ("2w", dec(9)),
    ("1m", dec(25)),  # m is a month in a due date
    ("5m", date(2027, 4, 25)),
    # Weekends: their Saturday.
    ("this weekend", nov(28)),
    ("the weekend", nov(28)),
    ("by the weekend", nov(28)),
    ("next weekend", dec(5)),
    # A day of the month: the next one after today, in a month that has it.
    ("the 3rd", dec(3)),
    ("on the 15th", dec(15)),
    ("by the 15th", dec(15)),
    ("23rd", dec(23)),
    ("the 25th", dec(25)),
    ("the 30th", nov(30)),
    ("the 31st", dec(31)),
    # Day and month: one grammar everywhere.
    ("april 15th", date(2027, 4, 15)),
    ("3rd of december", dec(3)),
    ("the 3rd of december", dec(3)),
    ("december the 3rd", dec(3)),
    ("25 nov", nov(25)),
    ("24 nov", date(2027, 11, 24)),
    # Taskwarrior's shorthands, as Taskwarrior reads them for a due date.
    ("eod", nov(25)),
    ("eow", nov(29)),
    ("eom", nov(30)),
    ("eoy", dec(31)),
    ("sow", nov(30)),
    ("som", dec(1)),
    ("soy", date(2027, 1, 1)),
    ("2026-12-01", dec(1)),
]


@pytest.mark.parametrize("now", CLOCKS, ids=["14:30", "14:30:27", "14:30:27.123456"])
@pytest.mark.parametrize(("text", "day"), DUE_ROWS)
def test_a_due_date_reads_forward(text: str, day: date, now: datetime) -> None:
    assert parse_due(text, now) == day
    assert read_due(text, now) == day


@pytest.mark.parametrize(
    ("text", "week_start", "day"),
    [
        ("this week", SUNDAY, nov(28)),
        ("eow", SUNDAY, nov(28)),
        ("sow", SUNDAY, nov(29)),
        ("next week", SUNDAY, nov(29)),
        ("next sun", SUNDAY, nov(29)),
        ("next sun", MONDAY, dec(6)),
        ("this weekend", SUNDAY, nov(28)),  # a weekend is Saturday and Sunday either way
    ],
)
def test_a_due_date_honours_the_week_start(text: str, week_start: int, day: date) -> None:
    assert parse_due(text, CLOCKS[0], week_start) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("yesterday", '"yesterday" is in the past: a due date is today or later'),
        ("last fri", '"last fri" is in the past (Fri 20 Nov): a due date is today or later'),
        ("3 days ago", "is in the past (Sun 22 Nov)"),
        ("last week", "is in the past (Mon 16 Nov)"),
        ("last night", "is in the past"),
        ("day before yesterday", "is in the past"),
        ("2026-11-01", '"2026-11-01" is in the past (Sun 1 Nov): a due date is today or later'),
        ("1 nov 2026", "is in the past"),
        ("2 hours ago", "today"),  # still today: accepted, see below
        ("12/1", '"12/1" is ambiguous (1 Dec or 12 Jan?)'),
        ("30 feb", '"30 feb" is not a real date'),
        ("the 32nd", 'no such day of the month: "the 32nd"'),
        ("someday", 'date "someday" not understood: try fri, next tue, tomorrow 2pm'),
        ("", 'date "" not understood'),
    ],
)
def test_a_due_date_in_the_past_is_refused(text: str, message: str) -> None:
    if message == "today":
        assert parse_due(text, CLOCKS[0]) == TODAY
        return
    with pytest.raises(InputError) as caught:
        parse_due(text, CLOCKS[0])
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_due_date_from_a_day_alone_counts_hours_from_midnight() -> None:
    assert parse_due("in 2 hours", TODAY) == TODAY
    assert parse_due("in 30 hours", TODAY) == nov(26)
    assert parse_due("fri", TODAY) == nov(27)


@pytest.mark.parametrize(
    ("text", "day"),
    [("tomorrow", nov(26)), ("fri", nov(27)), ("this week", nov(29)), ("in 2 weeks", dec(9))],
)
def test_a_snooze_is_after_today(text: str, day: date) -> None:
    assert parse_snooze(text, TODAY) == day
    assert parse_snooze(text, CLOCKS[2]) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("today", '"today" is today: a snooze lasts until a day after today'),
        ("this wed", '"this wed" is today: a snooze lasts until a day after today'),
        ("eod", '"eod" is today: a snooze lasts until a day after today'),
        ("tonight", '"tonight" is today'),
        ("yesterday", '"yesterday" is in the past: a snooze lasts until a day after today'),
        ("last fri", '"last fri" is in the past (Fri 20 Nov): a snooze lasts'),
        ("blah", 'date "blah" not understood'),
    ],
)
def test_a_snooze_to_today_or_the_past_is_refused(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_snooze(text, TODAY)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        ("send it by fri", "send it", nov(27)),
        ("send the deck by this monday", "send the deck", nov(30)),
        ("send the deck by tomorrow at 2pm", "send the deck", nov(26)),
        ("call her by this weekend", "call her", nov(28)),
        ("intro to Bea by the 3rd", "intro to Bea", dec(3)),
        ("share notes BY EOW", "share notes", nov(29)),
        # Text after " by " that is no date stays in the promise.
        ("drop by the gallery", "drop by the gallery", None),
        ("talk by phone", "talk by phone", None),
        ("stop by the 3rd floor", "stop by the 3rd floor", None),
        ("drop by the gallery by fri", "drop by the gallery", nov(27)),
        ("send deck", "send deck", None),
        ("by fri", "by fri", None),
        # "in" and a count of days to years at the end of the line sets the due date too,
        # and stays in the words: it may say when the thing itself happens ("visit in 2w").
        ("send deck in three months", "send deck in three months", date(2027, 2, 25)),
        ("Call back in 2 weeks", "Call back in 2 weeks", dec(9)),
        ("visit in a fortnight", "visit in a fortnight", dec(9)),
        ("reply in 3d", "reply in 3d", nov(28)),
        ("send the deck in a month by fri", "send the deck in a month", nov(27)),  # by wins
        # Anything else after "in" is words: no count, not at the end, hours, months' names.
        ("send deck in three months time", "send deck in three months time", None),
        ("put it in 2 weeks to Ana", "put it in 2 weeks to Ana", None),
        ("call in the morning", "call in the morning", None),
        ("call in an hour", "call in an hour", None),
        ("see her in march", "see her in march", None),
        ("write it in french", "write it in french", None),
        ("in 2 weeks", "in 2 weeks", None),  # the date alone is no promise: it stays words
    ],
)
def test_the_promise_line_takes_its_due_date_from_by(
    text: str, words: str, due: date | None
) -> None:
    assert read_promise(text, CLOCKS[1]) == (words, due)
    assert split_promise(text, CLOCKS[1]) == (words, due or dec(2))  # else due in a week


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("call back by yesterday", '"yesterday" is in the past'),
        ("send deck by 12/1", '"12/1" is ambiguous'),
        ("send deck by 30 feb", '"30 feb" is not a real date'),
        ("write the memoir in 99999 years", 'date "in 99999 years" is out of range'),
        ("   ", "a promise needs some words"),
    ],
)
def test_a_promise_line_with_a_bad_date_is_refused(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_promise(text, CLOCKS[0])
