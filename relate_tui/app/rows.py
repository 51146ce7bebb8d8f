"""Rows for the list panes, as data: built off the UI thread, shown by the widgets.

``JournalView`` carries the queue's rows ready to show (a queue of thousands takes a while
to lay out); ``ListTable`` and its panes only put them on screen. Nothing here is a widget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.text import Text

from relate_tui.domain.dates import ago
from relate_tui.domain.queue import GROUP_TITLES, QueueItem, due_words, group_items
from relate_tui.report.text import one_line

MAX_PER_GROUP = 150
"""Items listed per group; the rest are counted (``relate queue`` lists them all)."""

_KIND_WORDS = {"rhythm": "reconnect", "promise": "promise", "date": "date"}

__all__ = ["QueueRows", "Row", "due_words", "item_key", "item_text", "queue_rows"]


@dataclass(frozen=True)
class Row:
    """One list row: ``key`` None makes it a heading the cursor skips.

    The first line wraps (a long name is never cut); later lines are cut to the width.
    """

    key: str | None
    text: Text
    height: int | None = None
    """Set when ``text`` is already laid out for the table's width (see ``width``)."""


@dataclass(frozen=True, eq=False)
class QueueRows:
    """The queue as list rows, built once per journal view (off the UI thread)."""

    rows: tuple[Row, ...]
    items: dict[str, QueueItem]


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


def queue_rows(
    items: Sequence[QueueItem], today: date, reuse: QueueRows | None = None
) -> QueueRows:
    """Group headings, then each group's items (at most ``MAX_PER_GROUP``). Rows of
    ``reuse`` (the last view's, for the same day) are kept for the very same items."""
    known: dict[int, tuple[QueueItem, Row]] = {}
    if reuse is not None:
        for row in reuse.rows:
            item = reuse.items.get(row.key) if row.key is not None else None
            if item is not None:
                known[id(item)] = (item, row)
    rows: list[Row] = []
    by_key: dict[str, QueueItem] = {}
    for group, members in group_items(items):
        title = Text(f"{GROUP_TITLES[group]} ({len(members)})", style="bold underline")
        # A blank line above every heading but the first separates the groups.
        rows.append(Row(None, Text.assemble("\n", title)) if rows else Row(None, title))
        for item in members[:MAX_PER_GROUP]:
            hit = known.get(id(item))
            if hit is not None and hit[0] is item:
                by_key[hit[1].key] = item  # type: ignore[index]
                rows.append(hit[1])
                continue
            key = item_key(item)
            by_key[key] = item
            rows.append(Row(key, item_text(item, today)))
        if len(members) > MAX_PER_GROUP:
            more = f"… and {len(members) - MAX_PER_GROUP:,} more: relate queue lists them all"
            rows.append(Row(None, Text(more, style="italic")))
    if not rows:
        rows.append(Row(None, Text("Nothing due. Enjoy the quiet.", style="italic")))
    return QueueRows(tuple(rows), by_key)
