"""``ListTable``: a one-column ``DataTable`` used as a fast, scrollable list of rich rows.

An ``OptionList`` measures and wraps every option when it is filled (about 0.5 ms each, so
1,000 queue items took most of a second); a ``DataTable`` renders only the rows on screen.
The single column always spans the table's width, so nothing needs horizontal scrolling.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.text import Span, Text
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable

from relate_tui.app.rows import Row

COLUMN = "item"
FIRST_ROWS = 60
"""Rows added at once when a list is filled (or twice the list's height, if more)."""
FILL_STEP = 150
"""Rows added per frame after those."""
HEADING = "-heading-"
"""Row keys of headings start with this: they are not items."""
MOST_MOVED = 24
"""Rows come or gone at most for a list to be changed in place rather than filled afresh
(a save moves one or two people in the queue; a new filter changes most rows)."""


def event_key(event: DataTable.RowHighlighted | DataTable.RowSelected) -> str | None:
    """The key of the row an event is about; None for a heading, or when there is no row
    (Textual reports the cursor moving on an empty table with ``row_key`` None)."""
    key = event.row_key.value if event.row_key is not None else None
    if not key or key.startswith(HEADING):
        return None
    return key


def fit(text: Text, width: int) -> tuple[Text, int]:
    """``text`` laid out for ``width`` columns, and its height in lines: the first line
    wraps (a long name is never cut), each later line is cut to the width with "…".

    Done on the strings, then styled once: Rich's ``split``, ``truncate`` and ``join`` did
    the same a span at a time, and the queue's hundreds of rows took most of the app's
    first paint. ``tests/unit/test_list_rows.py`` checks both render alike.
    """
    plain = text.plain
    plain_lines = plain.split("\n")
    if all(cell_len(line) <= width for line in plain_lines):
        return text, len(plain_lines)  # the common case: nothing to wrap or cut
    height = max(1, -(-cell_len(plain_lines[0]) // width)) + len(plain_lines) - 1
    # Each line as (where it starts in ``plain``, how much of it is kept, what is shown).
    lines: list[tuple[int, int, str]] = []
    start = 0
    for number, line in enumerate(plain_lines):
        if number and cell_len(line) > width:
            cut = set_cell_size(line, width - 1)
            # The "…" takes the styles of the first character cut, as Rich's truncate did.
            lines.append((start, len(cut) + 1, cut + "…"))
        else:
            lines.append((start, len(line), line))
        start += len(line) + 1
    fitted = Text("\n".join(shown for _, _, shown in lines), no_wrap=False, overflow="fold")
    spans = fitted.spans
    offset = 0
    for line_start, kept, shown in lines:
        if text.style:
            spans.append(Span(offset, offset + len(shown), text.style))
        line_end = line_start + kept
        for span_start, span_end, style in text.spans:
            begin, end = max(span_start, line_start), min(span_end, line_end)
            if begin < end:
                spans.append(Span(offset + begin - line_start, offset + end - line_start, style))
        offset += len(shown) + 1
    return fitted, height


def same_text(a: Text, b: Text) -> bool:
    """True when two texts show the same: the same characters, spans and base style
    (Rich's ``Text.__eq__`` leaves the base style out)."""
    return a.plain == b.plain and a.spans == b.spans and a.style == b.style


class ListTable(DataTable):
    """A list of ``Row``s; ``current_key`` is the key under the cursor."""

    DEFAULT_CSS = """
    ListTable { height: 1fr; scrollbar-gutter: stable; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # A list of one column: home and end go to its first and last entry (the table's
        # own home and end scroll sideways, which a list never needs).
        Binding("home", "first_entry", show=False),
        Binding("end", "last_entry", show=False),
    ]

    def action_first_entry(self) -> None:
        self._move_to_entry(first=True)

    def action_last_entry(self) -> None:
        self._move_to_entry(first=False)

    def _move_to_entry(self, *, first: bool) -> None:
        """The cursor to the first (last) row that is an entry, not a heading."""
        rows = list(enumerate(self._rows))
        for index, row in rows if first else reversed(rows):
            if row.key is not None:
                self.move_cursor(row=index, animate=False, scroll=True)
                if first:
                    self.scroll_home(animate=False)  # the heading above it too
                return

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            id=id,
            show_header=False,
            cursor_type="row",
            zebra_stripes=False,
            show_cursor=True,
            cell_padding=0,
        )
        self._rows: Sequence[Row] = ()
        self._width = 0
        # Rows laid out for the width, by id() of the Row (kept with it, so the id is not
        # reused): a refreshed queue keeps most of its Row objects, and laying out
        # hundreds of rows was most of applying a new view.
        self._fitted: dict[int, tuple[Row, int, Text, int]] = {}
        self._adding = False
        self._added = 0
        """How many of ``_rows`` are in the table: the first screenful is added at once,
        the rest on the next frames (``_add_every_row``)."""

    @property
    def keys(self) -> list[str]:
        """The selectable keys, in order."""
        return [row.key for row in self._rows if row.key is not None]

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor (None on a heading or an empty list)."""
        if not self._rows or not 0 <= self.cursor_row < len(self._rows):
            return None
        return self._rows[self.cursor_row].key

    @property
    def width(self) -> int:
        """The column width rows are laid out for."""
        return self._content_width()

    def _content_width(self) -> int:
        return max(10, self.scrollable_content_region.width)

    def set_rows(self, rows: Sequence[Row], keep: str | None = None) -> None:
        """Replace the rows; the cursor goes to ``keep`` (else the first selectable row)."""
        under_cursor = self.current_key
        moved = not self._change_in_place(rows) and not self._move_in_place(rows)
        if moved:
            self._add_every_row(rows)
        target = next((i for i, r in enumerate(rows) if keep is not None and r.key == keep), None)
        first = target is None
        if target is None:
            target = next((i for i, r in enumerate(rows) if r.key is not None), 0)
        if rows and (moved or target != self.cursor_row):
            self.move_cursor(row=target, animate=False, scroll=True)
            if first and not moved:
                self.scroll_home(animate=False)  # the heading above the first entry too
        if not moved and rows and self.current_key != under_cursor:
            # Moved in place onto another row at the same index: no cursor move says so.
            row_key = self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key
            self.post_message(DataTable.RowHighlighted(self, self.cursor_row, row_key))

    def _row_layout(self, row: Row, width: int) -> tuple[Text, int]:
        """``row``'s text and height for ``width`` (laid out once per Row and width)."""
        if row.height:
            return row.text, row.height
        hit = self._fitted.get(id(row))
        if hit is not None and hit[0] is row and hit[1] == width:
            return hit[2], hit[3]
        text, height = fit(row.text, width)
        self._fitted[id(row)] = (row, width, text, height)
        return text, height

    def _change_in_place(self, rows: Sequence[Row]) -> bool:
        """Change only the rows that changed, when the list is the same keys in the same
        order at the same width, each as tall as before: a save changes one person's row
        of thousands, and re-adding them all was most of applying a new view. False (and
        nothing changed) when it is not so."""
        old = self._rows
        width = self._content_width()
        if width != self._width or len(old) != len(rows) or not rows:
            return False
        if self._added < len(old):
            return False  # still being filled: added afresh
        updates: list[tuple[str, Text]] = []
        for index, (before, after) in enumerate(zip(old, rows, strict=True)):
            if before is after:
                continue
            if before.key != after.key:
                return False
            if same_text(before.text, after.text) and before.height == after.height:
                # A heading made again with the same count, a row rebuilt as it was:
                # changing its cell would make the table paint every row in sight again.
                laid_out = self._fitted.get(id(before))
                if laid_out is not None and laid_out[0] is before:
                    self._fitted[id(after)] = (after, *laid_out[1:])
                continue
            text, height = self._row_layout(after, width)
            if height != self._row_layout(before, width)[1]:
                return False
            updates.append((after.key or f"{HEADING}{index}", text))
        self._rows = rows
        for key, text in updates:
            self.update_cell(key, COLUMN, text)
        self._fitted = {id(row): self._fitted[id(row)] for row in rows if id(row) in self._fitted}
        return True

    def _move_in_place(self, rows: Sequence[Row]) -> bool:
        """Remove the rows that went, add those that came, change those that changed and
        sort them all into the new order, when only a few came or went at the same width:
        a note for someone in the queue moves their item, and filling the queue afresh
        (660 rows at J100k) repainted every row. ``DataTable`` has no insert, so a row
        that comes is added at the end and sorted into place; nothing is painted before
        the order is whole. False (and nothing changed) when it is not so."""
        old, width = self._rows, self._content_width()
        if width != self._width or not rows or not old or self._added < len(old):
            return False
        before = {row.key or f"{HEADING}{i}": row for i, row in enumerate(old)}
        keys = [row.key or f"{HEADING}{i}" for i, row in enumerate(rows)]
        if len(set(keys)) != len(keys):
            return False
        gone = before.keys() - set(keys)
        if len(gone) + sum(key not in before for key in keys) > MOST_MOVED:
            return False
        # Worked out whole before the table is touched: (key, text, height, how).
        plan: list[tuple[str, Text, int, str]] = []
        for key, row in zip(keys, rows, strict=True):
            was = before.get(key)
            if was is None:
                plan.append((key, *self._row_layout(row, width), "add"))
            elif was is row or (same_text(was.text, row.text) and was.height == row.height):
                plan.append((key, self.get_cell(key, COLUMN), 0, "keep"))
            else:
                text, height = self._row_layout(row, width)
                same_height = height == self._row_layout(was, width)[1]
                plan.append((key, text, height, "change" if same_height else "add again"))
        position = {id(text): index for index, (_, text, _, _) in enumerate(plan)}
        if len(position) != len(plan):
            return False  # a text shown twice: its place could not be told
        for key in gone:
            self.remove_row(key)
        for key, text, height, how in plan:
            if how == "change":
                self.update_cell(key, COLUMN, text)
            elif how != "keep":
                if how == "add again":
                    self.remove_row(key)
                self.add_row(text, height=height, key=key)
        self.sort(key=lambda cells: position[id(cells[0])])
        self._rows, self._added = rows, len(rows)
        listed = {id(row) for row in rows}
        self._fitted = {k: v for k, v in self._fitted.items() if k in listed}
        return True

    def _add_every_row(self, rows: Sequence[Row]) -> None:
        """Every row added afresh: the first screenful now, the rest on the next frames,
        ``FILL_STEP`` rows at a time, so a long list (the queue's 660 rows at J100k, ~0.1 s
        to lay out and add) does not hold up the screen it is part of."""
        self._rows = rows
        self._added = 0
        self._width = self._content_width()
        self.clear(columns=True)
        self.add_column(COLUMN, width=self._width, key=COLUMN)
        self._add_up_to(max(FIRST_ROWS, 2 * self.size.height) - 1)
        if self._added < len(rows):
            self.call_after_refresh(self._fill, rows)

    def _fill(self, rows: Sequence[Row]) -> None:
        """Add the next rows of ``rows``, if they are still the list (on the next frame)."""
        if rows is not self._rows or self._added >= len(rows):
            return
        self._add_up_to(self._added + FILL_STEP - 1)
        if self._added < len(rows):
            self.set_timer(0.01, lambda: self._fill(rows))

    def _add_up_to(self, last: int) -> None:
        """Add the rows not in the table yet up to index ``last`` (laid out once per Row)."""
        rows, width = self._rows, self._width
        if self._adding or self._added >= len(rows) or last < self._added:
            return
        self._adding = True
        try:
            for index in range(self._added, min(last + 1, len(rows))):
                row = rows[index]
                text, height = self._row_layout(row, width)
                self.add_row(text, height=height, key=row.key or f"{HEADING}{index}")
                self._added = index + 1
        finally:
            self._adding = False
        if self._added == len(rows):  # the layouts of rows no longer listed go
            listed = {id(row) for row in rows}
            self._fitted = {k: v for k, v in self._fitted.items() if k in listed}

    def move_cursor(
        self,
        *,
        row: int | None = None,
        column: int | None = None,
        animate: bool = False,
        scroll: bool = True,
    ) -> None:
        """As ``DataTable``'s, with the rows up to ``row`` added first if still filling."""
        if row is not None:
            self._add_up_to(row)
        super().move_cursor(row=row, column=column, animate=animate, scroll=scroll)

    def move_to(self, key: str) -> bool:
        """Put the cursor on ``key``'s row; False when it is not listed."""
        for index, row in enumerate(self._rows):
            if row.key == key:
                self.move_cursor(row=index, animate=False, scroll=True)
                return True
        return False

    class WidthChanged(Message):
        """The width changed and some rows were laid out by their owner: rebuild them."""

    def on_resize(self, event: Resize) -> None:
        if self._rows and self._content_width() != self._width:
            if any(row.height for row in self._rows):
                self.post_message(self.WidthChanged())
            else:
                self.set_rows(self._rows, keep=self.current_key)

    def watch_cursor_coordinate(self, old, new) -> None:
        # Headings are not stops: step over them in the direction of travel.
        super().watch_cursor_coordinate(old, new)
        rows, added = self._rows, self._added
        if old == new or self.row_count != added:  # unchanged, or a row being added
            return
        if not 0 <= new.row < added or rows[new.row].key is not None:
            return
        step = 1 if new.row >= old.row else -1
        index = new.row + step
        while 0 <= index < added and rows[index].key is None:
            index += step
        if 0 <= index < added:
            self.move_cursor(row=index, animate=False)
        elif 0 <= old.row < added and rows[old.row].key is not None:
            # Nothing selectable that way (up from the first item): stay where it was.
            self.move_cursor(row=old.row, animate=False)
