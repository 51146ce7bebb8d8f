"""Keys typed faster than the screen redraws still land in the field they were meant for."""

from __future__ import annotations

import itertools

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
