"""Every date phrase the "dates people type" report quoted, read in every context it can be
typed in: a note's time (``--at``), a due date (``--due``, a promise's ``by …``), a snooze
and a birthday (``--birthday``) — one row per phrase, so a reading that is right in one
context and wrong in another shows up here.

The clock is the report's: Wednesday 25 November 2026 14:30 in Berlin, weeks starting on
Monday, and again on Sunday where the week start changes the answer.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from relate_tui.domain.dates import parse_due, parse_snooze, parse_when
from relate_tui.domain.errors import InputError
from relate_tui.domain.people import ImportantDate, parse_yearly_date

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 25, 14, 30, tzinfo=BERLIN)
TODAY = NOW.date()
MONDAY, SUNDAY = 0, 6

FUTURE = "still to come"
PAST = "is in the past"
NOT_A_BIRTHDAY = "not understood: write 1990-04-15, --04-15 (no year)"


def at(day: int, hour: int = 14, minute: int = 30, month: int = 11, year: int = 2026) -> datetime:
    """A note's time in Berlin (a day alone keeps now's 14:30)."""
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def d(day: int, month: int = 11, year: int = 2026) -> date:
    return date(year, month, day)


# text, week start, note time, due date, birthday. A str is the refusal's message (part).
ROWS: list[tuple[str, int, datetime | str, date | str, ImportantDate | str]] = [
    # Read wrong, silently, before: "m" in a note's time was a month.
    ("5m ago", MONDAY, at(25, 14, 25), '"5m ago" is in the past (Thu 25 Jun)', NOT_A_BIRTHDAY),
    ("15m ago", MONDAY, at(25, 14, 15), PAST, NOT_A_BIRTHDAY),
    # "this week" as a due date gave its (past) Monday.
    ("this week", MONDAY, at(23), d(29), NOT_A_BIRTHDAY),
    ("this week", SUNDAY, at(22), d(28), NOT_A_BIRTHDAY),
    # "this monday" said on a Wednesday gave the Monday just gone.
    ("this monday", MONDAY, at(23), d(30), NOT_A_BIRTHDAY),
    ("this monday", SUNDAY, at(23), d(30), NOT_A_BIRTHDAY),
    # --at ignored week_start.
    ("last sun", MONDAY, at(22), PAST, NOT_A_BIRTHDAY),
    ("last sun", SUNDAY, at(15), '"last sun" is in the past (Sun 15 Nov)', NOT_A_BIRTHDAY),
    ("this sun", MONDAY, at(22), d(29), NOT_A_BIRTHDAY),
    ("this sun", SUNDAY, at(22), d(29), NOT_A_BIRTHDAY),
    # The crash: a month and a year without a day.
    ("may 1990", MONDAY, 'time "may 1990" not understood', 'date "may 1990" not understood',
     '"may 1990" has no day: write the day too, like "15 may 1990"'),
    ("1990 apr", MONDAY, "not understood", "not understood",
     '"1990 apr" has no day: write the day too, like "15 apr 1990"'),
    ("may 199", MONDAY, "not understood", "not understood", '"may 199" has no day'),
    # Parts of the day.
    ("last night", MONDAY, at(24, 22, 0), '"last night" is in the past (yesterday)',
     NOT_A_BIRTHDAY),
    ("this morning", MONDAY, at(25, 9, 0), d(25), NOT_A_BIRTHDAY),
    ("yesterday afternoon", MONDAY, at(24, 15, 0), PAST, NOT_A_BIRTHDAY),
    ("tonight", MONDAY, '"tonight" is today 22:00, still to come', d(25), NOT_A_BIRTHDAY),
    # Hours and minutes: a due date is a day, and an hour ago is still today.
    ("an hour ago", MONDAY, at(25, 13, 30), d(25), NOT_A_BIRTHDAY),
    ("2 hours ago", MONDAY, at(25, 12, 30), d(25), NOT_A_BIRTHDAY),
    ("30 min ago", MONDAY, at(25, 14, 0), d(25), NOT_A_BIRTHDAY),
    # A day with a time: the due date keeps the day.
    ("tomorrow at 2pm", MONDAY, FUTURE, d(26), NOT_A_BIRTHDAY),
    ("next monday 9am", MONDAY, FUTURE, d(30), NOT_A_BIRTHDAY),
    ("next monday 9am", SUNDAY, FUTURE, d(30), NOT_A_BIRTHDAY),
    # Days counted from today.
    ("day before yesterday", MONDAY, at(23), PAST, NOT_A_BIRTHDAY),
    ("day after tomorrow", MONDAY, '"day after tomorrow" is Fri 27 Nov 14:30, still to come',
     d(27), NOT_A_BIRTHDAY),
    ("2 days from now", MONDAY, FUTURE, d(27), NOT_A_BIRTHDAY),
    ("in a fortnight", MONDAY, FUTURE, d(9, 12), NOT_A_BIRTHDAY),
    # Weekends (Saturday and Sunday whatever day weeks start on) and years.
    ("this weekend", MONDAY, at(21), d(28), NOT_A_BIRTHDAY),
    ("this weekend", SUNDAY, at(21), d(28), NOT_A_BIRTHDAY),
    ("next weekend", MONDAY, FUTURE, d(5, 12), NOT_A_BIRTHDAY),
    ("next year", MONDAY, '"next year" is Fri 1 Jan 2027 14:30, still to come',
     d(1, 1, 2027), NOT_A_BIRTHDAY),
    # Days of the month: the last one for a note, the next one for a due date.
    ("the 3rd", MONDAY, at(3), d(3, 12), NOT_A_BIRTHDAY),
    ("on the 15th", MONDAY, at(15), d(15, 12), NOT_A_BIRTHDAY),
    ("23rd", MONDAY, at(23), d(23, 12), NOT_A_BIRTHDAY),
    # Day and month: one grammar, a birthday included.
    ("april 15th", MONDAY, at(15, month=4), d(15, 4, 2027), ImportantDate("birthday", 4, 15)),
    ("3rd of december", MONDAY, at(3, month=12, year=2025), d(3, 12),
     ImportantDate("birthday", 12, 3)),
    # Taskwarrior's shorthands: for a due date sow/som/soy start the *next* week, month, year.
    ("eod", MONDAY, at(25), d(25), NOT_A_BIRTHDAY),
    ("eow", MONDAY, FUTURE, d(29), NOT_A_BIRTHDAY),
    ("eow", SUNDAY, FUTURE, d(28), NOT_A_BIRTHDAY),
    ("eom", MONDAY, FUTURE, d(30), NOT_A_BIRTHDAY),
    ("eoy", MONDAY, '"eoy" is Thu 31 Dec 14:30, still to come', d(31, 12), NOT_A_BIRTHDAY),
    ("sow", MONDAY, at(23), d(30), NOT_A_BIRTHDAY),
    ("sow", SUNDAY, at(22), d(29), NOT_A_BIRTHDAY),
    ("som", MONDAY, at(1), d(1, 12), NOT_A_BIRTHDAY),
    ("soy", MONDAY, at(1, month=1), d(1, 1, 2027), NOT_A_BIRTHDAY),
]  # fmt: skip
IDS = [f"{text}-{'sun' if week_start == SUNDAY else 'mon'}" for text, week_start, *_ in ROWS]


def refusal(call) -> str:
    with pytest.raises(InputError) as caught:
        call()
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(("text", "week_start", "note", "_due", "_birthday"), ROWS, ids=IDS)
def test_as_a_note_time(text: str, week_start: int, note, _due, _birthday) -> None:
    if isinstance(note, str):
        assert note in refusal(lambda: parse_when(text, NOW, week_start))
    else:
        assert parse_when(text, NOW, week_start) == note


@pytest.mark.parametrize(("text", "week_start", "_note", "due", "_birthday"), ROWS, ids=IDS)
def test_as_a_due_date(text: str, week_start: int, _note, due, _birthday) -> None:
    if isinstance(due, str):
        message = refusal(lambda: parse_due(text, NOW, week_start))
        assert due in message
        assert PAST not in due or message.endswith("a due date is today or later")
    else:
        assert parse_due(text, NOW, week_start) == due


@pytest.mark.parametrize(("text", "week_start", "_note", "due", "_birthday"), ROWS, ids=IDS)
def test_as_a_snooze(text: str, week_start: int, _note, due, _birthday) -> None:
    """A snooze reads as a due date does and lasts past today: today is refused too."""
    if isinstance(due, str):
        assert due in refusal(lambda: parse_snooze(text, NOW, week_start))
    elif due == TODAY:
        message = refusal(lambda: parse_snooze(text, NOW, week_start))
        assert message.startswith(f'"{text}" is today: a snooze lasts until a day after today')
    else:
        assert parse_snooze(text, NOW, week_start) == due


@pytest.mark.parametrize(("text", "_week_start", "_note", "_due", "birthday"), ROWS, ids=IDS)
def test_as_a_birthday(text: str, _week_start, _note, _due, birthday) -> None:
    if isinstance(birthday, str):
        assert birthday in refusal(lambda: parse_yearly_date(text, today=TODAY))
    else:
        assert parse_yearly_date(text, today=TODAY) == birthday


# Every reader of a typed date whose answer depends on the week's first day.
WEEK_READERS = {
    "parse_when": 2, "parse_due": 2, "parse_snooze": 2, "parse_met_on": 2, "read_due": 2,
    "read_promise": 2, "split_promise": 2, "describe_promise": 2, "parse_day": 2,
}  # fmt: skip


def test_every_caller_passes_the_configured_week_start() -> None:
    """``--at`` once read "last sun" with Monday weeks whatever the config said, while
    ``--due`` and the app honoured it: a reader's ``week_start`` defaults to Monday, so a
    caller that leaves it out is wrong for Sunday weeks without a word. None may."""
    import ast
    import sys
    from pathlib import Path

    import relate_tui

    if "mutmut" in sys.modules:  # the mutation run (README) rewrites the source it reads
        pytest.skip("reads relate's source, which a mutation run has rewritten")
    forgetful = []
    for path in Path(relate_tui.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name not in WEEK_READERS:
                continue
            given = len(node.args) > WEEK_READERS[name] or any(
                k.arg in ("week_start", None) for k in node.keywords
            )
            if not given:
                forgetful.append(f"{path.name}:{node.lineno} {name}")
    assert forgetful == []
