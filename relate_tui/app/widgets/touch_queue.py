"""The Next touch pane: the queue, grouped Overdue · Today · This week · Next week · Later."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable

from relate_tui.app.widgets.list_table import ListTable, Row
from relate_tui.app.widgets.person_card import due_words
from relate_tui.domain.dates import ago
from relate_tui.domain.queue import GROUP_TITLES, QueueItem, group_items
from relate_tui.report.text import one_line

_KIND_WORDS = {"rhythm": "reconnect", "promise": "promise", "date": "date"}


def item_key(item: QueueItem) -> str:
    """Identifies an item across refreshes (the cursor stays on it)."""
    return f"{item.kind}:{item.person_id}:{item.promise_id or item.label}"


def item_text(item: QueueItem, today: date) -> Text:
    """Who, why (in words: "overdue 5 days"), and the last note's first line."""
    text = Text(one_line(item.person_name, 300), style="bold")
    text.append("  ")
    text.append(due_words(item, today), style="italic" if item.days_late else "")
    why = f"{_KIND_WORDS[item.kind]}: {one_line(item.label, 120)}"
    if item.kind == "rhythm" and item.last_touch is not None:
        why += f" · last {item.last_touch_kind or 'touch'} {ago(item.last_touch, today)}"
    elif item.kind == "rhythm":
        why += " · never touched"
    text.append(f"\n  {why}", style="dim")
    if item.last_note is not None and item.last_note.first_line:
        text.append(f"\n  “{one_line(item.last_note.first_line, 160)}”", style="dim italic")
    return text


MAX_PER_GROUP = 150
"""Items listed per group; the rest are counted (``relate queue`` lists them all)."""


@dataclass(frozen=True, eq=False)
class QueueRows:
    """The queue as list rows, built once per journal view (off the UI thread)."""

    rows: tuple[Row, ...]
    items: dict[str, QueueItem]


def queue_rows(items: Sequence[QueueItem], today: date) -> QueueRows:
    """Group headings, then each group's items (at most ``MAX_PER_GROUP``)."""
    rows: list[Row] = []
    by_key: dict[str, QueueItem] = {}
    for group, members in group_items(items):
        title = Text(f"{GROUP_TITLES[group]} ({len(members)})", style="bold underline")
        # A blank line above every heading but the first separates the groups.
        rows.append(Row(None, Text.assemble("\n", title)) if rows else Row(None, title))
        for item in members[:MAX_PER_GROUP]:
            key = item_key(item)
            by_key[key] = item
            text = item_text(item, today)
            rows.append(Row(key, text))
        if len(members) > MAX_PER_GROUP:
            more = f"… and {len(members) - MAX_PER_GROUP:,} more: relate queue lists them all"
            rows.append(Row(None, Text(more, style="italic")))
    if not rows:
        rows.append(Row(None, Text("Nothing due. Enjoy the quiet.", style="italic")))
    return QueueRows(tuple(rows), by_key)


class TouchQueue(ListTable):
    """The grouped queue; posts ``Highlighted`` / ``Selected`` with the ``QueueItem``."""

    @dataclass
    class Highlighted(Message):
        item: QueueItem

    @dataclass
    class Selected(Message):
        item: QueueItem

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: dict[str, QueueItem] = {}

    @property
    def current(self) -> QueueItem | None:
        """The item under the cursor, if any."""
        key = self.current_key
        return self._items.get(key) if key else None

    def set_items(self, queue: QueueRows) -> None:
        """Show the queue; the cursor stays on the same item if it is still there."""
        self._items = queue.items
        self.set_rows(queue.rows, keep=self.current_key)
        self.border_title = f"Next touch ({len(queue.items):,})"

    def select_first_of(self, person_id: str) -> bool:
        """Move the cursor to ``person_id``'s first item, if they have one."""
        for key, item in self._items.items():
            if item.person_id == person_id:
                return self.move_to(key)
        return False

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        item = self._items.get(event.row_key.value or "")
        event.stop()
        if item is not None:
            self.post_message(self.Highlighted(item))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        item = self._items.get(event.row_key.value or "")
        event.stop()
        if item is not None:
            self.post_message(self.Selected(item))
