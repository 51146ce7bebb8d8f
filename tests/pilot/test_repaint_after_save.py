"""After a save, the screen repaints only what changed (README "Speed", screen settled):
the footer keeps its keys when they are the same keys, and follows when one changes; a
list made again with the same rows (the queue's headings, counted again) changes no cell."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets._footer import FooterKey

from relate_tui.app import RelateApp
from relate_tui.app.rows import Row
from relate_tui.app.widgets.footer import KeysFooter
from relate_tui.app.widgets.list_table import COLUMN, ListTable
from tests.pilot.conftest import settle


def _footer(app: RelateApp) -> list[FooterKey]:
    return list(app.main.query_one(KeysFooter).query(FooterKey))


def _shown(keys: list[FooterKey]) -> list[tuple[str, str]]:
    return [(k.key_display, k.description) for k in keys]


async def test_the_footer_keeps_its_keys_across_a_save(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = _footer(demo_app)
        assert ("n", "Note") in _shown(before)
        await pilot.press("n", *"Called about the trip")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.screen is demo_app.main
        assert any(n.body == "Called about the trip" for n in demo_app.journal.data().notes)
        after = _footer(demo_app)
        # The same widgets: the form closing and the new view rebuilt none of them.
        assert [id(k) for k in after] == [id(k) for k in before]
        assert _shown(after) == _shown(before)


async def test_the_footer_follows_a_key_that_changes(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = demo_app.main
        ana = next(p.id for p in demo_app.view.data.people if p.name == "Ana Lima")
        main.jump_to(ana)
        await pilot.pause()
        await pilot.pause()
        on_promise = dict(_shown(_footer(demo_app)))
        await pilot.press("down")  # from her promise to a note: d is no longer Keep
        await pilot.pause()
        await pilot.pause()
        on_note = dict(_shown(_footer(demo_app)))
        active = main.active_bindings
        assert on_promise["d"] != on_note["d"]
        assert on_note["d"] == active["d"].binding.description
        assert on_note["e"] == active["e"].binding.description


class _Lists(App[None]):
    def compose(self) -> ComposeResult:
        yield ListTable(id="list")


def _rows(count: str) -> list[Row]:
    return [
        Row(None, Text(f"Overdue ({count})", style="bold underline")),
        Row("a", Text("Ana\n  reconnect")),
        Row("b", Text("Bo\n  reconnect")),
    ]


async def test_a_list_made_again_with_the_same_rows_changes_no_cell() -> None:
    app = _Lists()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(ListTable)
        first = _rows("2")
        table.set_rows(first)
        await pilot.pause()
        heading = table.get_cell("-heading-0", COLUMN)
        again = [Row(r.key, r.text.copy(), r.height) for r in first]
        table.set_rows(again, keep="b")
        await pilot.pause()
        assert table.get_cell("-heading-0", COLUMN) is heading  # not updated: nothing changed
        assert table.current_key == "b"
        # A heading whose count changed is changed, in place.
        table.set_rows([Row(None, Text("Overdue (3)", style="bold underline")), *again[1:]])
        await pilot.pause()
        assert table.get_cell("-heading-0", COLUMN).plain == "Overdue (3)"
        # The same characters in another style are not the same row.
        table.set_rows([Row(None, Text("Overdue (3)", style="italic")), *again[1:]])
        await pilot.pause()
        assert table.get_cell("-heading-0", COLUMN).style == "italic"


def _queue(*names: str, counts: tuple[int, int] | None = None) -> list[Row]:
    """A queue of two groups: the first two names overdue, the rest later."""
    overdue, later = names[:2], names[2:]
    counts = counts or (len(overdue), len(later))
    return [
        Row(None, Text(f"Overdue ({counts[0]})", style="bold underline")),
        *(Row(name, Text(f"{name}\n  reconnect")) for name in overdue),
        Row(None, Text(f"\nLater ({counts[1]})", style="bold underline")),
        *(Row(name, Text(f"{name}\n  reconnect\n  “a note”")) for name in later),
    ]


def _shown_rows(table: ListTable) -> list[tuple[str, str]]:
    return [
        (row.key.value or "", table.get_cell(row.key, COLUMN).plain)  # type: ignore[arg-type]
        for row in table.ordered_rows
    ]


def _expected(rows: list[Row]) -> list[tuple[str, str]]:
    return [(r.key or f"-heading-{i}", r.text.plain) for i, r in enumerate(rows)]


async def test_a_row_that_moves_is_moved_in_place_and_the_list_is_whole() -> None:
    """A note for someone in the queue moves their item: the table takes the rows that
    came and went and sorts them into the new order, rather than filling afresh; the
    list it shows is exactly the new one, and the cursor stays on its item."""
    app = _Lists()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(ListTable)
        names = [f"p{n:02}" for n in range(30)]
        table.set_rows(_queue(*names), keep="p05")
        await pilot.pause()
        kept = table.get_cell("p20", COLUMN)
        steps = [
            # p00 touched: out of Overdue, to the end of Later (its row taller now).
            [*names[1:3], *names[3:], "p00"],
            # someone new comes in the middle, someone leaves
            [*names[1:3], "new", *names[3:10], *names[11:], "p00"],
            # the item under the cursor leaves: the cursor goes to the first entry
            [*names[1:3], "new", *names[3:5], *names[6:10], *names[11:], "p00"],
        ]
        for step in steps:
            under = table.current_key
            rows = _queue(*step)
            table.set_rows(rows, keep=under)
            await pilot.pause()
            assert _shown_rows(table) == _expected(rows)
            assert table.row_count == len(rows)
            if under in step:
                assert table.current_key == under
            else:
                assert table.current_key == step[0]
        assert table.get_cell("p20", COLUMN) is kept, "moved, not filled afresh"


async def test_many_rows_changed_fill_the_list_afresh() -> None:
    app = _Lists()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(ListTable)
        table.set_rows(_queue(*(f"a{n}" for n in range(40))))
        await pilot.pause()
        rows = _queue(*(f"b{n}" for n in range(40)))
        table.set_rows(rows)
        await pilot.pause()
        assert _shown_rows(table) == _expected(rows)
        assert table.current_key == "b0"
