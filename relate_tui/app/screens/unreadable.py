"""Shown instead of the main screen when the journal cannot be read: nothing is written."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from relate_tui.app import keys
from relate_tui.app.widgets.footer import KeysFooter


class UnreadableScreen(Screen):
    """Names the file and the problem; the only way on is to quit."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("unreadable")
    DEFAULT_CSS = """
    UnreadableScreen { align: center middle; }
    UnreadableScreen > Vertical { width: 90; max-width: 100%; height: auto;
        border: thick $error; padding: 1 2; }
    """

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("The journal cannot be opened", style="bold"))
            yield Static(Text(f"\n{self.error}\n"), id="error")
            yield Static(
                Text(
                    "Nothing was written to it. Run `relate doctor` to check the file and "
                    "restore a backup, then start relate again. Press q to quit."
                )
            )
        yield KeysFooter()
