"""A ``[keymap]`` or theme from config.toml that cannot work is named when the app starts,
and the app stays usable: an entry that would hide another key is left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from relate_tui.app import RelateApp
from relate_tui.app.keymap import check_keymap
from relate_tui.app.screens.main import MainScreen
from relate_tui.app.screens.note_form import NoteForm
from relate_tui.settings import Settings
from tests.pilot.conftest import settle


@pytest.mark.parametrize(
    ("keymap", "applied", "problem"),
    [
        # fine: a free key, a key moved away and another taking its old place
        ({"queue-snooze": "z"}, {"queue-snooze": "z"}, None),
        ({"person-add": "q", "quit": "ctrl+x"}, {"person-add": "q", "quit": "ctrl+x"}, None),
        ({"help": "?"}, {"help": "question_mark"}, None),  # written as the character
        ({"note-new": "ctrl+n, N"}, {"note-new": "ctrl+n,N"}, None),
        # an id that does not exist names the nearest
        ({"note-nwe": "x"}, {}, "no binding is called note-nwe (did you mean note-new?)"),
        ({"zzz": "x"}, {}, "no binding is called zzz (press ? to see the ids)"),
        # a key another binding on the same screen needs
        ({"person-add": "q"}, {}, 'person-add = "q" would hide quit (Quit) on q; kept a'),
        ({"person-add": "n"}, {}, "would hide note-new (Note) on n; kept a for person-add"),
        ({"walk-skip": "d"}, {}, "would hide walk-done (Done) on d"),
        ({"review-copy": "u"}, {}, "would hide undo (Undo) on u"),
        ({"undo": "question_mark"}, {}, "would hide help (Help) on ?"),
        # keys Textual and the lists need
        ({"note-new": "ctrl+p"}, {}, "would take ctrl+p, which is for the command palette"),
        ({"queue-done": "enter"}, {}, "would take enter"),
        ({"note-new": ""}, {}, 'note-new = "" names no key'),
    ],
)
def test_keymap_table(keymap: dict[str, str], applied: dict[str, str], problem: str | None) -> None:
    checked = check_keymap(keymap)
    assert checked.keymap == applied
    if problem is None:
        assert checked.problems == []
    else:
        (said,) = checked.problems
        assert problem in said and said.startswith("config.toml [keymap]: ")


def test_a_clash_the_table_has_on_purpose_is_not_a_problem() -> None:
    """escape ends the walk, then goes back; q closes the ? screen: no keymap, no problem."""
    assert check_keymap({}).problems == []


async def test_a_key_that_would_hide_quit_is_named_and_quit_still_works(
    make_journal, config_file: Path
) -> None:
    journal = make_journal(Settings(keymap={"person-add": "q", "note-new": "ctrl+n"}), demo=True)
    app = RelateApp(journal, config_file=config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        (notice,) = [n for n in app._notifications if n.title == "Config"]
        assert 'person-add = "q" would hide quit (Quit)' in notice.message
        assert notice.message.startswith(f"{config_file} [keymap]: ")  # the file it is in
        assert app.settings.keymap == {"note-new": "ctrl+n"}  # the rest of the keymap applies
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NoteForm)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_an_unknown_theme_is_named(make_journal, config_file: Path) -> None:
    """Named with the file it is in, wherever RELATE_CONFIG put it (also for the demo,
    which reads your config but never writes to it)."""
    app = RelateApp(make_journal(Settings(theme="solarised-darkk"), demo=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        (notice,) = [n for n in app._notifications if n.title == "Config"]
        assert f'{config_file}: there is no theme "solarised-darkk"' in notice.message
        assert app.theme == "textual-dark"
