"""Snooze choices: 1 week, the next rhythm, or a date typed in words."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from relate_tui.app import keys
from relate_tui.app.screens.closing import close
from relate_tui.app.view import JournalView
from relate_tui.domain.dates import describe_day, parse_snooze
from relate_tui.domain.errors import InputError
from relate_tui.domain.people import Person
from relate_tui.domain.rhythm import resolve_rhythm
from relate_tui.report.text import one_line


class SnoozeScreen(ModalScreen[date | None]):
    """Pick until when; dismisses with the date, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("dialog")
    DEFAULT_CSS = """
    SnoozeScreen { align: center middle; }
    SnoozeScreen > Vertical { width: 60; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; padding: 0 1; background: $surface; }
    SnoozeScreen OptionList, SnoozeScreen OptionList:focus { height: auto; border: none; }
    SnoozeScreen Input { margin: 1 0 0 0; }
    SnoozeScreen #snooze-resolved { color: $text-muted; }
    SnoozeScreen #snooze-resolved.-error { color: $error; }
    """

    def __init__(self, name: str, person: Person | None, view: JournalView, what: str) -> None:
        super().__init__()
        self.who = name
        self.today = view.today
        self.week_start = view.settings.week_start
        self.what = what
        self.choices: dict[str, date] = {"week": self.today + timedelta(days=7)}
        rhythm = None
        if person is not None:
            try:
                rhythm = resolve_rhythm(person.rhythm, view.settings.tiers)
            except InputError:
                rhythm = None
        if rhythm is not None:
            self.choices["rhythm"] = rhythm.add_to(self.today)

    def compose(self) -> ComposeResult:
        verb = "Move the promise" if self.what == "promise" else "Snooze"
        with Vertical():
            yield Static(Text(f"{verb} for {one_line(self.who, 60)} until…", style="bold"))
            options = [
                Option(f"1 week — {describe_day(self.choices['week'], self.today)}", id="week")
            ]
            if "rhythm" in self.choices:
                when = describe_day(self.choices["rhythm"], self.today)
                options.append(Option(f"Next rhythm — {when}", id="rhythm"))
            yield OptionList(*options, id="snooze-options")
            yield Input(
                placeholder="or a date, e.g. fri, next tue, in 3 weeks, 2027-01-15",
                compact=True,
                id="snooze-date",
            )
            yield Static("", id="snooze-resolved")

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        close(self, self.choices[event.option.id or "week"])

    def _parse(self, text: str) -> date:
        """The typed date under the snooze rule (after today): the preview and enter agree."""
        return parse_snooze(text, self.today, self.week_start)

    @on(Input.Changed, "#snooze-date")
    def _typed(self, event: Input.Changed) -> None:
        label = self.query_one("#snooze-resolved", Static)
        if not event.value.strip():
            label.update("")
            return
        try:
            when = self._parse(event.value)
        except InputError as exc:
            label.update(Text(str(exc)))
            label.add_class("-error")
            return
        label.remove_class("-error")
        label.update(Text(f"→ {describe_day(when, self.today)} (enter to snooze)"))

    @on(Input.Submitted, "#snooze-date")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            when = self._parse(event.value)
        except InputError as exc:
            label = self.query_one("#snooze-resolved", Static)
            label.update(Text(str(exc)))
            label.add_class("-error")
            return
        close(self, when)
