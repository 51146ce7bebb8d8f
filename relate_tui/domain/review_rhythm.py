"""The review's rhythms: who is drifting (past their rhythm, furthest first) and, per tier,
how many people are in rhythm."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from relate_tui.domain.people import Person
from relate_tui.domain.queue import build_queue
from relate_tui.domain.rhythm import Rhythm, resolve_rhythm
from relate_tui.domain.rules import QueueRules
from relate_tui.domain.touches import TouchInfo

OWN_RHYTHM = ""
"""The ``TierSummary.tier`` of people whose rhythm is their own, not a tier letter."""


@dataclass(frozen=True, slots=True)
class Drift:
    """A person past their rhythm: how far, and since when."""

    person_id: str
    person_name: str
    rhythm: str
    """The canonical rhythm ("3w")."""
    label: str
    """"every 3 weeks" or "tier A · every 3 weeks"."""
    due: date
    days_late: int
    ratio: float
    period_days: int
    last_touch: date | None
    """The day of the last touch; None when never touched."""
    days_since_touch: int | None
    added: date
    snoozed_until: date | None
    """A snooze still running (the person is hidden from the queue until then)."""


@dataclass(frozen=True, slots=True)
class TierSummary:
    """How many of a tier's people are in rhythm: "A: 4 of 5 in rhythm"."""

    tier: str
    """The tier letter, or ``OWN_RHYTHM`` for people with a rhythm of their own."""
    rhythm: str
    """The tier's rhythm ("3w"); "" for the own-rhythm row."""
    people: int
    in_rhythm: int
    new: int = 0
    """Never touched, and their first rhythm since being added still running: neither in
    rhythm nor drifting (the queue has them as a first contact to make)."""

    @property
    def title(self) -> str:
        return self.tier if self.tier else "Own rhythm"


def drifting_people(
    active: tuple[Person, ...],
    touches: Mapping[str, TouchInfo],
    today: date,
    settings: QueueRules,
) -> list[Drift]:
    """Everyone past their rhythm, furthest first, snoozed or not.

    The queue computes the numbers (so the review and the queue never disagree); the
    people go in unsnoozed and without dates, because here only the rhythm counts.
    """
    snoozes = {p.id: p.snooze_until for p in active if p.snooze_until and p.snooze_until > today}
    plain = [
        replace(p, snooze_until=None, dates=()) if (p.snooze_until or p.dates) else p
        for p in active
        if p.rhythm
    ]
    items = build_queue(plain, (), (), today, settings, touches=touches)
    by_id = {p.id: p for p in plain}
    drifting = []
    for item in items:
        if item.kind != "rhythm" or item.group != "overdue":
            continue
        person = by_id[item.person_id]
        drifting.append(
            Drift(
                person_id=item.person_id,
                person_name=item.person_name,
                rhythm=item.rhythm or "",
                label=item.label,
                due=item.due,
                days_late=item.days_late,
                ratio=item.ratio,
                period_days=item.period_days,
                last_touch=item.last_touch,
                days_since_touch=(today - item.last_touch).days if item.last_touch else None,
                added=person.created.date(),
                snoozed_until=snoozes.get(item.person_id),
            )
        )
    return drifting  # already ranked by the queue: ratio, days late, name


def tier_summaries(
    active: tuple[Person, ...],
    touches: Mapping[str, TouchInfo],
    today: date,
    tiers: Mapping[str, str],
) -> tuple[TierSummary, ...]:
    """Per tier letter (and one row for own rhythms): people, and how many are in rhythm."""
    letters = {str(k).upper(): v for k, v in tiers.items()}
    counts: dict[str, list[int]] = {}
    resolved: dict[str, Rhythm | None] = {}
    for person in active:
        stored = (person.rhythm or "").strip()
        if not stored:
            continue
        is_tier = len(stored) == 1 and stored.isalpha()
        key = stored.upper() if is_tier else OWN_RHYTHM
        if is_tier and key not in letters:
            continue  # a tier removed from the config: no rhythm to be in
        if stored not in resolved:  # a handful of distinct values among many people
            try:
                resolved[stored] = resolve_rhythm(stored, tiers)
            except ValueError:  # InputError: an old value that no longer parses
                resolved[stored] = None
        rhythm = resolved[stored]
        if rhythm is None:
            continue
        row = counts.setdefault(key, [0, 0, 0])
        row[0] += 1
        info = touches.get(person.id)
        last = info.last_touch if info is not None else None
        if last is not None and rhythm.add_to(last.at.date()) >= today:
            row[1] += 1
        elif last is None and rhythm.add_to(person.created.date()) >= today:
            row[2] += 1
    rows = [
        TierSummary(key, letters.get(key, ""), total, in_rhythm, new)
        for key, (total, in_rhythm, new) in counts.items()
    ]
    # Tiers by letter, the own-rhythm row last.
    rows.sort(key=lambda r: (r.tier == OWN_RHYTHM, r.tier))
    return tuple(rows)
