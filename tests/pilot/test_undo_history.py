"""`u` in the app undoes the last change to the journal whoever made it: here a
`relate log` from another pane, after the app has reloaded it (issue 11)."""

from __future__ import annotations

from pathlib import Path

from relate_tui.app import RelateApp
from relate_tui.cli import main as relate
from relate_tui.journal import Journal
from tests.pilot.conftest import notifications, settle


async def test_u_undoes_a_relate_log_from_another_pane(
    demo_app: RelateApp, journal_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("RELATE_DB", str(journal_path))
    monkeypatch.setenv("RELATE_NOW", "2026-12-02T10:00:00")
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = len(demo_app.journal.data().notes)
        assert relate(["log", "bruno", "Called about his move to Lisbon"]) == 0
        for _ in range(30):  # the app polls the file once a second
            await pilot.pause(0.1)
            if len(demo_app.view.data.notes) == before + 1:
                break
        bruno = next(p for p in demo_app.view.data.people if p.name == "Bruno Costa")
        assert demo_app.view.data.notes_for(bruno.id)[0].body == "Called about his move to Lisbon"
        await pilot.press("u")
        await settle(pilot)
        assert len(demo_app.journal.data().notes) == before
        assert "Undone: call with Bruno Costa (from the command line)." in notifications(demo_app)
        assert all(n.body != "Called about his move to Lisbon" for n in demo_app.view.data.notes)
        # And the history is in the file: a fresh process finds nothing more of it to undo.
        fresh = Journal(journal_path, demo_app.settings, demo_app.journal.clock)
        assert fresh.undo_last() is None


async def test_with_completes_in_the_persons_spelling_and_lists_equal_fits(
    make_journal, config_file: Path
) -> None:
    from textual.widgets import Input

    journal = make_journal(demo=True)
    journal.add_person("Jürgen Müller")
    journal.add_person("Michael Smith", nickname="Mike")
    journal.add_person("Mike Jones")
    app = RelateApp(journal, config_file=config_file)  # it starts reading at once
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        form = app.screen
        people = form.query_one("#note-people", Input)
        people.focus()
        people.value = ""
        await pilot.press(*"Ana Lima, jurgen m")
        for _ in range(100):  # the suggestion comes from a worker
            await pilot.pause(0.05)
            if people._suggestion:
                break
        assert people._suggestion == "Ana Lima, Jürgen Müller"
        await pilot.press("right")  # accept the completion
        assert people.value == "Ana Lima, Jürgen Müller"
        people.value = "mike"
        await pilot.pause()
        shown = str(form.query_one("#note-people-resolved").render())
        assert "could be Michael Smith, Mike Jones" in shown
