"""The queue worked out again after a change: ``requeue`` (one person's items redone, as the
app does after a save) gives the very queue ``build_queue`` gives, ``count_due`` (``relate
due --count``) counts what the queue lists as due, and people who share a name keep one
order. The last touches read from notes: the newest of each person, its local day, and
the line a note with no text shows.

Today is Wednesday 2 December 2026; weeks start on Monday. Ids do not sort like the names
or the file order, and every moment has seconds and microseconds.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from relate_tui.domain.notes import Note
from relate_tui.domain.people import ImportantDate, Person
from relate_tui.domain.promises import Promise
from relate_tui.domain.queue import build_queue, count_due, due_count, rank_key, requeue
from relate_tui.domain.touches import head_of, newest_per_person, touch_index
from relate_tui.settings import Settings

TODAY = date(2026, 12, 2)
BERLIN = timezone(timedelta(hours=1))


def at(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, 17, 43, 120_004, tzinfo=BERLIN)


def person(pid: str, name: str, rhythm: str | None = None, **fields: object) -> Person:
    added = fields.pop("added", at(1, 5))
    return Person(id=pid, name=name, created=added, updated=added, rhythm=rhythm, **fields)


def touch(pid: str, on: datetime, kind: str = "call", note_id: str | None = None) -> Note:
    return Note(note_id or f"n-{pid}", (pid,), kind, on, "talked", on, on)


PEOPLE = [
    person("z-imported", "Imp Orted"),  # nothing is ever due: first in the file
    person("y-ana", "Ana Lima", "1w"),  # two people of one name, due the same day,
    person("b-ana", "ana lima", "1w"),  # the file and their ids in opposite orders
    person("x-ada", "Ada Daily", "1d"),
    person("w-wes", "Wes Weekly", "1w"),
    person("v-bea", "Bea Birthday", dates=(ImportantDate("birthday", 12, 2, 1986),)),
    person("u-ned", "Ned New", "2m", added=at(11, 30)),
    person("t-pia", "Pia Promise"),
    person("s-old", "Old Archived", "1d", archived=True),
]
NOTES = [
    touch("y-ana", at(11, 24)),
    touch("b-ana", at(11, 24)),
    touch("x-ada", at(11, 30)),
    touch("w-wes", at(11, 25), "coffee"),
    touch("s-old", at(1, 2)),
]
PROMISES = [
    Promise("m-1", "t-pia", "send the book", date(2026, 12, 1), at(11, 1), at(11, 1)),
    Promise("m-0", "t-pia", "return the ladder", date(2026, 12, 14), at(11, 1), at(11, 1)),
]


def queue(people: list[Person] = PEOPLE) -> tuple:
    return build_queue(people, NOTES, PROMISES, TODAY, Settings())


def test_people_who_share_a_name_are_ranked_by_id_whatever_the_file_order() -> None:
    items = queue()
    late = [(i.person_name, i.person_id) for i in items if i.person_name.casefold() == "ana lima"]
    assert late == [("ana lima", "b-ana"), ("Ana Lima", "y-ana")]
    assert [i.person_id for i in queue(list(reversed(PEOPLE)))] == [i.person_id for i in items]


def test_the_queue_orders_items_as_its_rank_key_says() -> None:
    items = queue()
    assert [i.group for i in items][:4] == ["overdue"] * 4  # Ada, the two Anas, Pia
    assert list(items) == sorted(reversed(items), key=rank_key)


@pytest.mark.parametrize("changed", [p.id for p in PEOPLE])
def test_one_persons_items_worked_out_again_give_the_queue_build_queue_gives(
    changed: str,
) -> None:
    """The app redoes only the people a save touched (``requeue``); the queue it shows must
    be the one a full rebuild gives, first contacts and birthdays included."""
    items = queue()
    redone = requeue(
        items, [changed], PEOPLE, PROMISES, TODAY, Settings(), touches=touch_index(NOTES)
    )
    assert redone == items


def test_a_person_touched_just_now_moves_to_their_new_place() -> None:
    items = queue()
    notes = [*NOTES, touch("x-ada", at(12, 2, 8), note_id="n-new")]
    redone = requeue(
        items, ["x-ada"], PEOPLE, PROMISES, TODAY, Settings(), touches=touch_index(notes)
    )
    assert redone == build_queue(PEOPLE, notes, PROMISES, TODAY, Settings())
    assert [i.person_id for i in redone if i.group == "overdue"] == ["b-ana", "y-ana", "t-pia"]


def test_the_due_count_is_what_the_queue_lists_as_due() -> None:
    """``relate due --count`` counts overdue and today: rhythms, promises, birthdays and
    first contacts alike, however the people are ordered in the file."""
    touch_days = {pid: info.touch_day for pid, info in touch_index(NOTES).items() if info.touch_day}
    for people in (PEOPLE, list(reversed(PEOPLE))):
        counted = count_due(people, PROMISES, TODAY, Settings(), touch_days=touch_days)
        assert counted == due_count(queue(people)) == 7
    only_promises = [p for p in PEOPLE if p.id == "t-pia"]
    only_dates = [p for p in PEOPLE if p.id == "v-bea"]
    for people, expected in ((only_promises, 1), (only_dates, 1)):
        assert count_due(people, PROMISES, TODAY, Settings(), touch_days=touch_days) == expected


def test_the_newest_touch_and_note_of_each_person_and_its_local_day() -> None:
    late_call = touch("a", datetime(2026, 12, 1, 0, 30, 5, 7, tzinfo=BERLIN), note_id="n1")
    jot = Note("n0", ("a", "b"), "note", at(12, 2), "a jot", at(12, 2), at(12, 2))
    earlier = touch("a", datetime(2026, 11, 30, 23, 59, 59, 999_999, tzinfo=BERLIN), note_id="n9")
    newest_touch, newest_note, touch_day = newest_per_person([late_call, jot, earlier])
    assert newest_touch == {"a": late_call}
    assert newest_note == {"a": jot, "b": jot}
    assert touch_day == {"a": date(2026, 12, 1)}  # the day it was written in, at 00:30


def test_a_note_with_no_text_shows_an_empty_line() -> None:
    blank = Note("n1", ("a",), "call", at(12, 1), "  \n\n", at(12, 1), at(12, 1))
    head = head_of(blank)
    assert (head.line, head.first_line, head.kind, head.at) == ("", "", "call", at(12, 1))
    assert head_of(head) is head
