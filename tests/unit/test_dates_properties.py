"""Properties of every parser of typed text — days, note times, due dates, snoozes, the day
you met, birthdays and other yearly dates, promise lines, rhythms and every person field
``relate edit`` and the person form read — whatever is typed:

- it raises nothing but the project's ``InputError``, with a one-line message (a
  ``StopIteration`` from "may 1990" once took the app down);
- a note's time is never in the future, nor more than ``YEARS_BACK`` years back;
- a due date is never before today, a snooze never before tomorrow, the day you met never
  after today.

The app's as-you-type validators are held to the same in ``tests/pilot/test_date_fields.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relate_tui.domain.calendar_math import occurrence
from relate_tui.domain.dates import (
    MONTH_ABBRS,
    YEARS_BACK,
    parse_day,
    parse_due,
    parse_met_on,
    parse_snooze,
    parse_when,
    read_due,
)
from relate_tui.domain.errors import InputError
from relate_tui.domain.people import Person, parse_yearly_date
from relate_tui.domain.person_fields import FIELDS, parse_field
from relate_tui.domain.promises import read_promise, split_promise
from relate_tui.domain.rhythm import normalise_rhythm, parse_rhythm, resolve_rhythm

BERLIN = ZoneInfo("Europe/Berlin")
TIERS = {"A": "3w", "B": "2m", "C": "6m", "D": "1y"}

# Words of every form the grammars read, and pieces that break them, for phrases that get
# further into the grammar than random text does.
_WORDS = st.sampled_from(
    """today tomorrow yesterday now just day before after the fri friday sun mon next last
    this in ago from 3 2w 5m 12/1 1 15 29 31 99999 3rd 15th 23rd of dec december may apr
    sept feb 1990 2008 2026-12-01 --04-15 04-15 2026-11-25T14:30 5pm 17:00 25:00 noon at
    a an half hour hours min m h week weeks month months year years fortnight end eod eow
    eom eoy sow som soy weekend morning afternoon evening night tonight by on : / - , .
    0 00 -1""".split()
)
# Longer than the 40 characters an error message quotes, so truncation is exercised too.
PHRASES = st.one_of(st.text(max_size=80), st.lists(_WORDS, max_size=6).map(" ".join))
NOWS = st.datetimes(
    min_value=datetime(1, 1, 2),
    max_value=datetime(9999, 12, 30),
    timezones=st.sampled_from([BERLIN, ZoneInfo("America/New_York"), UTC]),
)
TODAYS = st.dates(min_value=date(1, 1, 2), max_value=date(9999, 12, 30))


# Phrases the grammar documents, built from their parts: refusing them would be a bug that
# "raises only input errors" cannot see (it passes even if every input were refused).
_WEEKDAYS = st.sampled_from(["mon", "tue", "wed", "thursday", "fri", "saturday", "sun"])
_UNITS = st.sampled_from(["day", "days", "week", "weeks", "month", "months", "d", "w"])
_SAID_DAYS = st.one_of(
    st.sampled_from(["today", "tomorrow", "the day after tomorrow", "eow", "eom"]),
    _WEEKDAYS,
    _WEEKDAYS.map("next {}".format),
    _WEEKDAYS.map("this {}".format),
    st.builds("in {} {}".format, st.integers(1, 60), _UNITS),
    st.builds("{} {}".format, st.integers(1, 28), st.sampled_from(MONTH_ABBRS)),
    st.builds("the {}th".format, st.integers(4, 20)),
)
_SAID_TIMES = st.one_of(
    st.sampled_from(["now", "just now", "yesterday", "yesterday morning", "last night", "noon"]),
    _WEEKDAYS.map("last {}".format),
    st.builds("{} {} ago".format, st.integers(1, 60), st.sampled_from(["days", "hours", "min"])),
    st.builds("yesterday {}pm".format, st.integers(1, 11)),
    st.builds("yesterday at {:02}:{:02}".format, st.integers(0, 23), st.integers(0, 59)),
    st.builds("{} weeks ago".format, st.integers(1, 20)),
)


# The properties about which side of now a reading lands need phrases that read, both ways
# of now (random text seldom does), and explicit dates: a note time read forward, or a due
# date read back, is then tried in every run.
_EXPLICIT = st.builds(
    lambda day, hour: f"{day.isoformat()} {hour}:00" if hour is not None else day.isoformat(),
    st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)),
    st.one_of(st.none(), st.integers(10, 23)),
)
# A year, alone or with a month: the day you met takes them ("sept 2008", "in 2008").
_YEARS = st.builds(
    "{}{:04}".format, st.sampled_from(["", "in ", "may ", "sept, "]), st.integers(0, 9999)
)
READABLE = st.one_of(PHRASES, _SAID_DAYS, _SAID_TIMES, _EXPLICIT, _YEARS)
PROMISE_LINES = st.one_of(
    PHRASES,
    st.builds("send it by {}".format, READABLE),
    st.builds("visit in {} {}".format, st.integers(0, 99), _UNITS),
)


def only_input_errors(call: Callable[[], object]) -> object | None:
    """The result of ``call``, or None when it refused with a one-line ``InputError``;
    any other exception fails the test."""
    try:
        return call()
    except InputError as exc:
        assert "\n" not in str(exc)
        return None


@given(PHRASES, TODAYS, st.integers(0, 6), st.sampled_from(["future", "past"]))
def test_the_day_grammar_raises_only_input_errors(
    text: str, today: date, week_start: int, prefer: str
) -> None:
    result = only_input_errors(lambda: parse_day(text, today, week_start, prefer=prefer))
    assert result is None or type(result) is date


@given(READABLE, NOWS, st.integers(0, 6))
def test_a_note_time_is_never_in_the_future_nor_absurdly_far_back(
    text: str, now: datetime, week_start: int
) -> None:
    result = only_input_errors(lambda: parse_when(text, now, week_start))
    if result is not None:
        assert isinstance(result, datetime) and result.tzinfo is not None
        assert result <= now
        today = now.date()
        assert result.date() >= occurrence(today.month, today.day, max(today.year - YEARS_BACK, 1))


@given(READABLE, st.one_of(NOWS, TODAYS), st.integers(0, 6))
def test_a_due_date_is_never_in_the_past(text: str, now: date, week_start: int) -> None:
    today = date(now.year, now.month, now.day)
    due = only_input_errors(lambda: parse_due(text, now, week_start))
    assert due is None or (type(due) is date and due >= today)
    maybe = only_input_errors(lambda: read_due(text, now, week_start))
    assert maybe is None or maybe >= today
    snooze = only_input_errors(lambda: parse_snooze(text, now, week_start))
    assert snooze is None or snooze > today


@given(READABLE, TODAYS, st.integers(0, 6))
def test_the_day_you_met_is_never_after_today(text: str, today: date, week_start: int) -> None:
    met = only_input_errors(lambda: parse_met_on(text, today, week_start))
    assert met is None or met <= today


@given(PHRASES, st.one_of(st.none(), TODAYS), st.sampled_from(["birthday", "wedding", " "]))
def test_a_yearly_date_raises_only_input_errors(text: str, today: date | None, label: str) -> None:
    found = only_input_errors(lambda: parse_yearly_date(text, label, today))
    if found is not None and today is not None and found.year and label == "birthday":
        assert date(found.year, found.month, found.day) <= today


@given(PROMISE_LINES, st.one_of(NOWS, TODAYS), st.integers(0, 6))
def test_a_promise_line_raises_only_input_errors(text: str, now: date, week_start: int) -> None:
    today = date(now.year, now.month, now.day)
    read = only_input_errors(lambda: read_promise(text, now, week_start))
    if read is not None:
        words, due = read
        assert words.strip() and (due is None or due >= today)
    only_input_errors(lambda: split_promise(text, now, week_start))


_CREATED = datetime(2026, 1, 1, tzinfo=UTC)
_OTHERS = (
    Person("p1", "Ana Lima", _CREATED, _CREATED, nickname="Nan"),
    Person("p2", "Ana Souza", _CREATED, _CREATED),
)


_FIELD_TEXT = st.one_of(
    st.sampled_from(["ana", "a", "Ana", "ANA L", "zed", "a@b", "@ana", "x: 15 apr; y: may"]),
    READABLE,
    st.text(alphabet="ana;:@., ", max_size=20),
)


@pytest.mark.parametrize("key", FIELDS)
@given(text=_FIELD_TEXT)
def test_a_person_field_raises_only_input_errors(key: str, text: str) -> None:
    """Every field ``relate edit`` and the person form read (birthday, other dates, met on,
    rhythm, introduced by, email...): refused with a line, never another exception."""
    only_input_errors(
        lambda: parse_field(
            key, text, today=date(2026, 11, 25), tiers=TIERS, week_start=6, others=_OTHERS
        )
    )


@given(PHRASES)
def test_a_rhythm_raises_only_input_errors(text: str) -> None:
    only_input_errors(lambda: parse_rhythm(text))
    only_input_errors(lambda: normalise_rhythm(text, TIERS))
    only_input_errors(lambda: resolve_rhythm(text, TIERS))


@settings(max_examples=300)
@given(st.text(alphabet="0123456789 -/.:apmstndrhoy", max_size=16), NOWS)
def test_digits_and_separators_raise_only_input_errors(text: str, now: datetime) -> None:
    """Numbers are where the forms overlap (times, ISO dates, 12/1, 3rd, 2w): more of them."""
    today = now.date()
    for call in (
        lambda: parse_when(text, now),
        lambda: parse_due(text, now),
        lambda: parse_met_on(text, today),
        lambda: parse_yearly_date(text, today=today),
    ):
        only_input_errors(call)


@given(_SAID_DAYS, TODAYS.filter(lambda d: d.year < 9990), st.integers(0, 6))
def test_documented_due_phrases_parse(text: str, today: date, week_start: int) -> None:
    due = parse_due(text, today, week_start)
    assert timedelta(0) <= due - today <= timedelta(days=5 * 366 + 31)  # at most "in 60 months"


@given(_SAID_TIMES, NOWS.filter(lambda n: n.year > 10), st.integers(0, 6))
def test_documented_note_times_parse(text: str, now: datetime, week_start: int) -> None:
    when = parse_when(text, now, week_start)
    assert when <= now
    assert now - when < timedelta(days=150)
