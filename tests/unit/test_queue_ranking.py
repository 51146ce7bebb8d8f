"""The queue as a person reads it: who is in it whatever the file order, how overdue people
rank (by how far past their rhythm, then days, then name), dates that fall today, and the
words of every reason and explanation.

Today is Wednesday 2 December 2026; weeks start on Monday. Ids run the other way from the
names, and every moment has seconds and microseconds.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from relate_tui.domain.notes import Note
from relate_tui.domain.people import ImportantDate, Person
from relate_tui.domain.promises import Promise
from relate_tui.domain.queue import build_queue, date_label, due_words, explain
from relate_tui.domain.queue_item import QueueItem
from relate_tui.domain.touches import touch_index
from relate_tui.settings import Settings

TODAY = date(2026, 12, 2)


def at(month: int, day: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, 9, 17, 43, 120_004, tzinfo=UTC)


def person(pid: str, name: str, rhythm: str | None = None, **fields: object) -> Person:
    added = fields.pop("added", at(1, 5))
    return Person(id=pid, name=name, created=added, updated=added, rhythm=rhythm, **fields)


def touch(pid: str, on: datetime, kind: str = "call") -> Note:
    return Note(f"n-{pid}", (pid,), kind, on, "talked", on, on)


IMPORTED = person("z-imported", "Imp Orted")  # no rhythm, no dates: nothing is ever due
PEOPLE = [
    IMPORTED,
    person("y-wes", "Wes Weekly", "1w"),
    person("x-ada", "Ada Daily", "1d"),
    person("w-sam", "Sam Snoozed", "1w", snooze_until=date(2026, 12, 1)),
    person("v-bea", "Bea Birthday", dates=(ImportantDate("birthday", 12, 2, 1986),)),
    person("u-wen", "Wen Wedding", dates=(ImportantDate("wedding", 11, 30, 2016),)),
    person("t-wyn", "Wyn Planned", dates=(ImportantDate("wedding", 12, 5, 2026),)),
    person("s-ned", "Ned New", "2m", added=at(11, 30)),
    person("r-tia", "Tia Thisweek", "1w"),
    person("p-zoe", "Zoe Sameday", "1w"),
    person("q-abe", "Abe Sameday", "1w"),
    person("o-pia", "Pia Promise"),
]
NOTES = [
    touch("y-wes", at(11, 25), "coffee"),  # weekly, due 2 Dec: today
    touch("x-ada", at(11, 30)),  # daily, due 1 Dec: 1 day late, ratio 1.00
    touch("w-sam", at(11, 20)),  # weekly, due 27 Nov: 5 days late, ratio 0.71
    touch("r-tia", at(11, 27), "meeting"),
    touch("p-zoe", at(12, 1)),
    touch("q-abe", at(12, 1)),
    Note("n-jot", ("u-wen",), "note", at(5, 1), "a jot is not a touch", at(5, 1), at(5, 1)),
]
PROMISES = [
    Promise("m-1", "o-pia", "send the book", date(2026, 12, 1), at(11, 1), at(11, 1)),
    Promise("m-0", "o-pia", "return the ladder", date(2026, 12, 14), at(11, 1), at(11, 1)),
]


def queue(people: list[Person] = PEOPLE, until: date | None = None) -> tuple[QueueItem, ...]:
    return build_queue(people, NOTES, PROMISES, TODAY, Settings(), until=until)


def test_the_queue_in_order() -> None:
    assert [(i.group, i.kind, i.person_name) for i in queue()] == [
        ("overdue", "rhythm", "Ada Daily"),
        ("overdue", "rhythm", "Sam Snoozed"),
        ("overdue", "date", "Wen Wedding"),
        ("overdue", "promise", "Pia Promise"),
        ("today", "date", "Bea Birthday"),
        ("today", "rhythm", "Wes Weekly"),
        ("today", "rhythm", "Ned New"),
        ("this_week", "rhythm", "Tia Thisweek"),
        ("this_week", "date", "Wyn Planned"),
        ("next_week", "rhythm", "Abe Sameday"),
        ("next_week", "rhythm", "Zoe Sameday"),
        ("later", "promise", "Pia Promise"),
    ]


def test_relate_due_lists_what_is_due_by_today_including_a_birthday_today() -> None:
    assert [i.person_name for i in queue(until=TODAY)] == [
        "Ada Daily",
        "Sam Snoozed",
        "Wen Wedding",
        "Pia Promise",
        "Bea Birthday",
        "Wes Weekly",
        "Ned New",
    ]


def test_an_imported_contact_with_nothing_due_hides_nobody_after_them() -> None:
    ada = next(p for p in PEOPLE if p.name == "Ada Daily")
    assert [i.person_name for i in queue([IMPORTED, ada])] == ["Ada Daily"]
    assert [i.person_name for i in queue([IMPORTED])] == []


def test_each_item_says_why_in_one_line_and_where_it_stands() -> None:
    assert [(i.reason, due_words(i, TODAY)) for i in queue()] == [
        ("last touch 30 Nov (call); every day; due 1 Dec; 1 day late; ratio 1.00", "overdue 1 day"),
        (
            "last touch 20 Nov (call); every week; due 27 Nov;"
            " snoozed until 1 Dec; 5 days late; ratio 0.71",
            "overdue 5 days",
        ),
        ("wedding (10 years) on 30 Nov; 2 days late; ratio 0.29", "2 days ago"),
        (
            'promised "send the book"; due 1 Dec;'
            " a late promise counts as a 7-day rhythm; 1 day late; ratio 0.14",
            "overdue 1 day",
        ),
        ("birthday (turns 40) on 2 Dec", "due today"),
        ("last touch 25 Nov (coffee); every week; due 2 Dec", "due today"),
        (
            "never touched; added 30 Nov; every 2 months;"
            " due 2 Dec (a first contact; late from 30 Jan 2027)",
            "added 2 days ago, no contact yet",
        ),
        ("last touch 27 Nov (meeting); every week; due 4 Dec", "due Fri 4 Dec"),
        ("wedding on 5 Dec", "due Sat 5 Dec"),
        ("last touch 1 Dec (call); every week; due 8 Dec", "due Tue 8 Dec"),
        ("last touch 1 Dec (call); every week; due 8 Dec", "due Tue 8 Dec"),
        ('promised "return the ladder"; due 14 Dec', "due Mon 14 Dec"),
    ]


def test_why_carries_the_numbers_behind_each_item() -> None:
    items = queue()
    # A yearly date's period is the days to its next occurrence: 2 Dec 2026 to 2 Dec 2027.
    assert (items[4].person_name, items[4].why()["period_days"]) == ("Bea Birthday", 365)
    assert [items[1].why(), items[2].why(), items[6].why()] == [
        {
            "kind": "rhythm",
            "due": "2026-11-27",
            "group": "overdue",
            "last_touch": "2026-11-20",
            "rhythm": "1w",
            "period_days": 7,
            "days_late": 5,
            "ratio": 0.71,
            "snoozed_until": "2026-12-01",
            "reason": "last touch 20 Nov (call); every week; due 27 Nov;"
            " snoozed until 1 Dec; 5 days late; ratio 0.71",
        },
        {
            "kind": "date",
            "due": "2026-11-30",
            "group": "overdue",
            "last_touch": None,
            "rhythm": None,
            "period_days": 7,
            "days_late": 2,
            "ratio": 0.29,
            "reason": "wedding (10 years) on 30 Nov; 2 days late; ratio 0.29",
        },
        {
            "kind": "rhythm",
            "due": "2026-12-02",
            "group": "today",
            "last_touch": None,
            "rhythm": "2m",
            "period_days": 61,
            "days_late": 0,
            "ratio": 0.0,
            "reason": "never touched; added 30 Nov; every 2 months;"
            " due 2 Dec (a first contact; late from 30 Jan 2027)",
        },
    ]


OVERDUE_GROUP = (
    "Group: Overdue, because it was due before today; overdue items rank by ratio, highest first"
)


def test_explain_says_what_each_item_is_and_why_it_is_where_it_is() -> None:
    # Line by line: a line run into the next (or split) is a different explanation.
    assert [explain(i, TODAY).split("\n") for i in queue()] == [
        [
            "Ada Daily: rhythm item — every day",
            "Last touch: Mon 30 Nov (call)",
            "Rhythm: every day, counted from the last touch (Mon 30 Nov): 1 day, to yesterday",
            "Due: yesterday",
            "Late: 1 day; ratio 1.00 = 1 / 1",
            OVERDUE_GROUP,
        ],
        [
            "Sam Snoozed: rhythm item — every week",
            "Last touch: Fri 20 Nov (call)",
            "Rhythm: every week, counted from the last touch (Fri 20 Nov): 7 days, to Fri 27 Nov",
            "Snoozed until yesterday (over)",
            "Due: Fri 27 Nov",
            "Late: 5 days; ratio 0.71 = 5 / 7",
            OVERDUE_GROUP,
        ],
        [
            "Wen Wedding: date item — wedding (10 years)",
            "Last touch: none logged yet",
            "Important date: shown a week ahead and three days after",
            "Due: Mon 30 Nov",
            "Late: 2 days; ratio 0.29 = 2 / 7 (a missed date counts as a 7-day rhythm)",
            OVERDUE_GROUP,
        ],
        [
            "Pia Promise: promise item — send the book",
            "Last touch: none logged yet",
            'Promise: "send the book"',
            "Due: yesterday",
            "Late: 1 day; ratio 0.14 = 1 / 7 (a late promise counts as a 7-day rhythm)",
            OVERDUE_GROUP,
        ],
        [
            "Bea Birthday: date item — birthday (turns 40)",
            "Last touch: none logged yet",
            "Important date: shown a week ahead and three days after",
            "Due: today",
            "Group: Today, because it is due today",
        ],
        [
            "Wes Weekly: rhythm item — every week",
            "Last touch: Wed 25 Nov (coffee)",
            "Rhythm: every week, counted from the last touch (Wed 25 Nov): 7 days, to today",
            "Due: today",
            "Group: Today, because it is due today",
        ],
        [
            "Ned New: rhythm item — every 2 months",
            "Last touch: none logged yet",
            "Rhythm: every 2 months, counted from the day they were added (Mon 30 Nov): 61"
            " days, to Sat 30 Jan 2027",
            "Never touched: a first contact to make, in Today the week after they were"
            " added; overdue once a whole rhythm has passed (Sat 30 Jan 2027)",
            "Due: not yet — added 2 days ago, no contact yet",
            "Group: Today, because they are a first contact to make, in Today for the week"
            " after being added",
        ],
        [
            "Tia Thisweek: rhythm item — every week",
            "Last touch: Fri 27 Nov (meeting)",
            "Rhythm: every week, counted from the last touch (Fri 27 Nov): 7 days, to Fri 4 Dec",
            "Due: Fri 4 Dec",
            "Group: This week, because it is due by Sun 6 Dec, the end of this week",
        ],
        [
            "Wyn Planned: date item — wedding",
            "Last touch: none logged yet",
            "Important date: shown a week ahead and three days after",
            "Due: Sat 5 Dec",
            "Group: This week, because it is due by Sun 6 Dec, the end of this week",
        ],
        [
            "Abe Sameday: rhythm item — every week",
            "Last touch: yesterday (call)",
            "Rhythm: every week, counted from the last touch (yesterday): 7 days, to Tue 8 Dec",
            "Due: Tue 8 Dec",
            "Group: Next week, because it is due in the week starting Mon 7 Dec",
        ],
        [
            "Zoe Sameday: rhythm item — every week",
            "Last touch: yesterday (call)",
            "Rhythm: every week, counted from the last touch (yesterday): 7 days, to Tue 8 Dec",
            "Due: Tue 8 Dec",
            "Group: Next week, because it is due in the week starting Mon 7 Dec",
        ],
        [
            "Pia Promise: promise item — return the ladder",
            "Last touch: none logged yet",
            'Promise: "return the ladder"',
            "Due: Mon 14 Dec",
            "Group: Later, because it is due after next week",
        ],
    ]


def test_a_date_label_counts_years_only_once_there_is_one() -> None:
    wedding = ImportantDate("wedding", 6, 1, 2026)
    assert date_label(wedding, date(2026, 6, 1)) == "wedding"  # not "wedding (0 years)"
    assert date_label(wedding, date(2027, 6, 1)) == "wedding (1 year)"
    assert date_label(ImportantDate("birthday", 6, 1, 2026), date(2027, 6, 1)) == (
        "birthday (turns 1)"
    )
    assert date_label(ImportantDate("  ", 6, 1), date(2027, 6, 1)) == "date"


def test_explain_reads_the_week_as_the_settings_start_it() -> None:
    sunday = Settings(week_start=6)
    items = build_queue(PEOPLE, NOTES, PROMISES, TODAY, sunday)
    tia = next(i for i in items if i.person_name == "Tia Thisweek")
    abe = next(i for i in items if i.person_name == "Abe Sameday")
    assert explain(tia, TODAY, 6).endswith("because it is due by Sat 5 Dec, the end of this week")
    assert explain(abe, TODAY, 6).endswith("because it is due in the week starting Sun 6 Dec")


def test_a_date_missed_at_the_turn_of_the_year_is_still_in_the_queue() -> None:
    eve = person("k-eve", "Eve Newyear", dates=(ImportantDate("birthday", 12, 31),))
    items = build_queue([eve], [], [], date(2027, 1, 2), Settings())
    assert [(i.group, i.due, due_words(i, date(2027, 1, 2))) for i in items] == [
        ("overdue", date(2026, 12, 31), "2 days ago")
    ]


def test_the_newest_note_is_by_local_day_then_time_then_id() -> None:
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    late_utc = datetime(2026, 12, 1, 23, 45, 1, 2, tzinfo=UTC)  # 1 Dec, the later instant
    early_local = datetime(2026, 12, 2, 0, 30, 3, 4, tzinfo=berlin)  # 2 Dec, 23:30 UTC
    same = datetime(2026, 11, 20, 8, 0, 0, 5, tzinfo=UTC)
    notes = [
        Note("n-3", ("a",), "call", early_local, "local 2 Dec", early_local, early_local),
        Note("n-1", ("a",), "call", late_utc, "UTC 1 Dec", late_utc, late_utc),
        Note("n-9", ("b",), "call", same, "first written", same, same),
        Note("n-0", ("b",), "email", same, "written after, same moment", same, same),
        Note("n-5", ("b",), "note", same.replace(hour=7), "an earlier jot", same, same),
    ]
    for given in (notes, iter(notes)):
        index = touch_index(given)
        assert index["a"].last_touch.id == "n-3"  # the later local day wins
        assert index["b"].last_touch.id == "n-9"  # same moment: the greater id
        assert index["b"].last_note.id == "n-9"


def test_explain_works_from_an_item_alone() -> None:
    item = QueueItem(
        kind="rhythm", person_id="k", person_name="Kim", due=date(2026, 12, 9), group="next_week",
        days_late=0, ratio=0.0, period_days=14, last_touch=date(2026, 11, 25),
        label="every 2 weeks", promise_id=None, last_note=None, open_promises=(),
    )  # fmt: skip
    assert explain(item, TODAY).split("\n")[1:3] == [
        "Last touch: Wed 25 Nov",
        "Rhythm: every 2 weeks, counted from the last touch (Wed 25 Nov): 14 days, to Wed 9 Dec",
    ]


def test_a_first_contact_leaves_today_a_week_after_being_added() -> None:
    week_ago = person("k-new", "Nia Weekold", "2m", added=at(11, 25))
    assert build_queue([week_ago], [], [], TODAY, Settings()) == ()  # due 25 Jan: too far off
    (item,) = build_queue([week_ago], [], [], TODAY, Settings(horizon_days=60))
    assert (item.group, item.due) == ("later", date(2027, 1, 25))


def test_reasons_across_the_new_year_say_which_year() -> None:
    tom = person("k-tom", "Tom Yearend", "quarterly")
    notes = [touch("k-tom", at(12, 20))]
    (item,) = build_queue([tom], notes, [], date(2026, 12, 28), Settings(horizon_days=90))
    assert item.label == "every 3 months"  # an own rhythm in words, not a tier
    assert item.reason == "last touch 20 Dec (call); every 3 months; due 20 Mar 2027"


def test_an_ended_snooze_is_told_only_of_the_rhythm_item() -> None:
    sam = person("k-sam", "Sam Back", "1w", snooze_until=date(2026, 12, 1))
    promise = Promise("m-7", "k-sam", "call back", date(2026, 12, 2), at(11, 1), at(11, 1))
    items = build_queue([sam], [touch("k-sam", at(11, 20))], [promise], TODAY, Settings())
    assert [(i.kind, i.why().get("snoozed_until")) for i in items] == [
        ("rhythm", "2026-12-01"),
        ("promise", None),
    ]
