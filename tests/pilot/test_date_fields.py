"""The app's date fields, as people type them: what the preview under a field accepts, saving
accepts, and what it refuses saving refuses; no text, typed key by key, closes the app.

The clock is Wednesday 25 November 2026 14:30:27.123456 in Berlin.
"""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from textual.widgets import Input

from relate_tui.app import RelateApp
from relate_tui.app.screens.main import MainScreen
from relate_tui.app.screens.note_form import NoteForm, resolve_people
from relate_tui.app.screens.person_form import FIELDS, PersonForm, parse_field
from relate_tui.app.screens.promise import PromiseScreen, describe_promise
from relate_tui.app.screens.snooze import SnoozeScreen
from relate_tui.app.view import build_view
from relate_tui.demo import build_demo
from relate_tui.domain.clock import FixedClock
from relate_tui.domain.errors import InputError
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from tests.pilot.conftest import settle

NOW = "2026-11-25T14:30:27.123456"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW, tz="Europe/Berlin")


def shown(screen, widget_id: str) -> str:
    return str(screen.query_one(widget_id).render())


def pid(app: RelateApp, name: str) -> str:
    return next(p.id for p in app.journal.data().people if p.name == name)


async def type_into(pilot, field: Input, text: str) -> None:
    """Type ``text`` into ``field`` key by key, as a person does (each key runs the check)."""
    field.focus()
    field.value = ""
    await pilot.pause()
    for char in text:
        await pilot.press("space" if char == " " else char)


async def test_typing_may_1990_as_a_birthday_says_what_is_missing(empty_app: RelateApp) -> None:
    async with empty_app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Zed")
        form = empty_app.screen
        assert isinstance(form, PersonForm)
        await type_into(pilot, form.query_one("#person-birthday", Input), "may 1990")
        assert '"may 1990" has no day' in shown(form, "#person-birthday-msg")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert empty_app.screen is form and empty_app.journal.data().people == ()
        await type_into(pilot, form.query_one("#person-birthday", Input), "15 may 1990")
        assert "→ 15 May 1990" in shown(form, "#person-birthday-msg")
        await pilot.press("ctrl+s")
        await settle(pilot)
        [zed] = empty_app.journal.data().people
        assert [(d.label, d.month, d.day, d.year) for d in zed.dates] == [("birthday", 5, 15, 1990)]


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("birthday", "1990 apr", '"1990 apr" has no day'),
        ("birthday", "2030-01-01", "a birthday is not in the future"),
        ("birthday", "04-15", "write --04-15"),
        ("dates", "anniversary: june 2015", '"june 2015" has no day'),
        ("met_on", "next fri", "still to come"),
        ("met_on", "1900-01-01", "more than 120 years ago"),
    ],
)
async def test_a_date_the_person_form_refuses_is_marked_and_not_saved(
    empty_app: RelateApp, key: str, text: str, message: str
) -> None:
    async with empty_app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Zed")
        form = empty_app.screen
        form.query_one(f"#person-{key}", Input).value = text
        await pilot.pause()
        assert message in shown(form, f"#person-{key}-msg")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert empty_app.screen is form and empty_app.journal.data().people == ()


async def test_met_on_takes_a_month_and_year(empty_app: RelateApp) -> None:
    async with empty_app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Zed")
        form = empty_app.screen
        form.query_one("#person-met_on", Input).value = "sept 2008"
        form.query_one("#person-birthday", Input).value = "april 15th"
        form.query_one("#person-dates", Input).value = "anniversary: 3rd of december"
        await pilot.pause()
        assert "→ Mon 1 Sep 2008" in shown(form, "#person-met_on-msg")
        assert "→ 15 Apr (no year)" in shown(form, "#person-birthday-msg")
        await pilot.press("ctrl+s")
        await settle(pilot)
        [zed] = empty_app.journal.data().people
        assert zed.met_on == date(2008, 9, 1)
        assert [(d.label, d.month, d.day) for d in zed.dates] == [
            ("birthday", 4, 15),
            ("anniversary", 12, 3),
        ]


async def test_a_note_time_the_preview_refuses_saving_refuses(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        demo_app.screen.jump_to(pid(demo_app, "Ana Lima"))
        await pilot.press("n")
        form = demo_app.screen
        assert isinstance(form, NoteForm)
        before = demo_app.journal.path.read_bytes()
        await type_into(pilot, form.query_one("#note-when", Input), "tomorrow")
        assert "✗" in shown(form, "#note-when-resolved")
        assert "still to come" in shown(form, "#note-when-resolved")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.screen is form
        assert demo_app.journal.path.read_bytes() == before
        await type_into(pilot, form.query_one("#note-when", Input), "5m ago")
        assert "→ today 14:25" in shown(form, "#note-when-resolved")
        form.query_one("#note-promise", Input).value = "drop by the gallery"
        await pilot.pause()
        assert "“drop by the gallery”, due Wed 2 Dec" in shown(form, "#note-promise-resolved")
        await pilot.press("ctrl+s")
        await settle(pilot)
        note = demo_app.journal.data().notes_for(pid(demo_app, "Ana Lima"))[0]
        assert (note.at.hour, note.at.minute, note.at.second) == (14, 25, 27)
        [promise] = [
            p
            for p in demo_app.journal.data().open_promises_for(note.person_ids[0])
            if p.note_id == note.id
        ]
        assert (promise.text, promise.due) == ("drop by the gallery", date(2026, 12, 2))


async def test_a_promise_line_in_the_past_is_refused_before_and_at_saving(
    demo_app: RelateApp,
) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        demo_app.screen.jump_to(pid(demo_app, "Ana Lima"))
        await pilot.press("n", *"Called")
        form = demo_app.screen
        before = demo_app.journal.path.read_bytes()
        form.query_one("#note-promise", Input).value = "send it by last fri"
        await pilot.pause()
        assert "is in the past (Fri 20 Nov)" in shown(form, "#note-promise-resolved")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.screen is form
        assert demo_app.journal.path.read_bytes() == before
        form.query_one("#note-promise", Input).value = "send it by this monday"
        await pilot.pause()
        assert "“send it”, due Mon 30 Nov" in shown(form, "#note-promise-resolved")
        form.query_one("#note-promise", Input).value = "send deck in three months"
        await pilot.pause()
        assert "“send deck in three months”, due Thu 25 Feb 2027" in shown(
            form, "#note-promise-resolved"
        )


async def test_a_snooze_the_preview_refuses_enter_refuses(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "s")
        screen = demo_app.screen
        assert isinstance(screen, SnoozeScreen)
        person = demo_app.journal.person(pid(demo_app, screen.who))
        field = screen.query_one("#snooze-date", Input)
        await type_into(pilot, field, "today")
        assert '"today" is today: a snooze lasts until a day after today' in shown(
            screen, "#snooze-resolved"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert demo_app.screen is screen
        await type_into(pilot, field, "this weekend")
        assert "→ Sat 28 Nov (enter to snooze)" in shown(screen, "#snooze-resolved")
        await pilot.press("enter")
        await settle(pilot)
        assert demo_app.journal.person(person.id).snooze_until == date(2026, 11, 28)


async def test_a_promise_typed_in_its_dialog_is_saved_as_previewed(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "p")
        screen = demo_app.screen
        assert isinstance(screen, PromiseScreen)
        person_id = screen.person.id
        before = {p.id for p in demo_app.journal.data().open_promises_for(person_id)}
        field = screen.query_one("#promise-text", Input)
        await type_into(pilot, field, "send it by last fri")
        assert "is in the past (Fri 20 Nov)" in shown(screen, "#promise-resolved")
        await pilot.press("enter")
        await settle(pilot)
        assert demo_app.screen is screen, "a refused promise closed its dialog"
        assert {p.id for p in demo_app.journal.data().open_promises_for(person_id)} == before
        await type_into(pilot, field, "send the deck by fri")
        assert "→ “send the deck”, due Fri 27 Nov" in shown(screen, "#promise-resolved")
        await pilot.press("enter")
        await settle(pilot)
        assert demo_app.screen is not screen
        [new] = [
            p for p in demo_app.journal.data().open_promises_for(person_id) if p.id not in before
        ]
        assert (new.text, new.due) == ("send the deck", date(2026, 11, 27))


# -- the validators under the property: any text, never anything but InputError --------

_WORDS = st.sampled_from(
    "may 1990 apr 15 15th 3rd of the next last this fri tomorrow yesterday in ago 2w 5m "
    "12/1 04-15 --04-15 2030-01-01 sept 2008 by at 5pm noon tonight night : ; , anniversary "
    "birthday 29 feb 31 99999 0 a an hour hours".split()
)
TEXT = st.one_of(st.text(max_size=30), st.lists(_WORDS, max_size=5).map(" ".join))


_VIEWS: dict[object, object] = {}


def demo_view(journal_path, clock: FixedClock):
    """The demo journal's view, built once per test (Hypothesis runs the body many times)."""
    if journal_path not in _VIEWS:
        journal = Journal(journal_path, Settings(), clock, writer="app")
        build_demo(journal)
        _VIEWS[journal_path] = build_view(journal)
    return _VIEWS[journal_path]


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_the_app_validators_raise_only_input_errors(
    text: str, journal_path, clock: FixedClock
) -> None:
    view = demo_view(journal_path, clock)
    snooze = SnoozeScreen("Ana", None, view, "person")
    checks = [lambda key=key: parse_field(key, text, view, None) for key, _, _ in FIELDS]
    checks += [
        lambda: describe_promise(text, clock.now(), view.settings.week_start),
        lambda: snooze._parse(text),
        lambda: resolve_people(text, view.data.active_people),
    ]
    for check in checks:
        try:
            check()
        except InputError as exc:
            assert "\n" not in str(exc)


# Texts of each kind that once closed the app, typed in every run before the drawn ones.
SEEDS = ["may 1990", "1990 apr", "x: june 2015", "0000", "ana"]
FORM_FIELDS = {
    "person": ("birthday", "met_on", "dates", "rhythm", "introduced_by"),
    "note": ("when", "promise", "people"),
}


# One example, not shrunk: it runs the app for seconds (the seeds are what every run
# types; the drawn texts, printed as they were when it fails, vary from run to run).
@settings(
    max_examples=1,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(data=st.data())
def test_no_text_typed_into_a_date_field_closes_the_app(
    data: st.DataObject, journal_path, clock: FixedClock, config_file
) -> None:
    """Each example opens the app once and types the seeds and drawn texts into every parsed
    field of the person form and of the note form, one character more at a time (each
    prefix runs the check, as a key does), then tries to save."""
    journal = Journal(journal_path, Settings(), clock, writer="app")
    if not journal.data().people:
        journal.add_person("Ana Lima")
        journal.add_person("Ana Souza")
    app = RelateApp(journal, config_file=config_file)

    async def type_all(pilot, form, prefix: str, keys: tuple[str, ...]) -> None:
        for key in keys:
            field = form.query_one(f"#{prefix}-{key}", Input)
            drawn = data.draw(st.lists(TEXT, min_size=2, max_size=2), label=f"{prefix} {key}")
            for text in [*SEEDS, *(t[:16] for t in drawn)]:
                for end in range(len(text) + 1):
                    field.value = text[:end]
                    await pilot.pause()
                assert app.is_running and app.screen is form

    async def run() -> None:
        async with app.run_test(size=(100, 40)) as pilot:
            await settle(pilot)
            await pilot.press("a")
            form = app.screen
            assert isinstance(form, PersonForm)
            await type_all(pilot, form, "person", FORM_FIELDS["person"])
            for key in FORM_FIELDS["person"]:
                message = shown(form, f"#person-{key}-msg")
                assert message == "" or message[0] in "→✗"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.is_running
            while not isinstance(app.screen, MainScreen):  # the form, and any question
                app.pop_screen()
                await pilot.pause()
            await pilot.press("n")  # a note for the person highlighted
            await settle(pilot)
            note = app.screen
            assert isinstance(note, NoteForm)
            await type_all(pilot, note, "note", FORM_FIELDS["note"])
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.is_running

    asyncio.run(run())
