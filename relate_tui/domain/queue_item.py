"""One item of the next-touch queue, and the words that say why it is where it is: its
``reason`` (one line), ``why()`` (for ``--json``) and ``explain`` (a few lines for people)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from relate_tui.domain.calendar_math import week_start_of
from relate_tui.domain.date_words import MONTH_ABBRS, ago, describe_day
from relate_tui.domain.queue_due import PROMISE_PERIOD_DAYS  # with the core ``due`` imports
from relate_tui.domain.units import plural

TYPE_CHECKING = False  # typing is not imported on the lean read's path (``quick_queue``)
if TYPE_CHECKING:
    from typing import Any

    from relate_tui.domain.promises import Promise
    from relate_tui.domain.touches import NoteHead

GROUPS = ("overdue", "today", "this_week", "next_week", "later")
"""Queue groups in display order."""

GROUP_TITLES = {
    "overdue": "Overdue",
    "today": "Today",
    "this_week": "This week",
    "next_week": "Next week",
    "later": "Later",
}


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One thing to do next, with everything needed to show it and say why it is there."""

    kind: str
    """"rhythm", "promise" or "date"."""
    person_id: str
    person_name: str
    due: date
    group: str
    """One of ``GROUPS``."""
    days_late: int
    """Days past due; 0 unless overdue."""
    ratio: float
    """Overdue ratio: days_late / period_days; 0.0 unless overdue."""
    period_days: int
    """The rhythm's length in days from its start to ``due``; 7 for a promise; for a date,
    the days until the following year's occurrence."""
    last_touch: date | None
    """The day of the person's last touch, if any."""
    label: str
    """Rhythm: "every 3 weeks" / "tier A · every 3 weeks"; promise: its text;
    date: "birthday (turns 40)" or the date's label."""
    promise_id: str | None
    last_note: NoteHead | None
    """The person's newest note of any kind (when, what kind, its first line), so the
    message can refer to it."""
    open_promises: tuple[Promise, ...]
    """The person's open promises, soonest due first."""
    rhythm: str | None = None
    """The canonical rhythm ("3w") of a rhythm item, else None."""
    snoozed_until: date | None = None
    """A snooze the person had, already over (snoozed people are not in the queue)."""
    last_touch_kind: str | None = None
    """The kind of the last touch ("call"), if any."""
    rhythm_start: date | None = None
    """Where a rhythm item's rhythm counts from: the last touch, or the day the person was
    added; the rhythm ends ``period_days`` later."""
    as_of: date | None = None
    """The day the queue was computed for."""

    @property
    def reason(self) -> str:
        """One sentence: why the item is due when it is, e.g. "last touch 20 Nov (call);
        every week; due 27 Nov; 5 days late; ratio 0.71".
        """
        # Built on demand: the queue makes thousands of items and shows a screenful.
        today = self.as_of or self.due
        if self.kind == "rhythm":
            if self.last_touch is not None:
                kind = f" ({self.last_touch_kind})" if self.last_touch_kind else ""
                text = f"last touch {_short(self.last_touch, today)}{kind}"
            else:
                text = f"never touched; added {_short(self.rhythm_start or self.due, today)}"
            text += f"; {self.label}; due {_short(self.due, today)}"
            if self.last_touch is None and self.rhythm_start is not None:
                end = self.rhythm_start + timedelta(days=self.period_days)
                if end != self.due:
                    text += f" (a first contact; late from {_short(end, today)})"
            if self.snoozed_until is not None:
                text += f"; snoozed until {_short(self.snoozed_until, today)}"
        elif self.kind == "promise":
            text = f'promised "{self.label}"; due {_short(self.due, today)}'
            if self.days_late:
                text += f"; a late promise counts as a {self.period_days}-day rhythm"
        else:
            text = f"{self.label} on {_short(self.due, today)}"
        if self.days_late:
            text += f"; {plural(self.days_late, 'day')} late; ratio {self.ratio:.2f}"
        return text

    def why(self) -> dict[str, Any]:
        """Why the item is where it is, machine-readable (for ``--json`` and the why key)."""
        data: dict[str, Any] = {
            "kind": self.kind,
            "due": self.due.isoformat(),
            "group": self.group,
            "last_touch": self.last_touch.isoformat() if self.last_touch else None,
            "rhythm": self.rhythm,
            "period_days": self.period_days,
            "days_late": self.days_late,
            "ratio": round(self.ratio, 2),
        }
        if self.snoozed_until is not None:
            data["snoozed_until"] = self.snoozed_until.isoformat()
        data["reason"] = self.reason
        return data


def due_words(item: QueueItem, today: date) -> str:
    """Where an item stands, in words (never colour only): "overdue 5 days", "due today",
    "due Fri 11 Dec", "added 3 days ago, no contact yet" for a first contact to make,
    "2 days ago" for a date missed."""
    if item.kind == "date" and item.due < today:
        return ago(item.due, today)
    if item.days_late:
        return f"overdue {plural(item.days_late, 'day')}"
    if item.kind == "rhythm" and item.last_touch is None and item.group == "today":
        added = item.rhythm_start or item.due
        return f"added {ago(added, today)}, no contact yet"
    if item.due == today:
        return "due today"
    return f"due {describe_day(item.due, today)}"


def _short(d: date, today: date) -> str:
    """ "20 Nov", or "1 Nov 2025" outside today's year."""
    text = f"{d.day} {MONTH_ABBRS[d.month - 1]}"
    return text if d.year == today.year else f"{text} {d.year}"


def explain(item: QueueItem, today: date, week_start: int = 0) -> str:
    """A few lines for people: what the item is, the facts behind its due date, and why it
    sits in its group at its rank.
    """
    today = date(today.year, today.month, today.day)
    lines = [f"{item.person_name}: {item.kind} item — {item.label}"]
    if item.last_touch is not None:
        kind = f" ({item.last_touch_kind})" if item.last_touch_kind else ""
        lines.append(f"Last touch: {describe_day(item.last_touch, today)}{kind}")
    else:
        lines.append("Last touch: none logged yet")
    if item.kind == "rhythm":
        start = item.rhythm_start or item.due - timedelta(days=item.period_days)
        end = start + timedelta(days=item.period_days)
        origin = "the last touch" if item.last_touch is not None else "the day they were added"
        lines.append(
            f"Rhythm: {item.label}, counted from {origin} ({describe_day(start, today)}):"
            f" {plural(item.period_days, 'day')}, to {describe_day(end, today)}"
        )
        if item.last_touch is None and end > item.due:
            lines.append(
                "Never touched: a first contact to make, in Today the week after they were"
                f" added; overdue once a whole rhythm has passed ({describe_day(end, today)})"
            )
        if item.snoozed_until is not None:
            lines.append(f"Snoozed until {describe_day(item.snoozed_until, today)} (over)")
    elif item.kind == "promise":
        lines.append(f'Promise: "{item.label}"')
    else:
        lines.append("Important date: shown a week ahead and three days after")
    first_contact = due_words(item, today).endswith("no contact yet")
    if first_contact:  # in Today for its first week, not due: its queue line says so
        lines.append(f"Due: not yet — {due_words(item, today)}")
    else:
        lines.append(f"Due: {describe_day(item.due, today)}")
    if item.days_late:
        extra = ""
        if item.kind == "promise":
            extra = f" (a late promise counts as a {PROMISE_PERIOD_DAYS}-day rhythm)"
        elif item.kind == "date":
            extra = f" (a missed date counts as a {PROMISE_PERIOD_DAYS}-day rhythm)"
        lines.append(
            f"Late: {plural(item.days_late, 'day')}; ratio {item.ratio:.2f}"
            f" = {item.days_late} / {item.period_days}{extra}"
        )
    week = week_start_of(today, week_start)
    title = GROUP_TITLES[item.group]
    end_of_week = describe_day(week + timedelta(days=6), today)
    next_week = describe_day(week + timedelta(days=7), today)
    because = {
        "overdue": "it was due before today; overdue items rank by ratio, highest first",
        "today": "it is due today",
        "this_week": f"it is due by {end_of_week}, the end of this week",
        "next_week": f"it is due in the week starting {next_week}",
        "later": "it is due after next week",
    }[item.group]
    if first_contact:
        because = "they are a first contact to make, in Today for the week after being added"
    lines.append(f"Group: {title}, because {because}")
    return "\n".join(lines)
