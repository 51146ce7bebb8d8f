"""The weekly review screen (w): what is due, how the week went, who is drifting.

The due list is the queue's own widget (overdue, today, this week); below or beside it
the other sections. ``w`` (or enter on an item) starts the walk through the due items.
The review is computed in a thread from the session's current ``JournalView`` (an
immutable snapshot; it reads months of notes) and handed to the widgets whole; it is
computed again whenever the session publishes a newer view (after the walk's writes, or
the file changed on disk).
"""

from __future__ import annotations

from contextlib import suppress
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from relate_tui.app import keys
from relate_tui.app.clipboard import copy_to_tmux, in_tmux
from relate_tui.app.rows import QueueRows, queue_rows
from relate_tui.app.screens.review_walk import WalkScreen
from relate_tui.app.screens.why import WhyScreen
from relate_tui.app.session import Session
from relate_tui.app.view import JournalView
from relate_tui.app.widgets.activity import WeekChart
from relate_tui.app.widgets.footer import KeysFooter
from relate_tui.app.widgets.review_sections import SECTIONS, ReviewSection
from relate_tui.app.widgets.touch_queue import TouchQueue
from relate_tui.domain.queue import QueueItem, explain
from relate_tui.domain.review import Review
from relate_tui.report.phrases import NOTHING_DUE, week_title, weekday_day
from relate_tui.report.review import review_markdown


class ReviewScreen(Screen[None]):
    """The review on one screen; escape goes back to the main screen."""

    CSS_PATH = "review.tcss"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("review")

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.review: Review | None = None
        self._seen_view: JournalView | None = None
        self._walk_when_ready = False

    def compose(self) -> ComposeResult:
        yield Static(Text("Weekly review", style="bold"), id="review-title")
        with Horizontal(id="review-body"):
            with Vertical(id="review-left"):
                yield TouchQueue(id="review-due")
                yield Static(Text(NOTHING_DUE, style="italic"), id="review-quiet")
            with VerticalScroll(id="review-sections"):
                yield WeekChart(id="review-weeks")
                for section in SECTIONS:
                    yield ReviewSection(section)
        yield KeysFooter()

    def on_mount(self) -> None:
        due = self.query_one("#review-due", TouchQueue)
        due.border_title = "Due this week and overdue"
        self.query_one("#review-quiet").border_title = "Due this week and overdue"
        due.focus()
        self.session.subscribe(self, self.refresh_review)

    def on_resize(self, event: Resize) -> None:
        # A compact footer fits the keys into an 80-column tmux split; below 80 the
        # palette hint gives way to ? Help and u Undo.
        footer = self.query_one(KeysFooter)
        footer.compact = event.size.width < 100
        footer.show_command_palette = event.size.width >= 80
        self._show_title()

    # -- data -------------------------------------------------------------------------

    def refresh_review(self, view: JournalView) -> None:
        """Compute the review again from a new journal view; the widgets follow."""
        self._seen_view = view
        self._compute(view)

    @work(thread=True, exclusive=True, group="review")
    def _compute(self, view: JournalView) -> None:
        # Off the event loop: months of notes to read on a big journal. The view is an
        # immutable snapshot, so nothing here touches the journal file or the widgets.
        review = view.data.review(view.today, view.settings)
        rows = queue_rows(review.due, review.today)
        if get_current_worker().is_cancelled:
            return  # the screen closed (or a newer view started its own computation)
        with suppress(RuntimeError):  # the app is shutting down: nobody to show it to
            self.app.call_from_thread(self._computed, view, review, rows)

    def _computed(self, view: JournalView, review: Review, rows: QueueRows) -> None:
        if view is not self._seen_view or not self.is_attached:
            return  # a newer view came in meanwhile (its review is on its way), or closed
        self.show_review(review, rows)
        if self._walk_when_ready:
            self._walk_when_ready = False
            self.action_walk()

    def show_review(self, review: Review, rows: QueueRows | None = None) -> None:
        """Show ``review``: the due list keeps its cursor, each section redraws."""
        self.review = review
        today = review.today
        self._show_title()
        due = self.query_one("#review-due", TouchQueue)
        due.set_items(rows or queue_rows(review.due, today))
        due.border_title = f"Due this week and overdue ({len(review.due)})"
        self.set_class(review.nothing_due, "-quiet")
        self.query_one(WeekChart).show(review.weeks)
        for section in self.query(ReviewSection):
            section.review = review

    def _show_title(self) -> None:
        """ "Weekly review · Mon 30 Nov – Sun 6 Dec 2026 · today Wed 2 Dec"; "Review" when
        narrow, so a 60-column split keeps the whole date (the title wraps if it must)."""
        review = self.review
        if review is None:
            return
        narrow = self.size.width < 66
        title = Text("Review" if narrow else "Weekly review", style="bold")
        title.append(f" · {week_title(review)} · today {weekday_day(review.today)}")
        self.query_one("#review-title", Static).update(title)

    # -- actions ----------------------------------------------------------------------

    def _current(self) -> QueueItem | None:
        return self.query_one("#review-due", TouchQueue).current

    def action_walk(self, start: QueueItem | None = None) -> None:
        """Walk the due items one by one, from the first (or from ``start``)."""
        review = self.review
        if review is None:
            self._walk_when_ready = True  # w w typed quickly: walk once the review is in
            return
        if review.nothing_due:
            self.notify(NOTHING_DUE)
            return
        items = review.due
        index = items.index(start) if start in items else 0
        self.app.push_screen(WalkScreen(self.session, items, index, review.today))

    @on(TouchQueue.Selected)
    def _selected(self, message: TouchQueue.Selected) -> None:
        message.stop()
        self.action_walk(message.item)

    @on(TouchQueue.Highlighted)
    def _highlighted(self, message: TouchQueue.Highlighted) -> None:
        message.stop()

    def action_why(self) -> None:
        item = self._current()
        if item is None or self.review is None:
            self.notify("Nothing due to explain: pick an item in the due list.")
            return
        week_start = self.session.settings.week_start
        self.app.push_screen(WhyScreen(explain(item, self.review.today, week_start)))

    def action_copy(self) -> None:
        """Copy the review as Markdown (the same document as ``relate week --markdown``)."""
        if self.review is None:
            return
        text = review_markdown(self.review)
        self.app.copy_to_clipboard(text)  # the terminal's clipboard (OSC 52)
        if in_tmux():
            self._copy_to_tmux(text)
            return
        self.notify("Copied the review as Markdown (relate week --markdown prints it too).")

    @work(thread=True, group="copy")
    def _copy_to_tmux(self, text: str) -> None:
        # tmux ignores OSC 52 by default: hand it the text too (a subprocess, so a thread).
        copied = copy_to_tmux(text)
        words = (
            "Copied the review as Markdown (in tmux's buffer too: prefix ] pastes it)."
            if copied
            else "Copied the review as Markdown; tmux did not take it: "
            "relate week --markdown prints it too."
        )
        with suppress(RuntimeError):  # the app is closing
            self.app.call_from_thread(self.notify, words)

    def action_close(self) -> None:
        self.dismiss(None)
