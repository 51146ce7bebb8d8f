"""Page keys in an option list before it is laid out (the kind picker the instant it
opens) move nothing instead of ending the app."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import OptionList

from relate_tui.app.widgets import option_paging


class _Unlaid(App[None]):
    CSS = "OptionList { display: none; }"  # never given a size: no lines yet

    def compose(self) -> ComposeResult:
        yield OptionList("call", "coffee", "email", "meeting")


async def test_page_keys_before_the_list_has_lines_move_nothing() -> None:
    option_paging.install()
    app = _Unlaid()
    async with app.run_test() as pilot:
        options = app.query_one(OptionList)
        options.highlighted = 2
        options.action_page_up()
        options.action_page_down()
        await pilot.pause()
        assert options.highlighted == 2
