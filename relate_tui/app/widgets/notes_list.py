"""The Notes pane's list under the card: the person's open promises (whatever their due
date), then their notes, newest first, each one selectable.

The list gets its data as attributes (``show``) and reports the row under the cursor as
messages; the screen decides what a key does with it. It sits under the card in a
scrolling pane and grows to its full height, so it moves that pane to keep the cursor in
sight rather than scrolling itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable

from relate_tui.app.rows import Row
from relate_tui.app.widgets import note_rows
from relate_tui.app.widgets.list_table import ListTable
from relate_tui.domain.notes import Note
from relate_tui.domain.people import Person
from relate_tui.domain.promises import Promise
from relate_tui.domain.search import search_terms, text_matches

PAGE = 40
"""Notes laid out at once; a last row shows the next 40 (switching people stays instant)."""

_SPACER = Row(None, Text(""), 1)


@dataclass(frozen=True)
class _Shown:
    """What the list shows: one person's promises and notes on one day."""

    person_id: str
    notes: Sequence[Note]
    promises: Sequence[Promise]
    today: date
    names: Mapping[str, Person]
    search: str


class NotesList(ListTable):
    """Open promises and notes; posts ``Highlighted`` as the cursor moves."""

    DEFAULT_CSS = """
    NotesList { height: auto; max-height: 1000000; overflow: hidden hidden;
        scrollbar-gutter: auto; padding: 0 1; }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor moved: to a note, a promise, or neither (both None)."""

        note_id: str | None
        promise_id: str | None

    @dataclass
    class Selected(Message):
        """Enter on a note or a promise."""

        note_id: str | None
        promise_id: str | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: _Shown | None = None
        self._limit = PAGE
        self._cache: dict[tuple[str, object, int, str], Row] = {}
        """Laid-out note rows by (id, updated, width, search): moving back to someone
        costs nothing."""

    # -- what is under the cursor -----------------------------------------------------

    @property
    def current_note_id(self) -> str | None:
        key = self.current_key or ""
        return key.removeprefix(note_rows.NOTE_KEY) if key.startswith(note_rows.NOTE_KEY) else None

    @property
    def current_promise_id(self) -> str | None:
        key = self.current_key or ""
        if key.startswith(note_rows.PROMISE_KEY):
            return key.removeprefix(note_rows.PROMISE_KEY)
        return None

    # -- data -------------------------------------------------------------------------

    def show(
        self,
        person_id: str | None,
        *,
        notes: Sequence[Note] = (),
        promises: Sequence[Promise] = (),
        today: date | None = None,
        names: Mapping[str, Person] | None = None,
        search: str = "",
    ) -> None:
        """Show one person's promises and notes (None: nobody). The cursor stays on the
        same record when it is still listed; with ``search``, it goes to the newest note
        that contains it."""
        previous = self._shown
        if person_id is None or today is None:
            self._shown = None
            self.set_rows([])
            return
        new_person = previous is None or previous.person_id != person_id
        if new_person or (previous is not None and previous.search != search):
            self._limit = PAGE
        self._shown = _Shown(person_id, notes, promises, today, names or {}, search)
        keep = None if new_person else self.current_key
        terms = search_terms(search)
        if terms:
            found = next((n for n in notes if text_matches(n.body, terms)), None)
            if found is not None:
                index = notes.index(found)
                self._limit = max(self._limit, index + 1)
                keep = note_rows.note_key(found.id)
        self._rebuild(keep, home=new_person and not search)

    def _rebuild(self, keep: str | None, *, home: bool = False) -> None:
        shown = self._shown
        if shown is None:
            self.set_rows([])
            return
        width = self.width
        console = self.app.console
        rows: list[Row] = []
        if shown.promises:
            rows.append(note_rows.heading(f"Open promises ({len(shown.promises)})", first=True))
            rows += [note_rows.promise_row(p, shown.today, width, console) for p in shown.promises]
        title = f"Notes ({len(shown.notes):,})" if shown.notes else "Notes"
        rows.append(note_rows.heading(title, first=not rows))
        if not shown.notes:
            rows.append(note_rows.plain_row("No notes yet. Press n to write one.", width, console))
        for note in shown.notes[: self._limit]:
            rows.append(self._note_row(note, shown, width))
            rows.append(_SPACER)
        older = len(shown.notes) - self._limit
        if older > 0:
            words = f"… {older:,} older notes: enter shows {min(older, PAGE)} more"
            rows.append(note_rows.plain_row(words, width, console, key=note_rows.MORE_KEY))
        if len(self._cache) > 2_000:
            self._cache.clear()
        self.set_rows(rows, keep=keep)
        if home and self._pane is not None:
            self._pane.scroll_home(animate=False)

    def _note_row(self, note: Note, shown: _Shown, width: int) -> Row:
        key = (note.id, note.updated, width, shown.search)
        row = self._cache.get(key)
        if row is None:
            row = note_rows.note_row(
                note,
                today=shown.today,
                names=shown.names,
                person_id=shown.person_id,
                width=width,
                console=self.app.console,
                search=shown.search,
            )
            # The day words ("yesterday") move with the day: only cache within it.
            self._cache[key] = row
        return row

    # -- the cursor -------------------------------------------------------------------

    def watch_cursor_coordinate(self, old, new) -> None:
        super().watch_cursor_coordinate(old, new)
        self.call_after_refresh(self._keep_cursor_in_sight)

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        """The list never scrolls itself (it is as tall as its rows): the pane does."""
        self._keep_cursor_in_sight()

    @property
    def _pane(self) -> Widget | None:
        """The scrolling pane the list sits in (under the card)."""
        return self.parent if isinstance(self.parent, Widget) else None

    def _keep_cursor_in_sight(self) -> None:
        pane = self._pane
        if pane is None or not self.keys or not self.is_mounted:
            return  # nothing selectable: the card stays as it is
        row = self._get_row_region(self.cursor_row)
        top = self.virtual_region.y + row.y
        fits = top + row.height <= pane.scrollable_content_region.height
        if self.cursor_row == self._first_stop() and fits:
            pane.scroll_home(animate=False)  # the card too, when the row still shows
            return
        pane.scroll_to_region(Region(0, top, 1, row.height), animate=False, force=True)

    def _first_stop(self) -> int:
        return next((i for i, r in enumerate(self._rows) if r.key is not None), 0)

    def action_cursor_down(self) -> None:
        # Nothing to select (no notes, no promises): the keys still scroll a long card.
        if not self.keys and self._pane is not None:
            self._pane.scroll_down(animate=False)
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if not self.keys and self._pane is not None:
            self._pane.scroll_up(animate=False)
            return
        if self.cursor_row == self._first_stop() and self._pane is not None:
            # Up from the first row shows the card above it (a short pane shows the
            # selected row rather than the card: keys act on what is highlighted).
            self._pane.scroll_home(animate=False)
            return
        super().action_cursor_up()

    def _page(self, step: int) -> None:
        # A page is the pane's height: the list itself is as tall as all its rows.
        pane = self._pane
        if not self.keys and pane is not None:
            (pane.scroll_page_down if step > 0 else pane.scroll_page_up)(animate=False)
            return
        height = pane.scrollable_content_region.height if pane is not None else 10
        index, travelled = self.cursor_row, 0
        while 0 <= index + step < len(self._rows) and travelled < height:
            index += step
            travelled += self._rows[index].height or 1
        self.move_cursor(row=index, animate=False)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_scroll_home(self) -> None:
        """home: the first promise or note (and the card above it)."""
        self.move_cursor(row=self._first_stop(), animate=False)

    def action_scroll_end(self) -> None:
        """end: the last row (the oldest note shown, or "older notes")."""
        stops = [i for i, r in enumerate(self._rows) if r.key is not None]
        if stops:
            self.move_cursor(row=stops[-1], animate=False)

    def on_focus(self) -> None:
        self._keep_cursor_in_sight()

    # -- messages ---------------------------------------------------------------------

    @on(ListTable.WidthChanged)
    def _width_changed(self, event: ListTable.WidthChanged) -> None:
        event.stop()
        self._rebuild(self.current_key)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self.current_note_id, self.current_promise_id))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        shown = self._shown
        if self.current_key == note_rows.MORE_KEY and shown is not None:
            first_new = shown.notes[self._limit]  # the cursor goes to the first one shown now
            self._limit += PAGE
            self._rebuild(note_rows.note_key(first_new.id))
            return
        note_id, promise_id = self.current_note_id, self.current_promise_id
        if note_id or promise_id:
            self.post_message(self.Selected(note_id, promise_id))
