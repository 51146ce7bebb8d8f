"""A yes/no question before anything destructive (delete, archive, discard typed text)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from relate_tui.app import keys
from relate_tui.app.screens.closing import close


class ConfirmScreen(ModalScreen[bool]):
    """Asks ``question``; dismisses with True for yes. The default button is "No"."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("confirm")
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 60; max-width: 100%; height: auto; border: thick $error; padding: 1 2;
        background: $surface;
    }
    ConfirmScreen Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 2; }
    """

    def __init__(self, question: str, yes_label: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes_label

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question))
            with Horizontal():
                yield Button(f"{self.yes_label} (y)", variant="error", id="yes")
                yield Button("No (n)", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        close(self, event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        close(self, yes)
