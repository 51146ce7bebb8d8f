"""Snapshots of correcting things: a note selected in the Notes pane, the note form on an
existing note, the choices for keeping a promise, and the ``?`` note search.

Accept changes only after looking at them: ``pytest tests/snapshots --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from relate_tui.app import RelateApp
from relate_tui.demo import build_demo
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from tests.snapshots.test_screens import SnapCompare, after


@pytest.fixture
def demo(journal_path: Path, clock, config_file: Path) -> RelateApp:
    journal = Journal(journal_path, Settings(), clock, writer="app")
    build_demo(journal)
    return RelateApp(journal, config_file=config_file)


def test_notes_pane_a_note_selected_80x24(snap_compare: SnapCompare, demo: RelateApp) -> None:
    assert snap_compare(demo, terminal_size=(80, 24), run_before=after("2", "down"))


def test_notes_pane_a_promise_selected_60x20(snap_compare: SnapCompare, demo: RelateApp) -> None:
    assert snap_compare(demo, terminal_size=(60, 20), run_before=after("2"))


def test_note_edit_form_80x24(snap_compare: SnapCompare, demo: RelateApp) -> None:
    assert snap_compare(demo, terminal_size=(80, 24), run_before=after("2", "down", "e"))


def test_keep_a_promise_choices_80x24(snap_compare: SnapCompare, demo: RelateApp) -> None:
    assert snap_compare(demo, terminal_size=(80, 24), run_before=after("2", "d"))


def test_note_search_120x40(snap_compare: SnapCompare, demo: RelateApp) -> None:
    keys = ("slash", "question_mark", *"lisbon")
    assert snap_compare(demo, terminal_size=(120, 40), run_before=after(*keys))
