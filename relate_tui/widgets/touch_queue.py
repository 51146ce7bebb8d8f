"""The Next touch pane: the queue, grouped Overdue · Today · This week · Next week · Later."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from relate_tui.domain.dates import ago
from relate_tui.domain.queue import GROUP_TITLES, QueueItem, group_items
from relate_tui.widgets.person_card import due_words
from relate_tui.widgets.text import one_line

_KIND_WORDS = {"rhythm": "reconnect", "promise": "promise", "date": "date"}


def item_key(item: QueueItem) -> tuple[str, str, str]:
    """Identifies an item across refreshes (the cursor stays on it)."""
    return (item.kind, item.person_id, item.promise_id or item.label)


def item_text(item: QueueItem, today: date) -> Text:
    """Who, why (in words: "overdue 5 days"), and the last note's first line."""
    text = Text(one_line(item.person_name, 120), style="bold")
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


class TouchQueue(OptionList):
    """The grouped queue; posts ``Highlighted`` / ``Selected`` with the ``QueueItem``."""

    DEFAULT_CSS = """
    TouchQueue { height: 1fr; padding: 0; }
    """

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
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self._items.get(option.id) if option.id else None

    def set_items(self, items: Sequence[QueueItem], today: date) -> None:
        """Show ``items``; the cursor stays on the same item if it is still there."""
        current = self.current
        keep = item_key(current) if current else None
        options: list[Option | None] = []
        self._items = {}
        index_of_keep = None
        first_item = None
        for group, members in group_items(items):
            if options:
                options.append(None)
            title = Text(f"{GROUP_TITLES[group]} ({len(members)})", style="bold underline")
            options.append(Option(title, disabled=True))
            for item in members:
                option_id = f"q{len(self._items)}"
                self._items[option_id] = item
                if first_item is None:
                    first_item = len(options)
                if keep is not None and item_key(item) == keep:
                    index_of_keep = len(options)
                options.append(Option(item_text(item, today), id=option_id))
        if not options:
            options.append(Option(Text("Nothing due. Enjoy the quiet.", style="italic"), True))
        self.set_options(options)
        target = index_of_keep if index_of_keep is not None else first_item
        if target is not None:
            self.highlighted = target
        self.border_title = f"Next touch ({len(self._items)})"

    def select_first_of(self, person_id: str) -> bool:
        """Move the cursor to ``person_id``'s first item, if they have one."""
        for index in range(self.option_count):
            option = self.get_option_at_index(index)
            item = self._items.get(option.id or "")
            if item is not None and item.person_id == person_id:
                self.highlighted = index
                return True
        return False

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        item = self._items.get(event.option.id or "")
        if item is not None:
            event.stop()
            self.post_message(self.Highlighted(item))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        item = self._items.get(event.option.id or "")
        if item is not None:
            event.stop()
            self.post_message(self.Selected(item))
