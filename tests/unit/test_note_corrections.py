"""An edited note is written only if it is still what the edit was worked out from: a
change another relate made in between is never overwritten (the app's edit form relies on
it; ``tests/unit/test_correcting.py`` has the rest of correcting a note)."""

from __future__ import annotations

from pathlib import Path

import pytest

from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from relate_tui.storage.changes import ChangedMeanwhile


def test_an_edit_worked_out_from_a_stale_read_writes_nothing(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(tmp_path / "journal.json", Settings(), clock)
    ana = journal.add_person("Ana Lima")
    note, _ = journal.log_note([ana.id], "Coffee")
    stale = journal.data()
    # Another relate edits the note between this journal's read and its write.
    other = Journal(journal.path, Settings(), clock)
    other.edit_note(note.id, body="Coffee and cake")
    before = journal.path.read_bytes()
    monkeypatch.setattr(journal, "data", lambda: stale)
    with pytest.raises(ChangedMeanwhile):
        journal.edit_note(note.id, kind="coffee")
    assert journal.path.read_bytes() == before
    monkeypatch.undo()
    assert journal.note(note.id).body == "Coffee and cake"
    # Read afresh, the same edit goes through and keeps the other change.
    journal.edit_note(note.id, kind="coffee")
    assert (journal.note(note.id).body, journal.note(note.id).kind) == ("Coffee and cake", "coffee")
