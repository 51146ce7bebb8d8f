"""``Palette``: Textual's command palette, less four ways it can break the app.

The random-key run (``tests/pilot/monkey.py``) found these in Textual 8.2.8's
``CommandPalette``; each is a real key sequence a quick typist can produce:

- escape, then an enter still queued in the palette's input: the palette dismissed itself
  twice, and the second time popped the screen under it (the main screen, or a form and
  what was typed in it). ``dismiss`` now does nothing once the palette is not on top.
- page up or down while the list is hidden or not laid out yet: ``OptionList`` looks up
  the line of the highlighted option (option 0 when none is) and raises ``KeyError``.
- ctrl+p while a palette is still open under another screen, or still being taken down:
  a second palette with Textual's fixed id raised ``DuplicateIds``. One palette at a
  time (``RelateApp.action_command_palette``), and no fixed id.
- a search still running (or started by a key still queued) when the palette closes:
  its list is gone by the time the results arrive (``NoMatches`` from a worker). Nobody is
  waiting for those results: such a search is not started, or ends quietly.

``RelateApp.action_command_palette`` opens this palette instead of Textual's, and so does
``RelateApp.search_themes`` (the "Theme" command's list).
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches


async def _nothing() -> None:
    """What awaiting a dismissal that did not happen waits for."""


class Palette(CommandPalette):
    """The command palette (ctrl+p); see the module docstring for what differs."""

    @property
    def _on_top(self) -> bool:
        return self.app.screen is self

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if not self._on_top:
            return AwaitComplete(_nothing())  # already closed: never close what is below
        return super().dismiss(result)

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down"):
            commands = self.query_one(CommandList)
            # Textual pages from the highlighted option's line, or option 0's with none.
            if (commands.highlighted or 0) not in commands._index_to_line:
                return  # no line laid out for it (the list is hidden): nothing to page
        super()._action_command_list(action)

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        if not self._on_top:
            return  # closing: nobody will see the results
        gather = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]
        try:
            await gather(self, search_value)
        except NoMatches:
            if self._on_top:
                raise  # the list is missing from an open palette: a real bug
            # The palette closed while the search ran, and its list went with it.


def palette_open(app: App[Any]) -> bool:
    """True when a command palette is anywhere on the screen stack (Textual's own
    ``CommandPalette.is_open`` looks only at the screen on top)."""
    return any(isinstance(screen, CommandPalette) for screen in app.screen_stack)
