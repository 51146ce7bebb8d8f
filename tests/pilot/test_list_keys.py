"""Home and End in the lists; enter in the people filter with one person left opens them."""

from __future__ import annotations

from textual import events

from relate_tui.app import RelateApp
from tests.pilot.conftest import settle


def pid(app: RelateApp, name: str) -> str:
    return next(p.id for p in app.journal.data().people if p.name == name)


async def test_home_and_end_go_to_the_first_and_last_person(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        people = demo_app.main.people_list.table
        await pilot.press("1", "end")
        assert people.current_key == people.keys[-1] == pid(demo_app, "Priya Raman")
        assert demo_app.main.person_id == pid(demo_app, "Priya Raman")  # the card follows
        await pilot.press("home")
        assert people.current_key == people.keys[0] == pid(demo_app, "Ana Lima")


async def test_home_and_end_go_to_the_first_and_last_item_in_next_touch(
    demo_app: RelateApp,
) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        queue = demo_app.main.touch_queue
        await pilot.press("3", "end")
        assert queue.current_key == queue.keys[-1]
        await pilot.press("home")
        assert queue.current_key == queue.keys[0]
        assert queue.scroll_y == 0  # the "Overdue" heading above the first item shows


async def test_enter_in_the_filter_with_one_match_opens_that_person(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        for key in [*"jurg", "enter"]:  # in one burst, as tmux send-keys 'jurg' Enter
            demo_app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        main = demo_app.main
        assert main.person_id == pid(demo_app, "Jürgen Weiß")
        assert main.active == "notes"


async def test_slash_and_a_name_in_one_burst_filter_by_that_name(demo_app: RelateApp) -> None:
    """/, "jurg" and enter in one burst (tmux send-keys / 'jurg' Enter): the letters went
    to the list being left and the filter stayed empty. A / typed in the filter stays text."""
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ["slash", *"jurg", "enter"]:
            char = "/" if key == "slash" else key if len(key) == 1 else None
            demo_app.post_message(events.Key(key, char))
        await settle(pilot)
        main = demo_app.main
        assert main.people_list.filter_input.value == "jurg"
        assert main.person_id == pid(demo_app, "Jürgen Weiß") and main.active == "notes"
        await pilot.press("1", "slash", "slash")
        await settle(pilot)
        assert main.people_list.filter_input.value.endswith("/")


def burst(app: RelateApp, *keys: str) -> None:
    """Queue keys in one go, as tmux send-keys does: none waits for the one before."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_pane_keys_and_a_move_in_one_burst_move_in_the_new_pane(
    demo_app: RelateApp,
) -> None:
    """3 then end (or tab tab end) in one burst: end went to the list being left."""
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = demo_app.main
        people, queue = main.people_list.table, main.touch_queue
        burst(demo_app, "3", "end")
        await settle(pilot)
        assert main.active == "queue" and queue.current_key == queue.keys[-1]
        assert people.current_key == people.keys[0]
        burst(demo_app, "1", "end")
        await settle(pilot)
        assert main.active == "people" and people.current_key == people.keys[-1]
        await pilot.press("home")
        burst(demo_app, "tab", "tab", "home")
        await settle(pilot)
        assert main.active == "queue" and queue.current_key == queue.keys[0]
        assert people.current_key == people.keys[0]


async def test_digits_typed_in_the_filter_stay_text(demo_app: RelateApp) -> None:
    """The pane keys move the focus as they arrive, but not out of the filter."""
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "2", "0", "2", "4")
        await settle(pilot)
        main = demo_app.main
        assert main.people_list.filter_input.value == "2024"
        assert main.people_list.filter_input.has_focus
