"""Snapshots of the screens users see, at the sizes they use (wide, and tmux splits).

Accept changes only after looking at them: ``pytest tests/snapshots --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from relate_tui.app import RelateApp
from relate_tui.demo import build_demo
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from tests.pilot.conftest import settle

SnapCompare = Callable[..., bool]


@pytest.fixture
def app_for(journal_path: Path, clock, config_file: Path) -> Callable[[bool], RelateApp]:
    def make(demo: bool = True) -> RelateApp:
        journal = Journal(journal_path, Settings(), clock, writer="app")
        if demo:
            build_demo(journal)
        return RelateApp(journal, config_file=config_file)

    return make


def after(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """Wait for the journal to load, then press ``keys``."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)], ids=["120x40", "80x24", "60x20"])
def test_main_screen(snap_compare: SnapCompare, app_for, size: tuple[int, int]) -> None:
    assert snap_compare(app_for(), terminal_size=size, run_before=after())


def test_queue_pane_80x24(snap_compare: SnapCompare, app_for) -> None:
    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=after("3"))


def test_note_form(snap_compare: SnapCompare, app_for) -> None:
    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=after("n"))


def test_note_form_80x24(snap_compare: SnapCompare, app_for) -> None:
    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=after("n"))


def test_note_form_60x20(snap_compare: SnapCompare, app_for) -> None:
    """The text box gets the room; the last notes share what is left."""
    assert snap_compare(app_for(), terminal_size=(60, 20), run_before=after("n"))


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_notes_pane_with_the_relationship_picture(
    snap_compare: SnapCompare, app_for, size: tuple[int, int]
) -> None:
    """The card's 12 months (touches and jots) beside the rhythm, in a tmux split."""
    assert snap_compare(app_for(), terminal_size=size, run_before=after("2"))


def test_why_panel_80x24(snap_compare: SnapCompare, app_for) -> None:
    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=after("3", "y"))


def test_person_form(snap_compare: SnapCompare, app_for) -> None:
    assert snap_compare(app_for(), terminal_size=(100, 40), run_before=after("e"))


def test_help_screen(snap_compare: SnapCompare, app_for) -> None:
    assert snap_compare(app_for(), terminal_size=(100, 40), run_before=after("question_mark"))


def test_empty_journal_welcome(snap_compare: SnapCompare, app_for) -> None:
    assert snap_compare(app_for(demo=False), terminal_size=(80, 24), run_before=after())


@pytest.mark.parametrize("look", ["high-contrast", "no-color"])
def test_the_picture_reads_without_colour(
    snap_compare: SnapCompare,
    journal_path: Path,
    clock,
    config_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    look: str,
) -> None:
    """The 12-month strip in the high-contrast theme and with NO_COLOR: heights and
    words, not colours, carry it."""
    if look == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    theme = "relate-high-contrast" if look == "high-contrast" else "textual-dark"
    journal = Journal(journal_path, Settings(theme=theme), clock, writer="app")
    build_demo(journal)
    app = RelateApp(journal, config_file=config_file)
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("2"))


@pytest.mark.parametrize("size", [(54, 16), (108, 34)], ids=["54x16", "108x34"])
def test_the_note_popup_alone(
    snap_compare: SnapCompare, journal_path: Path, clock, config_file: Path, size
) -> None:
    """``relate log`` with no words in the README's tmux popup: 90% of a 60x20 window and
    of a 120x40 one, less the popup's border. Every field shows, the promise line too."""
    from relate_tui.app.note_app import NoteApp

    journal = Journal(journal_path, Settings(), clock, writer="app")
    build_demo(journal)
    assert snap_compare(
        NoteApp(journal, config_file=config_file), terminal_size=size, run_before=after()
    )
