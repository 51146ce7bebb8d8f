"""Fixtures for driving the app headless: journals (empty, demo) and app factories."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from relate_tui.app import RelateApp
from relate_tui.demo import build_demo
from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings


@pytest.fixture
def make_journal(journal_path: Path, clock: FixedClock) -> Callable[..., Journal]:
    def make(settings: Settings | None = None, *, demo: bool = False) -> Journal:
        journal = Journal(journal_path, settings or Settings(), clock, writer="app")
        if demo:
            build_demo(journal)
        return journal

    return make


@pytest.fixture
def demo_app(make_journal: Callable[..., Journal], config_file: Path) -> RelateApp:
    return RelateApp(make_journal(demo=True), config_file=config_file)


@pytest.fixture
def empty_app(make_journal: Callable[..., Journal], config_file: Path) -> RelateApp:
    return RelateApp(make_journal(), config_file=config_file)


async def settle(pilot: Pilot, timeout: float = 5.0) -> None:
    """Wait until the journal is loaded and every queued write has come back."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        await pilot.pause()
        if app.view is not None and not app.session.busy:
            await pilot.pause()
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the app did not settle")


def notifications(app: RelateApp) -> list[str]:
    """The texts of the notifications shown so far."""
    return [n.message for n in app._notifications]
