"""The weekly review in words: phrases shared by ``relate week`` and the review screen.

Plain strings, no Textual and no markup: the command line prints them, the screen puts
them in ``Text``. User text (names, promises, note lines) goes through
``report.text.one_line``, so it is on one line and carries no control characters.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from relate_tui.domain.dates import MONTH_ABBRS, WEEKDAY_ABBRS, describe_day
from relate_tui.domain.queue import QueueItem
from relate_tui.domain.review import (
    BALANCE_MONTHS,
    Drift,
    PromiseEntry,
    Review,
    TierSummary,
    Touch,
    WeekTouches,
)
from relate_tui.report.text import one_line

DayWords = Callable[[date, date], str]
"""How a phrase says a day, given today: ``describe_day`` ("today", "Fri 4 Dec") for the
screen and the terminal, ``dated_day`` ("Wed 2 Dec") for documents read later."""

NOTHING_DUE = "Nothing due this week: everyone is within their rhythm. Enjoy the quiet."
EMPTY_JOURNAL = 'Nothing to review yet. Start with 3–5 people: relate add "Ana Lima" --tier A'


def plural(amount: int, unit: str, many: str | None = None) -> str:
    """ "1 touch", "2 touches"."""
    return f"{amount} {unit if amount == 1 else many or unit + 's'}"


def short_day(d: date, today: date) -> str:
    """ "30 Nov", or "30 Nov 2025" outside today's year."""
    text = f"{d.day} {MONTH_ABBRS[d.month - 1]}"
    return text if d.year == today.year else f"{text} {d.year}"


def dated_day(d: date, today: date) -> str:
    """ "Wed 2 Dec", or "Wed 2 Dec 2027" outside today's year: a date, never "today"."""
    text = weekday_day(d)
    return text if d.year == today.year else f"{text} {d.year}"


def weekday_day(d: date) -> str:
    """ "Mon 30 Nov", always the date (never "today")."""
    return f"{WEEKDAY_ABBRS[d.weekday()]} {d.day} {MONTH_ABBRS[d.month - 1]}"


def week_title(result: Review) -> str:
    """ "Mon 30 Nov – Sun 6 Dec 2026", or "Mon 23 – Sun 29 Nov 2026" within one month."""
    start, end = result.week_start, result.week_end
    if (start.year, start.month) == (end.year, end.month):
        first = f"{WEEKDAY_ABBRS[start.weekday()]} {start.day}"
    elif start.year == end.year:
        first = weekday_day(start)
    else:
        first = f"{weekday_day(start)} {start.year}"
    return f"{first} – {weekday_day(end)} {end.year}"


def due_phrase(item: QueueItem, today: date, day: DayWords = describe_day) -> str:
    """What the item asks for and when: "reconnect · every week · 5 days late", "birthday ·
    yesterday, missed", "reconnect · every 2 months · added today, no contact yet"."""
    if item.kind == "rhythm":
        what = f"reconnect · {item.label}"
    elif item.kind == "promise":
        what = f"promise: {one_line(item.label)}"
    else:
        what = one_line(item.label)
    if item.kind == "date" and item.days_late:
        return f"{what} · {day(item.due, today)}, missed"  # "birthday · Mon 30 Nov, missed"
    if item.days_late:
        return f"{what} · {plural(item.days_late, 'day')} late"
    if item.kind == "rhythm" and item.last_touch is None and item.group == "today":
        # A first contact to make: in Today the week after they were added.
        added = item.rhythm_start or item.due
        return f"{what} · added {day(added, today)}, no contact yet"
    return f"{what} · {day(item.due, today)}"


def touches_summary(week: WeekTouches) -> str:
    """ "4 touches with 5 people (call, video, meeting, email)" or "no touches"."""
    if not week.count:
        return "no touches"
    kinds = ", ".join(kind if n == 1 else f"{kind} ×{n}" for kind, n in week.kinds)
    return (
        f"{plural(week.count, 'touch', 'touches')} with "
        f"{plural(len(week.people), 'person', 'people')} ({kinds})"
    )


def touch_phrase(touch: Touch, today: date) -> str:
    """ "Tue 1 Dec · call · Ana Lima — Her ML talk"."""
    names = ", ".join(one_line(name) for name in touch.person_names)
    flags = "".join((" · gave" if touch.gave else "", " · asked" if touch.asked else ""))
    first = one_line(touch.first_line)
    if len(first) > 60:
        first = first[:59] + "…"
    line = f"{describe_day(touch.day, today)} · {touch.kind} · {names}{flags}"
    return f"{line} — {first}" if first else line


def promise_phrase(entry: PromiseEntry, today: date, day: DayWords = describe_day) -> str:
    """The state of a promise: "kept Tue 1 Dec, 1 day late", "due Fri 27 Nov, 5 days late"."""
    late = plural(entry.days_late, "day")
    if entry.status == "kept" and entry.closed is not None:
        kept = f"kept {day(entry.closed, today)}"
        return f"{kept}, {late} late" if entry.days_late else kept
    if entry.status == "dropped" and entry.closed is not None:
        return f"dropped {day(entry.closed, today)}"
    due = f"due {day(entry.due, today)}"
    return f"{due}, {late} late" if entry.days_late else due


def drift_phrase(drift: Drift, today: date) -> str:
    """ "every 2 weeks · 48 days late (ratio 3.43) · 62 days since last touch"."""
    text = f"{drift.label} · {plural(drift.days_late, 'day')} late (ratio {drift.ratio:.2f})"
    if drift.days_since_touch is None:
        text += f" · never touched (added {short_day(drift.added, today)})"
    else:
        text += f" · {plural(drift.days_since_touch, 'day')} since last touch"
    if drift.snoozed_until is not None:
        text += f" · snoozed until {describe_day(drift.snoozed_until, today)}"
    return text


def balance_title(result: Review) -> str:
    """ "Give and take, last 6 months (since 2 Jun)"."""
    since = short_day(result.balance_since, result.today)
    return f"Give and take, last {BALANCE_MONTHS} months (since {since})"


def tier_phrase(row: TierSummary) -> str:
    """ "A: 4 of 5 in rhythm", and ", 1 not contacted yet" for people just added."""
    return f"{row.title}: {row.in_rhythm} of {row.people} in rhythm{new_phrase(row)}"


def new_phrase(row: TierSummary) -> str:
    """ ", 2 not contacted yet" (people never touched, not drifting yet), or ""."""
    return f", {row.new} not contacted yet" if row.new else ""


def only_asked_phrase(result: Review) -> str:
    """Who you only asked of, or a kind word when nobody."""
    only = result.only_asked
    if not only:
        return "Nobody you only asked of: every ask went with some giving."
    names = ", ".join(f"{one_line(b.person_name)} ({plural(b.asked, 'ask')})" for b in only)
    return f"Only asked, gave nothing: {names}"


def drifting_title(result: Review) -> str:
    if not result.drifting_total:
        return "Drifting"
    who = plural(result.drifting_total, "person", "people")
    return f"Drifting: {who} past their rhythm, furthest first"
