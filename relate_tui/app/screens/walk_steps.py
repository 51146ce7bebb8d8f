"""The walk's wiring that is not about one action: its footer (which keys show at which
width) and its steps (an outcome noted, the walk moved on to the next item still due, a
journal change run and noted once on disk). ``WalkScreen`` (``review_walk``) is made of
these and its actions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from textual.binding import ActiveBinding
from textual.events import Resize

from relate_tui.app.screens.walk_outcomes import Still
from relate_tui.app.session import Session
from relate_tui.app.widgets.footer import KeysFooter
from relate_tui.app.widgets.review_walk import WalkOutcome
from relate_tui.domain.queue import QueueItem
from relate_tui.journal import Journal

# Outcomes after which the person's rhythm item is no longer due this week (keeping a
# promise does only when it logs a touch: the walk says which).
_RESTARTS_RHYTHM = {"logged", "snoozed", "tried"}


class WalkFooter:
    """The walk's footer: compact when narrow, and without "q Quit" below 80 columns."""

    size: Any
    query_one: Any
    refresh_bindings: Any

    def on_resize(self, event: Resize) -> None:
        footer = self.query_one(KeysFooter)
        footer.compact = event.size.width < 100
        footer.show_command_palette = event.size.width >= 80  # room for ? Help and u Undo
        self.refresh_bindings()  # q Quit leaves or rejoins the footer (``active_bindings``)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The footer's keys: below 80 columns without "q Quit" (q still quits), so that
        a promise's "x Drop" leaves room for "? Help" and "u Undo" at 60 columns."""
        active = super().active_bindings
        if self.size.width >= 80:
            return active
        return {
            key: shown._replace(binding=replace(shown.binding, show=False))
            if shown.binding.action in ("quit", "app.quit")
            else shown
            for key, shown in active.items()
        }


class WalkSteps:
    """Noting what happened to each item and moving on (the walk's state lives on the
    screen: these read and change it)."""

    session: Session
    items: tuple[QueueItem, ...]
    index: int
    today: date
    outcomes: list[WalkOutcome]
    checks: list[Still | None]
    finished: bool
    complete: bool
    busy: bool
    show_why: bool
    settled: set[str]
    # And the screen's ``item`` (the item looked at) and ``_show`` (draw the card).
    item: QueueItem | None
    _show: Callable[[], None]

    def _record(
        self,
        action: str,
        detail: str = "",
        *,
        settles: bool | None = None,
        still: Still | None = None,
    ) -> None:
        """Note what happened to the current item and move to the next one still due.

        ``settles``: whether the person's rhythm item is dealt with too (by default, as
        the action usually does: a touch, a snooze, a try). ``still``: how the summary tells
        the change is still in the journal.
        """
        item = self.item
        if item is None:
            return
        self.outcomes.append(WalkOutcome(item, action, detail))
        self.checks.append(still)
        if settles is None:
            settles = action in _RESTARTS_RHYTHM
        if settles:
            self.settled.add(item.person_id)
        self.busy = False
        self.show_why = False
        self.index += 1
        # Pass over rhythm items this walk already dealt with: a touch restarts the rhythm
        # and a snooze hides it (so does keeping a promise with a touch). Promises and
        # dates stay.
        while self.index < len(self.items):
            upcoming = self.items[self.index]
            if upcoming.kind != "rhythm" or upcoming.person_id not in self.settled:
                break
            self.index += 1
        if self.index >= len(self.items):
            self.finished = self.complete = True
        self._show()

    def _change(
        self,
        job: Callable[[Journal], Any],
        action: str,
        detail: str | Callable[[Any], str],
        *,
        settles: bool | None = None,
        still: Callable[[Any], Still] | None = None,
    ) -> None:
        """Run a journal change; record ``action`` once it is on disk (``still`` gives, from
        the change's result, how to tell it is still there)."""
        self.busy = True

        def saved(result: object) -> None:
            words = detail(result) if callable(detail) else detail
            self._record(action, words, settles=settles, still=still(result) if still else None)

        def failed(_error: Exception) -> None:
            self.busy = False  # the app said why; the item stays so it can be tried again

        self.session.change(job, saved, failed)
