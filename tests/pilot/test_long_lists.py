"""A long list (the queue of 10,000 people: ~660 rows) shows its first screenful at once
and the rest a few frames later, and is never a wrong list meanwhile: every row lands in
order, a jump or a cursor to a row further down finds it, and a new list started before
the last one was filled replaces it whole (README "Speed", first paint)."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.app import App, ComposeResult

from relate_tui.app.rows import Row
from relate_tui.app.widgets.list_table import FIRST_ROWS, HEADING, ListTable


def _rows(count: int, tag: str = "") -> list[Row]:
    rows = []
    for index in range(count):
        if index % 50 == 0:
            rows.append(Row(None, Text(f"Heading {index}")))
        rows.append(Row(f"k{index}", Text(f"{tag}person {index}\n  why {index}")))
    return rows


class _Lists(App[None]):
    def compose(self) -> ComposeResult:
        yield ListTable(id="list")


def _keys_in_table(table: ListTable) -> list[str]:
    return [key.value for key in table.rows]  # type: ignore[misc]


async def _filled(table: ListTable, count: int) -> None:
    for _ in range(200):
        if table.row_count == count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{table.row_count} of {count} rows after 2 s")


async def test_a_long_list_shows_its_first_rows_at_once_and_the_rest_in_order() -> None:
    app = _Lists()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(ListTable)
        rows = _rows(700)
        table.set_rows(rows)
        assert FIRST_ROWS <= table.row_count < len(rows), "the first screenful, not all"
        assert table.current_key == "k0"
        await _filled(table, len(rows))
        await pilot.pause()
        expected = [r.key or f"{HEADING}{i}" for i, r in enumerate(rows)]
        assert _keys_in_table(table) == expected
        assert table.current_key == "k0"


async def test_a_row_further_down_is_found_before_the_list_is_filled() -> None:
    app = _Lists()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(ListTable)
        table.set_rows(_rows(700))
        assert table.move_to("k650")
        assert table.current_key == "k650"
        table.set_rows(_rows(700, tag="new "), keep="k600")
        assert table.current_key == "k600"
        await _filled(table, 714)
        await pilot.pause()
        assert table.current_key == "k600"


async def test_a_new_list_while_the_last_is_filling_replaces_it_whole() -> None:
    app = _Lists()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(ListTable)
        table.set_rows(_rows(700))
        shorter = _rows(300, tag="new ")
        table.set_rows(shorter)
        await _filled(table, len(shorter))
        await asyncio.sleep(0.2)  # the first list's fill must not come back
        await pilot.pause()
        assert table.row_count == len(shorter)
        assert _keys_in_table(table) == [r.key or f"{HEADING}{i}" for i, r in enumerate(shorter)]
        assert str(table.get_row_at(1)[0]).startswith("new person 0")


async def test_the_cursor_moved_to_a_row_not_added_yet_lands_on_it() -> None:
    app = _Lists()
    async with app.run_test(size=(60, 20)):
        table = app.query_one(ListTable)
        rows = _rows(700)
        table.set_rows(rows)
        table.move_cursor(row=len(rows) - 1)  # what "end" and page keys do
        assert table.current_key == "k699"
