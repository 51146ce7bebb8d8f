"""The review's look back, in one pass over the notes: the touches of this week and of last
week, and the give-and-take balance (notes flagged gave or asked) per person."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from relate_tui.domain.notes import KINDS, TOUCH_KINDS, Note
from relate_tui.domain.people import Person

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
class Balance:
    """Gave and asked over the balance window for one person."""

    person_id: str
    person_name: str
    gave: int
    asked: int

    @property
    def only_asked(self) -> bool:
        return self.asked > 0 and self.gave == 0


def scan_notes(
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
