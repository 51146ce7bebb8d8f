"""The last line of defence (``relate_tui/app/guard.py``): an unexpected error in a key's
action, a message handler, a worker, a screen's redraw or a write is reported — a
notification naming what failed, the traceback in the log — and the app keeps running
with every open form as it was. In strict mode (the test suite's) the same error ends the
app and ``run_test`` re-raises it, so bugs are never hidden."""

from __future__ import annotations

import logging
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from relate_tui.app import RelateApp
from relate_tui.app import guard as guard_module
from relate_tui.app.screens.main import MainScreen
from relate_tui.app.screens.note_form import NoteForm
from relate_tui.app.screens.person_form import PersonForm
from relate_tui.app.widgets import people_list
from relate_tui.journal import Journal
from tests.pilot.conftest import notifications, settle


class Boom(Exception):
    """The unexpected error the tests inject."""


def boom(*_args: object, **_kwargs: object) -> None:
    raise Boom("injected for the test")


@pytest.fixture
def friendly(make_journal: Callable[..., Journal], config_file: Path) -> RelateApp:
    """The demo app as users run it: not strict."""
    return RelateApp(make_journal(demo=True), config_file=config_file, strict=False)


def reported(app: RelateApp) -> list[str]:
    return [n for n in notifications(app) if "still running" in n]


async def test_an_error_in_a_key_action_is_reported_and_the_form_keeps_its_text(
    friendly: RelateApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with friendly.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Important words")
        form = friendly.screen
        assert isinstance(form, NoteForm)
        with monkeypatch.context() as patch:
            patch.setattr(NoteForm, "action_save", boom)
            await pilot.press("ctrl+s")
            await pilot.pause()
        (notice,) = reported(friendly)
        assert "“Save” (ctrl+s) failed (Boom: injected for the test)" in notice
        assert friendly.is_running and friendly.screen is form
        body = form.query_one("#note-body", TextArea)
        assert body.text == "Important words"
        await pilot.press(*" still")  # the form still takes keys, and now saves
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(friendly.screen, MainScreen)
        assert any(n.body == "Important words still" for n in friendly.journal.data().notes)
        assert [what for what, _ in friendly.guard.caught] == ["“Save” (ctrl+s)"]


async def test_a_widget_whose_handler_failed_keeps_handling_messages(
    friendly: RelateApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Textual leaves a node's message loop after an error in one of its handlers: without
    # the guard the People list would never filter again (and the app would hang).
    async with friendly.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        original = people_list.PeopleList._refilter
        with monkeypatch.context() as patch:
            patch.setattr(people_list.PeopleList, "_refilter", boom)
            await pilot.press("slash", "a")
            await pilot.pause()
        assert reported(friendly)
        assert "PeopleList" in friendly.guard.caught[0][0]
        assert people_list.PeopleList._refilter is original
        await pilot.press("backspace", *"carla")
        await pilot.pause()
        people = friendly.main.people_list
        shown = [friendly.view.data.by_id[i].name for i in people.shown_ids]
        assert shown == ["Carla Nguyen"]


async def test_a_failed_worker_is_reported_and_the_app_carries_on(friendly: RelateApp) -> None:
    async with friendly.run_test(size=(80, 24)) as pilot:
        await settle(pilot)

        async def failing() -> None:
            raise Boom("in a worker")

        friendly.run_worker(failing(), name="test work")
        await pilot.pause(0.1)
        assert friendly.is_running
        (notice,) = reported(friendly)
        assert "Boom: in a worker" in notice
        await pilot.press("a")  # still answering keys
        assert isinstance(friendly.screen, PersonForm)


async def test_the_same_failure_is_notified_once_not_on_every_keystroke(
    friendly: RelateApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with friendly.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(MainScreen, "action_person_add", boom)
        await pilot.press("a", "a", "a")
        assert len(friendly.guard.caught) == 3
        assert len(reported(friendly)) == 1


async def test_a_screen_that_fails_to_redraw_is_reported(
    make_journal, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Textual's Signal only logs an error in a subscriber: the guard makes it visible.
    failing = {"now": False}
    original = MainScreen.show_view

    def show_view(self: MainScreen, view) -> None:
        if failing["now"]:
            raise Boom("while redrawing")
        original(self, view)

    monkeypatch.setattr(MainScreen, "show_view", show_view)
    app = RelateApp(make_journal(demo=True), config_file=config_file, strict=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        failing["now"] = True
        app.session.load("disk")
        await settle(pilot)
        assert [what for what, _ in app.guard.caught] == ["MainScreen showing the journal"]
        assert reported(app)


async def test_strict_mode_ends_the_app_and_the_test_sees_the_error(
    make_journal, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = RelateApp(make_journal(demo=True), config_file=config_file)  # RELATE_STRICT=1
    assert app.guard.strict
    monkeypatch.setattr(MainScreen, "action_person_add", boom)
    with pytest.raises(Boom):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await pilot.pause()
    assert app.return_code == 1


async def test_strict_mode_sees_an_error_in_a_screen_redraw(
    make_journal, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MainScreen, "show_view", boom)
    app = RelateApp(make_journal(demo=True), config_file=config_file)
    with pytest.raises(Boom):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)


def test_an_error_reported_outside_an_except_block_reaches_textual_with_its_traceback(
    friendly: RelateApp,
) -> None:
    """Errors from the writer thread arrive as messages, outside any ``except``; Textual
    draws the traceback from ``sys.exc_info``, so the guard hands them over inside one
    (else the app ends on "Value for 'trace' required", not on the error)."""
    from rich.traceback import Traceback

    drawn: list[Traceback] = []
    guard = guard_module.ErrorGuard(
        friendly, strict=True, log_file=None, fatal=lambda _error: drawn.append(Traceback())
    )
    guard.report(Boom("from a write"), "saving a change")
    assert len(drawn) == 1 and "from a write" in str(drawn[0].trace.stacks[0].exc_value)


async def test_a_write_that_fails_for_no_expected_reason_is_reported_and_keeps_the_form(
    friendly: RelateApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with friendly.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Journal, "add_person", boom)
        await pilot.press("a", *"Zoe Quinn")
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = friendly.screen
        assert isinstance(form, PersonForm)
        assert form.query_one("#person-name", Input).value == "Zoe Quinn"
        assert [what for what, _ in friendly.guard.caught] == ["saving a change"]
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any(p.name == "Zoe Quinn" for p in friendly.journal.data().people)


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "state" / "relate.log"
    logger = logging.getLogger("relate_tui")
    handlers, propagate = list(logger.handlers), logger.propagate
    yield path
    for handler in logger.handlers:
        if handler not in handlers:
            handler.close()
    logger.handlers[:] = handlers
    logger.propagate = propagate


async def test_the_traceback_goes_to_a_private_log_named_in_the_notification(
    make_journal, config_file: Path, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = guard_module.open_log(log_file)
    assert opened == log_file
    assert not log_file.exists()  # nothing to say yet
    app = RelateApp(make_journal(), config_file=config_file, strict=False, log_file=opened)
    monkeypatch.setattr(MainScreen, "action_person_add", boom)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        (notice,) = reported(app)
        assert str(log_file) in notice
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    logged = log_file.read_text()
    assert "“person: add” (a) failed" in logged
    assert "Traceback" in logged and "Boom: injected for the test" in logged


def test_a_log_that_cannot_be_written_does_not_stop_the_app(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert guard_module.open_log(blocker / "relate.log") is None


async def test_notifications_show_user_text_safely(friendly: RelateApp) -> None:
    async with friendly.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        friendly.notify("Added \x1b[2J[bold]Kim[/ " + "x" * 5000 + "\n" * 40 + "end")
        await pilot.pause()
        (message,) = notifications(friendly)[-1:]
        assert "\x1b" not in message and "␛[2J[bold]Kim[/" in message
        lines = message.split("\n")
        assert len(lines) <= 12 and max(len(line) for line in lines) <= 240


async def test_a_bug_in_reading_the_journal_is_reported_not_blamed_on_the_file(
    make_journal, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from relate_tui.app import session as session_module
    from relate_tui.app.screens.unreadable import UnreadableScreen

    monkeypatch.setattr(session_module, "build_view", boom)
    app = RelateApp(make_journal(demo=True), config_file=config_file, strict=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if isinstance(app.screen, UnreadableScreen):
                break
        assert isinstance(app.screen, UnreadableScreen)  # nothing else to show
        assert [what for what, _ in app.guard.caught] == ["reading the journal"]
        assert reported(app)
