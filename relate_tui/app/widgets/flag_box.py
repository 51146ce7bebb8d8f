"""A checkbox whose state is readable without colour."""

from __future__ import annotations

from textual.widgets import Checkbox


class FlagBox(Checkbox):
    """A ``Checkbox`` drawn ``[X]`` when ticked and ``[ ]`` when not.

    Textual's checkbox draws the same ``X`` either way and tells the states apart by colour
    alone, which is unreadable with ``NO_COLOR``, in monochrome themes and for people who
    don't see that colour difference.
    """

    BUTTON_LEFT = "["
    BUTTON_RIGHT = "]"

    def watch_value(self, value: bool) -> None:
        # An instance attribute shadows the class's constant inner character.
        self.BUTTON_INNER = "X" if value else " "
        self.refresh()

    def on_mount(self) -> None:
        self.watch_value(self.value)
