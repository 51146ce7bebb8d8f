"""The ? screen: every key, what it does and its binding id (for config [keymap])."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

if TYPE_CHECKING:
    from relate_tui.app.relate_app import RelateApp

# Keys that are not bindings of ours, but users need to know.
EXTRA_KEYS = (
    ("ctrl+p", "Command palette: actions and jump to a person", "(textual)"),
    ("enter", "Open the person under the cursor", "(list)"),
    ("→", "Accept the suggested name in the note form", "(input)"),
    ("ctrl+s", "Save a form", "form-save"),
    ("escape", "Cancel a form (asks before discarding text)", "form-cancel"),
)

HELP_ORDER = (
    "note-new", "person-add", "person-edit", "promise-new", "queue-done", "queue-snooze",
    "queue-tried", "promise-drop", "person-open", "queue-why", "filter", "person-delete",
    "person-archive", "undo", "review-weekly", "pane-people", "pane-notes", "pane-queue",
    "pane-next", "pane-previous", "help", "quit",
)  # fmt: skip

DESCRIPTIONS = {
    "note-new": "New note for the current person or queue item",
    "person-add": "Add a person",
    "person-edit": "Edit the current person",
    "promise-new": "New promise for the current person",
    "queue-done": "Done: log a touch (note form), or keep a promise",
    "queue-snooze": "Snooze: 1 week, next rhythm, or a date",
    "queue-tried": "Tried, no answer: a note and a 3-day snooze",
    "promise-drop": "Drop the selected promise",
    "person-open": "Open the person of the queue item",
    "queue-why": "Why is this item here?",
    "filter": "Filter people (escape clears)",
    "person-delete": "Delete the current person (asks first)",
    "person-archive": "Archive the current person (asks first)",
    "undo": "Undo the last change (repeat for more)",
    "review-weekly": "Weekly review",
    "pane-people": "People pane",
    "pane-notes": "Notes pane",
    "pane-queue": "Next touch pane",
    "pane-next": "Next pane",
    "pane-previous": "Previous pane",
    "help": "This help",
    "quit": "Quit",
}


_SCREEN_MODULES = (
    "confirm", "help", "main", "note_form", "person_form", "promise", "review", "review_walk",
    "snooze", "unreadable",
)  # fmt: skip


def binding_ids() -> set[str]:
    """Every binding id a ``[keymap]`` in config.toml can remap."""
    from relate_tui.app.relate_app import RelateApp

    for module in _SCREEN_MODULES:  # so that every screen class exists
        importlib.import_module(f"relate_tui.app.screens.{module}")
    classes: list[type] = [RelateApp]
    pending: list[type] = list(Screen.__subclasses__())
    while pending:
        cls = pending.pop()
        classes.append(cls)
        pending += cls.__subclasses__()
    return {
        binding.id
        for cls in classes
        if cls.__module__.startswith("relate_tui.")
        for binding in getattr(cls, "BINDINGS", ())
        if isinstance(binding, Binding) and binding.id
    }


def key_table(app: RelateApp) -> list[tuple[str, str, str]]:
    """(keys, description, id) for every binding with an id, keymap applied."""
    from relate_tui.app.screens.main import MainScreen

    keymap = app.settings.keymap
    bindings: dict[str, Binding] = {}
    for source in (MainScreen.BINDINGS, type(app).BINDINGS):
        for binding in source:
            if isinstance(binding, Binding) and binding.id:
                bindings.setdefault(binding.id, binding)
    rows = []
    for binding_id in HELP_ORDER:
        binding = bindings.get(binding_id)
        if binding is None:
            continue
        keys = keymap.get(binding_id) or (
            binding.key_display if binding.key_display and "," not in binding.key else binding.key
        )
        rows.append((keys, DESCRIPTIONS.get(binding_id, binding.description), binding_id))
    return rows


def screen_key_table(app: RelateApp) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(title, rows) for the other screens' keys: the weekly review and its walk."""
    from relate_tui.app.screens.review import ReviewScreen
    from relate_tui.app.screens.review_walk import WalkScreen

    keymap = app.settings.keymap
    out = []
    for title, screen in (("Weekly review", ReviewScreen), ("Walking the review", WalkScreen)):
        rows = []
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and binding.id:
                keys = keymap.get(binding.id) or binding.key
                rows.append((keys, binding.description, binding.id))
        out.append((title, rows))
    return out


class HelpScreen(ModalScreen[None]):
    """Lists the keys; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss(None)", "Close", id="help-close"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90; max-width: 100%; height: 1fr; max-height: 40;
        border: round $primary; background: $surface; padding: 0 1; }
    """

    app: RelateApp

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_edge=False, pad_edge=False)
        table.add_column("Key", style="bold", no_wrap=True)
        table.add_column("Does")
        table.add_column("Binding id", style="dim", no_wrap=True)
        for keys, description, binding_id in key_table(self.app):
            table.add_row(Text(keys), Text(description), Text(binding_id))
        for keys, description, binding_id in EXTRA_KEYS:
            table.add_row(Text(keys), Text(description), Text(binding_id))
        for title, rows in screen_key_table(self.app):
            table.add_row(Text(""), Text(""), Text(""))
            table.add_row(Text(title, style="bold underline"), Text(""), Text(""))
            for keys, description, binding_id in rows:
                table.add_row(Text(keys), Text(description), Text(binding_id))
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
