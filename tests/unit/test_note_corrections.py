"""Correcting a note through the journal: edit, move, delete; what undo says; an edit that
would overwrite a change made elsewhere writes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from relate_tui.domain.clock import FixedClock
from relate_tui.domain.errors import InputError
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from relate_tui.storage.changes import ChangedMeanwhile


@pytest.fixture
def journal(tmp_path: Path, clock: FixedClock) -> Journal:
    return Journal(tmp_path / "journal.json", Settings(), clock)


def test_moving_a_note_moves_the_last_touch(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima", rhythm="2w")
    bruno = journal.add_person("Bruno Costa", rhythm="2w")
    note, _ = journal.log_note([ana.id], "His move to Lisbon", kind="call")
    assert journal.data().touches[ana.id].last_touch.id == note.id
    journal.save_note(replace(note, person_ids=(bruno.id,)))
    data = journal.data()
    assert ana.id not in data.touches
    assert data.touches[bruno.id].last_touch.id == note.id
    assert [i.person_name for i in journal.queue() if i.group == "today"] == ["Ana Lima"]
    assert journal.undo() == "move call with Ana Lima (2 Dec) to Bruno Costa"
    assert journal.data().touches[ana.id].last_touch.id == note.id


def test_an_edit_keeps_the_id_and_creation_and_says_what_it_was(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima")
    note, _ = journal.log_note([ana.id], "Tlaked about her talk\n\n")
    saved = journal.save_note(replace(note, body="Talked about her talk\n", kind="video"))
    stored = journal.data().notes[0]
    assert (stored.id, stored.created, stored.body, stored.kind) == (
        note.id,
        note.created,
        "Talked about her talk",
        "video",
    )
    assert saved.updated == journal.clock.now()
    assert journal.undo() == "edit video with Ana Lima (2 Dec)"
    assert journal.data().notes[0].body == "Tlaked about her talk"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"person_ids": ()}, "at least one person"),
        ({"person_ids": ("gone",)}, "no longer in the journal"),
        ({"kind": "lunch"}, 'unknown kind "lunch"'),
        ({"at": datetime.fromisoformat("2026-12-03T10:00:00+01:00")}, "still to come"),
    ],
)
def test_an_edit_is_held_to_what_a_new_note_is(journal: Journal, change, message) -> None:
    ana = journal.add_person("Ana Lima")
    note, _ = journal.log_note([ana.id], "Coffee")
    before = journal.path.read_bytes()
    with pytest.raises(InputError, match=message):
        journal.save_note(replace(note, **change))
    assert journal.path.read_bytes() == before


def test_an_edit_started_before_another_change_writes_nothing(
    journal: Journal, tmp_path: Path, clock: FixedClock
) -> None:
    ana = journal.add_person("Ana Lima")
    note, _ = journal.log_note([ana.id], "Coffee")
    base = journal.data().raw_record("notes", note.id)
    other = Journal(journal.path, Settings(), clock)
    other.save_note(replace(note, body="Coffee and cake"))
    before = journal.path.read_bytes()
    with pytest.raises(ChangedMeanwhile):
        journal.save_note(replace(note, body="Coffee, then a walk"), expected=base)
    assert journal.path.read_bytes() == before
    with pytest.raises(ChangedMeanwhile):  # deleted meanwhile: not brought back silently
        other.delete_note(note.id)
        journal.save_note(replace(note, body="Coffee, then a walk"), expected=base)


def test_deleting_a_note_returns_it_and_undo_brings_it_back(journal: Journal) -> None:
    ana = journal.add_person("Ana Lima")
    note, _ = journal.log_note(
        [ana.id], "Coffee", kind="coffee", at=journal.clock.now() - timedelta(days=1)
    )
    gone = journal.delete_note(note.id)
    assert gone.id == note.id and journal.data().notes == ()
    with pytest.raises(InputError, match="no longer in the journal"):
        journal.delete_note(note.id)
    assert journal.undo() == "delete coffee with Ana Lima (1 Dec)"
    assert [n.id for n in journal.data().notes] == [note.id]
