"""Keys typed faster than the screen redraws still land in the field they were meant for."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, TextArea

from relate_tui.app import RelateApp
from relate_tui.app.screens.form import FormScreen
from tests.pilot.conftest import settle


def typed(widget: object) -> str:
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    raise AssertionError(f"not a text field: {widget!r}")


@pytest.mark.parametrize("opens", ["a", "n"], ids=["person form", "note form"])
async def test_letters_right_behind_a_tab_go_to_the_next_field(
    demo_app: RelateApp, opens: str
) -> None:
    """A word, tab and the next word arriving together (a fast typist, a paste, tmux
    send-keys): the second word lands in the field tab moved to, not after the first."""
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(opens)
        await settle(pilot)
        form = demo_app.screen
        assert isinstance(form, FormScreen)
        # Two text fields that tab goes from one to the other.
        chain = list(form.focus_chain)
        first, second = next(
            (a, b)
            for a, b in itertools.pairwise(chain)
            if isinstance(a, Input | TextArea) and isinstance(b, Input | TextArea)
        )
        first.focus()
        await pilot.pause()
        # A field with text selects it on focus (typing replaces it): start from empty.
        if isinstance(first, Input):
            first.value = ""
        else:
            first.text = ""
        await pilot.pause()
        second_before = typed(second)
        for key in [*"Zed", "tab", *"xy"]:
            demo_app.post_message(events.Key(key, key if len(key) == 1 else None))
        for _ in range(20):
            await pilot.pause()
        assert typed(first) == "Zed", (first.id, second.id)
        assert demo_app.focused is second
        assert typed(second) != second_before and "xy" in typed(second)


async def burst_then_wait(app: RelateApp, pilot, keys: list[str]) -> None:
    """Post every key at once (nothing handled in between), then wait for the form to go."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))
    for _ in range(100):
        await pilot.pause()
        if not isinstance(app.screen, FormScreen):
            break
    await settle(pilot)


async def test_ctrl_s_in_the_same_burst_saves_what_the_note_form_shows(
    demo_app: RelateApp, journal_path: Path
) -> None:
    """The note and ctrl+s typed in one burst in the app's note form: the note is saved
    with every word the form shows (ctrl+s used to save the text box as it was before the
    letters reached it)."""
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(demo_app.screen, FormScreen)
        before = set(json.loads(journal_path.read_text("utf-8"))["notes"])
        await burst_then_wait(demo_app, pilot, [*"burst test", "ctrl+s"])
        assert not isinstance(demo_app.screen, FormScreen)
        notes = json.loads(journal_path.read_text("utf-8"))["notes"]
        assert [notes[k]["body"] for k in set(notes) - before] == ["burst test"]


async def test_ctrl_s_in_the_same_burst_saves_the_name_the_person_form_shows(
    demo_app: RelateApp, journal_path: Path
) -> None:
    """a, a name and ctrl+s in one burst: the person is added with that whole name."""
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(demo_app.screen, FormScreen)
        await burst_then_wait(demo_app, pilot, [*"Zed Burst", "ctrl+s"])
        assert not isinstance(demo_app.screen, FormScreen)
        people = json.loads(journal_path.read_text("utf-8"))["people"].values()
        assert "Zed Burst" in [p["name"] for p in people]
