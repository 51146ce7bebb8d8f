"""The app's card says when the next reconnect is due wherever that is, in the words of
``relate show``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from relate_tui.app import RelateApp
from relate_tui.journal import Journal
from relate_tui.report.people import next_words
from tests.pilot.conftest import settle


def card(app: RelateApp) -> str:
    return str(app.screen.query_one("#card", Static).render())


async def test_the_card_shows_a_reconnect_due_beyond_the_queues_horizon(
    make_journal: Callable[..., Journal], config_file: Path
) -> None:
    """Kim, tier B (every 2 months), touched today: due Tue 2 Feb 2027. The card had no
    "Next:" line (the queue stops 30 days out) while ``relate show kim`` said when."""
    journal = make_journal()
    kim = journal.add_person("Kim Lee", rhythm="B")
    journal.log_note([kim.id], "lunch", kind="meeting")
    journal.add_person("Ana Lima")  # no rhythm: no "Next" to show
    app = RelateApp(journal, config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.jump_to(kim.id)
        await pilot.pause()
        shown = card(app)
        assert "Next: due Tue 2 Feb 2027" in shown
        assert f"Next: {next_words(journal.outlook(kim.id))}" in shown  # what `show` prints
        ana = next(p.id for p in journal.data().people if p.name == "Ana Lima")
        app.main.jump_to(ana)
        await pilot.pause()
        assert "Rhythm: none (no reminders)" in card(app) and "Next:" not in card(app)
