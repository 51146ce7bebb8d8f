"""The review's edges: whose promise an entry is (the --json consumer reads the id), and the
notes it reads whatever the lengths of its windows. Ids are unlike the names and sort the
other way; the clock has seconds and microseconds.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from relate_tui.domain import review as review_module
from relate_tui.domain.notes import Note
from relate_tui.domain.people import ImportantDate, Person
from relate_tui.domain.promises import DROPPED, KEPT, OPEN, Promise
from relate_tui.domain.review import first_day_read, review
from relate_tui.domain.review_promises import promise_sections
from relate_tui.domain.review_rhythm import drifting_people, tier_summaries
from relate_tui.domain.review_touches import scan_notes
from relate_tui.domain.touches import touch_index
from relate_tui.settings import Settings

TODAY = date(2026, 12, 2)  # a Wednesday; the week starts Monday 30 November
MOMENT = datetime(2026, 11, 20, 8, 14, 53, 902_117, tzinfo=UTC)


def person(pid: str, name: str) -> Person:
    return Person(id=pid, name=name, created=MOMENT, updated=MOMENT)


def test_promise_entries_name_the_promise_and_the_person_by_id() -> None:
    zoe, abe = person("p-01", "Zoe Park"), person("p-02", "Abe Ito")
    kept = Promise(
        "q-9", "p-01", "send the book", date(2026, 12, 1), MOMENT, MOMENT,
        status=KEPT, closed_at=datetime(2026, 12, 1, 21, 5, 7, 1, tzinfo=UTC),
    )  # fmt: skip
    late = Promise("q-1", "p-02", "call back", date(2026, 11, 30), MOMENT, MOMENT, status=OPEN)
    result = review([zoe, abe], [], [kept, late], TODAY, Settings())
    assert [(e.promise_id, e.person_id, e.person_name) for e in result.kept] == [
        ("q-9", "p-01", "Zoe Park")
    ]
    assert [(e.promise_id, e.person_id, e.days_late) for e in result.late] == [("q-1", "p-02", 2)]


def test_the_review_reads_every_week_its_chart_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    # Today the six-month balance window reaches furthest back; were it shortened, the chart's
    # twelve weeks and last week must still be read.
    assert first_day_read(TODAY, Settings()) == date(2026, 6, 2)
    monkeypatch.setattr(review_module, "BALANCE_MONTHS", 1)
    assert first_day_read(TODAY, Settings()) == date(2026, 9, 14)  # 11 weeks before 30 Nov
    monkeypatch.setattr(review_module, "BALANCE_MONTHS", 0)
    monkeypatch.setattr(review_module, "WEEKS", 1)
    assert first_day_read(TODAY, Settings()) == date(2026, 11, 23)  # last week's Monday


def touched(pid: str, on: datetime) -> Note:
    return Note(f"n-{pid}", (pid,), "call", on, "talked", on, on)


def rhythm_person(pid: str, name: str, rhythm: str, **fields: object) -> Person:
    return Person(id=pid, name=name, created=MOMENT, updated=MOMENT, rhythm=rhythm, **fields)


def test_drifting_lists_everyone_past_their_rhythm_whatever_comes_first() -> None:
    long_ago = datetime(2026, 9, 1, 18, 30, 12, 5_001, tzinfo=UTC)
    people = (
        # Never touched, added three months ago with a weekly rhythm: drifting as far as Zed.
        Person(id="a-1", name="Ann New", created=long_ago, updated=long_ago, rhythm="1w"),
        # A birthday today does not hide that Zed is past his rhythm.
        rhythm_person("b-2", "Zed Moss", "1w", dates=(ImportantDate("birthday", 12, 2),)),
        # A snooze that ends today is no longer running; one that ends tomorrow is.
        rhythm_person("c-3", "Bo Lund", "2w", snooze_until=TODAY),
        rhythm_person("d-4", "Cy Ek", "2w", snooze_until=date(2026, 12, 3)),
    )
    notes = [touched(p.id, long_ago) for p in people[1:]]
    drifting = drifting_people(people, touch_index(notes), TODAY, Settings())
    assert [(d.person_id, d.person_name, d.snoozed_until) for d in drifting] == [
        ("a-1", "Ann New", None),
        ("b-2", "Zed Moss", None),
        ("c-3", "Bo Lund", None),
        ("d-4", "Cy Ek", date(2026, 12, 3)),
    ]


def test_tier_summaries_skip_rhythms_that_no_longer_resolve_and_count_the_rest() -> None:
    recent = datetime(2026, 11, 30, 7, 0, 9, 12, tzinfo=UTC)
    people = (
        rhythm_person("z-1", "Old Tier", "E"),  # tier E was removed from the config
        rhythm_person("y-2", "Old Words", "fortnightly-ish"),  # no longer parses
        rhythm_person("x-3", "Quarterly Person", "quarterly"),  # an own rhythm in words
        rhythm_person("w-4", "Tier Person", "a"),
    )
    touches = touch_index([touched("x-3", recent), touched("w-4", recent)])
    rows = tier_summaries(people, touches, TODAY, Settings().tiers)
    assert [(r.title, r.rhythm, r.people, r.in_rhythm) for r in rows] == [
        ("A", "3w", 1, 1),
        ("Own rhythm", "", 1, 1),
    ]


def closed_promise(qid: str, pid: str, status: str, closed: datetime | None) -> Promise:
    return Promise(qid, pid, f"promise {qid}", date(2026, 11, 30), MOMENT, MOMENT,
                   status=status, closed_at=closed)  # fmt: skip


def test_promises_closed_on_the_weeks_last_day_count_and_dropped_ones_sort_by_day() -> None:
    people = {"p-1": person("p-1", "Zoe Park"), "p-2": person("p-2", "Abe Ito")}
    sunday = datetime(2026, 12, 6, 23, 59, 59, 999_999, tzinfo=UTC)
    monday = datetime(2026, 11, 30, 0, 0, 1, 7, tzinfo=UTC)
    promises = [
        closed_promise("q-1", "p-1", KEPT, sunday),
        closed_promise("q-2", "p-1", DROPPED, sunday),
        closed_promise("q-3", "p-2", DROPPED, monday),
        closed_promise("q-4", "p-2", KEPT, None),  # kept before close days were recorded
    ]
    kept, dropped, late, open_ = promise_sections(
        promises, people, date(2026, 11, 30), date(2026, 12, 6), date(2026, 12, 6)
    )
    assert [(e.promise_id, e.closed) for e in kept] == [("q-1", date(2026, 12, 6))]
    assert [e.promise_id for e in dropped] == ["q-3", "q-2"]
    assert late == open_ == ()


def test_people_added_one_rhythm_ago_and_never_touched_are_counted_new() -> None:
    added = datetime(2026, 11, 25, 22, 40, 3, 311, tzinfo=UTC)  # one week before today
    people = tuple(
        Person(id=f"n-{i}", name=name, created=added, updated=added, rhythm="1w")
        for i, name in enumerate(["Una", "Ivo"])
    )
    rows = tier_summaries(people, {}, TODAY, Settings().tiers)
    assert [(r.title, r.people, r.in_rhythm, r.new) for r in rows] == [("Own rhythm", 2, 0, 2)]


def test_late_promises_are_listed_soonest_due_first() -> None:
    people = {"p-1": person("p-1", "Zoe Park")}
    later = Promise("q-1", "p-1", "a", date(2026, 11, 29), MOMENT, MOMENT, status=OPEN)
    sooner = Promise("q-2", "p-1", "b", date(2026, 11, 20), MOMENT, MOMENT, status=OPEN)
    _, _, late, _ = promise_sections(
        [later, sooner], people, date(2026, 11, 30), date(2026, 12, 6), TODAY
    )
    assert [(e.promise_id, e.days_late) for e in late] == [("q-2", 12), ("q-1", 3)]


def flagged(nid: str, on: datetime, *pids: str, kind: str = "call", **flags: bool) -> Note:
    return Note(nid, pids, kind, on, "talked", on, on, **flags)


def test_the_weeks_touches_and_the_balance_count_everyone_once_per_note() -> None:
    by_id = {
        "k-9": person("k-9", "ana Lima"),  # lower-case: still sorted as a name is
        "k-1": person("k-1", "Bob Ek"),
        "k-5": Person(id="k-5", name="Old Friend", created=MOMENT, updated=MOMENT, archived=True),
    }
    sunday = datetime(2026, 12, 6, 21, 3, 4, 5, tzinfo=UTC)  # the week's last day
    notes = [
        flagged("n1", datetime(2026, 11, 26, 8, 1, 2, 3, tzinfo=UTC), "k-5", "k-1", gave=True),
        flagged("n2", datetime(2026, 11, 27, 8, 1, 2, 3, tzinfo=UTC), "k-1", gave=True),
        flagged("n3", datetime(2026, 11, 28, 8, 1, 2, 3, tzinfo=UTC), "k-9", asked=True),
        flagged("n4", sunday, "k-1", "k-9", kind="coffee"),
    ]
    weeks = (date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 6))
    this_week, last_week, balance = scan_notes(notes, by_id, weeks, date(2026, 6, 2), TODAY)
    assert [t.note_id for t in this_week.touches] == ["n4"]
    assert this_week.people == ("ana Lima", "Bob Ek")
    assert last_week.people == ("ana Lima", "Bob Ek", "Old Friend")
    # The archived friend on the first note does not stop Bob's "gave" from counting.
    assert [(b.person_id, b.person_name, b.gave, b.asked) for b in balance] == [
        ("k-9", "ana Lima", 0, 1),
        ("k-1", "Bob Ek", 2, 0),
    ]
