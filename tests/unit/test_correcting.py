"""Every record can be corrected through ``Journal`` (the methods both doors call), and
where someone stands with the queue can be said beyond its horizon (issue 11)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from relate_tui.domain.clock import FixedClock
from relate_tui.domain.errors import InputError
from relate_tui.domain.people import ImportantDate
from relate_tui.journal import Journal
from relate_tui.journal.refs import SHOWN, resolve_ref, short_refs
from relate_tui.settings import Settings


@pytest.fixture
def journal(journal_path: Path, clock: FixedClock) -> Journal:
    return Journal(journal_path, Settings(), clock)


def test_moving_a_note_moves_the_last_touch_and_the_queue_at_once(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima", rhythm="1w")
    bruno = journal.add_person("Bruno Costa", rhythm="1w")
    note, promise = journal.log_note([ana.id], "Coffee", kind="coffee", promise="send deck")
    assert promise is not None
    assert {i.person_name for i in journal.queue()} == {"Ana Lima", "Bruno Costa"}
    moved = journal.move_note(note.id, [bruno.id])
    assert moved.person_ids == (bruno.id,)
    data = journal.data()
    assert data.touches.get(ana.id) is None and data.touches[bruno.id].last_touch.id == note.id
    assert data.promises_by_id[promise.id].person_id == bruno.id  # the promise follows
    rows = [(i.person_name, i.kind, i.group) for i in journal.queue()]
    assert ("Ana Lima", "rhythm", "today") in rows  # a first contact again
    assert ("Bruno Costa", "promise", "next_week") in rows


def test_a_promise_that_still_fits_stays_when_a_note_gets_more_people(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima")
    bruno = journal.add_person("Bruno Costa")
    note, promise = journal.log_note([ana.id], "Dinner", promise="send photos")
    journal.edit_note(note.id, person_ids=[ana.id, bruno.id])
    assert journal.data().promises_by_id[promise.id].person_id == ana.id


def test_an_edit_is_checked_like_a_new_note(journal: Journal, clock: FixedClock) -> None:
    ana = journal.add_person("Ana Lima")
    note, _ = journal.log_note([ana.id], "Hi")
    before = journal.path.read_bytes()
    for change, message in [
        ({"kind": "telepathy"}, "unknown kind"),
        ({"person_ids": []}, "at least one person"),
        ({"person_ids": ["nobody"]}, "no longer in the journal"),
        ({"at": clock.now() + timedelta(days=1)}, "still to come"),
    ]:
        with pytest.raises(InputError, match=message):
            journal.edit_note(note.id, **change)
    assert journal.path.read_bytes() == before
    edited = journal.edit_note(note.id, body="\nHello\n", kind="Video", gave=True)
    assert (edited.body, edited.kind, edited.gave) == ("Hello", "video", True)
    assert journal.edit_note(note.id, body="Hello") == edited  # nothing to change: no write
    assert journal.undo() == "edit a note about Ana Lima"
    assert journal.note(note.id).body == "Hi"


def test_deleting_a_note_leaves_its_promise_pointing_nowhere(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima")
    note, promise = journal.log_note([ana.id], "Lunch", promise="book the table")
    deleted = journal.delete_note(note.id)
    assert deleted.id == note.id
    assert journal.data().promises_by_id[promise.id].note_id is None
    with pytest.raises(InputError, match="no longer in the journal"):
        journal.delete_note(note.id)


def test_keeping_a_promise_logs_nothing_unless_asked(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima", rhythm="2w")
    far = journal.add_promise(ana.id, "send the deck", date(2027, 3, 1))  # beyond the queue
    journal.keep_promise(far.id)
    assert journal.data().notes == ()
    assert journal.data().promises_by_id[far.id].status == "kept"
    other = journal.add_promise(ana.id, "intro to Bruno", date(2027, 3, 1))
    journal.keep_promise(other.id, log_touch=True)
    (note,) = journal.data().notes
    assert (note.kind, note.body, note.gave) == ("message", "Kept: intro to Bruno", True)


def test_a_promise_is_rescheduled_whatever_its_due_date_but_not_into_the_past(
    journal: Journal,
) -> None:
    ana = journal.add_person("Ana Lima")
    promise = journal.add_promise(ana.id, "send the deck", date(2027, 3, 1))
    assert journal.move_promise(promise.id, date(2026, 12, 2)).due == date(2026, 12, 2)
    with pytest.raises(InputError, match="today or later"):
        journal.move_promise(promise.id, date(2026, 12, 1))
    journal.drop_promise(promise.id)
    with pytest.raises(InputError, match="already dropped"):
        journal.move_promise(promise.id, date(2027, 1, 1))


def test_a_snooze_is_to_a_day_to_come(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima", rhythm="1w")
    for day in (date(2026, 12, 2), date(2026, 11, 1)):
        with pytest.raises(InputError, match="a day after today"):
            journal.snooze(ana.id, day)
    journal.snooze(ana.id, date(2026, 12, 3))
    assert journal.snooze(ana.id, None).snooze_until is None


def test_edit_person_reads_fields_as_text_and_clears_with_empty(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima", rhythm="2w", email="ana@x.org")
    bruno = journal.add_person("Bruno Costa")
    edited = journal.edit_person(
        ana.id,
        {"rhythm": "B", "birthday": "15 apr", "introduced_by": "bruno", "met_on": "3 weeks ago"},
    )
    assert edited.rhythm == "B" and edited.introduced_by == bruno.id
    assert edited.dates == (ImportantDate("birthday", 4, 15),)
    assert edited.met_on == date(2026, 11, 11)
    cleared = journal.edit_person(ana.id, {"email": "", "rhythm": "", "birthday": ""})
    assert cleared.channels == () and cleared.rhythm is None and cleared.dates == ()
    with pytest.raises(InputError, match='"ana" is Ana Lima: nobody is introduced by them'):
        journal.edit_person(ana.id, {"introduced_by": "ana"})
    with pytest.raises(InputError, match=r'^nobody called "zed"$'):
        journal.edit_person(ana.id, {"introduced_by": "zed"})


def test_search_folds_case_accents_and_needs_every_word(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima")
    at = datetime(2026, 11, 1, 10, tzinfo=journal.clock.tz)
    journal.log_note([ana.id], "Coffee at the Café Lisboa", at=at)
    journal.log_note([ana.id], "She loves O’Brien’s pub in LISBON")
    assert [n.body[:6] for n in journal.search_notes("lisbo")] == ["She lo", "Coffee"]
    assert [n.body[:6] for n in journal.search_notes("cafe lisboa")] == ["Coffee"]
    assert [n.body[:6] for n in journal.search_notes("obriens")] == ["She lo"]
    assert journal.search_notes("   ") == []


def test_short_references_are_unique_and_resolve() -> None:
    ids = ["abcdef0123", "abcdef0999", "1234567890", "ffff000000"]
    refs = short_refs(ids)
    assert refs["1234567890"] == "1234567"
    assert refs["abcdef0123"] == "abcdef01" and refs["abcdef0999"] == "abcdef09"
    assert all(len(r) >= SHOWN for r in refs.values())
    assert resolve_ref("abcdef01", ids, "note", "relate notes NAME") == "abcdef0123"
    assert resolve_ref("ABCDEF09", ids, "note", "relate notes NAME") == "abcdef0999"
    with pytest.raises(InputError, match="starts 2 notes"):
        resolve_ref("abcd", ids, "note", "relate notes NAME")
    with pytest.raises(InputError, match="too short"):
        resolve_ref("ab", ids, "note", "relate notes NAME")


# -- where someone stands with the queue -----------------------------------------------------


def test_outlook_within_rhythm_says_when_they_enter_the_queue(
    journal: Journal, clock: FixedClock
) -> None:
    ana = journal.add_person("Ana Lima", rhythm="6m", dates=(ImportantDate("birthday", 4, 15),))
    journal.log_note([ana.id], "Call")
    promise = journal.add_promise(ana.id, "send the deck", date(2027, 3, 1))
    outlook = journal.outlook(ana.id)
    assert outlook.next_due == date(2027, 6, 2)
    assert outlook.rhythm is not None and outlook.rhythm.enters == date(2027, 5, 3)
    assert outlook.in_queue() == []
    assert [u.item.promise_id for u in outlook.promises] == [promise.id]
    assert outlook.promises[0].enters == date(2027, 1, 30)
    assert [(u.item.due, u.enters) for u in outlook.dates] == [
        (date(2027, 4, 15), date(2027, 4, 8))
    ]
    # The day it says, the queue agrees.
    clock.advance(days=(date(2027, 1, 30) - clock.today()).days)
    assert [i.kind for i in journal.queue()] == ["promise"]


def test_outlook_never_touched_snoozed_and_without_rhythm(journal: Journal) -> None:
    dan = journal.add_person("Dan Okafor", rhythm="2m")
    assert journal.outlook(dan.id).in_queue()[0].group == "today"
    journal.snooze(dan.id, date(2026, 12, 20))
    outlook = journal.outlook(dan.id)
    assert outlook.snoozed_until == date(2026, 12, 20)
    assert outlook.in_queue() == []
    assert outlook.reasons()[0].startswith("Snoozed until Sun 20 Dec")
    eve = journal.add_person("Eve Martin")
    assert journal.outlook(eve.id).reasons() == ["No reconnect item: no rhythm."]


def test_the_weekly_review_says_missed_and_first_contact(journal: Journal) -> None:
    from relate_tui.report.phrases import due_phrase

    journal.add_person("Eve Martin", dates=(ImportantDate("birthday", 12, 1, 1990),))
    journal.add_person("Dan Okafor", rhythm="2m")
    items = {i.person_name: i for i in journal.queue()}
    today = journal.clock.today()
    assert due_phrase(items["Eve Martin"], today) == "birthday (turns 36) · yesterday, missed"
    assert due_phrase(items["Dan Okafor"], today) == (
        "reconnect · every 2 months · added today, no contact yet"
    )
    markdown_day = lambda d, _today: f"{d:%a} {d.day} {d:%b}"  # noqa: E731
    assert due_phrase(items["Eve Martin"], today, markdown_day).endswith("Tue 1 Dec, missed")
