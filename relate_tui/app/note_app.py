"""``NoteApp``: the app opened straight onto the note form, alone (``relate log`` with no
words, on a terminal: the tmux popup).

The form is the one ``n`` opens in the app (names completed, kind, when, promise), over
an empty screen: no people list, queue or footer keys of the main screen behind it.
ctrl+s saves and ends the app; escape (asking first if something was typed) ends it
without writing. The command line then says what was logged, as ``relate log`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual import events

from relate_tui.app.relate_app import RelateApp
from relate_tui.app.screens import note_form
from relate_tui.app.screens.note_form import NoteForm
from relate_tui.app.view import JournalView
from relate_tui.domain.clock import Clock
from relate_tui.domain.notes import Note
from relate_tui.domain.people import Person
from relate_tui.domain.promises import Promise
from relate_tui.journal import Journal

NOTHING_LOGGED = 1
"""The exit code when the form is closed without saving: a script (``relate log && …``)
can tell that no note was written."""


@dataclass(frozen=True)
class Logged:
    """What the form saved: the note, its promise, the people it is about, and the
    journal's clock (to say when, as ``relate log`` does)."""

    note: Note
    promise: Promise | None
    people: tuple[Person, ...]
    clock: Clock


class LoneNoteForm(NoteForm):
    """The note form that keeps what it saved for the app to report."""

    # Textual reads a relative CSS_PATH beside the module defining the class: this one.
    CSS_PATH: ClassVar[list[str | Path]] = [
        Path(note_form.__file__).with_name(str(NoteForm.CSS_PATH)),
        "note_app.tcss",
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (22, "-tall")]
    """Below 22 rows (a popup) the last notes give the fields their rows."""
    logged: tuple[Note, Promise | None] | None = None

    def saved(self, result: Any) -> None:
        self.logged = result
        super().saved(result)


class NoteApp(RelateApp):
    """``RelateApp`` showing only a new note form; ends when the form closes.

    The app's keys do not reach past the form (it is modal), and the command palette is
    off: nothing but the note can happen in a note popup.
    """

    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        journal: Journal,
        *,
        kind: str = "call",
        when: str | None = None,
        config_file: Path | None = None,
        log_file: Path | None = None,
        strict: bool | None = None,
    ) -> None:
        super().__init__(journal, config_file=config_file, log_file=log_file, strict=strict)
        self.kind = kind
        self.when = when
        self.logged: Logged | None = None
        """Set when the note is on disk."""
        self.form: LoneNoteForm | None = None

    def on_mount(self, event: events.Mount) -> None:
        # Instead of RelateApp's: no main screen, no disk poll (the form is open for
        # seconds, and what it shows is read once).
        event.prevent_default()
        self.run_worker(self._first_view(), name="first read")
        for problem in self._start_problems:
            self.notify(problem, title="Config", severity="warning", timeout=15)
        self.session.subscribe(self, self._open_form)

    def _open_form(self, view: JournalView) -> None:
        """The first view is in: open the form on it (once)."""
        if self.form is not None:
            return
        self.form = LoneNoteForm(self.session, view, kind=self.kind)
        if self.when:
            self.form.initial_when = self.when
        self.push_screen(self.form, self._form_closed)

    async def action_quit(self) -> None:
        """ctrl+q is escape here: it asks before throwing typed text away, and ends with
        "nothing logged" (RelateApp's quit would end with success)."""
        if self.form is not None and self.form.is_attached:
            self.form.action_cancel()
        else:
            self.exit(return_code=NOTHING_LOGGED)

    def _form_closed(self, note_id: str | None) -> None:
        form = self.form
        if note_id is None or form is None or form.logged is None:
            self.exit(return_code=NOTHING_LOGGED)
            return
        note, promise = form.logged
        by_id = form.view.data.by_id
        people = tuple(by_id[p] for p in note.person_ids if p in by_id)
        self.logged = Logged(note, promise, people, self.session.clock)
        self.exit(return_code=0)
