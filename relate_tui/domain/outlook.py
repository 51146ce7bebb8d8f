"""Where one person stands with the queue, beyond its horizon: when their next reconnect is
due, why they are not in the queue now (within rhythm, snoozed, no rhythm, archived) and
the day each of their items enters it.

``relate show`` prints the next due date from here (the queue itself stops at its
horizon), and ``relate queue --explain`` says "why not, and when". The queue's own rules
compute every due date (``build_queue`` on the one person, with no horizon), so the two
never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from relate_tui.domain.calendar_math import next_occurrence, week_start_of
from relate_tui.domain.date_words import describe_day
from relate_tui.domain.people import Person
from relate_tui.domain.promises import Promise
from relate_tui.domain.queue import QueueItem, build_queue, date_label
from relate_tui.domain.rules import QueueRules
from relate_tui.domain.touches import TouchInfo

_FAR = 20 * 366
"""A horizon past any rhythm: the one-person queue below keeps every item."""


@dataclass(frozen=True, slots=True)
class _NoHorizon:
    tiers: object
    week_start: int
    lead_days: int
    horizon_days: int = _FAR


@dataclass(frozen=True, slots=True)
class Upcoming:
    """One of a person's items, due whenever, and the day it enters the queue."""

    item: QueueItem
    enters: date
    """The first day the queue lists it (today when it is listed now)."""


@dataclass(frozen=True, slots=True)
class Outlook:
    """One person and the queue: their items due at any distance, and why (not) now."""

    person: Person
    today: date
    rhythm: Upcoming | None
    """The reconnect item, snooze or not; None without a rhythm (or one that no longer
    resolves, see ``rhythm_problem``)."""
    promises: tuple[Upcoming, ...]
    """Open promises, soonest due first."""
    dates: tuple[Upcoming, ...]
    """Important dates: their next occurrence (or one just missed)."""
    rhythm_problem: str = ""
    """Why there is no reconnect item: "no rhythm", or the stored rhythm no tier has."""

    @property
    def snoozed_until(self) -> date | None:
        """A snooze still running, if any."""
        until = self.person.snooze_until
        return until if until is not None and until > self.today else None

    @property
    def next_due(self) -> date | None:
        """When the next reconnect is due, wherever that is (None: no rhythm)."""
        return self.rhythm.item.due if self.rhythm else None

    def in_queue(self) -> list[QueueItem]:
        """The items the queue lists today."""
        if self.person.archived:
            return []
        upcoming = [self.rhythm, *self.promises, *self.dates]
        return [u.item for u in upcoming if u is not None and u.enters <= self.today]

    def reasons(self) -> list[str]:
        """Why each item is or is not in the queue today, and when it will be, in words."""
        today = self.today
        name = self.person.name
        if self.person.archived:
            return [
                f"{name} is archived: archived people are never in the queue "
                f'(relate unarchive "{name}" brings them back).'
            ]
        lines = []
        rhythm = self.rhythm
        if rhythm is None:
            lines.append(f"No reconnect item: {self.rhythm_problem}.")
        else:
            item = rhythm.item
            due = describe_day(item.due, today)
            if item.last_touch is not None:
                last = describe_day(item.last_touch, today)
                origin = f"the last {item.last_touch_kind or 'touch'}, {last}"
            else:
                added = describe_day(item.rhythm_start or item.due, today)
                origin = f"the day they were added, {added}; no contact yet"
            snoozed = self.snoozed_until
            if snoozed is not None and rhythm.enters == snoozed:
                lines.append(
                    f"Snoozed until {describe_day(snoozed, today)}: the reconnect "
                    f"({item.label}, due {due}) comes back then."
                )
            elif snoozed is not None:
                lines.append(
                    f"Snoozed until {describe_day(snoozed, today)}, and within rhythm until "
                    f"{due} anyway ({item.label}, counted from {origin}): in the queue from "
                    f"{describe_day(rhythm.enters, today)}."
                )
            elif rhythm.enters > today:
                lines.append(
                    f"Within rhythm until {due} ({item.label}, counted from {origin}): "
                    f"in the queue from {describe_day(rhythm.enters, today)}."
                )
            else:
                lines.append(f"Reconnect due {due} ({item.label}, counted from {origin}).")
        for upcoming in self.promises:
            item = upcoming.item
            when = _entering(upcoming, today)
            lines.append(f"Promise “{item.label}”, due {describe_day(item.due, today)}{when}.")
        for upcoming in self.dates:
            item = upcoming.item
            when = _entering(upcoming, today)
            lines.append(f"{item.label.capitalize()} on {describe_day(item.due, today)}{when}.")
        return lines


def _entering(upcoming: Upcoming, today: date) -> str:
    if upcoming.enters <= today:
        return ": in the queue now"
    return f": in the queue from {describe_day(upcoming.enters, today)}"


def person_outlook(
    person: Person,
    touch: TouchInfo | None,
    promises: Iterable[Promise],
    today: date,
    rules: QueueRules,
) -> Outlook:
    """Where ``person`` stands with the queue on ``today`` (see the module docstring)."""
    plain = replace(person, snooze_until=None, archived=False)
    touches = {person.id: touch} if touch is not None else {}
    unlimited = _NoHorizon(rules.tiers, rules.week_start, rules.lead_days)
    items = build_queue([plain], (), promises, today, unlimited, touches=touches)  # type: ignore[arg-type]
    rhythm = None
    promise_items: list[Upcoming] = []
    date_items: list[Upcoming] = []
    for item in items:
        enters = _enters(item.due, today, rules)
        if item.kind == "rhythm":
            snooze = person.snooze_until
            if snooze is not None and snooze > today:
                enters = max(enters, snooze)
            rhythm = Upcoming(item, enters)
        elif item.kind == "promise":
            promise_items.append(Upcoming(item, enters))
        else:
            date_items.append(Upcoming(item, max(enters, item.due - timedelta(rules.lead_days))))
    # Dates beyond their lead window are not in the one-person queue: say when they come.
    covered = {u.item.due for u in date_items}
    for important in person.dates:
        due = next_occurrence(important.month, important.day, today)
        if due in covered:
            continue
        label = date_label(important, due)
        item = QueueItem("date", person.id, person.name, due, "later", 0, 0.0, 0, None, label,
                         None, None, ())  # fmt: skip
        enters = max(_enters(due, today, rules), due - timedelta(rules.lead_days))
        date_items.append(Upcoming(item, enters))
    date_items.sort(key=lambda u: u.item.due)
    problem = ""
    if rhythm is None:
        stored = (person.rhythm or "").strip()
        problem = f"the rhythm “{stored}” is no tier in your config" if stored else "no rhythm"
    return Outlook(person, today, rhythm, tuple(promise_items), tuple(date_items), problem)


def _enters(due: date, today: date, rules: QueueRules) -> date:
    """The first day from ``today`` on which an item due on ``due`` is within the queue's
    reach: ``horizon_days`` ahead, or in the week after the current one."""
    by_horizon = due - timedelta(days=rules.horizon_days)
    by_next_week = week_start_of(due, rules.week_start) - timedelta(days=7)
    return max(today, min(by_horizon, by_next_week))
