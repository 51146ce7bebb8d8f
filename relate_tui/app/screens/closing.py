"""Closing a screen once, and only while it is the one on top.

``Screen.dismiss`` pops whatever screen is on top. Called twice (enter pressed twice
before the first was handled; a save finishing after the user moved on) it would resolve
the result twice (``InvalidStateError``) or pop another screen: the confirmation above a
form, or a form the user has since opened, with what they typed.
"""

from __future__ import annotations

from typing import Any

from textual.app import ScreenStackError
from textual.screen import Screen


def close(screen: Screen[Any], result: Any = None) -> bool:
    """Dismiss ``screen`` with ``result`` if it is the screen on top; False if it is not
    (already closed, or something was opened over it)."""
    try:
        on_top = screen.app.screen is screen
    except ScreenStackError:
        on_top = False
    if on_top:
        screen.dismiss(result)
    return on_top


class ClosesWhenSaved:
    """For a screen that closes itself when its save is on disk (``finish``): if another
    screen was opened over it meanwhile (help, a question), it closes as soon as it is on
    top again rather than staying open, saved, with its save key disabled."""

    _finished: tuple[Any] | None = None

    def finish(self, result: Any = None) -> None:
        """Close with ``result`` now, or once this screen is back on top."""
        screen: Screen[Any] = self  # type: ignore[assignment]
        if not close(screen, result):
            self._finished = (result,)

    def on_screen_resume(self) -> None:
        if self._finished is not None:
            (result,), self._finished = self._finished, None
            close(self, result)  # type: ignore[arg-type]
