"""Snapshots of the weekly review and its walk, wide and in an 80×24 tmux split.

The demo journal on the fixed clock (Wed 2 Dec 2026). Accept changes only after looking
at them: ``pytest tests/snapshots/test_review_snapshots.py --snapshot-update``.
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
def demo_app_for(journal_path: Path, clock, config_file: Path) -> Callable[[], RelateApp]:
    def make() -> RelateApp:
        journal = Journal(journal_path, Settings(), clock, writer="app")
        build_demo(journal)
        return RelateApp(journal, config_file=config_file)

    return make


def keys(*pressed: str) -> Callable[[Pilot], Awaitable[None]]:
    """Wait for the journal, press ``pressed`` (settling after each), then let it paint."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
            await pilot.app.workers.wait_for_complete()  # the review is computed in a thread
            await pilot.pause()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)], ids=["120x40", "80x24", "60x20"])
def test_review_screen(snap_compare: SnapCompare, demo_app_for, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app_for(), terminal_size=size, run_before=keys("w"))


def test_walk_card_80x24(snap_compare: SnapCompare, demo_app_for) -> None:
    assert snap_compare(demo_app_for(), terminal_size=(80, 24), run_before=keys("w", "w"))


def test_walk_card_60x20(snap_compare: SnapCompare, demo_app_for) -> None:
    """The whole title, the key hints in sight and ? Help / u Undo in the footer."""
    assert snap_compare(demo_app_for(), terminal_size=(60, 20), run_before=keys("w", "w"))


def test_walk_summary_80x24(snap_compare: SnapCompare, demo_app_for) -> None:
    run = keys("w", "w", "space", "space", "escape")
    assert snap_compare(demo_app_for(), terminal_size=(80, 24), run_before=run)
