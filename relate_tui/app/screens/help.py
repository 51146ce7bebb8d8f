"""The ? screen: every key, what it does and its binding id (for config [keymap])."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from relate_tui.app import keys
from relate_tui.app.session import Session


class HelpScreen(ModalScreen[None]):
    """Lists the keys; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("help")
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90; max-width: 100%; height: 1fr; max-height: 40;
        border: round $primary; background: $surface; padding: 0 1; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_edge=False, pad_edge=False)
        table.add_column("Key", style="bold", no_wrap=True)
        table.add_column("Does")
        table.add_column("Binding id", style="dim", no_wrap=True)
        rows = [
            *keys.key_table(self.session),
            *keys.OTHER_KEYS,
            *keys.form_key_table(self.session),
        ]
        for shown, description, binding_id in rows:
            table.add_row(Text(shown), Text(description), Text(binding_id))
        for title, screen_rows in keys.screen_key_table(self.session):
            table.add_row(Text(""), Text(""), Text(""))
            table.add_row(Text(title, style="bold underline"), Text(""), Text(""))
            for shown, description, binding_id in screen_rows:
                table.add_row(Text(shown), Text(description), Text(binding_id))
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys"
            yield Static(table)
            yield Static(
                Text(
                    '\nRemap any key by id in config.toml:  [keymap]  note-new = "ctrl+n"\n'
                    "Themes: ctrl+p → Theme (saved in config.toml)."
                )
            )
        yield Footer()
