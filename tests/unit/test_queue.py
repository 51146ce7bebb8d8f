"""The next-touch queue: the DESIGN.md worked example and every rule behind it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pendulum
import pytest

from relate_tui.domain.date_words import ago
from relate_tui.domain.notes import Note
from relate_tui.domain.people import ImportantDate, Person
from relate_tui.domain.promises import Promise
from relate_tui.domain.queue import (
    GROUP_TITLES,
    GROUPS,
    QueueItem,
    TouchInfo,
    build_queue,
    due_count,
    due_words,
    explain,
    group_items,
    touch_index,
)
from relate_tui.settings import Settings

UTC = timezone.utc  # noqa: UP017 - spelled out for readers used to older Pythons
BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 12, 2)  # Wednesday 2 December 2026
SETTINGS = Settings()  # weeks start Monday, lead 7 days, horizon 30 days


def at(d: date, hour: int = 12, tz: timezone | ZoneInfo = UTC) -> datetime:
    return datetime.combine(d, time(hour), tzinfo=tz)


def person(
    pid: str,
    name: str | None = None,
    *,
    added: date = date(2026, 1, 1),
    rhythm: str | None = None,
    snooze_until: date | None = None,
    archived: bool = False,
    dates: tuple[ImportantDate, ...] = (),
) -> Person:
    return Person(
        id=pid,
        name=name or pid.capitalize(),
        created=at(added, 9),
        updated=at(added, 9),
        rhythm=rhythm,
        snooze_until=snooze_until,
        archived=archived,
        dates=dates,
    )


_note_ids = iter(range(1, 10**9))


def note(*person_ids: str, on: date | datetime, kind: str = "call", body: str = "talked") -> Note:
    moment = on if isinstance(on, datetime) else at(on)
    return Note(
        id=f"n{next(_note_ids)}",
        person_ids=tuple(person_ids),
        kind=kind,
        at=moment,
        body=body,
        created=moment,
        updated=moment,
    )


def promise(
    pid: str, text: str, due: date, *, status: str = "open", promise_id: str | None = None
) -> Promise:
    return Promise(
        id=promise_id or f"p-{pid}-{text}",
        person_id=pid,
        text=text,
        due=due,
        created=at(date(2026, 11, 1)),
        updated=at(date(2026, 11, 1)),
        status=status,
    )


def queue(people, notes=(), promises=(), today=TODAY, settings=SETTINGS):
    return build_queue(people, notes, promises, today, settings)


def names_by_group(items) -> dict[str, list[str]]:
    return {
        group: [item.person_name for item in group_of] for group, group_of in group_items(items)
    }


# --- the worked example -------------------------------------------------------------------


def worked_example():
    people = [
        person("ana", rhythm="1w"),
        person("bruno", rhythm="1y", added=date(2025, 1, 1)),
        person("carla"),
        person("dan", rhythm="2m", added=TODAY),
        person("eve", dates=(ImportantDate("birthday", 12, 5),)),
        person("finn", rhythm="3w"),
        person("gus", rhythm="2w", snooze_until=date(2026, 12, 20)),
        person("hana", rhythm="1m", added=date(2026, 10, 15)),
    ]
    notes = [
        note("ana", on=date(2026, 11, 20), kind="call"),
        note("bruno", on=date(2025, 11, 1), kind="coffee"),
        note("finn", on=date(2026, 11, 20), kind="meal"),
        note("gus", on=date(2026, 10, 1), kind="call"),
        note("hana", on=date(2026, 12, 1), kind="note", body="heard she changed teams"),
    ]
    promises = [promise("carla", "send deck", date(2026, 11, 30))]
    return people, notes, promises


def test_design_worked_example() -> None:
    items = queue(*worked_example())

    assert names_by_group(items) == {
        "overdue": ["Ana", "Hana", "Carla", "Bruno"],
        "today": ["Dan"],
        "this_week": ["Eve"],
        "next_week": ["Finn"],
    }
    by_name = {item.person_name: item for item in items}
    assert "Gus" not in by_name

    ana = by_name["Ana"]
    assert (ana.kind, ana.due, ana.days_late, ana.period_days) == (
        "rhythm",
        date(2026, 11, 27),
        5,
        7,
    )
    assert round(ana.ratio, 2) == 0.71
    assert ana.last_touch == date(2026, 11, 20)

    hana = by_name["Hana"]
    # A note is not a touch: due a month after she was added, 15 Oct + 1m = 15 Nov.
    assert (hana.kind, hana.due, hana.days_late, hana.period_days) == (
        "rhythm",
        date(2026, 11, 15),
        17,
        31,
    )
    assert round(hana.ratio, 2) == 0.55
    assert hana.last_touch is None
    assert hana.last_note is not None and hana.last_note.first_line == "heard she changed teams"

    carla = by_name["Carla"]
    assert (carla.kind, carla.due, carla.days_late, carla.period_days) == (
        "promise",
        date(2026, 11, 30),
        2,
        7,
    )
    assert round(carla.ratio, 2) == 0.29
    assert carla.label == "send deck"

    bruno = by_name["Bruno"]
    assert (bruno.due, bruno.days_late, bruno.period_days) == (date(2026, 11, 1), 31, 365)
    assert round(bruno.ratio, 2) == 0.08

    dan = by_name["Dan"]
    assert (dan.kind, dan.due, dan.group, dan.days_late, dan.ratio) == (
        "rhythm",
        TODAY,
        "today",
        0,
        0.0,
    )

    eve = by_name["Eve"]
    assert (eve.kind, eve.due, eve.label) == ("date", date(2026, 12, 5), "birthday")

    finn = by_name["Finn"]
    assert (finn.kind, finn.due) == ("rhythm", date(2026, 12, 11))


def test_worked_example_why_is_machine_readable() -> None:
    items = queue(*worked_example())
    ana = next(item for item in items if item.person_name == "Ana")
    assert ana.why() == {
        "kind": "rhythm",
        "due": "2026-11-27",
        "group": "overdue",
        "last_touch": "2026-11-20",
        "rhythm": "1w",
        "period_days": 7,
        "days_late": 5,
        "ratio": 0.71,
        "reason": "last touch 20 Nov (call); every week; due 27 Nov; 5 days late; ratio 0.71",
    }
    bruno = next(item for item in items if item.person_name == "Bruno")
    assert bruno.why()["reason"].startswith("last touch 1 Nov 2025 (coffee); every year; due 1 Nov")
    carla = next(item for item in items if item.person_name == "Carla")
    assert carla.why()["rhythm"] is None
    assert carla.why()["ratio"] == 0.29
    assert "7-day rhythm" in carla.why()["reason"]


def test_explain_says_why_in_words() -> None:
    items = queue(*worked_example())
    hana = next(item for item in items if item.person_name == "Hana")
    text = explain(hana, TODAY)
    assert "Last touch: none logged yet" in text
    assert "the day they were added (Thu 15 Oct)" in text
    assert "31 days" in text
    assert "Late: 17 days; ratio 0.55 = 17 / 31" in text
    assert "Group: Overdue" in text
    finn = next(item for item in items if item.person_name == "Finn")
    text = explain(finn, TODAY)
    assert "Last touch: Fri 20 Nov (meal)" in text
    assert "Due: Fri 11 Dec" in text
    assert "Group: Next week, because it is due in the week starting Mon 7 Dec" in text
    eve = next(item for item in items if item.person_name == "Eve")
    assert "Group: This week, because it is due by Sun 6 Dec" in explain(eve, TODAY)


def test_items_carry_context_for_a_personal_message() -> None:
    people = [person("ana", rhythm="1w")]
    notes = [
        note("ana", on=date(2026, 11, 20), kind="call", body="AI ethics talk\nmore"),
        note("ana", on=date(2026, 11, 25), kind="note", body="changed teams"),
    ]
    promises = [
        promise("ana", "send article", date(2026, 12, 20)),
        promise("ana", "intro to Bo", date(2026, 12, 10)),
        promise("ana", "old thing", date(2026, 11, 1), status="kept"),
    ]
    items = queue(people, notes, promises)
    rhythm_item = next(item for item in items if item.kind == "rhythm")
    assert rhythm_item.last_note is not None and rhythm_item.last_note.first_line == "changed teams"
    assert rhythm_item.last_touch == date(2026, 11, 20)
    assert [p.text for p in rhythm_item.open_promises] == ["intro to Bo", "send article"]
    # Kept promises are not in the queue.
    assert [item.label for item in items if item.kind == "promise"] == [
        "intro to Bo",
        "send article",
    ]


def test_group_titles_and_order() -> None:
    assert GROUPS == ("overdue", "today", "this_week", "next_week", "later")
    assert [GROUP_TITLES[group] for group in GROUPS] == [
        "Overdue",
        "Today",
        "This week",
        "Next week",
        "Later",
    ]


def test_empty_journal_gives_an_empty_queue() -> None:
    assert queue([]) == ()
    assert group_items(()) == []


# --- rhythm items ---------------------------------------------------------------------------


def test_never_touched_is_a_first_contact_for_a_week_then_waits_for_its_rhythm() -> None:
    ana = person("ana", rhythm="3w", added=date(2026, 11, 20))
    # The week after being added: in Today, a first contact to make.
    for today in (date(2026, 11, 20), date(2026, 11, 26)):
        (item,) = queue([ana], today=today)
        assert (item.due, item.group, item.days_late) == (today, "today", 0)
        assert item.period_days == 21
        assert item.last_touch is None
        assert due_words(item, today) == f"added {ago(date(2026, 11, 20), today)}, no contact yet"
    assert due_words(queue([ana], today=date(2026, 11, 20))[0], date(2026, 11, 20)) == (
        "added today, no contact yet"
    )
    # Then not "due today" every day: due when the first rhythm from the day added ends.
    (item,) = queue([ana])
    assert (item.due, item.group) == (date(2026, 12, 11), "next_week")
    assert item.reason == "never touched; added 20 Nov; every 3 weeks; due 11 Dec"
    assert due_words(item, TODAY) == "due Fri 11 Dec"
    (item,) = queue([ana], today=date(2026, 12, 11))
    assert (item.due, item.group) == (date(2026, 12, 11), "today")
    # Then overdue, counted from the end of that first rhythm.
    (item,) = queue([ana], today=date(2026, 12, 14))
    assert (item.due, item.group, item.days_late, item.ratio) == (
        date(2026, 12, 11),
        "overdue",
        3,
        3 / 21,
    )
    assert "Never touched" not in explain(item, date(2026, 12, 14))


def test_a_first_contact_comes_after_what_is_really_due_today() -> None:
    dan = person("dan", rhythm="2m", added=TODAY)
    ana = person("ana", rhythm="1w")
    items = queue([dan, ana], [note("ana", on=TODAY - timedelta(days=7))])
    assert [(i.person_name, i.group) for i in items] == [("Ana", "today"), ("Dan", "today")]


def test_never_touched_explained() -> None:
    (item,) = queue([person("dan", rhythm="2m", added=TODAY)])
    text = explain(item, TODAY)
    assert "counted from the day they were added (today): 62 days, to Tue 2 Feb 2027" in text
    assert "Never touched: a first contact to make, in Today the week after" in text
    assert "Due: not yet — added today, no contact yet" in text, "the queue says so too"
    assert "Group: Today, because they are a first contact to make" in text
    assert "due today" not in text


def test_person_without_rhythm_has_no_rhythm_item() -> None:
    assert queue([person("ana")], [note("ana", on=date(2025, 1, 1))]) == ()


def test_tier_rhythm_comes_from_config() -> None:
    people = [person("ana", rhythm="A")]
    notes = [note("ana", on=date(2026, 11, 20))]
    (item,) = queue(people, notes)
    assert item.due == date(2026, 12, 11)  # tier A = 3 weeks
    assert item.label == "tier A · every 3 weeks"
    assert item.rhythm == "3w"
    faster = SETTINGS.with_changes(tiers={"A": "1w"})
    (item,) = queue(people, notes, settings=faster)
    assert item.due == date(2026, 11, 27)


def test_a_rhythm_that_no_longer_resolves_does_not_break_the_queue() -> None:
    people = [person("ana", rhythm="E"), person("bo", rhythm="garbage"), person("cy", rhythm="1w")]
    assert [item.person_name for item in queue(people)] == ["Cy"]


def test_snoozed_person_is_hidden_until_the_snooze_date() -> None:
    gus = person("gus", rhythm="2w", snooze_until=date(2026, 12, 20))
    notes = [note("gus", on=date(2026, 10, 1))]
    assert queue([gus], notes) == ()
    assert queue([gus], notes, today=date(2026, 12, 19)) == ()
    # On the snooze date it is back, with its real due date: still overdue.
    (item,) = queue([gus], notes, today=date(2026, 12, 20))
    assert item.due == date(2026, 10, 15)
    assert item.group == "overdue"
    assert item.why()["snoozed_until"] == "2026-12-20"
    (item,) = queue([gus], notes, today=date(2027, 1, 5))
    assert item.group == "overdue"


def test_snooze_hides_only_the_rhythm_item() -> None:
    gus = person("gus", rhythm="2w", snooze_until=date(2026, 12, 20))
    items = queue([gus], promises=[promise("gus", "send deck", date(2026, 12, 1))])
    assert [item.kind for item in items] == ["promise"]


def test_archived_people_never_appear() -> None:
    ana = person("ana", rhythm="1w", archived=True, dates=(ImportantDate("birthday", 12, 3),))
    items = queue([ana], promises=[promise("ana", "send deck", date(2026, 12, 1))])
    assert items == ()


def test_records_about_unknown_people_are_skipped() -> None:
    items = queue([], [note("ghost", on=date(2026, 11, 1))], [promise("ghost", "x", TODAY)])
    assert items == ()


def test_a_note_kind_note_does_not_restart_the_rhythm() -> None:
    ana = person("ana", rhythm="1w")
    touch = note("ana", on=date(2026, 11, 20), kind="call")
    jot = note("ana", on=date(2026, 12, 1), kind="note", body="heard news")
    (item,) = queue([ana], [touch, jot])
    assert item.due == date(2026, 11, 27)
    assert item.last_touch == date(2026, 11, 20)
    assert item.last_note is not None and item.last_note.id == jot.id
    assert item.last_note.first_line == jot.first_line == "heard news"


@pytest.mark.parametrize(
    "kind", ["call", "video", "coffee", "meal", "meeting", "message", "email", "event"]
)
def test_every_other_kind_is_a_touch(kind: str) -> None:
    (item,) = queue([person("ana", rhythm="1w")], [note("ana", on=date(2026, 12, 1), kind=kind)])
    assert item.due == date(2026, 12, 8)
    assert item.group == "next_week"


def test_a_note_about_several_people_touches_each_of_them() -> None:
    people = [person("ana", rhythm="1w"), person("bo", rhythm="2w"), person("cy", rhythm="1w")]
    dinner = note("ana", "bo", on=date(2026, 12, 1), kind="meal")
    items = queue(people, [dinner])
    due = {item.person_name: item.due for item in items}
    assert due == {"Ana": date(2026, 12, 8), "Bo": date(2026, 12, 15), "Cy": date(2026, 1, 8)}


def test_the_newest_touch_counts_whatever_the_order_of_notes() -> None:
    notes = [
        note("ana", on=date(2026, 11, 30)),
        note("ana", on=date(2026, 11, 1)),
        note("ana", on=date(2026, 11, 15)),
    ]
    (item,) = queue([person("ana", rhythm="1w")], notes)
    assert item.due == date(2026, 12, 7)


def test_month_ends_clamp() -> None:
    ana = person("ana", rhythm="1m")
    (item,) = queue([ana], [note("ana", on=date(2026, 1, 31))], today=date(2026, 2, 20))
    assert item.due == date(2026, 2, 28)
    assert item.period_days == 28
    (item,) = queue([ana], [note("ana", on=date(2028, 1, 31))], today=date(2028, 2, 20))
    assert item.due == date(2028, 2, 29)


def test_touch_index_and_precomputed_touches() -> None:
    notes = [
        note("ana", "bo", on=date(2026, 11, 20), kind="call"),
        note("ana", on=date(2026, 11, 25), kind="note"),
    ]
    index = touch_index(notes)
    assert index["ana"].last_touch == notes[0]
    assert index["ana"].last_note == notes[1]
    assert index["bo"] == TouchInfo(notes[0], notes[0])
    assert "cy" not in index
    people = [person("ana", rhythm="1w"), person("bo", rhythm="1w")]
    # With a precomputed index, the notes are not needed.
    assert build_queue(people, (), (), TODAY, SETTINGS, touches=index) == queue(people, notes)


def test_newest_is_the_latest_local_day_then_the_latest_instant() -> None:
    new_york, paris = timezone(timedelta(hours=-5)), timezone(timedelta(hours=1))
    # Written on 1 Dec in New York, later in absolute time than the next note...
    evening = note("ana", on=datetime(2026, 12, 1, 23, 30, tzinfo=new_york))
    # ...which was written on 2 Dec in Paris: the later local day wins the rhythm.
    morning = note("ana", on=datetime(2026, 12, 2, 1, 0, tzinfo=paris))
    for notes in ([evening, morning], [morning, evening]):
        assert touch_index(iter(notes))["ana"].last_touch == morning
    # On the same local day, the later instant wins.
    nine = note("ana", on=datetime(2026, 12, 1, 9, 0, tzinfo=paris))
    ten_thirty = note("ana", on=datetime(2026, 12, 1, 10, 30, tzinfo=timezone(timedelta(hours=2))))
    for notes in ((nine, ten_thirty), (ten_thirty, nine)):
        assert touch_index(notes)["ana"].last_touch == ten_thirty


# --- time zones and DST -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "touch_day", "due"),
    [
        # Clocks jump 02:00 -> 03:00 on 29 March; a call at 00:30 local is on the 29th.
        (datetime(2026, 3, 29, 0, 30, tzinfo=BERLIN), date(2026, 3, 29), date(2026, 4, 5)),
        (datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN), date(2026, 3, 29), date(2026, 4, 5)),
        # Clocks go back 03:00 -> 02:00 on 25 October.
        (datetime(2026, 10, 25, 0, 30, tzinfo=BERLIN), date(2026, 10, 25), date(2026, 11, 1)),
        (
            datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN),
            date(2026, 10, 25),
            date(2026, 11, 1),
        ),
        # Stored with the fixed offset it was written in (as the journal file does).
        (
            datetime(2026, 10, 25, 0, 30, tzinfo=timezone(timedelta(hours=2))),
            date(2026, 10, 25),
            date(2026, 11, 1),
        ),
    ],
)
def test_a_touch_counts_for_its_local_date_across_dst(
    moment: datetime, touch_day: date, due: date
) -> None:
    (item,) = queue(
        [person("ana", rhythm="1w")], [note("ana", on=moment)], today=touch_day + timedelta(1)
    )
    assert item.last_touch == touch_day
    assert item.due == due


def test_a_pendulum_today_is_accepted_and_items_hold_plain_dates() -> None:
    items = build_queue(*worked_example(), pendulum.date(2026, 12, 2), SETTINGS)
    assert names_by_group(items)["overdue"] == ["Ana", "Hana", "Carla", "Bruno"]
    assert all(type(item.due) is date for item in items)


# --- promises ---------------------------------------------------------------------------------


def test_promise_before_rhythm_on_the_same_due_date() -> None:
    people = [person("ana", rhythm="1w"), person("bo")]
    notes = [note("ana", on=date(2026, 11, 27))]  # due Fri 4 Dec
    promises = [promise("bo", "send deck", date(2026, 12, 4))]
    items = queue(people, notes, promises)
    assert [(item.kind, item.person_name) for item in items] == [
        ("promise", "Bo"),
        ("rhythm", "Ana"),
    ]


def test_same_day_order_is_promise_then_date_then_rhythm_then_name() -> None:
    people = [
        person("zed", rhythm="1w"),
        person("amy", rhythm="1w"),
        person("bea", dates=(ImportantDate("birthday", 12, 4),)),
        person("cat"),
    ]
    notes = [note("zed", "amy", on=date(2026, 11, 27))]
    promises = [promise("cat", "call back", date(2026, 12, 4))]
    items = queue(people, notes, promises)
    assert [(item.kind, item.person_name) for item in items] == [
        ("promise", "Cat"),
        ("date", "Bea"),
        ("rhythm", "Amy"),
        ("rhythm", "Zed"),
    ]


def test_names_sort_case_insensitively() -> None:
    people = [person("b", "bob", rhythm="1w"), person("a", "Alice", rhythm="1w")]
    notes = [note("a", "b", on=date(2026, 11, 30))]
    assert [item.person_name for item in queue(people, notes)] == ["Alice", "bob"]


def test_overdue_ranks_by_ratio_not_by_days_late() -> None:
    people = [person("weekly", rhythm="1w"), person("yearly", rhythm="1y")]
    notes = [
        note("weekly", on=TODAY - timedelta(days=12)),  # 5 days late of 7
        note("yearly", on=date(2025, 11, 2)),  # 30 days late of 365
    ]
    items = queue(people, notes)
    assert [item.person_name for item in items] == ["Weekly", "Yearly"]
    assert items[0].days_late < items[1].days_late


def test_overdue_ties_break_on_days_late_then_name() -> None:
    people = [
        person("bo", rhythm="1w"),
        person("al", rhythm="1w"),
        person("cy", rhythm="2w"),
    ]
    notes = [
        note("bo", "al", on=TODAY - timedelta(days=14)),  # 7 late of 7: ratio 1.0
        note("cy", on=TODAY - timedelta(days=28)),  # 14 late of 14: ratio 1.0
    ]
    assert [item.person_name for item in queue(people, notes)] == ["Cy", "Al", "Bo"]


def test_late_promise_counts_as_a_weekly_rhythm() -> None:
    (item,) = queue([person("ana")], promises=[promise("ana", "send deck", date(2026, 11, 25))])
    assert (item.days_late, item.period_days, item.ratio) == (7, 7, 1.0)


# --- important dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 27), None),  # 8 days ahead: outside the 7-day lead
        (date(2026, 11, 28), "next_week"),  # Sat, 7 days ahead: in (weeks start Monday)
        (date(2026, 12, 2), "this_week"),
        (date(2026, 12, 5), "today"),
        (date(2026, 12, 6), "overdue"),  # missed: it stays three days, overdue
        (date(2026, 12, 8), "overdue"),
        (date(2026, 12, 9), None),  # then it is gone until next year's window
        (date(2027, 11, 30), "this_week"),  # next year's, inside its window
    ],
)
def test_date_items_show_within_their_lead_and_a_few_days_after(
    today: date, expected: str | None
) -> None:
    eve = person("eve", dates=(ImportantDate("birthday", 12, 5),))
    items = queue([eve], today=today)
    assert [item.group for item in items] == ([expected] if expected else [])


def test_a_missed_birthday_says_when_and_ranks_as_a_late_promise() -> None:
    eve = person("eve", dates=(ImportantDate("birthday", 11, 30, 1986),))
    ana = person("ana", rhythm="1w")
    items = queue([eve, ana], [note("ana", on=date(2026, 11, 20))])
    assert [(i.person_name, i.kind, i.days_late) for i in items] == [
        ("Ana", "rhythm", 5),  # 5/7
        ("Eve", "date", 2),  # 2/7
    ]
    missed = items[1]
    assert (missed.due, missed.label, missed.ratio) == (
        date(2026, 11, 30),
        "birthday (turns 40)",
        2 / 7,
    )
    assert due_words(missed, TODAY) == "2 days ago"
    assert "a missed date counts as a 7-day rhythm" in explain(missed, TODAY)


def test_lead_days_is_configurable() -> None:
    eve = person("eve", dates=(ImportantDate("birthday", 12, 20),))
    assert queue([eve]) == ()
    (item,) = queue([eve], settings=SETTINGS.with_changes(lead_days=21))
    assert item.due == date(2026, 12, 20)


def test_a_birthday_says_how_old_and_other_dates_how_many_years() -> None:
    eve = person(
        "eve",
        dates=(ImportantDate("birthday", 12, 5, 1986), ImportantDate("wedding", 12, 6, 2016)),
    )
    items = queue([eve])
    assert [item.label for item in items] == ["birthday (turns 40)", "wedding (10 years)"]
    assert items[0].why()["kind"] == "date"
    assert items[0].days_late == 0


def test_a_date_across_new_year() -> None:
    eve = person("eve", dates=(ImportantDate("birthday", 1, 2),))
    (item,) = queue([eve], today=date(2026, 12, 30))
    assert item.due == date(2027, 1, 2)
    assert item.group == "this_week"


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (date(2027, 2, 25), date(2027, 2, 28)),  # common year: on 28 February
        (date(2028, 2, 25), date(2028, 2, 29)),  # leap year: on 29 February
    ],
)
def test_29_february_birthdays(today: date, due: date) -> None:
    leap = person("leap", dates=(ImportantDate("birthday", 2, 29, 2000),))
    (item,) = queue([leap], today=today)
    assert item.due == due
    # Missed: shown three days more, then gone, in a common year too.
    (item,) = queue([leap], today=due + timedelta(days=3))
    assert (item.due, item.days_late) == (due, 3)
    assert queue([leap], today=due + timedelta(days=4)) == ()


# --- groups, week start and horizon ----------------------------------------------------------


def test_week_start_sunday_moves_sunday_into_next_week() -> None:
    people = [person("ana", rhythm="1w")]
    notes = [note("ana", on=date(2026, 11, 29))]  # due Sunday 6 December
    (monday_weeks,) = queue(people, notes)
    assert monday_weeks.group == "this_week"
    (sunday_weeks,) = queue(people, notes, settings=SETTINGS.with_changes(week_start=6))
    assert sunday_weeks.group == "next_week"


def test_week_start_sunday_moves_the_next_saturday_into_later() -> None:
    people = [person("ana", rhythm="2w")]
    notes = [note("ana", on=date(2026, 11, 28))]  # due Saturday 12 December
    (item,) = queue(people, notes, settings=SETTINGS.with_changes(week_start=6))
    assert item.group == "next_week"
    (item,) = queue(people, notes)  # Monday weeks: 7-13 December is next week too
    assert item.group == "next_week"
    notes = [note("ana", on=date(2026, 11, 29))]  # due Sunday 13 December
    (item,) = queue(people, notes, settings=SETTINGS.with_changes(week_start=6))
    assert item.group == "later"


@pytest.mark.parametrize(
    ("due", "group"),
    [
        (date(2026, 12, 1), "overdue"),
        (date(2026, 12, 2), "today"),
        (date(2026, 12, 3), "this_week"),
        (date(2026, 12, 6), "this_week"),
        (date(2026, 12, 7), "next_week"),
        (date(2026, 12, 13), "next_week"),
        (date(2026, 12, 14), "later"),
        (date(2027, 1, 1), "later"),  # today + 30 days: the horizon's last day
        (date(2027, 1, 2), None),  # beyond the horizon: dropped
    ],
)
def test_groups_and_horizon(due: date, group: str | None) -> None:
    items = queue([person("ana")], promises=[promise("ana", "send deck", due)])
    assert [item.group for item in items] == ([group] if group else [])


def test_horizon_is_configurable_but_next_week_is_always_whole() -> None:
    people = [person("ana", rhythm="1y")]
    notes = [note("ana", on=date(2026, 2, 1))]  # due 1 Feb 2027, 61 days away
    assert queue(people, notes) == ()
    (item,) = queue(people, notes, settings=SETTINGS.with_changes(horizon_days=90))
    assert item.group == "later"
    short = SETTINGS.with_changes(horizon_days=1)
    items = queue([person("bo")], promises=[promise("bo", "x", date(2026, 12, 13))], settings=short)
    assert [item.group for item in items] == ["next_week"]


def test_group_items_and_due_count() -> None:
    items = queue(*worked_example())
    groups = group_items(items)
    assert [group for group, _ in groups] == ["overdue", "today", "this_week", "next_week"]
    assert all(isinstance(item, QueueItem) for _, group in groups for item in group)
    assert due_count(items) == 5


def test_until_leaves_out_only_what_is_due_later() -> None:
    """`relate due` asks for the queue up to today: the same first items, nothing after."""
    people, notes, promises = worked_example()
    whole = queue(people, notes, promises)
    upto_today = build_queue(people, notes, promises, TODAY, SETTINGS, until=TODAY)
    assert upto_today == whole[: len(upto_today)]
    assert len(upto_today) == due_count(whole) == 5


def test_queue_items_are_immutable_values() -> None:
    (item,) = queue([person("ana", rhythm="1w")])
    with pytest.raises(AttributeError):
        item.due = TODAY  # type: ignore[misc]
    assert replace(item, group="today").group == "today"
