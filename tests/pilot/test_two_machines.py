"""The app and another machine's changes: conflict copies merged at start and while a form
is half typed, saves that find a change made meanwhile, conflicts on the person card."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from relate_tui.app import RelateApp
from relate_tui.app.screens.clash import ClashScreen
from relate_tui.app.screens.conflicts import ConflictsScreen
from relate_tui.app.screens.note_form import NoteForm
from relate_tui.app.screens.person_form import PersonForm
from relate_tui.app.widgets.person_card import PersonCard
from relate_tui.cli import main
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from relate_tui.storage import versioning
from relate_tui.storage.backups import backup_dir
from relate_tui.storage.json_format import parse, serialise
from tests.pilot.conftest import notifications, settle

SYNCTHING = "journal.sync-conflict-20261129-101010-ABCDEFG.json"
CARD = "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nEMAIL:ana@datalab.org\nORG:Datalab\nEND:VCARD\n"


@pytest.fixture
def ana_journal(make_journal: Callable[..., Journal]) -> Journal:
    journal = make_journal()
    journal.add_person("Ana Lima", rhythm="1m")
    journal.log_note([journal.resolve_person("ana").id], "before the split")
    return journal


def other_machine_copy(journal: Journal, change: Callable[[Journal], object]) -> Path:
    """A copy of the journal changed on "the desktop", put beside it as Syncthing does."""
    path = journal.store.real_path
    elsewhere = path.parent / "desktop" / path.name
    elsewhere.parent.mkdir(exist_ok=True)
    shutil.copy(path, elsewhere)
    os.environ["RELATE_MACHINE"] = "desktop"
    versioning.machine_id.cache_clear()
    try:
        change(Journal(elsewhere, Settings(), journal.clock))
    finally:
        del os.environ["RELATE_MACHINE"]
        versioning.machine_id.cache_clear()
    copy = path.parent / SYNCTHING
    os.replace(elsewhere, copy)
    return copy


def log_there(body: str) -> Callable[[Journal], object]:
    return lambda j: j.log_note([j.resolve_person("ana").id], body)


async def wait_for(pilot, condition: Callable[[], bool], seconds: float = 5.0) -> None:
    for _ in range(int(seconds * 10)):
        await pilot.pause(0.1)
        if condition():
            return
    raise AssertionError("it did not happen in time")


def card(app: RelateApp) -> str:
    """The whole person card on screen (it comes in two parts around the month strip)."""
    return "\n".join(str(w.render()) for w in app.screen.query(PersonCard))


def bodies(app: RelateApp) -> set[str]:
    return {n.body for n in app.view.data.notes}


async def test_a_conflict_copy_beside_the_journal_is_merged_at_start(
    ana_journal: Journal, config_file: Path
) -> None:
    copy = other_machine_copy(ana_journal, log_there("from the desktop"))
    app = RelateApp(ana_journal, config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: "from the desktop" in bodies(app))
        await settle(pilot)
        said = [n for n in notifications(app) if n.startswith("Merged the Syncthing copy")]
        assert said and "1 note (call with Ana Lima) came in" in said[0]
        assert not copy.exists()
        assert (backup_dir(ana_journal.store.real_path) / SYNCTHING).exists()


async def test_a_copy_arriving_while_a_note_is_half_typed_keeps_the_note(
    ana_journal: Journal, config_file: Path
) -> None:
    app = RelateApp(ana_journal, config_file=config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"half-typed thought")
        form = app.screen
        assert isinstance(form, NoteForm)
        other_machine_copy(ana_journal, log_there("from the desktop"))
        await wait_for(pilot, lambda: "from the desktop" in bodies(app))
        assert app.screen is form  # the form stays, with what was typed
        assert "half-typed thought" in form.query_one(TextArea).text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert {"from the desktop", "half-typed thought"} <= bodies(app)
        assert any(n.startswith("Merged the Syncthing copy") for n in notifications(app))


def import_card(folder: Path) -> None:
    card = folder / "ana.vcf"
    card.write_text(CARD)
    assert main(["import", str(card)]) == 0


async def test_a_person_form_saved_after_an_import_keeps_the_import(
    ana_journal: Journal, config_file: Path, tmp_path: Path
) -> None:
    app = RelateApp(ana_journal, config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, PersonForm)
        form.query_one("#person-role", Input).value = "ML lead"
        import_card(tmp_path)  # `relate import ana.vcf` in another pane
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, PersonForm)
        ana = ana_journal.resolve_person("ana")
        assert (ana.role, ana.org, ana.channel("email")) == (
            "ML lead",
            "Datalab",
            "ana@datalab.org",
        )
        shown = card(app)
        assert "ML lead · Datalab" in shown and "ana@datalab.org" in shown


@pytest.mark.parametrize(("key", "org"), [("m", "Acme"), ("t", "Datalab")])
async def test_the_same_field_changed_meanwhile_asks_keep_mine_or_theirs(
    ana_journal: Journal, config_file: Path, tmp_path: Path, key: str, org: str
) -> None:
    app = RelateApp(ana_journal, config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        form = app.screen
        form.query_one("#person-org", Input).value = "Acme"
        form.query_one("#person-role", Input).value = "CTO"
        import_card(tmp_path)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ClashScreen))
        dialog = app.screen
        shown = str(dialog.query_one("#clash-text").render())
        assert "org: yours “Acme” · now “Datalab”" in shown
        await pilot.press("b")  # see both, whole
        assert "org, on disk now:" in str(dialog.query_one("#clash-text").render())
        await pilot.press(key)
        await settle(pilot)
        assert not isinstance(app.screen, (ClashScreen, PersonForm))
        ana = ana_journal.resolve_person("ana")
        assert (ana.org, ana.role, ana.channel("email")) == (org, "CTO", "ana@datalab.org")


async def test_escape_in_the_clash_question_writes_nothing_and_keeps_the_form(
    ana_journal: Journal, config_file: Path, tmp_path: Path
) -> None:
    app = RelateApp(ana_journal, config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        form = app.screen
        form.query_one("#person-org", Input).value = "Acme"
        import_card(tmp_path)
        before = ana_journal.store.real_path.read_bytes()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ClashScreen))
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form and form.query_one("#person-org", Input).value == "Acme"
        assert ana_journal.store.real_path.read_bytes() == before
        await pilot.press("ctrl+s")  # saving again asks again
        await wait_for(pilot, lambda: isinstance(app.screen, ClashScreen))


async def test_undo_in_the_app_never_takes_back_a_change_it_did_not_make(
    ana_journal: Journal, config_file: Path
) -> None:
    app = RelateApp(ana_journal, config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        app.screen.query_one("#person-role", Input).value = "ML lead"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # Meanwhile another tool (an older relate, an editor) sets her org.
        path = ana_journal.store.real_path
        tables = parse(path.read_bytes())
        (record,) = tables["people"].values()
        record["org"] = "Datalab"
        path.write_bytes(serialise(tables))
        await wait_for(pilot, lambda: "Datalab" in card(app))
        await pilot.press("u")
        await settle(pilot)
        ana = ana_journal.resolve_person("ana")
        assert (ana.role, ana.org) == ("", "Datalab")


async def test_a_conflict_shows_on_the_card_and_c_resolves_it(
    ana_journal: Journal, config_file: Path
) -> None:
    def edit_org(journal: Journal) -> None:
        journal.save_person(replace(journal.resolve_person("ana"), org="Acme"))

    copy = other_machine_copy(ana_journal, edit_org)
    copy_bytes = copy.read_bytes()
    ana_journal.save_person(replace(ana_journal.resolve_person("ana"), org="Datalab"))
    app = RelateApp(ana_journal, config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: not copy.exists())
        await settle(pilot)
        shown = card(app)
        assert "⚠ 1 conflict (C to resolve):" in shown
        assert (
            "org: “Datalab” now, “Acme” kept aside" in shown
            or "org: “Acme” now, “Datalab” kept aside" in shown
        )
        shown_now = ana_journal.resolve_person("ana").org
        await pilot.press("C")
        assert isinstance(app.screen, ConflictsScreen)
        await pilot.press("t")  # take the other machine's value
        await settle(pilot)
        await asyncio.sleep(0)
        assert "none left" in str(app.screen.query_one("#conflicts-title").render())
        await pilot.press("escape")
        assert "conflict" not in card(app)
        other = {"Datalab": "Acme", "Acme": "Datalab"}[shown_now]
        assert ana_journal.resolve_person("ana").org == other
        # The copy merged again brings nothing back.
        (ana_journal.store.real_path.parent / SYNCTHING).write_bytes(copy_bytes)
        await wait_for(pilot, lambda: not copy.exists())
        await settle(pilot)
        assert "conflict" not in card(app)
