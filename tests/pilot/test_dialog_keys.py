"""What a new user met in the dialogs and on the welcome: the snooze dialog takes typed text
where it shows it and offers no date that would change nothing; `/` with nobody to filter
says so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from textual.widgets import Input, OptionList

from relate_tui.app import RelateApp
from relate_tui.app.screens.person_form import PersonForm
from relate_tui.app.screens.snooze import SnoozeScreen
from relate_tui.journal import Journal
from tests.pilot.conftest import notifications, settle

TODAY = date(2026, 12, 2)  # the fixed clock: Wed 2 Dec 2026


def pid(app: RelateApp, name: str) -> str:
    return next(p.id for p in app.journal.data().people if p.name == name)


def offered(screen: SnoozeScreen) -> list[str]:
    options = screen.query_one("#snooze-options", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def shown(screen: SnoozeScreen, widget_id: str) -> str:
    return str(screen.query_one(widget_id).render())


async def press_text(pilot, text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))


async def test_typing_in_the_snooze_dialog_goes_into_the_date_and_enter_takes_it(
    demo_app: RelateApp,
) -> None:
    """s on a queue item, then "in 3 weeks" and enter: snoozed three weeks (the letters
    used to go nowhere and enter took "1 week")."""
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3", "s")
        screen = demo_app.screen
        assert isinstance(screen, SnoozeScreen)
        person_id = pid(demo_app, screen.who)
        await press_text(pilot, "in 3 weeks")
        assert screen.query_one("#snooze-date", Input).value == "in 3 weeks"
        assert "→ Wed 23 Dec (enter to snooze)" in shown(screen, "#snooze-resolved")
        await pilot.press("enter")
        await settle(pilot)
        assert demo_app.screen is not screen
        assert demo_app.journal.person(person_id).snooze_until == date(2026, 12, 23)


async def test_up_down_and_enter_still_pick_a_choice(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3", "s")
        screen = demo_app.screen
        assert isinstance(screen, SnoozeScreen)
        person = demo_app.journal.person(pid(demo_app, screen.who))
        assert offered(screen)[1].startswith("Next rhythm")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert demo_app.journal.person(person.id).snooze_until == screen.choices["rhythm"]


async def test_escape_in_the_snooze_dialog_writes_nothing(
    demo_app: RelateApp, journal_path: Path
) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = journal_path.read_bytes()
        await pilot.press("3", "s", *"fri", "escape")
        await settle(pilot)
        assert not isinstance(demo_app.screen, SnoozeScreen)
        assert journal_path.read_bytes() == before


def soon_due_app(make_journal: Callable[..., Journal], config_file: Path) -> RelateApp:
    """Kim, every 2 weeks, last called 3 days ago: due Sun 13 Dec; a promise due Wed 9 Dec."""
    journal = make_journal()
    kim = journal.add_person("Kim Park", rhythm="2w")
    at = journal.clock.now() - timedelta(days=3)
    journal.log_note([kim.id], "catch-up", kind="call", at=at)
    journal.add_promise(kim.id, "send the deck", due=TODAY + timedelta(days=7))
    return RelateApp(journal, config_file=config_file)


async def test_no_snooze_date_on_or_before_the_due_date_is_offered_or_taken(
    make_journal: Callable[..., Journal], config_file: Path, journal_path: Path
) -> None:
    """Kim is not due until Sun 13 Dec: "1 week — Wed 9 Dec" would change nothing, so it is
    not offered, and a typed "fri" says so and writes nothing."""
    app = soon_due_app(make_journal, config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        kim = pid(app, "Kim Park")
        app.main.jump_to(kim)
        await pilot.pause()
        await pilot.press("1", "s")
        screen = app.screen
        assert isinstance(screen, SnoozeScreen) and screen.what == "person"
        assert [o.split(" — ")[0] for o in offered(screen)] == ["Next rhythm"]
        assert "Due Sun 13 Dec" in str(screen.query_one(".due").render())
        before = journal_path.read_bytes()
        await press_text(pilot, "fri")
        assert "changes nothing: not due until Sun 13 Dec" in shown(screen, "#snooze-resolved")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and journal_path.read_bytes() == before
        await pilot.press("escape")


async def test_the_promise_dialog_offers_no_move_to_its_own_due_date_and_takes_typing(
    make_journal: Callable[..., Journal], config_file: Path
) -> None:
    app = soon_due_app(make_journal, config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        kim = pid(app, "Kim Park")
        promise = app.journal.data().open_promises_for(kim)[0]
        await pilot.press("3")  # the promise is the queue's item
        await pilot.pause()
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SnoozeScreen) and screen.what == "promise"
        assert offered(screen) == []  # 1 week is Wed 9 Dec, when it is due already
        await press_text(pilot, "wed")
        assert "Wed 9 Dec is when it is due already" in shown(screen, "#snooze-resolved")
        screen.query_one("#snooze-date", Input).value = ""
        await press_text(pilot, "in 3 weeks")
        assert "→ Wed 23 Dec (enter to move it)" in shown(screen, "#snooze-resolved")
        await pilot.press("enter")
        await settle(pilot)
        assert app.journal.data().promises_by_id[promise.id].due == date(2026, 12, 23)


async def test_slash_on_the_welcome_says_there_is_nobody_to_filter(
    empty_app: RelateApp, journal_path: Path
) -> None:
    """/ on the empty welcome screen focused a filter the welcome hides: the letters typed
    next vanished. Now it says so, and the next key does what the welcome says."""
    async with empty_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert "Nobody to filter yet: add a person with a." in notifications(empty_app)
        main = empty_app.main
        assert empty_app.focused is not main.people_list.filter_input
        await pilot.press("a")  # the welcome's first key: add a person
        await settle(pilot)
        assert isinstance(empty_app.screen, PersonForm)
        await pilot.press("escape")
    assert not journal_path.exists() or Journal(journal_path).data().people == ()
