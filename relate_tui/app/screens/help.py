"""The ? screen: every key, what it does and its binding id (for config [keymap])."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from relate_tui.app import keys
from relate_tui.app.keys import HelpRow
from relate_tui.app.session import Session
from relate_tui.app.widgets.footer import KeysFooter

STACK_BELOW = 70
"""Narrower than this, each key stands above its description, which gets the full width."""


class KeyTable:
    """The keys as a table of three columns, or, when narrow, stacked: the key and its
    binding id on one line, what it does under them, indented. A string is a title."""

    def __init__(self, rows: list[HelpRow | str]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._stacked() if options.max_width < STACK_BELOW else self._columns()

    def _columns(self) -> Group:
        # One table per section, every one with the same key and id widths: a section's
        # title stands above its table, so it does not widen the key column.
        rows = [row for row in self.rows if not isinstance(row, str)]
        key_width = max(len(shown) for shown, _, _ in rows)
        id_width = max(len(binding_id) for _, _, binding_id in rows)
        parts: list[Table | Text] = []
        table = self._table(key_width, id_width, header=True)
        for row in self.rows:
            if isinstance(row, str):
                parts.append(table)
                parts.append(Text.assemble("\n", (row, "bold underline")))
                table = self._table(key_width, id_width, header=False)
            else:
                shown, description, binding_id = row
                table.add_row(Text(shown), Text(description), Text(binding_id))
        parts.append(table)
        return Group(*parts)

    @staticmethod
    def _table(key_width: int, id_width: int, *, header: bool) -> Table:
        table = Table(box=None, expand=True, show_edge=False, pad_edge=False, show_header=header)
        table.add_column("Key", style="bold", no_wrap=True, width=key_width)
        table.add_column("Does", ratio=1)
        table.add_column("Binding id", style="dim", no_wrap=True, width=id_width)
        return table

    def _stacked(self) -> Table:
        table = Table.grid(expand=True)
        table.add_column()
        for row in self.rows:
            if isinstance(row, str):
                table.add_row(Text(""))
                table.add_row(Text(row, style="bold underline"))
                continue
            shown, description, binding_id = row
            table.add_row(Text.assemble((shown, "bold"), "  ", (binding_id, "dim")))
            table.add_row(Padding(Text(description), (0, 0, 0, 4)))
        return table


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
        rows: list[HelpRow | str] = [
            *keys.key_table(self.session),
            *keys.OTHER_KEYS,
            *keys.form_key_table(self.session),
        ]
        for title, screen_rows in keys.screen_key_table(self.session):
            rows.append(title)
            rows.extend(screen_rows)
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys"
            yield Static(KeyTable(rows))
            yield Static(
                Text(
                    '\nRemap any key by id in config.toml:  [keymap]  note-new = "ctrl+n"\n'
                    "Themes: ctrl+p → Theme (saved in config.toml)."
                )
            )
        yield KeysFooter()
