"""``relate log`` with no words on a terminal (the tmux popup): the note form alone, in a
popup's few rows; ctrl+s writes the note and ends the app, escape ends it and writes
nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, TextArea

from relate_tui.app.note_app import NOTHING_LOGGED, LoneNoteForm, NoteApp
from relate_tui.app.screens.confirm import ConfirmScreen
from relate_tui.app.screens.main import MainScreen
from relate_tui.journal import Journal

POPUP = (54, 16)
"""A 90% popup on a 60x20 window, less its border: the smallest the README's line gives."""


@pytest.fixture
def note_app(make_journal: Callable[..., Journal], config_file: Path) -> NoteApp:
    journal = make_journal()
    journal.add_person("Ana Lima", rhythm="2w")
    journal.add_person("Bruno Costa", rhythm="2w")
    return NoteApp(journal, config_file=config_file)


async def form_opened(pilot) -> LoneNoteForm:
    for _ in range(200):
        await pilot.pause()
        if isinstance(pilot.app.screen, LoneNoteForm) and pilot.app.screen.is_mounted:
            await pilot.pause()
            return pilot.app.screen
    raise AssertionError("the note form did not open")


def in_sight(form: LoneNoteForm, widget_id: str) -> bool:
    """The widget is laid out wholly inside the fields' box (not clipped by it) and the
    screen."""
    region = form.query_one(widget_id).region
    fields = form.query_one("#note-fields").region
    return (
        region.height > 0 and fields.contains_region(region) and region.bottom <= form.size.height
    )


async def test_the_form_opens_alone_and_ctrl_s_logs_the_note_and_ends(
    note_app: NoteApp, journal_path: Path
) -> None:
    async with note_app.run_test(size=POPUP) as pilot:
        form = await form_opened(pilot)
        assert not any(isinstance(s, MainScreen) for s in note_app.screen_stack)
        # Every field is in sight in a popup's 16 rows, the promise line too.
        for widget_id in ("#note-people", "#note-when", "#note-body", "#note-promise"):
            assert in_sight(form, widget_id), widget_id
        await pilot.press(*"ana", "right")  # the name completed, as in the app
        assert form.query_one("#note-people", Input).value == "Ana Lima"
        form.query_one("#note-body", TextArea).focus()
        await pilot.press(*"Coffee, she's moving")
        form.query_one("#note-promise", Input).focus()
        await pilot.press(*"send deck by fri")
        await pilot.press("ctrl+s")
        for _ in range(200):
            await pilot.pause()
            if note_app.return_code is not None:
                break
    assert note_app.return_code == 0
    assert note_app.logged is not None
    assert [p.name for p in note_app.logged.people] == ["Ana Lima"]
    assert note_app.logged.promise is not None and note_app.logged.promise.text == "send deck"
    saved = json.loads(journal_path.read_text("utf-8"))
    assert [n["body"] for n in saved["notes"].values()] == ["Coffee, she's moving"]


async def test_keys_typed_in_one_burst_land_where_the_tabs_took_them(note_app: NoteApp) -> None:
    """A name, three tabs and the note, arriving together (a fast typist, a paste, tmux
    send-keys): the note goes in the text box, not after the name."""
    async with note_app.run_test(size=POPUP) as pilot:
        form = await form_opened(pilot)
        burst = [*"ana", "tab", "tab", "tab", *"hi"]
        for key in burst:
            note_app.post_message(events.Key(key, key if len(key) == 1 else None))
        for _ in range(20):
            await pilot.pause()
        assert form.query_one("#note-people", Input).value == "ana"
        assert form.query_one("#note-body", TextArea).text == "hi"


async def test_escape_on_an_untouched_form_ends_without_writing(
    note_app: NoteApp, journal_path: Path
) -> None:
    before = journal_path.read_bytes()
    async with note_app.run_test(size=POPUP) as pilot:
        await form_opened(pilot)
        await pilot.press("escape")
        for _ in range(100):
            await pilot.pause()
            if note_app.return_code is not None:
                break
    assert note_app.return_code == NOTHING_LOGGED
    assert note_app.logged is None
    assert journal_path.read_bytes() == before


async def test_escape_after_typing_asks_first_then_writes_nothing(
    note_app: NoteApp, journal_path: Path
) -> None:
    before = journal_path.read_bytes()
    async with note_app.run_test(size=POPUP) as pilot:
        form = await form_opened(pilot)
        await pilot.press(*"bruno")
        form.query_one("#note-body", TextArea).focus()
        await pilot.press(*"half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(note_app.screen, ConfirmScreen)  # what was typed is not lost silently
        assert note_app.return_code is None
        await pilot.press("y")
        for _ in range(100):
            await pilot.pause()
            if note_app.return_code is not None:
                break
    assert note_app.return_code == NOTHING_LOGGED
    assert journal_path.read_bytes() == before


async def test_ctrl_q_asks_like_escape_and_ends_with_nothing_logged(
    note_app: NoteApp, journal_path: Path
) -> None:
    """Textual's quit key neither loses typed text silently nor reports success."""
    before = journal_path.read_bytes()
    async with note_app.run_test(size=POPUP) as pilot:
        form = await form_opened(pilot)
        form.query_one("#note-body", TextArea).focus()
        await pilot.press(*"half a thought", "ctrl+q")
        await pilot.pause()
        assert isinstance(note_app.screen, ConfirmScreen)
        await pilot.press("n")  # back to the form, the text kept
        await pilot.pause()
        assert note_app.screen is form
        assert form.query_one("#note-body", TextArea).text == "half a thought"
        await pilot.press("ctrl+q", "y")
        for _ in range(100):
            await pilot.pause()
            if note_app.return_code is not None:
                break
    assert note_app.return_code == NOTHING_LOGGED
    assert journal_path.read_bytes() == before


async def test_an_empty_with_is_a_hint_until_a_save_is_refused_for_it(
    note_app: NoteApp, journal_path: Path
) -> None:
    before = journal_path.read_bytes()
    async with note_app.run_test(size=POPUP) as pilot:
        form = await form_opened(pilot)
        hint = form.query_one("#note-people-resolved")
        assert "who was it with? type a name" in str(hint.render())
        assert not hint.has_class("-error"), "a new note opened with a mistake shown"
        form.query_one("#note-body").focus()
        await pilot.press(*"dinner", "ctrl+s")
        await pilot.pause()
        assert hint.has_class("-error"), "a note saved with nobody was not marked"
        await pilot.pause()
        said = [n.message for n in note_app._notifications]
        assert any("at least one person" in n for n in said), said
        assert note_app.screen is form
    assert journal_path.read_bytes() == before


async def test_ctrl_s_in_the_same_burst_saves_what_the_fields_show(
    note_app: NoteApp, journal_path: Path
) -> None:
    """A name, three tabs, the note and ctrl+s in one burst (tmux send-keys 'bru' Tab Tab
    Tab 'burst test' C-s): ctrl+s saves the person and the note the form shows, not the
    fields as they were before the letters reached them."""
    async with note_app.run_test(size=POPUP) as pilot:
        await form_opened(pilot)
        for key in [*"bru", "tab", "tab", "tab", *"burst test", "ctrl+s"]:
            note_app.post_message(events.Key(key, key if len(key) == 1 else None))
        for _ in range(100):
            await pilot.pause()
            if not isinstance(note_app.screen, LoneNoteForm):
                break
        assert not any("Not saved" in str(n.title) for n in note_app._notifications)
        saved = json.loads(journal_path.read_text("utf-8"))
        notes = list(saved["notes"].values())
        assert [n["body"] for n in notes] == ["burst test"]
        bruno = next(p["id"] for p in saved["people"].values() if p["name"] == "Bruno Costa")
        assert notes[0]["person_ids"] == [bruno]
