"""Why an item is where it is: a panel that stays until the next key, then gets out of the way.

It used to be a notification that lingered for 15 seconds over the queue and over the
snooze dialog opened after it. Now any key (or a click) closes it and does nothing else,
so the key that follows it is never taken by something the reader could not see.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from relate_tui.app.screens.closing import close
from relate_tui.report.text import visible


class WhyScreen(ModalScreen[None]):
    """Shows ``explanation`` (the queue's "why") until a key is pressed."""

    DEFAULT_CSS = """
    WhyScreen { align: center bottom; }
    WhyScreen > Vertical {
        width: 100%; max-width: 90; height: auto; max-height: 100%;
        border: round $primary; border-title-style: bold; background: $surface;
        padding: 0 1; margin-bottom: 1;
    }
    WhyScreen #why-close { color: $text-muted; text-style: italic; margin-top: 1; }
    """

    def __init__(self, explanation: str) -> None:
        super().__init__()
        self.explanation = explanation

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Why"
            yield Static(Text(visible(self.explanation)), id="why-text")
            yield Static("any key closes this", id="why-close")

    def on_key(self, event: events.Key) -> None:
        # Stopped here: the key closes the panel and is not also taken as a command.
        event.stop()
        event.prevent_default()
        close(self)  # two keys at once: the second must not close the screen below

    def on_click(self, event: events.Click) -> None:
        event.stop()
        close(self)
