"""The weekly review on a hand-made journal with a fixed clock: every section, exactly.

Today is Wednesday 2 December 2026. With weeks starting Monday the week is Mon 30 Nov –
Sun 6 Dec and last week Mon 23 – Sun 29 Nov; with weeks starting Sunday they are
Sun 29 Nov – Sat 5 Dec and Sun 22 – Sat 28 Nov. Sunday 29 November is the day that
changes sides, so the journal has things happen on it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

import pytest

from relate_tui.domain.notes import Note
from relate_tui.domain.people import ImportantDate, Person
from relate_tui.domain.promises import DROPPED, KEPT, OPEN, Promise
from relate_tui.domain.queue import touch_index
from relate_tui.domain.review import DRIFTING_LIMIT, OWN_RHYTHM, Review, review
from relate_tui.report.phrases import tier_phrase
from relate_tui.settings import Settings

UTC = timezone.utc  # noqa: UP017 - spelled out for readers used to older Pythons
TODAY = date(2026, 12, 2)  # a Wednesday
MONDAY = Settings()
SUNDAY = Settings(week_start=6)


def at(d: date, hour: int = 12, tz: timezone | ZoneInfo = UTC) -> datetime:
    return datetime.combine(d, time(hour), tzinfo=tz)


def person(
    pid: str,
    rhythm: str | None = None,
    *,
    added: date = date(2026, 1, 1),
    snooze_until: date | None = None,
    archived: bool = False,
    dates: tuple[ImportantDate, ...] = (),
) -> Person:
    return Person(
        id=pid,
        name=pid.capitalize(),
        created=at(added, 9),
        updated=at(added, 9),
        rhythm=rhythm,
        snooze_until=snooze_until,
        archived=archived,
        dates=dates,
    )


def note(
    nid: str,
    *pids: str,
    on: datetime,
    kind: str = "call",
    body: str = "talked",
    gave: bool = False,
    asked: bool = False,
) -> Note:
    return Note(nid, tuple(pids), kind, on, body, on, on, gave=gave, asked=asked)


def promise(
    pid_: str,
    person_id: str,
    text: str,
    due: date,
    status: str = OPEN,
    closed: datetime | None = None,
) -> Promise:
    created = at(date(2026, 11, 1))
    return Promise(pid_, person_id, text, due, created, created, status=status, closed_at=closed)


PEOPLE = (
    person("ana", "A"),
    person("bruno", "1y", added=date(2025, 1, 1)),
    person("carla", "2m"),
    person("dan", "A", added=TODAY),  # never touched, added today: due today, not drifting
    person("eve", dates=(ImportantDate("birthday", 12, 5),)),
    person("finn", "3w"),
    person("gus", "2w", snooze_until=date(2026, 12, 20)),  # snoozed, still drifting
    person("hana", "1m", added=date(2026, 10, 15)),  # never touched, only a jot
    person("ivan", "B"),  # only ever asked
    person("jo", "1w"),
    person("old", "A", archived=True),
)

NOTES = (
    note("n8", "bruno", on=at(date(2025, 11, 1)), kind="coffee"),
    note("n11", "ivan", on=at(date(2026, 6, 1)), kind="message", body="Sent a book", gave=True),
    note("n12", "carla", on=at(date(2026, 6, 2)), body="Asked for advice", asked=True),
    note("n6", "ivan", on=at(date(2026, 9, 10)), body="Asked for CV feedback", asked=True),
    note("n9", "gus", on=at(date(2026, 10, 1))),
    note("n7", "ana", on=at(date(2026, 11, 20)), kind="event", body="Meetup", asked=True),
    note("n5", "ivan", on=at(date(2026, 11, 23), 9), kind="video", body="Intro?", asked=True),
    note("n4", "ana", "finn", on=at(date(2026, 11, 24), 15), kind="meeting", body="Planning"),
    note("n2", "carla", on=at(date(2026, 11, 29), 18), kind="email", body="Deck", gave=True),
    note("n3", "jo", on=at(date(2026, 11, 29), 20), body="Weekly catch-up\nmore"),
    note("n1", "ana", on=at(date(2026, 12, 1), 10), body="Her ML talk", gave=True),
    note("n10", "hana", on=at(date(2026, 12, 1)), kind="note", body="Changed teams"),
    note("n13", "old", on=at(date(2026, 12, 1)), kind="call", body="archived but real"),
)

PROMISES = (
    promise("p1", "ana", "send the paper", date(2026, 11, 27)),
    promise("p2", "carla", "send the deck", date(2026, 11, 30), KEPT, at(date(2026, 12, 1), 20)),
    promise("p3", "finn", "intro to Jo", date(2026, 12, 5), KEPT, at(date(2026, 11, 30))),
    promise("p4", "finn", "review take-home", date(2026, 12, 4)),
    promise("p5", "ivan", "share slides", date(2026, 11, 20), KEPT, at(date(2026, 11, 29))),
    promise("p6", "jo", "book the table", date(2026, 12, 1), DROPPED, at(TODAY, 8)),
    promise("p7", "old", "archived promise", date(2026, 11, 1)),
    promise("p8", "gus", "return the drill", date(2026, 12, 10)),
)


def make(settings: Settings = MONDAY, **changes) -> Review:
    data = {"people": PEOPLE, "notes": NOTES, "promises": PROMISES} | changes
    return review(data["people"], data["notes"], data["promises"], TODAY, settings)


# --- the week -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "start", "end"),
    [
        (MONDAY, date(2026, 11, 30), date(2026, 12, 6)),
        (SUNDAY, date(2026, 11, 29), date(2026, 12, 5)),
    ],
)
def test_week_bounds(settings: Settings, start: date, end: date) -> None:
    result = make(settings)
    assert (result.week_start, result.week_end) == (start, end)
    assert result.this_week.start == start and result.this_week.end == end
    assert (result.last_week.start - start).days == -7
    assert (result.last_week.end - start).days == -1


def test_week_that_starts_today() -> None:
    monday = review(PEOPLE, NOTES, PROMISES, date(2026, 11, 30), MONDAY)
    assert (monday.week_start, monday.week_end) == (date(2026, 11, 30), date(2026, 12, 6))
    sunday = review(PEOPLE, NOTES, PROMISES, date(2026, 11, 29), MONDAY)
    assert sunday.week_start == date(2026, 11, 23)  # Sunday is the last day of its week


# --- due ------------------------------------------------------------------------------------


def test_due_monday_week() -> None:
    groups = make().due_groups
    assert [(g, [(i.person_name, i.kind) for i in items]) for g, items in groups] == [
        ("overdue", [("Ana", "promise"), ("Hana", "rhythm"), ("Bruno", "rhythm")]),
        ("today", [("Dan", "rhythm")]),
        ("this_week", [("Finn", "promise"), ("Eve", "date"), ("Jo", "rhythm")]),
    ]
    overdue = groups[0][1]
    assert [(i.days_late, round(i.ratio, 2)) for i in overdue] == [
        (5, 0.71),
        (17, 0.55),
        (31, 0.08),
    ]


def test_due_sunday_week_leaves_sunday_6_december_for_next_week() -> None:
    groups = dict(make(SUNDAY).due_groups)
    assert [i.person_name for i in groups["this_week"]] == ["Finn", "Eve"]


def test_snoozed_and_archived_are_not_due() -> None:
    names = {i.person_name for i in make().due}
    assert "Gus" not in names and "Old" not in names


def test_nothing_due() -> None:
    quiet = make(people=(person("jo", "2w"),), promises=())  # due Sun 13 Dec
    assert quiet.nothing_due and quiet.due == () and quiet.due_groups == []


# --- touches --------------------------------------------------------------------------------


def test_touches_monday_week() -> None:
    result = make()
    this = result.this_week
    assert [(t.note_id, t.day, t.kind, t.person_names) for t in this.touches] == [
        ("n1", date(2026, 12, 1), "call", ("Ana",)),
        ("n13", date(2026, 12, 1), "call", ("Old",)),  # archived later; the call happened
    ]
    assert this.count == 2 and this.people == ("Ana", "Old") and this.kinds == (("call", 2),)
    assert this.touches[0].first_line == "Her ML talk" and this.touches[0].gave

    last = result.last_week
    assert [(t.note_id, t.person_names) for t in last.touches] == [
        ("n5", ("Ivan",)),  # Monday 23 November 09:00, the first morning of last week
        ("n4", ("Ana", "Finn")),  # one touch with two people
        ("n2", ("Carla",)),
        ("n3", ("Jo",)),  # Sunday 29 November 20:00, the last evening of last week
    ]
    assert last.people == ("Ana", "Carla", "Finn", "Ivan", "Jo")
    # Equal counts keep the order forms offer the kinds in.
    assert last.kinds == (("call", 1), ("video", 1), ("meeting", 1), ("email", 1))
    assert last.touches[3].first_line == "Weekly catch-up"


def test_touches_sunday_week() -> None:
    result = make(SUNDAY)
    assert [t.note_id for t in result.this_week.touches] == ["n2", "n3", "n1", "n13"]
    assert [t.note_id for t in result.last_week.touches] == ["n5", "n4"]
    assert result.this_week.kinds == (("call", 3), ("email", 1))


def test_a_jot_is_not_a_touch() -> None:
    ids = {t.note_id for t in make().this_week.touches}
    assert "n10" not in ids


def test_touch_day_is_the_local_day_it_was_written_in() -> None:
    # 23:30 on Sunday 29 November in Berlin is Monday in UTC; it still counts for Sunday.
    late = note("late", "jo", on=datetime(2026, 11, 29, 23, 30, tzinfo=ZoneInfo("Europe/Berlin")))
    result = make(notes=(*NOTES, late))
    assert "late" in [t.note_id for t in result.last_week.touches]
    assert "late" not in [t.note_id for t in result.this_week.touches]


# --- promises -------------------------------------------------------------------------------


def test_promises_monday_week() -> None:
    result = make()
    assert [(e.promise_id, e.closed, e.days_late, e.kept_late) for e in result.kept] == [
        ("p3", date(2026, 11, 30), 0, False),  # kept before it was due
        ("p2", date(2026, 12, 1), 1, True),  # due Monday, kept Tuesday: kept late
    ]
    assert [(e.promise_id, e.closed) for e in result.dropped] == [("p6", TODAY)]
    assert [(e.promise_id, e.person_name, e.days_late) for e in result.late] == [("p1", "Ana", 5)]
    assert [(e.promise_id, e.due, e.days_late) for e in result.open] == [
        ("p4", date(2026, 12, 4), 0),
        ("p8", date(2026, 12, 10), 0),  # Gus is snoozed; his promise is not
    ]


def test_promise_kept_on_sunday_belongs_to_the_sunday_week() -> None:
    kept = make(SUNDAY).kept
    assert [(e.promise_id, e.days_late, e.kept_late) for e in kept] == [
        ("p5", 9, True),
        ("p3", 0, False),
        ("p2", 1, True),
    ]


def test_promise_due_today_is_open_not_late() -> None:
    result = make(promises=(promise("px", "ana", "call back", TODAY),))
    assert [e.promise_id for e in result.open] == ["px"] and result.late == ()


# --- drifting -------------------------------------------------------------------------------


def test_drifting() -> None:
    result = make()
    assert [
        (d.person_name, d.days_late, round(d.ratio, 2), d.last_touch, d.days_since_touch)
        for d in result.drifting
    ] == [
        ("Gus", 48, 3.43, date(2026, 10, 1), 62),
        ("Hana", 17, 0.55, None, None),  # never touched: drifting from a month after added
        ("Bruno", 31, 0.08, date(2025, 11, 1), 396),
    ]
    assert result.drifting_total == 3
    gus, hana, bruno = result.drifting
    assert gus.snoozed_until == date(2026, 12, 20) and hana.snoozed_until is None
    assert hana.added == date(2026, 10, 15) and hana.due == date(2026, 11, 15)
    assert (gus.rhythm, gus.label, gus.period_days) == ("2w", "every 2 weeks", 14)
    assert bruno.label == "every year"


def test_never_touched_added_today_is_not_drifting() -> None:
    assert "Dan" not in [d.person_name for d in make().drifting]


def test_drifting_is_capped_but_counted() -> None:
    many = tuple(person(f"p{i:02}", "1w", added=date(2026, 1, 1)) for i in range(15))
    result = make(people=many, notes=(), promises=())
    assert len(result.drifting) == DRIFTING_LIMIT and result.drifting_total == 15


def test_an_expired_snooze_is_not_shown() -> None:
    people = (replace(PEOPLE[6], snooze_until=date(2026, 11, 30)),)
    (gus,) = make(people=people).drifting
    assert gus.snoozed_until is None


# --- tiers ----------------------------------------------------------------------------------


def test_tier_summary() -> None:
    rows = [(r.title, r.rhythm, r.in_rhythm, r.new, r.people) for r in make().tiers]
    assert rows == [
        ("A", "3w", 1, 1, 2),  # Ana in rhythm; Dan added today, not contacted; not Old
        ("B", "2m", 1, 0, 1),  # Ivan
        ("Own rhythm", "", 3, 0, 6),  # Carla, Finn, Jo in; Bruno, Gus, Hana out
    ]
    assert make().tiers[-1].tier == OWN_RHYTHM


def test_someone_just_added_is_new_until_a_rhythm_passes_then_drifting() -> None:
    """Never touched: neither in rhythm nor drifting while their first rhythm runs, and
    the row says so, so it never contradicts "Nobody is past their rhythm"."""
    people = (person("kim", "A", added=date(2026, 11, 20)),)
    result = make(people=people, notes=(), promises=())
    (row,) = result.tiers
    assert (row.in_rhythm, row.new, row.people) == (0, 1, 1) and result.drifting_total == 0
    assert tier_phrase(row) == "A: 0 of 1 in rhythm, 1 not contacted yet"
    later = review(people, (), (), date(2026, 12, 12), MONDAY)  # 3 weeks after being added
    (row,) = later.tiers
    assert (row.in_rhythm, row.new) == (0, 0) and later.drifting_total == 1
    assert tier_phrase(row) == "A: 0 of 1 in rhythm"


def test_tier_due_today_is_still_in_rhythm() -> None:
    people = (person("kim", "A"),)
    notes = (note("k", "kim", on=at(date(2026, 11, 11))),)  # + 3 weeks = today
    (row,) = make(people=people, notes=notes, promises=()).tiers
    assert (row.in_rhythm, row.people) == (1, 1)
    (row,) = review(people, notes, (), date(2026, 12, 3), MONDAY).tiers
    assert (row.in_rhythm, row.people) == (0, 1)


def test_tier_removed_from_config_is_skipped() -> None:
    settings = Settings(tiers={"A": "3w"})
    titles = [r.title for r in make(settings).tiers]
    assert titles == ["A", "Own rhythm"]


# --- balance --------------------------------------------------------------------------------


def test_balance() -> None:
    result = make()
    assert result.balance_since == date(2026, 6, 2)
    assert [(b.person_name, b.gave, b.asked, b.only_asked) for b in result.balance] == [
        ("Ivan", 0, 2, True),  # the book he was sent on 1 June is outside the 6 months
        ("Ana", 1, 1, False),
        ("Carla", 1, 1, False),  # the ask on 2 June is just inside
    ]
    assert [b.person_name for b in result.only_asked] == ["Ivan"]


def test_balance_ignores_archived_people_and_the_future() -> None:
    future = note("f", "ana", on=at(date(2026, 12, 5)), asked=True)
    archived = note("a", "old", on=at(TODAY), asked=True)
    result = make(notes=(*NOTES, future, archived))
    assert [(b.person_name, b.asked) for b in result.balance][:2] == [("Ivan", 2), ("Ana", 1)]
    assert "Old" not in [b.person_name for b in result.balance]


def test_balance_leans() -> None:
    notes = (
        note("1", "ana", on=at(TODAY), asked=True),
        note("2", "ana", on=at(TODAY), asked=True),
        note("3", "ana", on=at(TODAY), gave=True),
        note("4", "bruno", on=at(TODAY), gave=True, asked=True),
        note("5", "carla", on=at(TODAY), gave=True),
    )
    result = make(notes=notes)
    assert [(b.person_name, b.gave, b.asked) for b in result.balance] == [
        ("Ana", 1, 2),
        ("Bruno", 1, 1),
        ("Carla", 1, 0),
    ]
    assert result.only_asked == ()


# --- inputs ---------------------------------------------------------------------------------


def test_touch_index_gives_the_same_review() -> None:
    with_index = review(PEOPLE, NOTES, PROMISES, TODAY, MONDAY, touches=touch_index(NOTES))
    assert with_index == make()


def test_records_about_missing_people_are_skipped() -> None:
    stray = note("s", "ghost", on=at(TODAY))
    shared = note("sh", "ghost", "jo", on=at(TODAY))
    result = make(notes=(*NOTES, stray, shared), promises=(promise("g", "ghost", "x", TODAY),))
    ids = [t.note_id for t in result.this_week.touches]
    assert "s" not in ids and "sh" in ids
    assert result.this_week.touches[-1].person_names == ("Jo",)
    assert result.late == () and [e.promise_id for e in result.open] == []


def test_empty_journal() -> None:
    empty = review((), (), (), TODAY, MONDAY)
    assert empty.nothing_due and empty.this_week.count == 0 and empty.drifting == ()
    assert empty.tiers == () and empty.balance == () and empty.kept == ()


def test_iterables_are_read_once() -> None:
    result = review(iter(PEOPLE), iter(NOTES), iter(PROMISES), TODAY, MONDAY)
    assert result == make()


def test_first_day_read_covers_last_week_and_the_balance_window() -> None:
    from relate_tui.domain.review import first_day_read

    assert first_day_read(TODAY, MONDAY) == date(2026, 6, 2)
    assert first_day_read(date(2026, 8, 31), SUNDAY) == date(2026, 2, 28)  # clamped month end


def test_journal_review_reads_only_recent_notes_yet_gives_the_same_review(tmp_path, clock) -> None:
    from relate_tui.journal import Journal

    journal = Journal(tmp_path / "j.json", MONDAY, clock)
    journal.bulk_save("test", people=PEOPLE, notes=NOTES, promises=PROMISES)
    data = journal.data()
    full = review(data.people, data.notes, data.promises, TODAY, MONDAY)
    assert journal.review() == full == journal.review(TODAY)
