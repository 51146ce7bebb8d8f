"""A new promise on its own: "send deck by fri"."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from relate_tui.app import keys
from relate_tui.app.screens.closing import ClosesWhenSaved
from relate_tui.app.session import Session
from relate_tui.app.view import JournalView
from relate_tui.domain.dates import describe_day
from relate_tui.domain.errors import InputError
from relate_tui.domain.people import Person
from relate_tui.domain.promises import Promise, split_promise
from relate_tui.report.text import one_line


def describe_promise(text: str, now: datetime, week_start: int = 0) -> str:
    """The resolved promise as shown next to the field (what saving it would store)."""
    what, due = split_promise(text, now, week_start)
    return f"→ “{one_line(what, 60)}”, due {describe_day(due, now.date())}"


class PromiseScreen(ClosesWhenSaved, ModalScreen[None]):
    """One line: what you will do and by when."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("dialog")
    DEFAULT_CSS = """
    PromiseScreen { align: center middle; }
    PromiseScreen > Vertical { width: 70; max-width: 100%; height: auto;
        border: round $primary; padding: 0 1; background: $surface; }
    PromiseScreen #promise-resolved { color: $text-muted; }
    """

    def __init__(self, session: Session, view: JournalView, person: Person) -> None:
        super().__init__()
        self.session = session
        self.person = person
        self.week_start = view.settings.week_start
        self.saving = False
        """A save is on its way to the disk: enter waits for it (no second promise)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"A promise to {one_line(self.person.name, 60)}", style="bold"))
            yield Input(placeholder="e.g. send the deck by fri", compact=True, id="promise-text")
            yield Static("enter saves · escape cancels", id="promise-resolved")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        label = self.query_one("#promise-resolved", Static)
        try:
            now = self.session.clock.now()
            label.update(Text(describe_promise(event.value, now, self.week_start)))
        except InputError as exc:
            label.update(Text(str(exc)))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if self.saving:
            return
        try:
            what, due = split_promise(event.value, self.session.clock.now(), self.week_start)
        except InputError as exc:
            self.query_one("#promise-resolved", Static).update(Text(str(exc)))
            return
        person_id = self.person.id
        self.saving = True

        def saved(promise: Promise) -> None:
            self.app.notify(f"Promised: {promise.text}")
            self.finish()

        def failed(_error: Exception) -> None:
            self.saving = False  # the text stays: enter tries again

        self.session.change(
            lambda journal: journal.add_promise(person_id, what, due), saved, failed
        )
