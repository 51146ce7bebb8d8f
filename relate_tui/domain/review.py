"""The weekly review: how the week went and what is next, computed from the journal.

A pure function of people, notes, promises, today's date and the settings (DESIGN.md,
"The weekly review"). Every section is plain data; the command line and the review screen
only render it. The rules where DESIGN.md is silent:

* **The week** runs from the configured first day (``settings.week_start``) that holds
  today, for seven days; **last week** is the seven days before it. A note's day is its
  local date (``note.at.date()``), as in the queue.
* **Due** is the queue's *Overdue*, *Today* and *This week* groups, in queue order, with the
  queue's own items (so the ranking and its "why" are the same everywhere).
* **Touches** are notes of a touch kind (not a ``note`` jot) dated in the week. A note about
  several people is one touch that names them all.
* **Promises**: *kept* and *dropped* are those closed this week; a kept promise is **kept
  late** when the day it was kept is after its due day. *Late* promises are open ones due
  before today; *open* ones are the rest of the open promises (due today or later).
* **Drifting** lists people past their rhythm, furthest first by the queue's overdue ratio
  (days late / the rhythm's length), at most ``DRIFTING_LIMIT`` of them. Snoozing does not
  bring anyone back into rhythm, so snoozed people are listed too, marked as snoozed.
  A person never touched drifts once a whole rhythm from the day they were added has
  passed (the queue's rule).
* **Tiers**: a person is **in rhythm** when their last touch was within their rhythm (due
  today or later). Someone never touched is not in rhythm yet: nobody has been in touch.
  People with a rhythm of their own (``"2m"``) are summed up in one "own rhythm" row.
* **Balance** counts notes flagged *gave* and *asked* per person from ``BALANCE_MONTHS``
  months before today to today, for every person with at least one flag; *only asked* is
  the people you asked something of and gave nothing to in that time.

Archived people are left out of every section but the touches (a touch that happened
still happened), and records about people the journal no longer has are skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from relate_tui.domain.calendar_math import add_months, week_start_of
from relate_tui.domain.notes import KINDS, TOUCH_KINDS, Note
from relate_tui.domain.people import Person
from relate_tui.domain.promises import DROPPED, KEPT, OPEN, Promise
from relate_tui.domain.queue import build_queue, group_items
from relate_tui.domain.queue_item import QueueItem
from relate_tui.domain.rhythm import Rhythm, resolve_rhythm
from relate_tui.domain.rules import QueueRules
from relate_tui.domain.touches import TouchInfo, touch_index

DUE_GROUPS = ("overdue", "today", "this_week")
"""The queue groups the review walks: everything due up to the end of this week."""

DRIFTING_LIMIT = 10
"""How many drifting people the review lists (the total is reported too)."""

BALANCE_MONTHS = 6
"""How far back the give-and-take balance looks."""

OWN_RHYTHM = ""
"""The ``TierSummary.tier`` of people whose rhythm is their own, not a tier letter."""

_KIND_ORDER = {kind: index for index, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Touch:
    """One touch logged in a week: a note of a touch kind and the people it was with."""

    note_id: str
    day: date
    kind: str
    person_ids: tuple[str, ...]
    person_names: tuple[str, ...]
    first_line: str
    gave: bool = False
    asked: bool = False


@dataclass(frozen=True, slots=True)
class WeekTouches:
    """The touches of one week (``start`` to ``end``, both included), oldest first."""

    start: date
    end: date
    touches: tuple[Touch, ...]
    people: tuple[str, ...]
    """The names of everyone touched, each once, by name."""
    kinds: tuple[tuple[str, int], ...]
    """(kind, count), most frequent first, then in the order forms offer kinds."""

    @property
    def count(self) -> int:
        return len(self.touches)


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
    rhythm nor drifting (the queue has them due today, as a first contact to make)."""

    @property
    def title(self) -> str:
        return self.tier if self.tier else "Own rhythm"


@dataclass(frozen=True, slots=True)
class Balance:
    """Gave and asked over the balance window for one person."""

    person_id: str
    person_name: str
    gave: int
    asked: int

    @property
    def only_asked(self) -> bool:
        return self.asked > 0 and self.gave == 0


@dataclass(frozen=True, slots=True)
class Review:
    """The weekly review for ``today``: every section as data (see the module docstring)."""

    today: date
    week_start: date
    week_end: date
    due: tuple[QueueItem, ...]
    """Overdue, today and this week, in queue order."""
    this_week: WeekTouches
    last_week: WeekTouches
    kept: tuple[PromiseEntry, ...]
    dropped: tuple[PromiseEntry, ...]
    late: tuple[PromiseEntry, ...]
    open: tuple[PromiseEntry, ...]
    drifting: tuple[Drift, ...]
    drifting_total: int
    """How many people are past their rhythm (``drifting`` holds the furthest few)."""
    tiers: tuple[TierSummary, ...]
    balance: tuple[Balance, ...]
    """Everyone with a gave or asked note in the window: only-asked first, then by how far
    the balance leans towards asking, then by name."""
    balance_since: date

    @property
    def due_groups(self) -> list[tuple[str, tuple[QueueItem, ...]]]:
        """The due items under their queue groups, non-empty groups only."""
        return group_items(self.due)

    @property
    def only_asked(self) -> tuple[Balance, ...]:
        """Relationships where you only asked in the balance window."""
        return tuple(b for b in self.balance if b.only_asked)

    @property
    def nothing_due(self) -> bool:
        return not self.due


def first_day_read(today: date, settings: QueueRules) -> date:
    """The earliest day whose notes the review reads (last week's start or the start of the
    balance window, whichever is earlier): callers holding a long journal can skip older
    notes before converting them.
    """
    last_week = week_start_of(today, settings.week_start) - timedelta(days=7)
    return min(last_week, add_months(today, -BALANCE_MONTHS))


def review(
    people: Iterable[Person],
    notes: Iterable[Note],
    promises: Iterable[Promise],
    today: date,
    settings: QueueRules,
    touches: Mapping[str, TouchInfo] | None = None,
) -> Review:
    """The weekly review for ``today``.

    ``settings`` needs what the queue needs (``tiers``, ``week_start``, ``lead_days``,
    ``horizon_days``). Pass ``touches`` (from ``touch_index``) when it is at hand; it is
    computed from ``notes`` otherwise. ``notes`` is read once, whatever its size.
    """
    today = date(today.year, today.month, today.day)
    people = tuple(people)
    notes = notes if isinstance(notes, tuple | list) else tuple(notes)
    promises = tuple(promises)
    if touches is None:
        touches = touch_index(notes)
    by_id = {p.id: p for p in people}
    active = tuple(p for p in people if not p.archived)

    week_start = week_start_of(today, settings.week_start)
    week_end = week_start + timedelta(days=6)
    last_start = week_start - timedelta(days=7)
    balance_since = add_months(today, -BALANCE_MONTHS)
    # ``first_day_read`` must cover both windows: _scan_notes skips anything older.

    queue = build_queue(active, (), promises, today, settings, touches=touches)
    due = tuple(item for item in queue if item.group in DUE_GROUPS)

    this_week, last_week, balance = _scan_notes(
        notes, by_id, (last_start, week_start, week_end), balance_since, today
    )
    kept, dropped, late, open_ = _promises(promises, by_id, week_start, week_end, today)
    drifting = _drifting(active, touches, today, settings)
    return Review(
        today=today,
        week_start=week_start,
        week_end=week_end,
        due=due,
        this_week=this_week,
        last_week=last_week,
        kept=kept,
        dropped=dropped,
        late=late,
        open=open_,
        drifting=tuple(drifting[:DRIFTING_LIMIT]),
        drifting_total=len(drifting),
        tiers=_tiers(active, touches, today, settings.tiers),
        balance=balance,
        balance_since=balance_since,
    )


def _scan_notes(
    notes: Iterable[Note],
    by_id: Mapping[str, Person],
    weeks: tuple[date, date, date],
    balance_since: date,
    today: date,
) -> tuple[WeekTouches, WeekTouches, tuple[Balance, ...]]:
    """One pass over the notes: this week's and last week's touches, and the balance."""
    last_start, week_start, week_end = weeks
    first_day = min(last_start, balance_since)
    this_week: list[tuple[Note, tuple[str, ...]]] = []
    last_week: list[tuple[Note, tuple[str, ...]]] = []
    gave: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    for note in notes:
        day = note.at.date()
        if day < first_day:
            continue  # most of a long journal: skipped before looking at anyone
        ids = tuple(pid for pid in dict.fromkeys(note.person_ids) if pid in by_id)
        if not ids:
            continue
        if (note.gave or note.asked) and balance_since <= day <= today:
            for pid in ids:
                if by_id[pid].archived:
                    continue
                if note.gave:
                    gave[pid] += 1
                if note.asked:
                    asked[pid] += 1
        if note.kind in TOUCH_KINDS:
            if week_start <= day <= week_end:
                this_week.append((note, ids))
            elif last_start <= day < week_start:
                last_week.append((note, ids))
    balance = [
        Balance(pid, by_id[pid].name, gave[pid], asked[pid]) for pid in set(gave) | set(asked)
    ]
    balance.sort(
        key=lambda b: (not b.only_asked, b.gave - b.asked, b.person_name.casefold(), b.person_id)
    )
    return (
        _week(week_start, week_end, this_week, by_id),
        _week(last_start, week_start - timedelta(days=1), last_week, by_id),
        tuple(balance),
    )


def _week(
    start: date,
    end: date,
    found: list[tuple[Note, tuple[str, ...]]],
    by_id: Mapping[str, Person],
) -> WeekTouches:
    found.sort(key=lambda pair: (pair[0].at.date(), pair[0].at, pair[0].id))
    touches = []
    names: dict[str, str] = {}
    kinds: Counter[str] = Counter()
    for note, ids in found:
        people = tuple(by_id[pid].name for pid in ids)
        names.update(zip(ids, people, strict=True))
        kinds[note.kind] += 1
        touches.append(
            Touch(
                note.id,
                note.at.date(),
                note.kind,
                ids,
                people,
                note.first_line,
                note.gave,
                note.asked,
            )
        )
    return WeekTouches(
        start=start,
        end=end,
        touches=tuple(touches),
        people=tuple(sorted(names.values(), key=str.casefold)),
        kinds=tuple(
            sorted(kinds.items(), key=lambda kc: (-kc[1], _KIND_ORDER.get(kc[0], 99), kc[0]))
        ),
    )


def _promises(
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


def _drifting(
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


def _tiers(
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
