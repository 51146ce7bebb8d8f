"""The app never parses every note: a journal of 100,000 notes shows its first screen, a
person's card and a saved note from the people, the open promises, the last-touch table
and a byte search for that person's notes (see README "Speed")."""

from __future__ import annotations

from relate_tui.app import RelateApp
from relate_tui.storage.sealed import SealedTables
from tests.pilot.conftest import settle


def _notes_parsed(app: RelateApp) -> bool:
    view = app.session.view
    assert view is not None
    tables = view.data.tables
    assert isinstance(tables, SealedTables), "a sealed journal is read table by table"
    return tables.is_parsed("notes")


async def test_cards_and_a_saved_note_never_parse_every_note(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not _notes_parsed(demo_app)
        main = demo_app.screen
        carla = next(p for p in demo_app.view.data.active_people if p.name == "Carla Nguyen")
        main.jump_to(carla.id)  # her card: fields, conflicts, notes, the 12-month strip
        await pilot.pause()
        assert not _notes_parsed(demo_app)
        await pilot.press("n", *"Coffee after the reorg", "ctrl+s")
        await settle(pilot)
        assert demo_app.view.data.notes_for(carla.id)[0].body == "Coffee after the reorg"
        assert "Notes (" in str(main.query_one("#notes").border_title)
        assert not _notes_parsed(demo_app)
