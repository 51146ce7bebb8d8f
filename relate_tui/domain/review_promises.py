"""The review's promises: kept and dropped this week, late, and still open."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from relate_tui.domain.people import Person
from relate_tui.domain.promises import DROPPED, KEPT, OPEN, Promise


@dataclass(frozen=True, slots=True)
class PromiseEntry:
    """A promise as the review shows it: whose, what, when due, and how it stands."""

    promise_id: str
    person_id: str
    person_name: str
    text: str
    due: date
    status: str
    closed: date | None
    """The day it was kept or dropped, if it was."""
    days_late: int
    """Kept: days after its due day it was kept (0 if on time). Open: days past due today."""

    @property
    def kept_late(self) -> bool:
        return self.status == KEPT and self.days_late > 0


def promise_sections(
    promises: Iterable[Promise],
    by_id: Mapping[str, Person],
    week_start: date,
    week_end: date,
    today: date,
) -> tuple[tuple[PromiseEntry, ...], ...]:
    """(kept this week, dropped this week, late, open), each in a useful order."""
    kept: list[PromiseEntry] = []
    dropped: list[PromiseEntry] = []
    late: list[PromiseEntry] = []
    open_: list[PromiseEntry] = []
    for promise in promises:
        person = by_id.get(promise.person_id)
        if person is None or person.archived:
            continue
        if promise.status == OPEN:
            days_late = max(0, (today - promise.due).days)
            (late if days_late else open_).append(_entry(promise, person, None, days_late))
        elif promise.status in (KEPT, DROPPED) and promise.closed_at is not None:
            closed = promise.closed_at.date()
            if week_start <= closed <= week_end:
                days_late = max(0, (closed - promise.due).days)
                entry = _entry(promise, person, closed, days_late)
                (kept if promise.status == KEPT else dropped).append(entry)

    def by_due(e: PromiseEntry) -> tuple:
        return (e.due, e.person_name.casefold(), e.text.casefold(), e.promise_id)

    def by_closed(e: PromiseEntry) -> tuple:
        return (e.closed, e.person_name.casefold(), e.text.casefold(), e.promise_id)

    return (
        tuple(sorted(kept, key=by_closed)),
        tuple(sorted(dropped, key=by_closed)),
        tuple(sorted(late, key=by_due)),
        tuple(sorted(open_, key=by_due)),
    )


def _entry(promise: Promise, person: Person, closed: date | None, days_late: int) -> PromiseEntry:
    return PromiseEntry(
        promise.id,
        person.id,
        person.name,
        promise.text,
        promise.due,
        promise.status,
        closed,
        days_late,
    )
