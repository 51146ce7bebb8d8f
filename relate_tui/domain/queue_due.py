"""When each of one person's queue items falls due: the core that ``build_queue`` and
``count_due`` share (see ``domain.queue`` for the rules).

It reads a person through ``QueuePerson``, the few fields the queue needs, so the journal
can hand it people read straight from their records (``relate due --count`` on 10,000
people never builds a ``Person``, a ``QueueItem`` or a note).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from relate_tui.domain.calendar_math import next_occurrence, occurrence, week_start_of
from relate_tui.domain.errors import InputError
from relate_tui.domain.rhythm import Rhythm, resolve_rhythm
from relate_tui.domain.units import plural

TYPE_CHECKING = False  # typing is not imported on the status line's path (``quick_due``)
if TYPE_CHECKING:
    from relate_tui.domain.queue_person import QueuePerson, QueuePromise, YearlyDate
    from relate_tui.domain.rules import QueueRules

OPEN = "open"
"""An open promise's status (``domain.promises.OPEN``; not imported from there, which
would make the ``Promise`` class on the status line's path)."""

KINDS = ("promise", "date", "rhythm")
"""Item kinds, in the order they rank when due the same day."""

PROMISE_PERIOD_DAYS = 7
"""A late promise ranks as if its rhythm were a week (DESIGN.md); so does a missed date."""

FIRST_CONTACT_DAYS = 7
"""How long after being added a never-touched person sits in Today."""
MISSED_DATE_DAYS = 3
"""How many days after an important date it stays in the queue (overdue)."""

_KIND_RANK = {kind: index for index, kind in enumerate(KINDS)}
_PROMISE, _DATE, _RHYTHM = _KIND_RANK["promise"], _KIND_RANK["date"], _KIND_RANK["rhythm"]
FIRST_CONTACT_RANK = len(KINDS)
"""Among items due the same day, first contacts come after every other kind."""

Due = tuple[int, str, date, int, str, "str | None", "str | None", "date | None"]
"""(kind rank, kind, due, period days, label, promise id, canonical rhythm, rhythm start)."""


class Window:
    """The days a queue for ``today`` looks at, and the rules it counts with (a plain
    class, not a dataclass: making one costs the status line's count a millisecond)."""

    __slots__ = ("end_of_next_week", "end_of_week", "last_day", "lead_days", "tiers", "today")

    def __init__(
        self,
        today: date,
        end_of_week: date,
        end_of_next_week: date,
        last_day: date,
        lead_days: int,
        tiers: Mapping[str, str],
    ) -> None:
        self.today = today
        self.end_of_week = end_of_week
        self.end_of_next_week = end_of_next_week
        self.last_day = last_day
        """Nothing due after this day is listed."""
        self.lead_days = lead_days
        self.tiers = tiers


def window(today: date, settings: QueueRules, until: date | None = None) -> Window:
    """The window of a queue for ``today``; ``until`` cuts it short (``relate due``)."""
    today = date(today.year, today.month, today.day)  # a pendulum Date would leak into items
    week = week_start_of(today, settings.week_start)
    end_of_next_week = week + timedelta(days=13)
    last_day = max(today + timedelta(days=settings.horizon_days), end_of_next_week)
    if until is not None:
        last_day = min(last_day, until)
    return Window(
        today,
        week + timedelta(days=6),
        end_of_next_week,
        last_day,
        settings.lead_days,
        settings.tiers,
    )


def open_promises_by_person(
    promises: Iterable[QueuePromise], people: Mapping[str, object]
) -> dict[str, list[QueuePromise]]:
    """Open promises to each of ``people`` (by id), soonest due first."""
    by_person: dict[str, list[QueuePromise]] = {}
    for promise in promises:
        if promise.status == OPEN and promise.person_id in people:
            by_person.setdefault(promise.person_id, []).append(promise)
    for person_promises in by_person.values():
        person_promises.sort(key=lambda p: (p.due, p.text.casefold()))
    return by_person


def date_label(important: YearlyDate, due: date) -> str:
    """ "birthday (turns 40)", "wedding anniversary (10 years)", or the bare label."""
    label = important.label.strip() or "date"
    if important.year is None or due.year <= important.year:
        return label
    years = due.year - important.year
    if important.is_birthday:
        return f"{label} (turns {years})"
    return f"{label} ({plural(years, 'year')})"


def _resolve(stored: str, tiers: Mapping[str, str]) -> tuple[Rhythm, str, str] | None:
    """A stored rhythm as (rhythm, label, canonical form); None if it no longer resolves."""
    try:
        rhythm = resolve_rhythm(stored, tiers)
    except InputError:
        return None
    if rhythm is None:
        return None
    letter = stored.strip().upper()
    words = rhythm.describe()
    is_tier = len(letter) == 1 and letter.isalpha()
    return rhythm, (f"tier {letter} · {words}" if is_tier else words), str(rhythm)


def rhythm_due(rhythm: Rhythm, start: date, today: date, *, touched: bool) -> tuple[date, int]:
    """When a rhythm item is due, and its period in days, for a rhythm counted from
    ``start``: the last touch, or for someone never ``touched`` the day they were added
    (then due today during their first week, see ``domain.queue``)."""
    full = rhythm.add_to(start)
    period = (full - start).days
    if touched or full <= today:
        return full, period
    if today < start + timedelta(days=FIRST_CONTACT_DAYS):
        return max(start, today), period  # a first contact to make, this week
    return full, period


def last_occurrence(month: int, day: int, today: date) -> date:
    """The latest occurrence of a yearly date before ``today``."""
    this_year = occurrence(month, day, today.year)
    return this_year if this_year < today else occurrence(month, day, today.year - 1)


class DueDates:
    """Works out people's items in one window, resolving each distinct rhythm once."""

    def __init__(self, window: Window) -> None:
        self.window = window
        self._rhythms: dict[str, tuple[Rhythm, str, str] | None] = {}

    def of(
        self, person: QueuePerson, touch_day: date | None, promises: Sequence[QueuePromise]
    ) -> list[Due]:
        """``person``'s items due by the window's last day (promises: their open ones)."""
        window = self.window
        today, last_day = window.today, window.last_day
        found: list[Due] = []

        # Rhythm item: hidden while snoozed, back with its real due date on the snooze date.
        stored = person.rhythm
        if stored:
            snooze = person.snooze_until
            if snooze is None or snooze <= today:
                if stored in self._rhythms:
                    resolved = self._rhythms[stored]
                else:
                    resolved = self._rhythms[stored] = _resolve(stored, window.tiers)
                if resolved is not None:
                    rhythm, label, canonical = resolved
                    touched = touch_day is not None
                    start = touch_day if touch_day is not None else person.created.date()
                    due, period = rhythm_due(rhythm, start, today, touched=touched)
                    if due <= last_day:
                        rank = _RHYTHM if touched else FIRST_CONTACT_RANK
                        found.append((rank, "rhythm", due, period, label, None, canonical, start))

        # Promise items.
        for promise in promises:
            if promise.due <= last_day:
                found.append(
                    (
                        _PROMISE,
                        "promise",
                        promise.due,
                        PROMISE_PERIOD_DAYS,
                        promise.text,
                        promise.id,
                        None,
                        None,
                    )
                )

        # Important-date items: inside their lead window; a date missed stays a few days,
        # overdue, ranked as a late promise.
        for important in person.dates:
            due = next_occurrence(important.month, important.day, today)
            if (due - today).days <= window.lead_days and due <= last_day:
                period = (occurrence(important.month, important.day, due.year + 1) - due).days
                label = date_label(important, due)
                found.append((_DATE, "date", due, period, label, None, None, None))
            missed = last_occurrence(important.month, important.day, today)
            if (today - missed).days <= MISSED_DATE_DAYS:
                label = date_label(important, missed)
                found.append((_DATE, "date", missed, PROMISE_PERIOD_DAYS, label, None, None, None))
        return found


def active_by_id(people: Iterable[QueuePerson]) -> dict[str, QueuePerson]:
    """The people not archived, by id (archived people never appear in the queue)."""
    return {person.id: person for person in people if not person.archived}


def count_due(
    people: Iterable[QueuePerson],
    promises: Iterable[QueuePromise],
    today: date,
    settings: QueueRules,
    *,
    touch_days: Mapping[str, date],
) -> int:
    """How many items are overdue or due today: ``due_count(build_queue(...))`` without
    making the items (``relate due --count`` on a status line, every few seconds), so
    without importing them either.

    ``touch_days`` is each person's last touch day (people never touched are left out).
    """
    frame = window(today, settings, until=today)
    by_id = active_by_id(people)
    open_by_person = open_promises_by_person(promises, by_id)
    dues = DueDates(frame)
    count = 0
    for person in by_id.values():
        person_promises = open_by_person.get(person.id, ())
        if not person.rhythm and not person_promises and not person.dates:
            continue
        count += len(dues.of(person, touch_days.get(person.id), person_promises))
    return count
