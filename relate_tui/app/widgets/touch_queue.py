"""The Next touch pane: the queue, grouped Overdue · Today · This week · Next week · Later.

Its rows come ready to show (``relate_tui.app.rows.queue_rows``, built off the UI thread).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.message import Message
from textual.widgets import DataTable

from relate_tui.app.rows import QueueRows
from relate_tui.app.widgets.list_table import ListTable, event_key
from relate_tui.domain.queue import QueueItem


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
        item = self._items.get(event_key(event) or "")
        event.stop()
        if item is not None:
            self.post_message(self.Highlighted(item))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        item = self._items.get(event_key(event) or "")
        event.stop()
        if item is not None:
            self.post_message(self.Selected(item))
