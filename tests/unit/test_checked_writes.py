"""A change made meanwhile is never overwritten: an edit, a queue action or an undo that
finds its record changed on disk merges field by field, or says which field clashed.

The outside change is `relate import ana.vcf`, run through the real command line, as in
the issue: it adds Ana's email and org while the app holds an older copy of her.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from relate_tui.cli import main
from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.journal.checked import RecordClash
from relate_tui.settings import Settings
from relate_tui.storage.changes import Change
from relate_tui.storage.json_format import parse, serialise
from relate_tui.storage.records import person_to_record

NOW = "2026-12-02T10:00:00"
CARD = """BEGIN:VCARD
VERSION:3.0
FN:Ana Lima
EMAIL:ana@datalab.org
ORG:Datalab
END:VCARD
"""


@pytest.fixture
def app_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Journal:
    path = tmp_path / "journal.json"
    monkeypatch.setenv("RELATE_DB", str(path))
    monkeypatch.setenv("RELATE_NOW", NOW)
    journal = Journal(path, Settings(), FixedClock(NOW), writer="app")
    journal.add_person("Ana Lima", rhythm="1m")
    return journal


def import_card(tmp_path: Path) -> None:
    card = tmp_path / "ana.vcf"
    card.write_text(CARD)
    assert main(["import", str(card)]) == 0


def test_a_form_saved_after_an_import_keeps_what_the_import_added(
    app_journal: Journal, tmp_path: Path
) -> None:
    ana = app_journal.resolve_person("ana")
    read = app_journal.data().raw_record("people", ana.id)  # the form opens
    import_card(tmp_path)  # meanwhile, in another pane
    app_journal.save_person(replace(ana, rhythm="2w", role="ML lead"), based_on=read)
    saved = app_journal.person(ana.id)
    assert (saved.rhythm, saved.role, saved.org) == ("2w", "ML lead", "Datalab")
    assert saved.channel("email") == "ana@datalab.org"


def test_the_same_field_changed_meanwhile_is_a_clash_and_nothing_is_written(
    app_journal: Journal, tmp_path: Path
) -> None:
    ana = app_journal.resolve_person("ana")
    read = app_journal.data().raw_record("people", ana.id)
    import_card(tmp_path)
    on_disk = app_journal.store.real_path.read_bytes()
    with pytest.raises(RecordClash) as caught:
        app_journal.save_person(replace(ana, org="Acme", role="CTO"), based_on=read)
    assert app_journal.store.real_path.read_bytes() == on_disk
    clash = caught.value
    assert [(c.field, c.ours, c.theirs) for c in clash.clashes] == [("org", "Acme", "Datalab")]

    app_journal._commit("edit Ana Lima", clash.changes_keeping(mine=True))
    kept = app_journal.person(ana.id)
    assert (kept.org, kept.role, kept.channel("email")) == ("Acme", "CTO", "ana@datalab.org")


def test_keeping_theirs_keeps_the_other_fields_of_mine(
    app_journal: Journal, tmp_path: Path
) -> None:
    ana = app_journal.resolve_person("ana")
    read = app_journal.data().raw_record("people", ana.id)
    import_card(tmp_path)
    with pytest.raises(RecordClash) as caught:
        app_journal.save_person(replace(ana, org="Acme", role="CTO"), based_on=read)
    app_journal._commit("edit Ana Lima", caught.value.changes_keeping(mine=False))
    kept = app_journal.person(ana.id)
    assert (kept.org, kept.role) == ("Datalab", "CTO")


def test_an_answer_given_once_settles_the_same_clash_when_the_change_runs_again(
    app_journal: Journal, tmp_path: Path
) -> None:
    ana = app_journal.resolve_person("ana")
    read = app_journal.data().raw_record("people", ana.id)
    import_card(tmp_path)
    with pytest.raises(RecordClash) as caught:
        app_journal.save_person(replace(ana, org="Acme"), based_on=read)
    app_journal.clash_choices[caught.value.key] = True
    app_journal.save_person(replace(ana, org="Acme"), based_on=read)
    assert app_journal.person(ana.id).org == "Acme"


def test_undo_after_an_import_undoes_the_import_then_the_edit(
    app_journal: Journal, tmp_path: Path
) -> None:
    ana = app_journal.resolve_person("ana")
    app_journal.save_person(replace(ana, role="ML lead"))
    import_card(tmp_path)
    assert app_journal.undo() == "import ana.vcf"  # the newest change, whoever made it
    after = app_journal.person(ana.id)
    assert (after.role, after.org, after.channel("email")) == ("ML lead", "", "")
    assert app_journal.undo() == "edit Ana Lima"  # versions do not stop the next undo
    assert app_journal.person(ana.id).role == ""


def test_undo_after_a_change_outside_the_history_takes_back_only_its_own_fields(
    app_journal: Journal,
) -> None:
    ana = app_journal.resolve_person("ana")
    app_journal.save_person(replace(ana, role="ML lead"))
    # An older relate, or a hand edit: a change the history does not know.
    path = app_journal.store.real_path
    tables = parse(path.read_bytes())
    (record,) = tables["people"].values()
    record["org"] = "Datalab"
    path.write_bytes(serialise(tables))
    assert app_journal.undo() == "edit Ana Lima"
    after = app_journal.person(ana.id)
    assert (after.role, after.org) == ("", "Datalab")


def test_a_queue_action_worked_out_from_an_older_snapshot_merges(
    app_journal: Journal, tmp_path: Path
) -> None:
    ana = app_journal.resolve_person("ana")
    app_journal.data()  # the snapshot the action reads
    import_card(tmp_path)
    snoozed = replace(ana, snooze_until=date(2026, 12, 20))
    app_journal._commit("snooze", [Change("people", ana.id, None, person_to_record(snoozed))])
    after = app_journal.person(ana.id)
    assert after.snooze_until == date(2026, 12, 20) and after.org == "Datalab"
