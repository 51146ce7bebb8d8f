"""Birthdays, other yearly dates and the day you met, as people type them (``--birthday``,
the person form): the same reading of day and month as every other date, refused with a
line rather than read wrong, and never a crash ("may 1990" used to raise StopIteration).

The clock is fixed at Wednesday 25 November 2026 (the issue's).
"""

from __future__ import annotations

from datetime import date

import pytest

from relate_tui.domain.dates import parse_met_on
from relate_tui.domain.errors import InputError
from relate_tui.domain.people import ImportantDate, parse_yearly_date

TODAY = date(2026, 11, 25)
SUNDAY = 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 apr", (4, 15, None)),
        ("apr 15", (4, 15, None)),
        # One grammar for day and month: what --due reads, --birthday reads.
        ("april 15th", (4, 15, None)),
        ("3rd of december", (12, 3, None)),
        ("the 3rd of december", (12, 3, None)),
        ("15th of april 1990", (4, 15, 1990)),
        ("15 apr 1990", (4, 15, 1990)),
        ("apr 15 1990", (4, 15, 1990)),
        ("apr 15, 1990", (4, 15, 1990)),
        ("April 15th, 1990", (4, 15, 1990)),
        ("1 sept", (9, 1, None)),
        ("1990-04-15", (4, 15, 1990)),
        ("1990/04/15", (4, 15, 1990)),
        ("--04-15", (4, 15, None)),
        ("--0415", (4, 15, None)),
        ("29 feb", (2, 29, None)),
        ("29 feb 2000", (2, 29, 2000)),
        ("2026-11-25", (11, 25, 2026)),  # born today
        ("  15   APR  ", (4, 15, None)),
        ("15 apr\n1990", (4, 15, 1990)),
    ],
)
def test_a_birthday_reads_day_and_month_as_every_date_does(
    text: str, expected: tuple[int, int, int | None]
) -> None:
    month, day, year = expected
    assert parse_yearly_date(text, today=TODAY) == ImportantDate("birthday", month, day, year)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # A month or a year without a day: refused with the day to add (was a crash).
        ("may 1990", '"may 1990" has no day: write the day too, like "15 may 1990"'),
        ("1990 apr", '"1990 apr" has no day: write the day too, like "15 apr 1990"'),
        ("may 199", '"may 199" has no day'),
        ("may", '"may" has no day: write the day too, like "15 may"'),
        ("1990", '"1990" has no day: write the day too, like "15 apr 1990"'),
        ("june 1990", '"june 1990" has no day: write the day too, like "15 jun 1990"'),
        ("1990, may", '"1990, may" has no day: write the day too, like "15 may 1990"'),
        ("sept 2008", '"sept 2008" has no day'),
        # A birthday with a year is not in the future.
        ("2030-01-01", 'a birthday is not in the future: "2030-01-01" is Tue 1 Jan 2030'),
        ("26 nov 2026", 'a birthday is not in the future: "26 nov 2026" is tomorrow'),
        # Numbers alone are refused, as for every date.
        ("04-15", '"04-15": numbers alone are read either way round: write --04-15 ("15 apr")'),
        ("04-05", '"04-05" is ambiguous: write --04-05 ("5 apr") or --05-04 ("4 may")'),
        ("15/4", 'write --04-15 ("15 apr")'),
        ("13/13", '"13/13" is not a real date'),
        ("31 feb", '"31 feb" is not a real date'),
        ("31 apr 1990", '"31 apr 1990" is not a real date'),
        ("29 feb 1990", '"29 feb 1990" is not a real date: 1990 has no 29 February'),
        ("--13-01", '"--13-01" is not a real date'),
        ("15 apr 1700", '"15 apr 1700": the year 1700 looks wrong'),
        ("0000-04-15", "the year 0 looks wrong"),
        ("next tue", 'date "next tue" not understood: write 1990-04-15, --04-15 (no year)'),
        ("", 'date "" not understood'),
    ],
)
def test_a_birthday_that_is_not_one_is_refused_with_a_line(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_yearly_date(text, today=TODAY)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_only_a_birthday_must_be_past() -> None:
    # A wedding planned for next June is a date worth keeping.
    wedding = parse_yearly_date("12 jun 2027", label="wedding", today=TODAY)
    assert wedding == ImportantDate("wedding", 6, 12, 2027)
    # Imports pass no today: a card's date is taken as it is written.
    assert parse_yearly_date("2030-01-01") == ImportantDate("birthday", 1, 1, 2030)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A month and year, or a year alone, is kept as its first day.
        ("sept 2008", date(2008, 9, 1)),
        ("september 2008", date(2008, 9, 1)),
        ("Sep. 2008", date(2008, 9, 1)),
        ("sept, 2008", date(2008, 9, 1)),
        ("in sept 2008", date(2008, 9, 1)),
        ("2008-09", date(2008, 9, 1)),
        ("2008", date(2008, 1, 1)),
        ("in 2008", date(2008, 1, 1)),
        ("may 1990", date(1990, 5, 1)),
        # Days look back: you met them before today.
        ("2024-05-17", date(2024, 5, 17)),
        ("fri", date(2026, 11, 20)),
        ("last fri", date(2026, 11, 20)),
        ("this fri", date(2026, 11, 20)),
        ("3 weeks ago", date(2026, 11, 4)),
        ("today", TODAY),
        ("3rd of december", date(2025, 12, 3)),
        ("the 3rd", date(2026, 11, 3)),
        ("last weekend", date(2026, 11, 21)),
        ("1906-11-25", date(1906, 11, 25)),
    ],
)
def test_met_on_reads_back(text: str, expected: date) -> None:
    assert parse_met_on(text, TODAY) == expected


def test_met_on_honours_the_week_start() -> None:
    assert parse_met_on("last sun", TODAY) == date(2026, 11, 22)
    assert parse_met_on("last sun", TODAY, SUNDAY) == date(2026, 11, 15)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("next fri", '"next fri" is still to come (Fri 4 Dec): when you met is today or before'),
        ("tomorrow", '"tomorrow" is still to come: when you met is today or before'),
        ("2027", "still to come"),
        ("dec 2026", "still to come"),
        ("1900-01-01", '"1900-01-01" is 1 Jan 1900, more than 120 years ago: check the year'),
        ("1906-11-24", "more than 120 years ago"),
        ("1800", "more than 120 years ago"),
        ("2008-13", 'no such month: "2008-13"'),
        ("0000", 'date "0000" is out of range'),
        ("12/1", '"12/1" is ambiguous'),
        ("at the pub", 'date "at the pub" not understood: try 2024-05-17, last fri'),
    ],
)
def test_met_on_in_the_future_or_too_far_back_is_refused(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_met_on(text, TODAY)
    assert message in str(caught.value)
