"""The journal facade: the rules users rely on when they add, log, snooze, keep and undo."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from relate_tui.domain.clock import FixedClock
from relate_tui.domain.errors import InputError
from relate_tui.journal import Journal
from relate_tui.settings import Settings


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock("2026-12-02T10:00:00", tz="Europe/Berlin")


@pytest.fixture
def journal(tmp_path: Path, clock: FixedClock) -> Journal:
    return Journal(tmp_path / "journal.json", Settings(), clock)


def test_a_new_person_is_due_today_and_a_call_moves_them_out(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima", rhythm="2w")
    assert [(i.person_name, i.group) for i in journal.queue()] == [("Ana Lima", "today")]
    journal.log_note([ana.id], "Talked about her talk", kind="call")
    assert [(i.group, i.due) for i in journal.queue()] == [("later", date(2026, 12, 16))]


def test_a_jot_is_not_a_touch(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima", rhythm="2w")
    journal.log_note([ana.id], "Heard she changed teams", kind="note")
    assert [(i.person_name, i.group) for i in journal.queue()] == [("Ana Lima", "today")]


def test_a_note_about_two_people_touches_both(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima", rhythm="2w")
    bruno = journal.add_person("Bruno Costa", rhythm="1m")
    journal.log_note([ana.id, bruno.id], "Dinner together", kind="meal")
    # Bruno's next touch (2 Jan) lies beyond the queue's 30-day horizon.
    assert [(i.person_name, i.due) for i in journal.queue()] == [("Ana Lima", date(2026, 12, 16))]
    assert [n.body for n in journal.data().notes_for(bruno.id)] == ["Dinner together"]


def test_a_promise_written_with_a_note_joins_the_queue(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima")
    note, promise = journal.log_note(
        [ana.id], "Call", promise="send the deck", promise_due=date(2026, 12, 4)
    )
    assert promise is not None and promise.note_id == note.id
    items = journal.queue()
    assert [(i.kind, i.label, i.due) for i in items] == [
        ("promise", "send the deck", date(2026, 12, 4))
    ]
    journal.keep_promise(promise.id, log_touch=True)
    assert journal.queue() == ()
    kept_note = journal.data().notes_for(ana.id)[0]
    assert kept_note.gave and "send the deck" in kept_note.body


def test_snooze_hides_until_the_date(journal: Journal, clock: FixedClock) -> None:
    ana = journal.add_person("Ana Lima", rhythm="1w")
    journal.snooze(ana.id, date(2026, 12, 5))
    assert journal.queue() == ()
    clock.advance(days=3)
    assert [(i.person_name, i.group) for i in journal.queue()] == [("Ana Lima", "today")]


def test_tried_no_answer_snoozes_three_days_without_a_touch(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima", rhythm="1w")
    journal.tried_no_answer(ana.id)
    assert journal.data().by_id[ana.id].snooze_until == date(2026, 12, 5)
    assert journal.data().touches[ana.id].last_touch is None


def test_undo_takes_back_each_change_in_order(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima", rhythm="2w")
    journal.log_note([ana.id], "first")
    journal.snooze(ana.id, date(2026, 12, 20))
    journal.delete_person(ana.id)
    assert journal.data().people == ()
    assert journal.undo() == "delete Ana Lima"
    restored = journal.data().by_id[ana.id]
    assert restored.snooze_until == date(2026, 12, 20)
    assert [n.body for n in journal.data().notes_for(ana.id)] == ["first"]
    assert journal.undo() == "snooze Ana Lima"
    assert journal.data().by_id[ana.id].snooze_until is None
    assert journal.undo() == "call with Ana Lima"
    assert journal.data().notes_for(ana.id) == []
    assert journal.undo() == "add Ana Lima"
    assert journal.data().people == ()
    assert journal.undo() is None


def test_undo_keeps_what_another_process_wrote_meanwhile(journal: Journal, tmp_path: Path) -> None:
    ana = journal.add_person("Ana Lima")
    other = Journal(journal.path, Settings(), journal.clock)
    other.log_note([ana.id], "from the other pane")
    journal.log_note([ana.id], "mine")
    journal.undo()
    assert [n.body for n in journal.data().notes_for(ana.id)] == ["from the other pane"]


def test_deleting_a_person_keeps_shared_notes_for_the_others(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima")
    bruno = journal.add_person("Bruno Costa")
    journal.log_note([ana.id, bruno.id], "Dinner")
    journal.log_note([ana.id], "Only Ana")
    journal.add_promise(ana.id, "send photos")
    journal.delete_person(ana.id)
    data = journal.data()
    assert [n.person_ids for n in data.notes] == [(bruno.id,)]
    assert data.promises == ()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda j: j.add_person("   "), "needs a name"),
        (lambda j: j.add_person("Ana", rhythm="sometimes"), "rhythm"),
        (lambda j: j.add_person("Ana", rhythm="Z"), "tier"),
    ],
)
def test_bad_input_is_refused_and_the_file_untouched(journal: Journal, call, message) -> None:
    journal.add_person("Bruno Costa")
    before = journal.path.read_bytes()
    with pytest.raises(InputError, match=message):
        call(journal)
    assert journal.path.read_bytes() == before


def test_unknown_kind_is_refused(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima")
    before = journal.path.read_bytes()
    with pytest.raises(InputError, match="unknown kind"):
        journal.log_note([ana.id], "hi", kind="telepathy")
    assert journal.path.read_bytes() == before


def test_records_have_stable_ids_and_offsets_and_open_in_stock_tinydb(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima", tags=["work"], email="ana@example.org")
    journal.log_note([ana.id], "Coffee", kind="coffee")
    raw = orjson.loads(journal.path.read_bytes())
    assert set(raw) == {"people", "notes", "meta", "newest", "undo"}  # undo: the history
    assert [e["label"] for e in raw["undo"].values()] == ["add Ana Lima", "coffee with Ana Lima"]
    person = next(iter(raw["people"].values()))
    assert person["id"] == ana.id and person["created"].endswith("+01:00")
    assert raw["meta"]["1"]["schema_version"] == 1 and raw["meta"]["1"]["revision"] == 2
    stock = TinyDB(journal.path)
    assert stock.table("people").all()[0]["name"] == "Ana Lima"
    assert stock.table("notes").all()[0]["kind"] == "coffee"
    # The last-touch table is a plain table too: one record per person who has notes.
    (last,) = stock.table("newest").all()
    assert last["person_id"] == ana.id and last["touch"]["kind"] == "coffee"
    assert last["note"]["line"] == "Coffee"
    stock.close()


def test_the_file_is_indented_with_sorted_keys(journal: Journal) -> None:
    journal.add_person("Ana Lima")
    text = journal.path.read_text()
    assert text.startswith('{\n  "meta": {')
    assert text.index('"notes"') if '"notes"' in text else True


def test_edits_round_trip_every_field(journal: Journal) -> None:
    from dataclasses import replace

    from relate_tui.domain.people import Channel, ImportantDate

    ana = journal.add_person("Ana Lima")
    edited = replace(
        ana,
        nickname="Nani",
        org="Datalab",
        role="ML lead",
        met="PyCon 2026",
        met_on=date(2026, 4, 20),
        tags=("work", "ml"),
        channels=(Channel("email", "ana@example.org", "work"), Channel("phone", "+49 30 1")),
        dates=(ImportantDate("birthday", 2, 29, None), ImportantDate("anniversary", 6, 1, 2015)),
        about="Two kids.\n[bold]not markup[/]",
        rhythm="3 months",
        snooze_until=date(2026, 12, 24),
    )
    saved = journal.save_person(edited)
    fresh = Journal(journal.path, Settings(), journal.clock).person(ana.id)
    assert fresh == saved
    assert fresh.rhythm == "3m"


def test_note_times_keep_their_offset(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima")
    at = datetime.fromisoformat("2026-07-01T17:30:00+02:00")
    journal.log_note([ana.id], "Summer call", at=at)
    note = Journal(journal.path, Settings(), journal.clock).data().notes[0]
    assert note.at == at and note.at.utcoffset() == at.utcoffset()


def test_fuzzy_resolution_explains_ambiguity_and_unknown_names(journal: Journal) -> None:
    journal.add_person("Ana Lima")
    journal.add_person("Ana Costa")
    with pytest.raises(InputError, match="could be Ana Costa, Ana Lima"):
        journal.resolve_person("ana")
    with pytest.raises(InputError, match='relate add "Zed"'):
        journal.resolve_person("Zed")
    assert journal.resolve_person("al").name == "Ana Lima"


def test_every_record_has_an_id_and_created_and_updated_with_an_offset(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima")
    journal.log_note([ana.id], "Call", promise="send deck")
    raw = orjson.loads(journal.path.read_bytes())
    for table in ("people", "notes", "promises"):
        for record in raw[table].values():
            assert len(record["id"]) == 32
            for stamp in (record["created"], record["updated"]):
                assert datetime.fromisoformat(stamp).utcoffset() is not None


def test_a_bulk_save_never_overwrites_a_record_changed_since_its_snapshot(
    journal: Journal,
) -> None:
    """An import works from a snapshot; an edit made meanwhile in another pane wins."""
    from dataclasses import replace

    from relate_tui.storage.changes import ChangedMeanwhile

    ana = journal.add_person("Ana Lima")
    snapshot = journal.data()
    other = Journal(journal.path, Settings(), journal.clock)
    other.save_person(replace(other.person(ana.id), about="edited in the app"))
    before = journal.path.read_bytes()
    with pytest.raises(ChangedMeanwhile):
        journal.bulk_save("import", people=[replace(ana, org="Datalab")], based_on=snapshot)
    assert journal.path.read_bytes() == before
    journal.bulk_save("import", people=[replace(ana, org="Datalab")], based_on=journal.data())
    assert journal.person(ana.id).org == "Datalab"


def test_a_second_person_with_the_same_name_is_refused(journal: Journal) -> None:
    """Two "Ana Lima"s could never be told apart by `relate log ana` or in a list."""
    from dataclasses import replace

    ana = journal.add_person("Ana Lima")
    with pytest.raises(InputError, match='already someone called "Ana Lima"'):
        journal.add_person("  ana   LIMA ")
    bruno = journal.add_person("Bruno Costa")
    with pytest.raises(InputError, match="already someone called"):
        journal.save_person(replace(bruno, name="Ana Lima"))
    journal.save_person(replace(ana, org="Datalab"))  # saving Ana herself is fine


def test_a_note_dated_in_the_future_is_refused(journal: Journal, clock: FixedClock) -> None:
    """A future last touch would hide the person from the queue until that day."""
    from datetime import timedelta

    ana = journal.add_person("Ana Lima", rhythm="1w")
    before = journal.path.read_bytes()
    with pytest.raises(InputError, match="still to come"):
        journal.log_note([ana.id], "call", at=clock.now() + timedelta(days=1))
    assert journal.path.read_bytes() == before
    journal.log_note([ana.id], "call", at=clock.now() + timedelta(minutes=2))  # clock drift
