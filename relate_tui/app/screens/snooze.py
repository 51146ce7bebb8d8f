"""Snooze choices: 1 week, the next rhythm, or a date typed in words.

The date field has the cursor: what is typed goes there, ↑/↓ move among the choices above
it and enter takes the highlighted one while the field is empty (a fast ``s``, ``enter`` is
still "1 week"). A snooze on or before the day the reconnect is due anyway, or a promise
moved to the day it is due already, would change nothing: such a choice is not offered, and
such a typed date is refused with a message.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
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

    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.bindings("dialog"),
        # The date field has the cursor and no use for up/down: they move among the choices.
        Binding("up", "choice(-1)", show=False),
        Binding("down", "choice(1)", show=False),
    ]
    DEFAULT_CSS = """
    SnoozeScreen { align: center middle; }
    SnoozeScreen > Vertical { width: 60; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; padding: 0 1; background: $surface; }
    SnoozeScreen OptionList, SnoozeScreen OptionList:focus { height: auto; border: none; }
    SnoozeScreen Input { margin: 1 0 0 0; }
    SnoozeScreen #snooze-resolved, SnoozeScreen .due { color: $text-muted; }
    SnoozeScreen #snooze-resolved.-error { color: $error; }
    """

    def __init__(
        self,
        name: str,
        person: Person | None,
        view: JournalView,
        what: str,
        *,
        due: date | None = None,
    ) -> None:
        """``due``: when the item is due now (the reconnect, the promise); a date on or
        before it (for a promise: on it) changes nothing and is neither offered nor taken."""
        super().__init__()
        self.who = name
        self.today = view.today
        self.week_start = view.settings.week_start
        self.what = what
        self.due = due
        self.choices: dict[str, date] = {"week": self.today + timedelta(days=7)}
        rhythm = None
        if person is not None:
            try:
                rhythm = resolve_rhythm(person.rhythm, view.settings.tiers)
            except InputError:
                rhythm = None
        if rhythm is not None:
            self.choices["rhythm"] = rhythm.add_to(self.today)
        if due is not None:
            # A snooze on or before the due date hides nothing; a promise moved to its own
            # due date stays put (moved earlier, it is a real change: brought forward).
            changes = (lambda d: d != due) if what == "promise" else (lambda d: d > due)
            self.choices = {k: d for k, d in self.choices.items() if changes(d)}

    def compose(self) -> ComposeResult:
        verb = "Move the promise" if self.what == "promise" else "Snooze"
        with Vertical():
            yield Static(Text(f"{verb} for {one_line(self.who, 60)} until…", style="bold"))
            if self.due is not None and self.due > self.today:
                yield Static(Text(f"Due {describe_day(self.due, self.today)}"), classes="due")
            labels = {"week": "1 week", "rhythm": "Next rhythm"}
            options = [
                Option(f"{labels[key]} — {describe_day(day, self.today)}", id=key)
                for key, day in self.choices.items()
            ]
            yield OptionList(*options, id="snooze-options")
            yield Input(
                placeholder=("or " if options else "") + "a date: fri, in 3 weeks, 2027-01-15",
                compact=True,
                id="snooze-date",
            )
            yield Static("", id="snooze-resolved")

    def on_mount(self) -> None:
        choices = self.query_one("#snooze-options", OptionList)
        choices.display = choices.option_count > 0
        if choices.option_count:
            choices.highlighted = 0
        self.query_one("#snooze-date", Input).focus()

    def action_choice(self, step: int) -> None:
        """↑/↓ from the date field: move the highlight among the choices."""
        choices = self.query_one("#snooze-options", OptionList)
        if choices.option_count:
            current = choices.highlighted or 0
            choices.highlighted = max(0, min(choices.option_count - 1, current + step))

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        close(self, self.choices[event.option.id or "week"])

    def _parse(self, text: str) -> date:
        """The typed date under the snooze rule (after today) and after the day the item
        is due already: the preview and enter agree."""
        when = parse_snooze(text, self.today, self.week_start)
        if self.due is not None and when == self.due:
            raise InputError(f"{describe_day(when, self.today)} is when it is due already")
        if self.due is not None and when < self.due and self.what != "promise":
            raise InputError(
                f"{describe_day(when, self.today)} changes nothing: not due until "
                f"{describe_day(self.due, self.today)}"
            )
        return when

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
        verb = "move it" if self.what == "promise" else "snooze"
        label.update(Text(f"→ {describe_day(when, self.today)} (enter to {verb})"))

    @on(Input.Submitted, "#snooze-date")
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            # Nothing typed: enter takes the highlighted choice, as it would in the list.
            choices = self.query_one("#snooze-options", OptionList)
            if choices.option_count and choices.highlighted is not None:
                option = choices.get_option_at_index(choices.highlighted)
                close(self, self.choices[option.id or "week"])
            return
        try:
            when = self._parse(event.value)
        except InputError as exc:
            label = self.query_one("#snooze-resolved", Static)
            label.update(Text(str(exc)))
            label.add_class("-error")
            return
        close(self, when)
