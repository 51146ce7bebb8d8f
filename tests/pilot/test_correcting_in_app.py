"""Correcting what was written, in the app: a note edited, moved or deleted from the Notes
pane; a promise kept (with or without a touch), rescheduled or dropped wherever its due
date is; the note filter; undo. Each test checks the journal file and the screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from textual.widgets import Input, OptionList, TextArea

from relate_tui.app import RelateApp
from relate_tui.app.screens.confirm import ConfirmScreen
from relate_tui.app.screens.main import MainScreen
from relate_tui.app.screens.note_edit import NoteEditForm
from relate_tui.app.screens.note_form import NoteForm
from relate_tui.app.screens.person_form import PersonForm
from relate_tui.app.screens.promise_menu import PromiseMenu
from relate_tui.app.screens.snooze import SnoozeScreen
from relate_tui.app.widgets.note_rows import note_key
from relate_tui.domain.promises import DROPPED, KEPT, OPEN
from relate_tui.journal import Journal
from tests.pilot.conftest import notifications, settle


def pid(app: RelateApp, name: str) -> str:
    return next(p.id for p in app.journal.data().people if p.name == name)


def notes_text(main: MainScreen) -> str:
    """Everything the Notes pane's list shows, as plain text on one line."""
    return " ".join(" ".join(str(row.text).split()) for row in main.notes_list._rows)


async def select_note(pilot, app: RelateApp, person: str, body_start: str) -> str:
    """Show ``person`` in the Notes pane and put its cursor on their note starting with
    ``body_start``; returns the note's id."""
    main = app.main
    person_id = pid(app, person)
    main.jump_to(person_id)
    await pilot.pause()
    note = next(n for n in app.journal.data().notes_for(person_id) if n.body.startswith(body_start))
    assert main.notes_list.move_to(note_key(note.id))
    await pilot.pause()
    return note.id


def last_touch_day(app: RelateApp, name: str) -> date | None:
    info = app.journal.data().touches.get(pid(app, name))
    touch = info.last_touch if info is not None else None
    return touch.at.date() if touch is not None else None


async def test_fix_a_typo_in_a_note(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        note_id = await select_note(pilot, demo_app, "Carla Nguyen", "Sent her")
        before = demo_app.journal.data().raw_record("notes", note_id)
        await pilot.press("e")
        form = demo_app.screen
        assert isinstance(form, NoteEditForm)
        body = form.query_one("#note-body", TextArea)
        assert body.has_focus and body.text == "Sent her the hiring rubric she asked about."
        body.text = "Sent her the hiring rubric and the ladder she asked about."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(demo_app.screen, MainScreen)
        after = demo_app.journal.data().raw_record("notes", note_id)
        assert after["body"] == "Sent her the hiring rubric and the ladder she asked about."
        # Only the body changed: the same note, the same time, kind and people.
        assert {k: after[k] for k in ("id", "at", "kind", "person_ids", "created")} == {
            k: before[k] for k in ("id", "at", "kind", "person_ids", "created")
        }
        assert len(demo_app.journal.data().notes) == len(demo_app.view.data.notes)
        assert "rubric and the ladder" in notes_text(demo_app.main)
        assert "Saved your changes to the note. Press u to undo." in notifications(demo_app)

        await pilot.press("u")
        await settle(pilot)
        assert demo_app.journal.data().raw_record("notes", note_id)["body"] == before["body"]
        assert "rubric and the ladder" not in notes_text(demo_app.main)
        assert "Undone: edit a note about Carla Nguyen (in the app)." in notifications(demo_app)


async def test_log_to_the_wrong_person_then_move_the_note(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.main
        ana_touch = last_touch_day(demo_app, "Ana Lima")
        bruno = pid(demo_app, "Bruno Costa")
        assert "Bruno Costa" in [i.person_name for i in demo_app.view.queue if i.days_late]
        # A call with Bruno, logged to Ana by mistake.
        main.jump_to(pid(demo_app, "Ana Lima"))
        await pilot.press("n", *"Talked about his move", "ctrl+s")
        await settle(pilot)
        assert last_touch_day(demo_app, "Ana Lima") == date(2026, 12, 2)

        note_id = await select_note(pilot, demo_app, "Ana Lima", "Talked about his move")
        await pilot.press("m")
        form = demo_app.screen
        assert isinstance(form, NoteEditForm)
        people = form.query_one("#note-people", Input)
        assert people.has_focus
        people.value = "bruno"
        await pilot.pause()
        assert "→ Bruno Costa" in str(form.query_one("#note-people-resolved").render())
        await pilot.press("ctrl+s")
        await settle(pilot)

        note = demo_app.journal.data().raw_record("notes", note_id)
        assert note["person_ids"] == [bruno]
        # Ana's last touch is back to what it was; Bruno's rhythm restarted today.
        assert last_touch_day(demo_app, "Ana Lima") == ana_touch
        assert last_touch_day(demo_app, "Bruno Costa") == date(2026, 12, 2)
        assert "Bruno Costa" not in [i.person_name for i in demo_app.view.queue if i.days_late]
        assert "Talked about his move" not in notes_text(main)
        assert "Moved the note to Bruno Costa. Press u to undo." in notifications(demo_app)
        main.jump_to(bruno)
        await pilot.pause()
        assert "Talked about his move" in notes_text(main)

        await pilot.press("u")
        await settle(pilot)
        assert demo_app.journal.data().raw_record("notes", note_id)["person_ids"] == [
            pid(demo_app, "Ana Lima")
        ]
        assert "Undone: move a note to Bruno Costa (in the app)." in notifications(demo_app)


async def test_edit_the_kind_time_and_flags_and_the_queue_follows(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # Carla's last touch (an email 3 days ago) was really a jot, a week earlier, and
        # she asked for something.
        assert last_touch_day(demo_app, "Carla Nguyen") == date(2026, 11, 29)
        note_id = await select_note(pilot, demo_app, "Carla Nguyen", "Sent her")
        await pilot.press("e")
        form = demo_app.screen
        form.query_one("#note-kind").value = "note"
        form.query_one("#note-when", Input).value = "2026-11-22 09:00"
        form.query_one("#note-asked").value = True
        await pilot.pause()
        assert "Sun 22 Nov 09:00" in str(form.query_one("#note-when-resolved").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        note = next(n for n in demo_app.journal.data().notes if n.id == note_id)
        assert (note.kind, note.at, note.gave, note.asked) == (
            "note",
            datetime.fromisoformat("2026-11-22T09:00:00+01:00"),
            True,
            True,
        )
        assert "Sun 22 Nov 09:00 · note · gave, asked" in notes_text(demo_app.main)
        # Her last touch is now the video call a month ago: the rhythm counts from it.
        assert last_touch_day(demo_app, "Carla Nguyen") == date(2026, 11, 2)


async def test_a_note_cannot_be_moved_into_the_future_or_to_nobody(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        note_id = await select_note(pilot, demo_app, "Carla Nguyen", "Sent her")
        before = demo_app.journal.data().raw_record("notes", note_id)
        await pilot.press("e")
        form = demo_app.screen
        form.query_one("#note-people", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.screen is form  # not saved; what was typed stays
        form.query_one("#note-people", Input).value = "Carla Nguyen"
        form.query_one("#note-when", Input).value = "in 3 days"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.screen is form
        assert demo_app.journal.data().raw_record("notes", note_id) == before


async def test_delete_a_note_asks_first_and_undo_brings_it_back(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.main
        note_id = await select_note(pilot, demo_app, "Carla Nguyen", "Sent her")
        before = demo_app.journal.data().raw_record("notes", note_id)
        await pilot.press("delete")
        question = demo_app.screen
        assert isinstance(question, ConfirmScreen)
        assert question.question == (
            "Delete the email note from Sun 29 Nov about Carla Nguyen? (u undoes it)"
        )
        await pilot.press("n")
        await settle(pilot)
        assert demo_app.journal.data().raw_record("notes", note_id) == before

        await pilot.press("delete", "y")
        await settle(pilot)
        assert demo_app.journal.data().raw_record("notes", note_id) is None
        assert "hiring rubric" not in notes_text(main)
        assert last_touch_day(demo_app, "Carla Nguyen") == date(2026, 11, 2)
        assert pid(demo_app, "Carla Nguyen") in demo_app.journal.data().by_id  # only the note

        await pilot.press("u")
        await settle(pilot)
        assert demo_app.journal.data().raw_record("notes", note_id) == before
        assert "hiring rubric" in notes_text(main)


async def test_without_a_note_selected_e_and_delete_act_on_the_person(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.main
        main.jump_to(pid(demo_app, "Ana Lima"))  # Notes pane; the cursor on her promise
        await pilot.pause()
        assert main.notes_list.current_promise_id is not None
        await pilot.press("e")
        assert isinstance(demo_app.screen, PersonForm)
        await pilot.press("escape")
        await pilot.press("delete")
        assert isinstance(demo_app.screen, ConfirmScreen)
        assert demo_app.screen.question.startswith("Delete Ana Lima and their ")
        await pilot.press("n")
        # m with no note selected says what to do and changes nothing.
        await pilot.press("m")
        assert isinstance(demo_app.screen, MainScreen)
        assert any("Select a note" in n for n in notifications(demo_app))


async def test_keep_a_promise_without_a_touch(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.main
        ana = pid(demo_app, "Ana Lima")
        notes_before = demo_app.journal.data().notes
        await pilot.press("3")
        assert main.touch_queue.select_first_of(ana)
        await pilot.pause()
        item = main.touch_queue.current
        assert item.kind == "promise"
        await pilot.press("d")
        menu = demo_app.screen
        assert isinstance(menu, PromiseMenu)
        assert menu.choices == ("keep", "keep-log")
        await pilot.press("enter")
        await settle(pilot)
        data = demo_app.journal.data()
        assert data.promises_by_id[item.promise_id].status == KEPT
        assert data.notes == notes_before  # no invented contact
        assert "promise" not in [i.kind for i in demo_app.view.items_for(ana)]
        assert "Kept: send the paper on dataset audits (no note written). Press u to undo." in (
            notifications(demo_app)
        )


async def test_keep_a_promise_and_log_a_touch(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.main
        ana = pid(demo_app, "Ana Lima")
        await pilot.press("3")
        assert main.touch_queue.select_first_of(ana)
        await pilot.pause()
        promise_id = main.touch_queue.current.promise_id
        await pilot.press("d", "down", "enter")
        await settle(pilot)
        data = demo_app.journal.data()
        assert data.promises_by_id[promise_id].status == KEPT
        note = data.notes_for(ana)[0]
        assert (note.kind, note.body, note.gave) == (
            "message",
            "Kept: send the paper on dataset audits",
            True,
        )
        assert last_touch_day(demo_app, "Ana Lima") == date(2026, 12, 2)


async def test_escape_in_the_keep_menu_keeps_nothing(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.main
        await pilot.press("3")
        assert main.touch_queue.select_first_of(pid(demo_app, "Ana Lima"))
        await pilot.pause()
        promise_id = main.touch_queue.current.promise_id
        await pilot.press("d", "escape")
        await settle(pilot)
        assert isinstance(demo_app.screen, MainScreen)
        assert demo_app.journal.data().promises_by_id[promise_id].status == OPEN


def far_promise_app(make_journal: Callable[..., Journal], config_file: Path) -> RelateApp:
    journal = make_journal(demo=True)
    dan = next(p for p in journal.data().people if p.name == "Dan Okafor")
    journal.add_promise(dan.id, "introduce him to the meetup organisers", date(2027, 3, 1))
    return RelateApp(journal, config_file=config_file)


async def test_a_promise_due_in_three_months_is_on_the_card_and_can_be_dropped(
    make_journal: Callable[..., Journal], config_file: Path
) -> None:
    app = far_promise_app(make_journal, config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dan = pid(app, "Dan Okafor")
        promise = app.journal.data().open_promises_for(dan)[0]
        assert promise.id not in {i.promise_id for i in app.view.queue}  # beyond the horizon
        main = app.main
        main.jump_to(dan)
        await pilot.pause()
        assert main.notes_list.current_promise_id == promise.id
        assert "introduce him to the meetup organisers — due Mon 1 Mar 2027" in notes_text(main)
        await pilot.press("x")
        await settle(pilot)
        assert app.journal.data().promises_by_id[promise.id].status == DROPPED
        assert "meetup organisers" not in notes_text(main)
        await pilot.press("u")
        await settle(pilot)
        assert app.journal.data().promises_by_id[promise.id].status == OPEN
        assert "meetup organisers" in notes_text(main)


async def test_a_promise_on_the_card_can_be_rescheduled_and_kept(
    make_journal: Callable[..., Journal], config_file: Path
) -> None:
    app = far_promise_app(make_journal, config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dan = pid(app, "Dan Okafor")
        promise = app.journal.data().open_promises_for(dan)[0]
        main = app.main
        main.jump_to(dan)
        await pilot.pause()
        await pilot.press("s")
        snooze = app.screen
        assert isinstance(snooze, SnoozeScreen) and snooze.what == "promise"
        await pilot.press("enter")  # 1 week
        await settle(pilot)
        assert app.journal.data().promises_by_id[promise.id].due == date(2026, 12, 9)
        assert main.notes_list.current_promise_id == promise.id
        # Enter on a promise offers everything; keep is the first choice.
        await pilot.press("enter")
        menu = app.screen
        assert isinstance(menu, PromiseMenu)
        assert menu.query_one(OptionList).option_count == 4
        await pilot.press("enter")
        await settle(pilot)
        assert app.journal.data().promises_by_id[promise.id].status == KEPT
        assert app.journal.data().notes_for(dan) == []


async def test_the_footer_names_what_e_and_d_will_do(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.main
        main.jump_to(pid(demo_app, "Ana Lima"))
        await pilot.pause()
        active = main.active_bindings
        assert (active["d"].binding.id, active["e"].binding.id) == ("promise-keep", "person-edit")
        await pilot.press("down")
        active = main.active_bindings
        assert (active["d"].binding.id, active["e"].binding.id) == ("queue-done", "note-edit")
        assert active["delete"].binding.id == "note-delete"


async def test_palette_offers_note_actions_only_with_a_note_selected(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.main
        from relate_tui.app.commands import MainCommands

        titles = [t for _m, t, _h, _c in MainCommands(main).commands()]  # type: ignore[arg-type]
        assert "note: edit" not in titles
        await select_note(pilot, demo_app, "Carla Nguyen", "Sent her")
        titles = [t for _m, t, _h, _c in MainCommands(main).commands()]  # type: ignore[arg-type]
        assert {"note: edit", "note: move to other people", "note: delete"} <= set(titles)
        await pilot.press("ctrl+p", *"note: edit")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, NoteEditForm)


async def test_an_edit_never_overwrites_a_change_made_elsewhere_meanwhile(
    demo_app: RelateApp, journal_path: Path, clock
) -> None:
    from relate_tui.settings import Settings

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        note_id = await select_note(pilot, demo_app, "Carla Nguyen", "Sent her")
        await pilot.press("e")
        form = demo_app.screen
        form.query_one("#note-body", TextArea).text = "My version"
        # Meanwhile, another relate (another pane) edits the same note.
        other = Journal(journal_path, Settings(), clock)
        note = next(n for n in other.data().notes if n.id == note_id)
        other.save_note(replace(note, body="Their version"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.screen is form  # nothing lost: still open with my text
        assert form.query_one("#note-body", TextArea).text == "My version"
        assert demo_app.journal.data().raw_record("notes", note_id)["body"] == "Their version"
        assert any("changed elsewhere" in n for n in notifications(demo_app))
        await pilot.press("ctrl+s")  # a second save means it
        await settle(pilot)
        assert isinstance(demo_app.screen, MainScreen)
        assert demo_app.journal.data().raw_record("notes", note_id)["body"] == "My version"


async def test_older_notes_are_reachable(
    make_journal: Callable[..., Journal], config_file: Path
) -> None:
    journal = make_journal()
    kim = journal.add_person("Kim Park")
    for day in range(1, 46):
        journal.log_note(
            [kim.id], f"Note number {day}", at=datetime(2026, 10, day % 30 + 1, 9).astimezone()
        )
    app = RelateApp(journal, config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = app.main
        main.jump_to(kim.id)
        await pilot.pause()
        shown = [k for k in main.notes_list.keys if k.startswith("note:")]
        assert len(shown) == 40
        assert "… 5 older notes: enter shows 5 more" in notes_text(main)
        await pilot.press("end", "enter")
        await pilot.pause()
        assert len([k for k in main.notes_list.keys if k.startswith("note:")]) == 45
        assert main.notes_list.current_note_id is not None


async def test_filter_finds_people_by_what_their_notes_say(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.main
        bruno = pid(demo_app, "Bruno Costa")
        await pilot.press("slash", *"?LISBON")
        people = main.people_list
        assert people.shown_ids == [bruno]
        assert "Lisbon.” · 1 year ago" in str(people.table._rows[0].text)  # the line that matched
        assert main.person_id == bruno
        lisbon = next(n for n in demo_app.view.data.notes_for(bruno) if "Lisbon" in n.body)
        assert main.notes_list.current_note_id == lisbon.id
        people.filter_input.value = "?ml   ETHICS"  # case and spaces do not matter
        await pilot.pause()
        assert people.shown_ids == [pid(demo_app, "Ana Lima")]
        people.filter_input.value = "?no note says this"
        await pilot.pause()
        assert people.shown_ids == []
        assert "no note says that" in str(people.table._rows[0].text)
        people.filter_input.value = "?"
        await pilot.pause()
        assert people.shown_ids == []
        await pilot.press("escape")
        assert len(people.shown_ids) == 10


async def test_undo_says_there_is_nothing_to_undo(empty_app: RelateApp) -> None:
    async with empty_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert "Nothing to undo." in notifications(empty_app)


async def test_the_new_keys_are_harmless_with_nothing_selected(empty_app: RelateApp) -> None:
    """An empty journal, nothing under any cursor: every new key says what to do or
    nothing at all, and the file is not touched."""
    async with empty_app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        before = empty_app.journal.path.read_bytes() if empty_app.journal.path.exists() else b""
        for pane in ("1", "2", "3"):
            for key in ("e", "m", "delete", "d", "s", "x", "enter"):
                await pilot.press(pane, key)
                await settle(pilot)
                # What may open: the person form (e) or an empty note form (d); both close.
                while not isinstance(empty_app.screen, MainScreen):
                    assert isinstance(empty_app.screen, PersonForm | NoteForm)
                    await pilot.press("escape")
        after = empty_app.journal.path.read_bytes() if empty_app.journal.path.exists() else b""
        assert after == before
        assert any("Select a note" in n for n in notifications(empty_app))


async def test_a_long_card_without_notes_still_scrolls(
    make_journal: Callable[..., Journal], config_file: Path
) -> None:
    journal = make_journal()
    journal.add_person("Kim Park", about="\n".join(f"line {i}" for i in range(40)))
    app = RelateApp(journal, config_file=config_file)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        pane = app.main.query_one("#notes")
        assert pane.scroll_y == 0
        await pilot.press("down", "down", "pagedown")
        await pilot.pause()
        assert pane.scroll_y > 2


async def test_the_selected_row_is_always_in_sight_and_up_shows_the_card(
    demo_app: RelateApp,
) -> None:
    async with demo_app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # Ana: a tall card, then her promise, selected
        await pilot.pause()
        main = demo_app.main
        pane = main.query_one("#notes")
        table = main.notes_list
        row = table._get_row_region(table.cursor_row)
        top = table.virtual_region.y + row.y
        assert pane.scroll_y <= top and top + row.height <= pane.scroll_y + pane.size.height
        await pilot.press("up")
        await pilot.pause()
        assert pane.scroll_y == 0
        assert main.notes_list.current_promise_id is not None


async def test_an_edit_keeps_what_was_changed_elsewhere_in_other_fields(
    demo_app: RelateApp, journal_path: Path, clock
) -> None:
    from relate_tui.settings import Settings

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        note_id = await select_note(pilot, demo_app, "Carla Nguyen", "Sent her")
        await pilot.press("e")
        form = demo_app.screen
        form.query_one("#note-body", TextArea).text = "Sent her the rubric and the ladder."
        Journal(journal_path, Settings(), clock).edit_note(note_id, kind="call")  # elsewhere
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(demo_app.screen, MainScreen)
        note = demo_app.journal.note(note_id)
        assert (note.body, note.kind) == ("Sent her the rubric and the ladder.", "call")


async def test_an_edit_of_a_note_deleted_elsewhere_asks_then_saves_it_anew(
    demo_app: RelateApp, journal_path: Path, clock
) -> None:
    from relate_tui.settings import Settings

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        carla = pid(demo_app, "Carla Nguyen")
        note_id = await select_note(pilot, demo_app, "Carla Nguyen", "Sent her")
        await pilot.press("e")
        form = demo_app.screen
        form.query_one("#note-body", TextArea).text = "Sent her the rubric, at last."
        Journal(journal_path, Settings(), clock).delete_note(note_id)  # elsewhere
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.screen is form
        assert any("deleted elsewhere" in n for n in notifications(demo_app))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(demo_app.screen, MainScreen)
        bodies = [n.body for n in demo_app.journal.data().notes_for(carla)]
        assert "Sent her the rubric, at last." in bodies
