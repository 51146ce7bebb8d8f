"""Undo reaches every change, whoever made it, and survives restarts: the change history
lives in the journal file, bounded (issue 11)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from relate_tui.domain.clock import FixedClock
from relate_tui.domain.errors import InputError
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from relate_tui.storage import history
from relate_tui.storage.sealed import open_sealed


def _journal(path: Path, clock: FixedClock, *, writer: str = "cli", by_table: bool = False):
    return Journal(path, Settings(), clock, writer=writer, by_table=by_table)


def _history(path: Path) -> list[dict]:
    table = orjson.loads(path.read_bytes()).get("undo", {})
    return [table[k] for k in sorted(table, key=int)]


def test_a_change_made_by_one_process_is_undone_by_another_after_a_restart(
    journal_path: Path, clock: FixedClock
) -> None:
    cli = _journal(journal_path, clock, by_table=True)
    ana = cli.add_person("Ana Lima", rhythm="2w")
    cli.log_note([ana.id], "Coffee at the station", kind="coffee")
    del cli  # the command line has exited
    app = _journal(journal_path, clock, writer="app")
    done = app.undo_last()
    assert done is not None
    assert done.message == "Undone: coffee with Ana Lima (from the command line)."
    assert app.data().notes == ()
    assert [p.name for p in app.data().people] == ["Ana Lima"]
    assert app.undo() == "add Ana Lima"
    assert app.data().people == ()
    assert app.undo_last() is None
    assert _history(journal_path) == []


def test_each_entry_holds_the_records_before_and_a_digest_of_after(
    journal_path: Path, clock: FixedClock
) -> None:
    journal = _journal(journal_path, clock)
    ana = journal.add_person("Ana Lima")
    journal.snooze(ana.id, date(2026, 12, 20))
    raw = orjson.loads(journal_path.read_bytes())
    added, snoozed = _history(journal_path)
    assert added["label"] == "add Ana Lima" and "before" not in added
    assert added["by"] == "cli" and added["at"] == "2026-12-02T10:00:00+01:00"
    assert snoozed["before"]["people"][ana.id].get("snooze_until") is None
    (stored,) = raw["people"].values()
    assert snoozed["after"] == {"people": {ana.id: history.digest(stored)}}


def test_a_record_changed_since_outside_the_history_is_left_and_named(
    journal_path: Path, clock: FixedClock
) -> None:
    journal = _journal(journal_path, clock)
    ana = journal.add_person("Ana Lima")
    _, promise = journal.log_note([ana.id], "Lunch", promise="send the paper")
    assert promise is not None
    # Someone edits the promise by hand (stock TinyDB keeps no history).
    stock = TinyDB(journal_path)
    stock.table("promises").update({"text": "send both papers"})
    stock.close()
    done = journal.undo_last()
    assert done is not None and done.restored == 1
    assert done.kept == ("the promise “send both papers”",)
    assert "except the promise “send both papers”, which changed since" in done.message
    data = journal.data()
    assert data.notes == ()  # the note went: it was as the change wrote it
    assert [p.text for p in data.promises] == ["send both papers"]
    assert journal.undo() == "add Ana Lima"  # the entry is gone: undo goes on


def test_nothing_undone_when_every_record_changed_since(
    journal_path: Path, clock: FixedClock
) -> None:
    journal = _journal(journal_path, clock)
    ana = journal.add_person("Ana Lima")
    journal.snooze(ana.id, date(2026, 12, 20))
    stock = TinyDB(journal_path)  # the field the snooze wrote, changed outside relate
    stock.table("people").update({"snooze_until": "2026-12-24", "org": "Datalab"})
    stock.close()
    with pytest.raises(InputError, match=r"Not undone: snooze Ana Lima .*Ana Lima changed since"):
        journal.undo()
    person = journal.data().people[0]
    assert person.org == "Datalab" and person.snooze_until == date(2026, 12, 24)
    assert [e["label"] for e in _history(journal_path)] == ["add Ana Lima"]


def test_undo_restores_a_deleted_person_with_notes_and_promises(
    journal_path: Path, clock: FixedClock
) -> None:
    journal = _journal(journal_path, clock)
    ana = journal.add_person("Ana Lima")
    bruno = journal.add_person("Bruno Costa", introduced_by=ana.id)
    journal.log_note([ana.id, bruno.id], "Dinner together")
    journal.log_note([ana.id], "Only Ana", promise="send photos")
    before = orjson.loads(journal_path.read_bytes())
    journal.delete_person(ana.id)
    assert journal.data().by_id[bruno.id].introduced_by is None
    assert journal.undo() == "delete Ana Lima"
    after = orjson.loads(journal_path.read_bytes())

    def content(record: dict) -> dict:  # a field put back gets a new version, for merges
        return {k: v for k, v in record.items() if k != "versions"}

    for table in ("people", "notes", "promises"):
        assert sorted(map(content, after[table].values()), key=lambda r: r["id"]) == sorted(
            before[table].values(), key=lambda r: r["id"]
        )


def test_the_history_keeps_the_newest_fifty_whichever_way_it_is_written(
    journal_path: Path, clock: FixedClock
) -> None:
    journal = _journal(journal_path, clock, by_table=True)
    ana = journal.add_person("Ana Lima")
    for i in range(40):
        journal.log_note([ana.id], f"note {i}")  # spliced in
    for i in range(20):
        journal.snooze(ana.id, date(2027, 1, 1 + i))  # written the ordinary way
    for i in range(5):
        journal.log_note([ana.id], f"late note {i}")
    entries = _history(journal_path)
    assert len(entries) == history.LIMIT
    assert entries[0]["label"] == "call with Ana Lima"  # the oldest 15 are gone
    assert entries[-1]["label"] == "call with Ana Lima"
    assert open_sealed(journal_path.read_bytes()) is not None
    for _ in range(history.LIMIT):
        assert journal.undo() is not None
    assert journal.undo() is None
    data = journal.data()
    assert len(data.notes) == 15  # the 15 notes older than the history stay
    assert [p.name for p in data.people] == ["Ana Lima"]


def test_an_import_is_one_change_to_undo(journal_path: Path, clock: FixedClock) -> None:
    journal = _journal(journal_path, clock)
    journal.add_person("Ana Lima")
    people = [journal.add_person(f"Person {i}") for i in range(3)]
    for _ in people:
        journal.undo()
    from dataclasses import replace

    journal.bulk_save("import contacts.vcf", people=[replace(p, org="Acme") for p in people])
    assert len(journal.data().people) == 4
    assert journal.undo() == "import contacts.vcf"
    assert [p.name for p in journal.data().people] == ["Ana Lima"]


def test_a_sample_journal_has_nothing_to_undo(journal_path: Path, clock: FixedClock) -> None:
    from relate_tui.demo import build_demo

    journal = _journal(journal_path, clock)
    build_demo(journal)
    assert journal.undo_last() is None


def test_digests_survive_a_trip_through_the_file(journal_path: Path, clock: FixedClock) -> None:
    journal = _journal(journal_path, clock)
    ana = journal.add_person("Ana Lima", tags=["ml", "work"], email="ana@example.org")
    journal.log_note([ana.id], "Ünïcode — “quotes” \u202e and\nlines", gave=True)
    raw = orjson.loads(journal_path.read_bytes())
    written = {rid: d for e in _history(journal_path) for t in e["after"].values()
               for rid, d in t.items()}  # fmt: skip
    for table in ("people", "notes"):
        for record in raw[table].values():
            assert history.digest(record) == written[record["id"]]


@pytest.mark.parametrize(
    "damage",
    [
        {"after": "not a map"},
        {"after": {"notes": ["x"]}},
        {"after": {"meta": {"1": None}}},
        {"before": {"people": "not a map"}},
        {"before": {"people": {"ANA": "not a record"}}},
    ],
)
def test_a_history_entry_damaged_by_hand_changes_nothing(
    journal_path: Path, clock: FixedClock, damage: dict
) -> None:
    journal = _journal(journal_path, clock)
    ana = journal.add_person("Ana Lima")
    journal.snooze(ana.id, date(2026, 12, 20))
    raw = orjson.loads(journal_path.read_bytes())
    entry = raw["undo"][max(raw["undo"], key=int)]
    for key, value in damage.items():
        entry[key] = orjson.loads(orjson.dumps(value).replace(b"ANA", ana.id.encode()))
    journal_path.write_bytes(orjson.dumps(raw))
    people_before = orjson.loads(journal_path.read_bytes())["people"]
    with pytest.raises(InputError, match="Not undone: snooze Ana Lima"):
        journal.undo()
    assert orjson.loads(journal_path.read_bytes())["people"] == people_before
    # The damaged entry is gone; the one before cannot undo a record changed since.
    with pytest.raises(InputError, match=r"Not undone: add Ana Lima .* Ana Lima changed since"):
        journal.undo()
    assert journal.undo() is None


def test_a_journal_from_before_the_history_gets_one_on_the_quick_path(
    journal_path: Path, clock: FixedClock
) -> None:
    journal = _journal(journal_path, clock)
    ana = journal.add_person("Ana Lima")
    journal.log_note([ana.id], "Written before")
    raw = orjson.loads(journal_path.read_bytes())
    del raw["undo"]  # as an older relate wrote it
    from relate_tui.storage.sealed import serialise_sealed

    journal_path.write_bytes(serialise_sealed(raw))
    quick = _journal(journal_path, clock, by_table=True)
    quick.store.transaction = None  # type: ignore[method-assign]  # never taken
    quick.log_note([ana.id], "Spliced, history and all")
    assert [e["label"] for e in _history(journal_path)] == ["call with Ana Lima"]
    assert open_sealed(journal_path.read_bytes()) is not None
    assert _journal(journal_path, clock).undo() == "call with Ana Lima"
