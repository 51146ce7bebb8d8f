"""Promises: something you said you would do for someone, by a date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from relate_tui.domain.errors import InputError
from relate_tui.domain.ids import new_id

OPEN, KEPT, DROPPED = "open", "kept", "dropped"
STATUSES = (OPEN, KEPT, DROPPED)
DEFAULT_DUE_DAYS = 7
"""A promise given no due date is due in a week."""


@dataclass(frozen=True, slots=True)
class Promise:
    """Something you said you would do for a person ("send the deck"), due on a date."""

    id: str
    person_id: str
    text: str
    due: date
    created: datetime
    updated: datetime
    status: str = OPEN
    closed_at: datetime | None = None
    """When it was kept or dropped."""
    note_id: str | None = None
    """The note it was written in, if any."""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


def default_due(today: date) -> date:
    """When a promise made ``today`` without a date is due: in a week."""
    return today + timedelta(days=DEFAULT_DUE_DAYS)


def new_promise(
    person_id: str,
    text: str,
    due: date | None,
    *,
    now: datetime,
    today: date,
    note_id: str | None = None,
) -> Promise:
    """A new open promise to ``person_id``: ``text`` on one line, due on ``due`` or in a
    week from ``today``; ``InputError`` when ``text`` has no words."""
    text = " ".join(text.split())
    if not text:
        raise InputError("a promise needs some words: what will you do?")
    return Promise(
        id=new_id(),
        person_id=person_id,
        text=text,
        due=due or default_due(today),
        created=now,
        updated=now,
        note_id=note_id,
    )


def read_promise(text: str, now: date, week_start: int = 0) -> tuple[str, date | None]:
    """ "send deck by fri" -> ("send deck", Friday): the words before the last " by " and
    the due date after it, read as every due date is (``domain.date_uses.read_due``:
    forward, never before today, "by tomorrow 2pm" is tomorrow). When what follows " by "
    is no date at all ("drop by the gallery") it stays in the words and the date is None.

    Without such a "by", a line ending in "in" and a count of days to years ("send deck in
    three months") is due that far ahead, and keeps those words: they may say when the
    thing itself happens ("visit in two weeks"), which a due date alone would lose.

    ``now`` is the current moment, or today's date. Raises ``InputError`` for an empty
    promise, or a due date that cannot be one (impossible, ambiguous or already past).
    """
    from relate_tui.domain.date_uses import read_due  # only when a promise is typed
    from relate_tui.domain.day_grammar import is_count_ahead

    words = " ".join(text.split())
    due = None
    lowered = words.lower()
    cut = lowered.rfind(" by ")
    if cut > 0 and (day := read_due(words[cut + 4 :], now, week_start)) is not None:
        due = day
        words = words[:cut].strip()
    elif (cut := lowered.rfind(" in ")) > 0 and is_count_ahead(words[cut + 1 :]):
        due = read_due(words[cut + 1 :], now, week_start)
    if not words:
        raise InputError('a promise needs some words, like "send the deck by fri"')
    return words, due


def split_promise(text: str, now: date, week_start: int = 0) -> tuple[str, date]:
    """ "send deck by fri" -> ("send deck", Friday); without a "by <date>" the promise is
    due in a week (see ``read_promise``, which this is with the default filled in)."""
    words, due = read_promise(text, now, week_start)
    return words, due or default_due(date(now.year, now.month, now.day))
