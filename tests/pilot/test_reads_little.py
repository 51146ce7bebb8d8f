"""The app never parses every note: a journal of 100,000 notes shows its first screen, a
person's card and a saved note from the people, the open promises, the last-touch table
and a byte search for that person's notes (see README "Speed")."""

from __future__ import annotations

import gc
import threading

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


async def test_the_journal_read_at_start_is_out_of_the_collectors_sight_until_the_app_ends(
    demo_app: RelateApp,
) -> None:
    """A full collection walking 300,000 people, promises and rows took 100–200 ms at
    J100k, before the first paint and between a save and its screen (README "Speed")."""
    gc.unfreeze()
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        record = demo_app.view.data.raw_people[0]
        assert gc.get_freeze_count() > 0
        assert not any(o is record for o in gc.get_objects()), "frozen with the journal"
        await pilot.press("n", *"Coffee", "ctrl+s")
        await settle(pilot)
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0, "handed back to the collector when the app ends"


async def test_after_a_save_the_screen_shows_the_notes_without_searching_the_file(
    demo_app: RelateApp, monkeypatch
) -> None:
    """The bytes just written are joined and the person's notes found in them on the
    writer thread, while the form closes: not on the event loop (README "Speed")."""
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        searched_on: list[str] = []
        mentioning = SealedTables.mentioning

        def spy(self: SealedTables, person_id: str) -> list:
            searched_on.append(threading.current_thread().name)
            return mentioning(self, person_id)

        monkeypatch.setattr(SealedTables, "mentioning", spy)
        person_id = demo_app.screen.person_id
        await pilot.press("n", *"Coffee after the reorg", "ctrl+s")
        await settle(pilot)
        assert demo_app.view.data.notes_for(person_id)[0].body == "Coffee after the reorg"
        assert searched_on and threading.main_thread().name not in searched_on


async def test_the_first_screen_makes_only_the_people_it_lists(
    make_journal, config_file, clock, monkeypatch
) -> None:
    """Making all 10,000 people of J100k before the first paint took ~0.15 s: the list
    sorts everyone by the names in their records and makes the people it lists (at most
    ``MAX_ROWS``); filtering, the palette and the note form still find everyone."""
    from relate_tui.app.widgets.people_list import MAX_ROWS
    from relate_tui.domain.people import Person
    from relate_tui.journal import lazy_people

    journal = make_journal()
    now = clock.now()
    people = [
        Person(id=f"p{n:04}", name=f"Person {n:04}", created=now, updated=now, rhythm="1m")
        for n in range(3 * MAX_ROWS)
    ]
    journal.bulk_save("many", people=reversed(people))  # the file's order is not the list's
    made: list[str] = []
    person_from_record = lazy_people.person_from_record

    def counted(record: dict) -> Person:
        made.append(threading.current_thread().name)
        return person_from_record(record)

    monkeypatch.setattr(lazy_people, "person_from_record", counted)
    app = RelateApp(journal, config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.ready_at is None:
            await pilot.pause()
        on_the_loop = made.count(threading.main_thread().name)
        assert on_the_loop <= MAX_ROWS + 1, f"{on_the_loop} people made for the first screen"
        main = app.main
        assert main.people_list.shown_ids[:3] == ["p0000", "p0001", "p0002"]  # by name
        await settle(pilot)
        await pilot.press("slash", *"0599")
        await pilot.pause()
        assert main.people_list.shown_ids == ["p0599"]  # everyone is found by the filter
        assert len(app.view.data.by_id) == len(people)
