"""Page up and page down in an option list that is not laid out yet.

Textual 8.2's ``OptionList`` pages by looking up the highlighted option's line, and the
lines are made only once the list has a size: page up in the note form's kind picker the
instant it opens (a key pressed with ``enter`` in one burst) raised ``KeyError`` from
inside Textual and ended the app. Until the lines exist, a page key moves nothing: the
list is not on screen yet, so there is no page to move by. Installed once, for every
option list in the app (the kind picker's overlay is Textual's own, not a class of ours).
"""

from __future__ import annotations

from textual.widgets import OptionList

_page = OptionList._move_page


def _move_page_once_laid_out(self: OptionList, direction: int) -> None:
    if self.highlighted is not None and self.highlighted not in self._index_to_line:
        return
    _page(self, direction)  # type: ignore[arg-type]


def install() -> None:
    """Make page keys in option lists wait for their lines (idempotent)."""
    OptionList._move_page = _move_page_once_laid_out  # type: ignore[method-assign]
