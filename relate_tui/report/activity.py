"""The relationship picture as text: a Unicode strip of months or weeks, and tier bars.

``relate show`` prints a person's last 12 months, ``relate week`` everyone's last 12
weeks; the app draws the same counts with Textual's ``Sparkline``. Heights carry the
numbers, so the strips read the same without colour (NO_COLOR, a monochrome terminal):
``▁`` is a month with nothing, ``▂`` to ``█`` grow with the count, the busiest is ``█``.
Words beside each strip say the totals and the last touch, so nothing depends on the
picture alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from relate_tui.domain.activity import Period

BARS = "▁▂▃▄▅▆▇█"
MONTH_INITIALS = "JFMAMJJASOND"
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
TIER_BAR_WIDTH = 10


def spark(values: Sequence[int]) -> str:
    """One character per value: ``▁`` for none, then ``▂`` (one) up to ``█`` (the most)."""
    top = max(values, default=0)
    out = []
    for value in values:
        if value <= 0:
            out.append(BARS[0])
        else:
            step = (value - 1) / (top - 1) if top > 1 else 1.0
            out.append(BARS[1 + round(step * (len(BARS) - 2))])
    return "".join(out)


def month_axis(months: Sequence[Period]) -> str:
    """The months' initials, one character each, lined up under ``spark``."""
    return "".join(MONTH_INITIALS[p.start.month - 1] for p in months)


def since_words(months: Sequence[Period], today: date) -> str:
    """What the strip says in words: the month of the last touch, or how long it has been.

    "last touch this month", "last touch in November" (last month), then "nothing since
    June" once a whole month has gone by without one.
    """
    last = next((p.start for p in reversed(months) if p.touches), None)
    if last is None:
        return f"no touch in {len(months)} months"
    months_ago = (today.year - last.year) * 12 + today.month - last.month
    name = MONTH_NAMES[last.month - 1] + (f" {last.year}" if last.year != today.year else "")
    if months_ago == 0:
        return "last touch this month"
    if months_ago == 1:
        return f"last touch in {name}"
    return f"nothing since {name}"


def person_strip(months: Sequence[Period], today: date) -> list[str]:
    """A person's last months as three lines: the axis, touches and jots, with totals.

    ```
    Last 12 months   JFMAMJJASOND
      touches        ▂▂▃▂▂▂▁▁▁▁▁▁  9 · nothing since June
      jots           ▁▁▁▁▁▂▁▁▁▁▁▁  1
    ```
    """
    touches = [p.touches for p in months]
    jots = [p.jots for p in months]
    label = f"Last {len(months)} months"
    width = max(len(label), 9) + 2
    return [
        f"{label:<{width}}{month_axis(months)}",
        f"{'  touches':<{width}}{spark(touches)}  {sum(touches)} · {since_words(months, today)}",
        f"{'  jots':<{width}}{spark(jots)}  {sum(jots)}",
    ]


def weeks_line(weeks: Sequence[Period]) -> str:
    """Everyone's touches week by week, oldest first, on one line with the totals."""
    touches = [p.touches for p in weeks]
    this_week = touches[-1] if touches else 0
    return (
        f"Touches, last {len(weeks)} weeks: {spark(touches)}  "
        f"{sum(touches)} in all, {this_week} this week"
    )


def tier_bar(in_rhythm: int, people: int, width: int = TIER_BAR_WIDTH) -> tuple[str, str]:
    """(filled, empty) parts of a bar: the share of a tier in rhythm, ``█`` then ``░``."""
    filled = round(width * in_rhythm / people) if people else 0
    return "█" * filled, "░" * (width - filled)
