"""The relationship picture in the app: Textual ``Sparkline``s of touches and jots.

``MonthStrip`` sits under the person card (the last 12 months of one person), ``WeekChart``
at the top of the weekly review (everyone's last 12 weeks). Both are given their counts
(attributes down) and never read the journal. Heights carry the numbers and words beside
them say the totals, so they read the same with NO_COLOR and in the high-contrast theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Sparkline, Static

from relate_tui.app.themes import HIGH_CONTRAST
from relate_tui.domain.activity import Period
from relate_tui.report.activity import MONTH_NAMES, month_axis, since_words

PLAIN_BARS = """
MonthStrip.-no-color Sparkline > .sparkline--min-color,
WeekChart.-no-color Sparkline > .sparkline--min-color { color: $foreground 55%; }
MonthStrip.-no-color Sparkline > .sparkline--max-color,
WeekChart.-no-color Sparkline > .sparkline--max-color { color: $foreground; }
MonthStrip.-high-contrast Sparkline > .sparkline--min-color,
WeekChart.-high-contrast Sparkline > .sparkline--min-color { color: $primary 60%; }
"""
"""Bars that read without colour and in the high-contrast theme. A Sparkline shades each
bar from a faint colour (its lowest) to a full one (its highest); Textual's faint one is
the theme's primary at 30%, which NO_COLOR turns into a grey barely off the background, so
a quiet month looked like no month. Without colour the bars are the text's own grey, the
quietest at 55%; in the high-contrast theme the quietest is yellow at 60%. Both stand
out 3:1 at least (``tests/pilot/test_picture_readable.py``)."""


class _Picture(Vertical):
    """What both pictures share: faint bars that still read without colour and in the
    high-contrast theme (``PLAIN_BARS``)."""

    def on_mount(self) -> None:
        self.set_class(self.app.no_color, "-no-color")
        self.watch(self.app, "theme", self._theme_changed, init=True)

    def _theme_changed(self, theme: str) -> None:
        self.set_class(theme == HIGH_CONTRAST.name, "-high-contrast")


def chart_data(values: Sequence[int], *, height: int, cells: int = 1) -> list[float]:
    """What to hand a ``Sparkline`` so that none is the floor and any touch shows.

    A ``Sparkline`` scales from the smallest value to the largest, so a month with one
    touch among months of twenty would look empty, and a year of steady contact would
    show its quietest month as nothing. Each cell gets a pair (0, level): the pair's
    maximum is drawn (``summary_function=max``) and the 0 pins the floor; a level is
    lifted by one step so the smallest count stands above the floor. ``cells`` draws
    each value that many cells wide.
    """
    steps = 8 * height - 1  # the bar heights a Sparkline of this height can draw
    top = max(values, default=0)
    lift = top / (steps - 1) if top else 0.0
    data: list[float] = []
    for value in values:
        level = float(value) + lift if value > 0 else 0.0
        data += [0.0, level] * cells
    return data


class MonthStrip(_Picture):
    """A person's last months: touches and jots over the months' initials, with words."""

    DEFAULT_CSS = (
        """
    MonthStrip { height: auto; padding: 0 1; }
    MonthStrip > Horizontal { height: 1; }
    MonthStrip .strip-label { width: 11; color: $text-muted; }
    MonthStrip Sparkline { width: 12; height: 1; }
    MonthStrip .strip-axis { width: 12; color: $text-muted; }
    MonthStrip .strip-words { width: 1fr; padding-left: 2; }
    MonthStrip #strip-since { height: auto; text-style: italic; }
    """
        + PLAIN_BARS
    )

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static("12 months", classes="strip-label")
            yield Static("", classes="strip-axis", id="strip-axis")
        with Horizontal():
            yield Static("touches", classes="strip-label")
            yield Sparkline([], summary_function=max, id="strip-touches")
            yield Static("", classes="strip-words", id="strip-touch-count")
        with Horizontal():
            yield Static("jots", classes="strip-label")
            yield Sparkline([], summary_function=max, id="strip-jots")
            yield Static("", classes="strip-words", id="strip-jot-count")
        yield Static("", id="strip-since")

    def show(self, months: Sequence[Period], today: date) -> None:
        """Draw ``months`` (oldest first, this month last)."""
        touches = [p.touches for p in months]
        jots = [p.jots for p in months]
        self.query_one("#strip-axis", Static).update(month_axis(months))
        self.query_one("#strip-since", Static).update(Text(since_words(months, today)))
        self.query_one("#strip-touches", Sparkline).data = chart_data(touches, height=1)
        self.query_one("#strip-jots", Sparkline).data = chart_data(jots, height=1)
        self.query_one("#strip-touch-count", Static).update(str(sum(touches)))
        self.query_one("#strip-jot-count", Static).update(str(sum(jots)))


class WeekChart(_Picture):
    """Everyone's touches over the last weeks: a three-line chart, oldest week on the left."""

    CELLS = 2
    """Cells per week: 24 columns for 12 weeks, wide enough to see a shape."""

    DEFAULT_CSS = (
        """
    WeekChart { height: auto; padding: 0 1; margin-bottom: 1; }
    WeekChart #week-title { text-style: bold underline; }
    WeekChart Sparkline { width: 24; height: 3; }
    WeekChart #week-axis { width: 100%; color: $text-muted; }
    """
        + PLAIN_BARS
    )

    def compose(self) -> ComposeResult:
        yield Static("Touches by week", id="week-title")
        yield Sparkline([], summary_function=max, id="week-spark")
        yield Static("", id="week-axis")

    def show(self, weeks: Sequence[Period]) -> None:
        """Draw ``weeks`` (oldest first, this week last)."""
        touches = [p.touches for p in weeks]
        this_week = touches[-1] if touches else 0
        title = f"Touches, last {len(weeks)} weeks: {sum(touches)} in all, {this_week} this week"
        self.query_one("#week-title", Static).update(Text(title))
        spark = self.query_one("#week-spark", Sparkline)
        spark.data = chart_data(touches, height=3, cells=self.CELLS)
        width = len(weeks) * self.CELLS
        start = weeks[0].start if weeks else None
        first = f"{start.day} {MONTH_NAMES[start.month - 1][:3]}" if start else ""
        axis = f"{first:<{max(0, width - 4)}}{'now':>4}" if weeks else ""
        self.query_one("#week-axis", Static).update(Text(axis))
