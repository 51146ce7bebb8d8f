"""What to do with one promise: keep it (and log a touch, or not), reschedule or drop it.

Keeping a promise is not always contact: the email that kept it may be logged already.
So keeping offers two choices, and only "keep and log a touch" writes a note.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from relate_tui.app import keys
from relate_tui.app.screens.closing import close
from relate_tui.domain.dates import describe_day
from relate_tui.domain.promises import Promise
from relate_tui.report.text import one_line

KEEP = "keep"
KEEP_AND_LOG = "keep-log"
RESCHEDULE = "due"
DROP = "drop"

KEEP_CHOICES = (KEEP, KEEP_AND_LOG)
"""What ``d`` offers on a promise."""
ALL_CHOICES = (KEEP, KEEP_AND_LOG, RESCHEDULE, DROP)
"""What enter on a promise offers."""

_WORDS = {
    KEEP: "Keep — done; nothing else is written",
    KEEP_AND_LOG: "Keep and log a touch — a message “Kept: …”, flagged gave",
    RESCHEDULE: "Reschedule — a new due date",
    DROP: "Drop — you won't do it (u undoes)",
}


class PromiseMenu(ModalScreen[str | None]):
    """Offers ``choices`` for ``promise``; dismisses with the one picked, or None."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("dialog")
    DEFAULT_CSS = """
    PromiseMenu { align: center middle; }
    PromiseMenu > Vertical { width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; padding: 0 1; background: $surface; }
    PromiseMenu OptionList, PromiseMenu OptionList:focus { height: auto; border: none; }
    PromiseMenu #promise-menu-hint { color: $text-muted; }
    """

    def __init__(
        self, promise: Promise, person_name: str, today: date, choices: tuple[str, ...]
    ) -> None:
        super().__init__()
        self.promise = promise
        self.person_name = person_name
        self.today = today
        self.choices = choices

    def compose(self) -> ComposeResult:
        promise = self.promise
        late = " (late)" if promise.due < self.today else ""
        title = Text(f"Promise to {one_line(self.person_name, 40)}", style="bold")
        title.append(f"\n“{one_line(promise.text, 120)}”", style="")
        title.append(f" — due {describe_day(promise.due, self.today)}{late}", style="dim")
        with Vertical():
            yield Static(title)
            yield OptionList(
                *(Option(_WORDS[choice], id=choice) for choice in self.choices),
                id="promise-menu-options",
            )
            yield Static("enter picks · escape cancels", id="promise-menu-hint")

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        close(self, event.option.id)  # enter twice closes once, and only this menu
