"""The flows a user does every day, driven key by key."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, TextArea

from relate_tui.app import RelateApp
from relate_tui.app.screens.confirm import ConfirmScreen
from relate_tui.app.screens.main import MainScreen
from relate_tui.app.screens.note_form import NoteForm
from relate_tui.app.screens.person_form import PersonForm
from relate_tui.app.screens.snooze import SnoozeScreen
from relate_tui.app.screens.why import WhyScreen
from tests.pilot.conftest import notifications, settle


def pid(app: RelateApp, name: str) -> str:
    return next(p.id for p in app.journal.data().people if p.name == name)


def queue_names(app: RelateApp, group: str) -> list[str]:
    return [i.person_name for i in app.journal.queue() if i.group == group]


async def test_empty_journal_welcome_then_add_person(empty_app: RelateApp) -> None:
    async with empty_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        main = empty_app.screen
        assert isinstance(main, MainScreen)
        assert main.has_class("-empty")
        await pilot.press("a")
        assert isinstance(empty_app.screen, PersonForm)
        await pilot.press(*"Ana Lima")
        empty_app.screen.query_one("#person-rhythm", Input).value = "2w"
        await pilot.press("ctrl+s")
        await settle(pilot)
        people = empty_app.journal.data().people
        assert [(p.name, p.rhythm) for p in people] == [("Ana Lima", "2w")]
        assert empty_app.screen is main
        assert not main.has_class("-empty")
        assert main.person_id == people[0].id


async def test_person_form_shows_validation_in_place(empty_app: RelateApp) -> None:
    async with empty_app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a", "ctrl+s")
        form = empty_app.screen
        assert isinstance(form, PersonForm)
        assert "needs a name" in str(form.query_one("#person-name-msg").render())
        form.query_one("#person-rhythm", Input).value = "every fortnight-ish"
        form.query_one("#person-birthday", Input).value = "31 feb"
        await pilot.pause()
        assert "not understood" in str(form.query_one("#person-rhythm-msg").render())
        assert "not a real date" in str(form.query_one("#person-birthday-msg").render())
        assert empty_app.journal.data().people == ()


async def test_note_with_promise(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.screen
        main.jump_to(pid(demo_app, "Carla Nguyen"))
        await pilot.press("n")
        form = demo_app.screen
        assert isinstance(form, NoteForm)
        assert form.query_one("#note-body", TextArea).has_focus
        await pilot.press(*"Talked about the reorg")
        form.query_one("#note-promise", Input).value = "send deck by fri"
        await pilot.pause()
        assert "due Fri 4 Dec" in str(form.query_one("#note-promise-resolved").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.screen is main
        data = demo_app.journal.data()
        carla = pid(demo_app, "Carla Nguyen")
        note = data.notes_for(carla)[0]
        assert (note.kind, note.body) == ("call", "Talked about the reorg")
        promise = data.open_promises_for(carla)[0]
        assert (promise.text, promise.due) == ("send deck", date(2026, 12, 4))


async def test_logging_a_touch_reorders_the_queue(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert queue_names(demo_app, "overdue")[0] == "Hana Sato"
        await pilot.press("3")  # the queue; its first item is Hana's rhythm item
        main = demo_app.screen
        assert main.touch_queue.current.person_name == "Hana Sato"
        assert main.person_id == pid(demo_app, "Hana Sato")
        await pilot.press("d")  # done: log a touch through the note form
        assert isinstance(demo_app.screen, NoteForm)
        await pilot.press(*"Coffee", "ctrl+s")
        await settle(pilot)
        assert "Hana Sato" not in queue_names(demo_app, "overdue")
        assert main.touch_queue.current.person_name != "Hana Sato"


async def test_snooze_then_undo(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "s")
        await pilot.press("enter")  # "1 week"
        await settle(pilot)
        hana = demo_app.journal.person(pid(demo_app, "Hana Sato"))
        assert hana.snooze_until == date(2026, 12, 9)
        assert "Hana Sato" not in queue_names(demo_app, "overdue")
        await pilot.press("u")
        await settle(pilot)
        assert demo_app.journal.person(hana.id).snooze_until is None
        assert "Undone: snooze Hana Sato (in the app)." in notifications(demo_app)


async def test_keep_a_promise(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        main = demo_app.screen
        assert main.touch_queue.select_first_of(pid(demo_app, "Ana Lima"))
        await pilot.pause()
        item = main.touch_queue.current
        assert item.kind == "promise"
        await pilot.press("d", "down", "enter")  # keep, and log a touch
        await settle(pilot)
        promise = demo_app.journal.data().promises_by_id[item.promise_id]
        assert promise.status == "kept"
        assert demo_app.journal.data().notes_for(item.person_id)[0].gave


async def test_undo_ten_changes(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = demo_app.journal.data()
        for _ in range(10):
            await pilot.press("t")  # tried, no answer: a note and a snooze each time
        await settle(pilot)
        assert len(demo_app.journal.data().notes) == len(before.notes) + 10
        for _ in range(10):
            await pilot.press("u")
        await settle(pilot)
        after = demo_app.journal.data()
        assert len(after.notes) == len(before.notes)
        assert {p.id: p.snooze_until for p in after.people} == {
            p.id: p.snooze_until for p in before.people
        }


async def test_delete_asks_first_and_undo_brings_back(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.screen
        bruno = pid(demo_app, "Bruno Costa")
        main.jump_to(bruno)
        await pilot.press("1")  # in the Notes pane, delete would mean the note under the cursor
        await pilot.press("delete")
        assert isinstance(demo_app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert bruno in demo_app.journal.data().by_id
        await pilot.press("delete", "y")
        await settle(pilot)
        assert bruno not in demo_app.journal.data().by_id
        assert bruno not in main.people_list.shown_ids
        await pilot.press("u")
        await settle(pilot)
        assert bruno in demo_app.journal.data().by_id
        assert demo_app.journal.data().notes_for(bruno)


async def test_filter_people(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.screen
        await pilot.press("slash", *"jur")
        assert main.people_list.shown_ids == [pid(demo_app, "Jürgen Weiß")]
        await pilot.press("escape")
        main.people_list.filter_input.value = "#fam"
        await pilot.pause()
        assert main.people_list.shown_ids == [pid(demo_app, "Eve Martin")]
        await pilot.press("enter")  # to the list; its person is shown
        assert main.person_id == pid(demo_app, "Eve Martin")


async def test_palette_jumps_to_person(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"jurg")  # accents folded: Jürgen
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert demo_app.main.person_id == pid(demo_app, "Jürgen Weiß")
        await pilot.press("ctrl+p", *"priya")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        main = demo_app.main
        assert main.person_id == pid(demo_app, "Priya Raman")


async def test_palette_runs_noun_verb_action(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"person: add")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, PersonForm)


async def test_w_opens_the_weekly_review(demo_app: RelateApp, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(demo_app, "action_weekly_review", lambda: calls.append("w"))
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        assert calls == ["w"]


async def test_escape_asks_before_discarding_typed_text(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        notes_before = len(demo_app.journal.data().notes)
        await pilot.press("n", "escape")  # nothing typed: closes at once
        assert isinstance(demo_app.screen, MainScreen)
        await pilot.press("n", *"keep me", "escape")
        assert isinstance(demo_app.screen, ConfirmScreen)
        await pilot.press("n")
        form = demo_app.screen
        assert isinstance(form, NoteForm)
        assert form.query_one("#note-body", TextArea).text == "keep me"
        await pilot.press("escape", "y")
        assert isinstance(demo_app.screen, MainScreen)
        await settle(pilot)
        assert len(demo_app.journal.data().notes) == notes_before


async def test_edit_person_then_undo(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.screen
        dan = pid(demo_app, "Dan Okafor")
        main.jump_to(dan)
        await pilot.press("e")
        form = demo_app.screen
        assert isinstance(form, PersonForm)
        form.query_one("#person-rhythm", Input).value = "3w"
        form.query_one("#person-birthday", Input).value = "15 apr"
        await pilot.press("ctrl+s")
        await settle(pilot)
        person = demo_app.journal.person(dan)
        assert person.rhythm == "3w"
        assert [(d.month, d.day) for d in person.dates] == [(4, 15)]
        await pilot.press("u")
        await settle(pilot)
        assert demo_app.journal.person(dan).rhythm == "2m"


async def test_clock_past_midnight_refreshes_the_queue(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        demo_app.journal.clock.advance(days=1)
        for _ in range(30):
            await pilot.pause(0.1)
            if demo_app.view.today == demo_app.journal.clock.today():
                break
        assert demo_app.view.today == date(2026, 12, 3)


async def test_archive_asks_first(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.screen
        priya = pid(demo_app, "Priya Raman")
        main.jump_to(priya)
        await pilot.press("A")
        assert isinstance(demo_app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert demo_app.journal.person(priya).archived
        assert priya not in main.people_list.shown_ids
        assert "Priya Raman" not in [i.person_name for i in demo_app.view.queue]


async def test_why_explains_the_queue_item(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "y")
        assert isinstance(demo_app.screen, WhyScreen)
        said = demo_app.screen.explanation
        assert "ratio" in said and "Hana Sato" in said
        # The next key only closes it: s does not also snooze behind the reader's back,
        # and nothing lingers over the snooze dialog that s opens after it.
        await pilot.press("s")
        assert isinstance(demo_app.screen, MainScreen)
        await pilot.press("s")
        assert isinstance(demo_app.screen, SnoozeScreen)
        assert not demo_app._notifications


async def test_note_for_several_people_with_a_human_date(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        demo_app.screen.jump_to(pid(demo_app, "Ana Lima"))
        await pilot.press("n")
        form = demo_app.screen
        form.query_one("#note-people", Input).value = "Ana Lima, jurgen"
        form.query_one("#note-when", Input).value = "yesterday 5pm"
        await pilot.pause()
        assert "Ana Lima, Jürgen Weiß" in str(form.query_one("#note-people-resolved").render())
        assert "yesterday 17:00" in str(form.query_one("#note-when-resolved").render())
        await pilot.press(*"Dinner together", "ctrl+s")
        await settle(pilot)
        note = demo_app.journal.data().notes_for(pid(demo_app, "Jürgen Weiß"))[0]
        assert note.body == "Dinner together"
        assert note.person_ids == (pid(demo_app, "Ana Lima"), pid(demo_app, "Jürgen Weiß"))
        assert (note.at.day, note.at.hour) == (1, 17)


async def test_gave_and_asked_read_without_colour(demo_app: RelateApp) -> None:
    """The gave/asked boxes say their state in characters, not only in colour (NO_COLOR)."""
    from relate_tui.app.widgets.flag_box import FlagBox

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        gave = demo_app.screen.query_one("#note-gave", FlagBox)
        assert gave.render().plain.startswith("[ ]")
        gave.value = True
        await pilot.pause()
        assert gave.render().plain.startswith("[X]")


async def test_w_shows_the_review_screen(demo_app: RelateApp) -> None:
    from relate_tui.app.screens.review import ReviewScreen

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(demo_app.screen, ReviewScreen)
        await pilot.press("w")  # inside the review, w walks; it never stacks a second review
        assert sum(isinstance(s, ReviewScreen) for s in demo_app.screen_stack) == 1


async def test_down_leaves_the_filter_and_escape_clears_it_from_the_list(
    demo_app: RelateApp,
) -> None:
    """Keys typed after moving down must act on the list, not land in the filter box."""
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.screen
        await pilot.press("slash", *"bru", "down")
        assert main.people_list.table.has_focus
        assert main.people_list.filter_input.value == "bru"
        await pilot.press("escape")
        assert main.people_list.filter_input.value == ""
        assert len(main.people_list.shown_ids) == 10
