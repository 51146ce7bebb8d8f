"""Safety: failed writes keep the text, outside changes reload, user text stays data."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from textual.widgets import TextArea

from relate_tui.app import RelateApp
from relate_tui.app.screens.main import MainScreen
from relate_tui.app.screens.note_form import NoteForm
from relate_tui.app.screens.unreadable import UnreadableScreen
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from relate_tui.storage import rolling
from relate_tui.storage import store as store_module
from tests.pilot.conftest import notifications, settle

NASTY_NAME = "[bold]Mal[/] [link=x]click[/link] 🦊 שלום \x1b[31mred"


async def test_failed_write_keeps_the_form_and_its_text(
    demo_app: RelateApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(path: Path, data: bytes, **_space: Path | None) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = demo_app.journal.path.read_bytes()
        monkeypatch.setattr(store_module, "atomic_write", disk_full)
        await pilot.press("n", *"Important words")
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = demo_app.screen
        assert isinstance(form, NoteForm)
        assert form.query_one("#note-body", TextArea).text == "Important words"
        assert any("No space left on device" in n for n in notifications(demo_app))
        assert demo_app.journal.path.read_bytes() == before
        monkeypatch.undo()  # the disk has room again: the same keypress saves
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(demo_app.screen, MainScreen)
        assert any(n.body == "Important words" for n in demo_app.journal.data().notes)


async def test_a_copy_that_fails_after_the_save_is_said_and_the_note_is_kept(
    demo_app: RelateApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app writes the journal first and its copy in the backups after: a copy that
    fails is a warning, and the save (reported, the form closed) stands."""

    def disk_full(*args: object, **kwargs: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(rolling, "save_copy", disk_full)
        await pilot.press("n", *"Kept words")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(demo_app.screen, MainScreen)
        assert any(
            n.body == "Kept words"
            for n in Journal(demo_app.journal.path, Settings(), demo_app.journal.clock).data().notes
        )
        said = [n for n in notifications(demo_app) if "backups could not be made" in n]
        assert said and "was saved" in said[0] and "No space left on device" in said[0]


async def test_outside_change_reloads_and_keeps_selection_and_form(
    demo_app: RelateApp, journal_path: Path, clock
) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.screen
        selected = main.person_id
        await pilot.press("n", *"half-written")
        other = Journal(journal_path, Settings(), clock, writer="cli")  # `relate log` elsewhere
        other.add_person("Zoe Outside", rhythm="1m")
        for _ in range(30):  # the app polls once a second; within 2 s it reloads
            await pilot.pause(0.1)
            if any(p.name == "Zoe Outside" for p in demo_app.view.data.people):
                break
        assert any(p.name == "Zoe Outside" for p in demo_app.view.data.people)
        assert "The journal changed on disk: reloaded. 1 person (Zoe Outside) came in." in (
            notifications(demo_app)
        )
        form = demo_app.screen
        assert isinstance(form, NoteForm)
        assert form.query_one("#note-body", TextArea).text == "half-written"
        assert main.person_id == selected


async def test_markup_like_text_is_shown_literally(make_journal, config_file: Path) -> None:
    journal = make_journal()
    person = journal.add_person(NASTY_NAME, rhythm="1w", tags=["[red]x"])
    journal.log_note([person.id], "[b]not bold[/b] \x1b[2J " + "x" * 5000, kind="call")
    journal.add_promise(person.id, "[/] send it")
    app = RelateApp(journal, config_file=config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.main.person_id == person.id
        for pane in ("1", "2", "3"):
            await pilot.press(pane)
            await pilot.pause()
        svg = app.export_screenshot()
        assert "[bold]Mal[/]" in svg.replace("&#160;", " ")
        await pilot.press("2", "n")
        assert isinstance(app.screen, NoteForm)
        await pilot.press("escape")
        await pilot.press("ctrl+p", *"mal")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.person_id == person.id


async def test_unreadable_journal_is_named_and_never_overwritten(
    make_journal, journal_path: Path, config_file: Path
) -> None:
    journal_path.write_bytes(b'{"people": {"1": {"name": "trunc')
    app = RelateApp(make_journal(), config_file=config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(20):
            await pilot.pause(0.05)
            if isinstance(app.screen, UnreadableScreen):
                break
        assert isinstance(app.screen, UnreadableScreen)
        assert str(journal_path) in app.screen.error
        await pilot.press("a", "n")
    assert journal_path.read_bytes() == b'{"people": {"1": {"name": "trunc'


async def test_keymap_remaps_by_binding_id(make_journal, config_file: Path) -> None:
    journal = make_journal(Settings(keymap={"note-new": "ctrl+n"}), demo=True)
    app = RelateApp(journal, config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NoteForm)


async def test_a_keymap_id_that_does_not_exist_is_pointed_out(
    make_journal, config_file: Path
) -> None:
    journal = make_journal(Settings(keymap={"note-nwe": "ctrl+n", "undo": "z"}), demo=True)
    app = RelateApp(journal, config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        (notice,) = [n for n in app._notifications if n.title == "Config"]
        assert "note-nwe" in notice.message and "undo" not in notice.message
        assert "did you mean note-new?" in notice.message


async def test_every_keymap_id_the_help_shows_is_known(demo_app: RelateApp) -> None:
    from relate_tui.app.keys import binding_ids, key_table, screen_key_table

    shown = {row[2] for row in key_table(demo_app)}
    shown |= {row[2] for _, rows in screen_key_table(demo_app) for row in rows}
    assert shown <= binding_ids()
    assert {"note-new", "walk-skip", "form-save"} <= binding_ids()


async def test_help_lists_keys_with_ids(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        text = demo_app.export_screenshot().replace("&#160;", " ")
        for binding_id in ("note-new", "queue-snooze", "person-delete", "undo", "pane-queue"):
            assert binding_id in text
        await pilot.press("escape")
        assert isinstance(demo_app.screen, MainScreen)


async def test_theme_choice_is_saved(demo_app: RelateApp, config_file: Path) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        demo_app.theme = "relate-high-contrast"
        await pilot.pause()
    assert 'theme = "relate-high-contrast"' in config_file.read_text()


async def test_no_color_is_honoured(
    make_journal, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = RelateApp(make_journal(demo=True), config_file=config_file)
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        text = app.export_screenshot().replace("&#160;", " ")
        assert "overdue" in text  # state in words, not colour


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_narrow_layout_switches_panes(demo_app: RelateApp, size: tuple[int, int]) -> None:
    async with demo_app.run_test(size=size) as pilot:
        await settle(pilot)
        main = demo_app.screen
        assert main.has_class("-narrow")
        shown = lambda: [p for p in ("people", "notes", "queue") if main.query_one(f"#{p}").display]  # noqa: E731
        assert shown() == ["people"]
        await pilot.press("3")
        assert shown() == ["queue"]
        await pilot.press("tab")
        assert shown() == ["people"]
        await pilot.press("2")
        assert shown() == ["notes"]
        await pilot.press("1", "enter")  # choosing a person opens their notes
        assert shown() == ["notes"]
