"""Opening the app: the journal from ``startup``, then ``RelateApp`` on it.

The command line calls ``run_app`` for ``relate`` and ``relate demo``, and ``run_note_form``
for ``relate log`` with no words on a terminal: the only paths from the command line that
import Textual.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from relate_tui.app.demo_folder import demo_folder
from relate_tui.app.guard import open_log
from relate_tui.app.relate_app import RelateApp
from relate_tui.demo import build_demo
from relate_tui.locations import config_path, log_path
from relate_tui.startup import open_journal

if TYPE_CHECKING:
    from relate_tui.app.note_app import Logged
    from relate_tui.journal import Journal


def run_app(db: str | os.PathLike[str] | None, *, demo: bool = False) -> int:
    """Run the app on the journal ``db`` names (or, for the demo, a fresh sample journal)."""
    if not demo:
        return _run(db, demo=False)
    # The demo's folder (journal, lock, backups) goes when the app closes, however it closes:
    # a newcomer trying relate three times should not leave three folders behind.
    with demo_folder() as folder:
        code = _run(folder / "journal.json", demo=True)
    print('That was a sample journal, now deleted. Start your own: relate add "Ana Lima" --tier A')
    return code


def run_note_form(
    db: str | os.PathLike[str] | None, *, kind: str = "call", when: str | None = None
) -> tuple[int, Logged | None]:
    """The note form alone on the journal ``db`` names, until it is saved or closed: the
    exit code (0 saved, 1 closed without saving) and what was logged."""
    from relate_tui.app.note_app import NoteApp

    app = NoteApp(
        _open(db),
        kind=kind,
        when=when,
        config_file=config_path(),
        log_file=open_log(log_path()),
    )
    app.run()
    return (app.return_code or 0), app.logged


def _open(db: str | os.PathLike[str] | None) -> Journal:
    journal = open_journal(db, writer="app", lock_timeout=5.0)
    if journal.store.sealed() is None:
        # Not a file this relate sealed: read it whole here, so an unreadable one stops
        # with a one-line message. A sealed file is known to be whole (its checksum was
        # just checked, and the bytes are kept): its tables are read while Textual starts.
        journal.data()
    return journal


def _run(db: str | os.PathLike[str] | None, *, demo: bool) -> int:
    if demo:
        journal = open_journal(db, writer="app", lock_timeout=5.0)
        build_demo(journal)
    else:
        journal = _open(db)

    # The demo never writes to your config (a theme chosen there is for the demo only).
    app = RelateApp(
        journal,
        config_file=None if demo else config_path(),
        demo=demo,
        log_file=open_log(log_path()),  # where an unexpected error's traceback goes
    )
    app.run()
    return app.return_code or 0
