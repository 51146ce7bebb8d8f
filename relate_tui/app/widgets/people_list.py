"""The People pane: a filter box over a list of people (name, tags, last touch).

The filter matches names, nicknames, initials and ``#tags``; ``?words`` searches the notes
instead and lists the people with a note containing the words, newest note first, each
with the line that matched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input

from relate_tui.app.rows import Row
from relate_tui.app.widgets.list_table import ListTable, event_key
from relate_tui.domain.dates import ago
from relate_tui.domain.matching import PeopleIndex, fold
from relate_tui.domain.people import Person
from relate_tui.domain.queue import TouchInfo
from relate_tui.domain.search import NoteHit, NoteSearch, search_terms
from relate_tui.report.text import one_line

NOTE_SEARCH = "?"
"""A filter starting with this searches what the notes say."""

MAX_ROWS = 200
"""Rows listed at once; more matches end in a "type to narrow" row, so a keystroke stays
cheap with 10,000 people."""


class PeopleList(Vertical):
    """A filterable list of people; posts ``Highlighted`` and ``Selected`` with an id."""

    DEFAULT_CSS = """
    PeopleList { height: 1fr; }
    PeopleList > Input { margin: 0 0 1 0; }
    PeopleList > ListTable { height: 1fr; }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor moved to a person."""

        person_id: str

    @dataclass
    class Selected(Message):
        """A person was chosen with enter."""

        person_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._people: Sequence[Person] = ()
        self._index: PeopleIndex | Callable[[], PeopleIndex] = PeopleIndex(())
        self._touches: Mapping[str, TouchInfo] = {}
        self._today: date | None = None
        self._rows: dict[str, Row] = {}
        """Laid-out rows by person id, reused while filtering."""
        self._rows_width = 0
        self._note_search: Callable[[], NoteSearch] | None = None
        self._shown_query = ""

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="/ filter: name, #tag, ?note text", compact=True, id="people-filter"
        )
        yield ListTable(id="people-table")

    @property
    def filter_input(self) -> Input:
        return self.query_one("#people-filter", Input)

    @property
    def table(self) -> ListTable:
        return self.query_one("#people-table", ListTable)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the person under the cursor, if any."""
        return self.table.current_key

    @property
    def note_query(self) -> str:
        """The words searched in the notes (the filter after its ``?``), or ""."""
        value = self.filter_input.value
        return value[len(NOTE_SEARCH) :].strip() if value.startswith(NOTE_SEARCH) else ""

    @property
    def shown_ids(self) -> list[str]:
        """The ids currently listed, in order."""
        return self.table.keys

    def set_people(
        self,
        people: Sequence[Person],
        touches: Mapping[str, TouchInfo],
        today: date,
        index: PeopleIndex | Callable[[], PeopleIndex] | None = None,
        note_search: Callable[[], NoteSearch] | None = None,
    ) -> None:
        """New data: re-filter and keep the cursor on the same person when possible.

        ``index`` is ``PeopleIndex(people)``, or what gives it (built off the UI thread):
        asked for only when a filter is typed, so the first screen does not wait for it;
        ``note_search`` gives the notes' search index, asked for only when a ``?`` search
        is typed.
        """
        if people is not self._people or index is not None:
            self._index = index or (lambda: PeopleIndex(people))
        self._note_search = note_search
        self._rows = {}  # last-touch words change with the data and the day
        self._people, self._touches, self._today = people, touches, today
        self._refilter()

    def _row(self, person: Person, width: int) -> Row:
        cached = self._rows.get(person.id)
        if cached is not None:
            return cached
        name = one_line(person.name, 300)
        text = Text(name, style="bold")
        info = self._touches.get(person.id)
        touch = info.last_touch if info else None
        # The last touch first: when the line is too long for the pane, the tags are
        # cut ("#community #resea…"), never the time (two tags hid it at 120x40).
        if touch is not None and self._today is not None:
            detail = [ago(touch.at.date(), self._today)]
        else:
            detail = ["no touch yet"]
        if person.tags:
            detail.append(" ".join("#" + one_line(tag, 30) for tag in person.tags[:4]))
        line = "  " + " · ".join(detail)
        if cell_len(line) > width:
            line = set_cell_size(line, width - 1) + "…"
        text.append("\n" + line, style="dim")
        row = Row(person.id, text, max(1, -(-cell_len(name) // width)) + 1)
        self._rows[person.id] = row
        return row

    def _hit_row(self, person: Person, hit: NoteHit, width: int) -> Row:
        name = one_line(person.name, 300)
        text = Text(name, style="bold")
        said = one_line(hit.line, 300)
        when = ""
        if self._today is not None and hit.at[:10]:
            when = " · " + ago(date.fromisoformat(hit.at[:10]), self._today)
        # Start late enough that the words searched for show in a narrow pane.
        # The first word searched for that the line holds.
        folded = fold(said)
        query = next((t for t in search_terms(self.note_query) if t in folded), "")
        at = folded.find(query) if query else -1
        room = width - cell_len(when) - 6
        if at >= 0 and at + len(query) > room:
            said = "…" + said[max(1, min(at, at + len(query) - room + 3)) :]
        if cell_len(said) > room:
            said = set_cell_size(said, max(1, room - 1)) + "…"  # and the day stays in sight
        line = "  “" + said + "”" + when
        if cell_len(line) > width:
            line = set_cell_size(line, width - 1) + "…"
        text.append("\n" + line, style="dim italic")
        return Row(person.id, text, max(1, -(-cell_len(name) // width)) + 1)

    def _search_rows(self, query: str, width: int) -> tuple[list[Row], int]:
        if not query or self._note_search is None:
            hint = "type words to find in the notes"
            return [Row(None, Text(hint, style="italic"))], 0
        by_id = {p.id: p for p in self._people}
        hits = [hit for hit in self._note_search().people(query) if hit.person_id in by_id]
        rows = [self._hit_row(by_id[h.person_id], h, width) for h in hits[:MAX_ROWS]]
        if len(hits) > MAX_ROWS:
            more = f"… {len(hits) - MAX_ROWS:,} more: type to narrow"
            rows.append(Row(None, Text(more, style="italic")))
        elif not hits:
            rows.append(Row(None, Text("no note says that", style="italic")))
        return rows, len(hits)

    def _refilter(self, keep: str | None = None) -> None:
        keep = keep or self.highlighted_id
        width = self.table.width
        if width != self._rows_width:
            self._rows, self._rows_width = {}, width
        value = self.filter_input.value
        if value.startswith(NOTE_SEARCH):
            rows, count = self._search_rows(self.note_query, width)
            self.table.set_rows(rows, keep=keep)
            self.border_title = f"People ({count:,} by notes)"
            self._tell_if_query_changed()
            return
        matches = self._matches(value)
        rows = [self._row(p, width) for p in matches[:MAX_ROWS]]
        if len(matches) > MAX_ROWS:
            more = f"… {len(matches) - MAX_ROWS:,} more: type to narrow"
            rows.append(Row(None, Text(more, style="italic")))
        elif not matches and self._people:
            rows.append(Row(None, Text("nobody matches", style="italic")))
        self.table.set_rows(rows, keep=keep)
        self.border_title = f"People ({len(matches):,})"
        self._tell_if_query_changed()

    def _matches(self, value: str) -> Sequence[Person]:
        """Everyone ``value`` matches, in list order (everyone for an empty filter, without
        the index, and without reading more than the rows listed: the journal makes each
        person when first read)."""
        if not fold(value):
            return self._people
        if not isinstance(self._index, PeopleIndex):
            self._index = self._index()
        return self._index.filter(value)

    def _tell_if_query_changed(self) -> None:
        # The Notes pane marks what a ? search found: tell it even when the cursor stays.
        if self.note_query != self._shown_query:
            self._shown_query = self.note_query
            if self.highlighted_id is not None:
                self.post_message(self.Highlighted(self.highlighted_id))

    def select_person(self, person_id: str) -> bool:
        """Move the cursor to ``person_id`` (clearing the filter if it hides them)."""
        if person_id not in self.shown_ids and self.filter_input.value:
            self.filter_input.value = ""
            self._refilter(keep=person_id)
        return self.table.move_to(person_id)

    @on(ListTable.WidthChanged)
    def _width_changed(self, event: ListTable.WidthChanged) -> None:
        event.stop()
        self._refilter()

    @on(Input.Changed, "#people-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refilter()

    def on_key(self, event: events.Key) -> None:
        """Down from the filter box goes to the list, as it does in any search field."""
        if event.key == "down" and self.filter_input.has_focus:
            event.stop()
            event.prevent_default()
            self.table.focus()

    @on(Input.Submitted, "#people-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter: to the list; with exactly one person left, open them."""
        event.stop()
        shown = self.table.keys
        if len(shown) == 1:
            # Not the list's focus too: it would race the Notes pane's for the screen.
            self.post_message(self.Selected(shown[0]))
        else:
            self.table.focus()

    @on(DataTable.RowHighlighted, "#people-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        key = event_key(event)
        if key is not None:
            self.post_message(self.Highlighted(key))

    @on(DataTable.RowSelected, "#people-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event_key(event)
        if key is not None:
            self.post_message(self.Selected(key))
