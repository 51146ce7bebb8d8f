"""The main screen: People · Notes · Next touch, side by side or one at a time when narrow."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.command import Provider
from textual.containers import Horizontal, VerticalScroll
from textual.events import DescendantFocus, Resize
from textual.widget import Widget
from textual.widgets import Static

from relate_tui.app import keys
from relate_tui.app.commands import MainCommands, PeopleCommands
from relate_tui.app.outlook import outlook_in
from relate_tui.app.screens.main_actions import MainActions
from relate_tui.app.session import Session
from relate_tui.app.view import JournalView
from relate_tui.app.widgets.activity import MonthStrip
from relate_tui.app.widgets.footer import KeysFooter
from relate_tui.app.widgets.notes_list import NotesList
from relate_tui.app.widgets.people_list import PeopleList
from relate_tui.app.widgets.person_card import PersonCard, card_parts
from relate_tui.app.widgets.touch_queue import TouchQueue
from relate_tui.domain.activity import monthly_activity
from relate_tui.domain.queue import QueueItem
from relate_tui.journal.conflicts import conflicts_about

PANES = ("people", "notes", "queue")
PANE_TITLES = {"people": "People", "notes": "Notes", "queue": "Next touch"}

WELCOME_INTRO = """\
Welcome to relate.

Start small: add 3–5 people you want to keep close — a mentor, a former teammate, a \
friend you keep meaning to call. Give each a rhythm (2w, 3m, or a tier A–D) and relate \
tells you whom to reconnect with next.
"""
WELCOME_KEYS = (
    ("a", "add a person"),
    ("n", "write a note after a call or a coffee"),
    ("ctrl+p", "command palette"),
    ("?", "all keys"),
    ("q", "quit"),
)
WELCOME_OUTRO = "\nAlready have contacts? From a shell:\n  relate import contacts.vcf"


def welcome() -> Group:
    """The empty journal's page: the keys in a grid, so a wrapped line keeps its column."""
    keys = Table.grid(padding=(0, 3))
    keys.add_column(no_wrap=True)
    keys.add_column()
    for key, does in WELCOME_KEYS:
        keys.add_row(Text(key), Text(does))
    return Group(Text(WELCOME_INTRO), Padding(keys, (0, 0, 0, 2)), Text(WELCOME_OUTRO))


class MainScreen(MainActions):
    """The three panes and the footer; the actions that work on "the current person" come
    from ``MainActions``."""

    CSS_PATH = "main.tcss"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-narrow"),
        (100, "-medium"),
        (120, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("main")
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        MainCommands,
        PeopleCommands,
    }
    """The palette's entries that act here: actions, and jump to a person."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.active = "people"
        self._pending_jump: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="tabs")
        with Horizontal(id="panes"):
            people = PeopleList(id="people")
            people.border_title = "People"
            yield people
            # The card and the list scroll together; the list (its promises and notes)
            # takes the focus, so the pane itself is not a stop of its own.
            with VerticalScroll(id="notes", can_focus=False) as notes:
                notes.border_title = "Notes"
                yield PersonCard(id="card")
                yield MonthStrip(id="activity")
                yield PersonCard(id="card-more")
                yield NotesList(id="note-list")
            queue = TouchQueue(id="queue")
            queue.border_title = "Next touch"
            yield queue
        yield Static(welcome(), id="welcome")
        yield KeysFooter()

    def on_resize(self, event: Resize) -> None:
        # A compact footer fits the main keys into a 60-column tmux split.
        footer = self.query_one(KeysFooter)
        footer.compact = event.size.width < 100
        footer.show_command_palette = event.size.width >= 80

    def on_mount(self) -> None:
        self._show_tabs()
        self.query_one("#people-table").focus()
        self.session.subscribe(self, self.show_view)

    # -- data -------------------------------------------------------------------------

    @property
    def people_list(self) -> PeopleList:
        return self.query_one(PeopleList)

    @property
    def touch_queue(self) -> TouchQueue:
        return self.query_one(TouchQueue)

    @property
    def notes_list(self) -> NotesList:
        return self.query_one(NotesList)

    def show_view(self, view: JournalView) -> None:
        """New data: refresh every pane, keeping the selection and the cursors."""
        self.view = view
        self.set_class(view.is_empty, "-empty")
        data = view.data
        self.people_list.set_people(
            data.active_people,
            data.touches,
            view.today,
            lambda: view.people_index,
            note_search=lambda: view.note_search,
        )
        self.touch_queue.set_items(view.queue_rows)
        if self.person_id not in data.by_id:
            self.person_id = self.people_list.highlighted_id
        self.show_person(self.person_id)
        if self._pending_jump in data.by_id:
            self.jump_to(self._pending_jump)

    def show_person(self, person_id: str | None) -> None:
        """Show ``person_id``'s card and notes in the Notes pane."""
        view = self.view
        card = self.query_one("#card", PersonCard)
        more = self.query_one("#card-more", PersonCard)
        pane = self.query_one("#notes")
        strip = self.query_one(MonthStrip)
        if view is None or person_id not in view.data.by_id:
            self.person_id = None
            strip.display = more.display = False
            card.update("Nobody selected.")
            self.notes_list.show(None)
            pane.border_title = "Notes"
            self.refresh_bindings()
            return
        self.person_id = person_id
        person = view.data.by_id[person_id]
        notes = view.data.notes_for(person_id)
        head, rest = card_parts(
            person,
            notes=notes,
            outlook=outlook_in(view, person),
            today=view.today,
            tiers=view.settings.tiers,
            names=view.data.by_id,
            conflicts=conflicts_about(view.data, person_id),
        )
        card.update(head)
        more.update(rest)
        strip.display = more.display = True
        strip.show(monthly_activity(notes, view.today), view.today)
        self.notes_list.show(
            person_id,
            notes=notes,
            promises=view.data.open_promises_for(person_id),
            today=view.today,
            names=view.data.by_id,
            search=self.people_list.note_query,
        )
        pane.border_title = f"Notes ({len(notes):,})"
        self.refresh_bindings()

    @property
    def queue_item(self) -> QueueItem | None:
        """The highlighted queue item when the queue pane has focus."""
        if self.active != "queue":
            return None
        return self.touch_queue.current

    @property
    def note_row(self) -> tuple[str | None, str | None]:
        """(note id, promise id) under the Notes pane's cursor when that pane has focus."""
        if self.active != "notes":
            return None, None
        notes = self.notes_list
        return notes.current_note_id, notes.current_promise_id

    # -- panes ------------------------------------------------------------------------

    def _pane_of(self, widget: Widget | None) -> str | None:
        while widget is not None and widget is not self:
            if widget.id in PANES:
                return widget.id
            widget = widget.parent  # type: ignore[assignment]
        return None

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        if event.widget is not self.focused:
            # Passed on already (tab tab in one burst): this news arrives after the newer.
            return
        pane = self._pane_of(event.widget)
        if pane is None:
            return
        self.active = pane
        self._show_tabs()
        if pane == "queue" and self.touch_queue.current is not None:
            self.show_person(self.touch_queue.current.person_id)
        elif pane == "people":
            highlighted = self.people_list.highlighted_id
            if highlighted is not None:
                self.show_person(highlighted)

    def _show_tabs(self) -> None:
        # The active pane is marked by brackets, not colour alone.
        tabs = Text()
        for number, pane in enumerate(PANES, start=1):
            title = f"{number} {PANE_TITLES[pane]}"
            if pane == self.active:
                tabs.append(f"[{title}]", style="bold reverse")
            else:
                tabs.append(f" {title} ")
            tabs.append(" ")
        self.query_one("#tabs", Static).update(tabs)
        for pane in PANES:
            self.query_one(f"#{pane}").set_class(pane == self.active, "-active")

    def action_pane(self, pane: str) -> None:
        """Focus a pane (in a narrow terminal: show it)."""
        self.active = pane
        self._show_tabs()
        target = {"people": "#people-table", "notes": "#note-list", "queue": "#queue"}[pane]
        # At once, not after this message (``focus()``): the keys right behind a pane key
        # go where the focus is when they arrive.
        self.set_focus(self.query_one(target))

    def action_next_pane(self, step: int) -> None:
        self.action_pane(PANES[(PANES.index(self.active) + step) % len(PANES)])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The filter and pane keys (priority keys) are typed into the filter once it has
        the focus; tab still leaves it."""
        typed = action == "filter" or action.startswith("pane(")
        if typed and self.people_list.filter_input.has_focus:
            return False
        return super().check_action(action, parameters)

    def action_filter(self) -> None:
        if self.view is not None and self.view.is_empty:
            # The welcome hides the People pane: a filter focused there takes letters unseen.
            self.notify("Nobody to filter yet: add a person with a.")
            return
        self.active = "people"
        self._show_tabs()
        # At once, not after this message (``focus()``): the keys right behind / go where
        # the focus is when they arrive.
        self.set_focus(self.people_list.filter_input)

    def action_escape(self) -> None:
        filter_input = self.people_list.filter_input
        if filter_input.has_focus or (self.active == "people" and filter_input.value):
            filter_input.value = ""
            self.action_pane("people")

    # -- messages from the panes ------------------------------------------------------

    @on(PeopleList.Highlighted)
    def _person_highlighted(self, message: PeopleList.Highlighted) -> None:
        if self.active == "people":
            self.show_person(message.person_id)

    @on(PeopleList.Selected)
    def _person_selected(self, message: PeopleList.Selected) -> None:
        self.show_person(message.person_id)
        self.action_pane("notes")

    @on(NotesList.Highlighted)
    def _notes_cursor_moved(self) -> None:
        # e and delete mean the note under the cursor, or else the person: the footer says which.
        self.refresh_bindings()

    @on(NotesList.Selected)
    def _note_or_promise_chosen(self, message: NotesList.Selected) -> None:
        if message.note_id:
            self.action_note_edit()
        elif message.promise_id:
            self.action_promise_menu()

    @on(TouchQueue.Highlighted)
    def _item_highlighted(self, message: TouchQueue.Highlighted) -> None:
        if self.active == "queue":
            self.show_person(message.item.person_id)

    @on(TouchQueue.Selected)
    def _item_selected(self, message: TouchQueue.Selected) -> None:
        self.show_person(message.item.person_id)
        self.action_pane("notes")

    def jump_to(self, person_id: str) -> None:
        """Select a person everywhere and show them (the palette's "jump to person").

        A person just saved may not be in the view yet: the jump waits for the refresh.
        """
        self._pending_jump = None
        if self.view is None or person_id not in self.view.data.by_id:
            self._pending_jump = person_id
            return
        self.people_list.select_person(person_id)
        self.show_person(person_id)
        self.action_pane("notes")
