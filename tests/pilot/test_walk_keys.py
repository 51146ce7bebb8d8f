"""The review walk as a new user met it: the summary says what the journal holds after an
undo, and escape with the "why" open closes only the why."""

from __future__ import annotations

from textual.pilot import Pilot

from relate_tui.app import RelateApp
from relate_tui.app.screens.note_form import NoteForm
from relate_tui.app.screens.review_walk import WalkScreen
from tests.pilot.conftest import notifications, settle
from tests.pilot.test_review_screen import card, open_review, pid


async def log_hana(pilot: Pilot) -> WalkScreen:
    """Open the walk and log a call with its first item, Hana Sato."""
    app = pilot.app
    await open_review(pilot)
    await pilot.press("w")
    walk = app.screen
    assert isinstance(walk, WalkScreen) and walk.item.person_name == "Hana Sato"
    await pilot.press("d")
    assert isinstance(app.screen, NoteForm)
    await pilot.press(*"Coffee", "ctrl+s")
    await settle(pilot)
    assert app.screen is walk
    return walk


async def test_the_summary_leaves_out_a_touch_undone_in_the_walk(demo_app: RelateApp) -> None:
    """d (logged Hana), u, escape: the summary said "1 touch logged" though the note was
    gone. It now says the touch was undone and counts no touch."""
    async with demo_app.run_test(size=(120, 40)) as pilot:
        walk = await log_hana(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert any(n.startswith("Undone:") for n in notifications(demo_app))
        assert demo_app.journal.data().notes_for(pid(demo_app, "Hana Sato"))[0].body != "Coffee"
        await pilot.press("escape")
        await settle(pilot)
        assert walk.finished
        text = card(demo_app)
        assert "touch logged" not in text
        assert "1 undone" in text
        assert "Hana Sato — undone (logged a call)" in text


async def test_an_undo_on_the_summary_updates_it(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await log_hana(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "1 touch logged" in card(demo_app)
        await pilot.press("u")
        await settle(pilot)
        assert "touch logged" not in card(demo_app)
        assert "Hana Sato — undone (logged a call)" in card(demo_app)


async def test_escape_with_the_why_open_closes_only_the_why(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        await pilot.press("w", "y")
        walk = demo_app.screen
        assert isinstance(walk, WalkScreen)
        assert "Why it is here" in card(demo_app)
        await pilot.press("escape")
        assert demo_app.screen is walk and not walk.finished
        assert walk.item.person_name == "Hana Sato"
        assert "Why it is here" not in card(demo_app)
        await pilot.press("escape")  # now it ends the walk, as before
        assert walk.finished


async def test_the_walk_shows_a_note_as_the_notes_pane_does(demo_app: RelateApp) -> None:
    """The walk showed a note's raw Markdown ("**ML ethics**") and a wrapped line lost its
    indent: now the markers are gone and every line of a note stays in the note's column."""
    async with demo_app.run_test(size=(60, 20)) as pilot:
        await open_review(pilot)
        await pilot.press("w")
        for _ in range(10):
            if "Ana Lima" in card(demo_app):
                break
            await pilot.press("space")
        await pilot.pause()
        shown = [strip.text for strip in demo_app.screen._compositor.render_strips()]
        assert not any("**" in line for line in shown)
        talked = next(i for i, line in enumerate(shown) if "Talked about her ML ethics" in line)
        column = shown[talked].index("Talked")
        body = shown[talked + 1 : talked + 3]  # "She wants examples … XYZ —" and its wrap
        assert "She wants examples" in body[0] and "dataset audits" in body[1]
        for line in body:
            assert line.index(line.strip("│ ")[:3]) == column, line
