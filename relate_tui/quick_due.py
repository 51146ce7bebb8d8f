"""``relate due --count`` after a change, read lean: the status line's number from the
sealed file's people, promises and last-touch tables alone.

When the status line's cache (``status_line``) cannot answer, the console script comes
here before it imports the command line. What this reads and imports is what the count
needs and no more: the file's bytes, its seal (``storage.sealed_file``), three tables
parsed with orjson, views of the records (``storage.person_fields``) and the queue's own
core (``domain.queue_due.count_due``) — no ``journal`` package, no ``Person``, ``Note``
or ``Promise`` dataclasses, no ``typing`` or ``pathlib``.

It never answers differently from the full path (``Journal.due_count``): it counts the
same tables with the same code, and whenever anything is unusual it answers nothing
(``count`` returns None) and the full path runs, with its own messages and exit codes:

- the journal's or config's path needs platformdirs, the journal is missing or is not a
  regular file, or cannot be read;
- sync conflict copies may lie beside it (the full path merges them first);
- its seal is missing or does not match (an edit by hand, a merge tool, an older relate),
  its schema version is not this relate's (a migration, or a newer relate), or the seal
  does not vouch for its last-touch table;
- the config file exists but is not a regular file, or cannot be read or understood;
- ``$RELATE_NOW`` is not a date-time;
- any error at all while reading or counting.

A save never leaves a half-written journal (it replaces the file whole, see
``storage.atomic``), so the bytes read here are one revision, as the full path's are: a
writer holding the lock mid-save changes nothing for either. An edit made in place while
the file is read fails the checksum.
"""

from __future__ import annotations

import gc
import os
import sys

from relate_tui import status_line

TYPE_CHECKING = False  # typing is not imported on this path
if TYPE_CHECKING:
    from relate_tui.domain.clock import Clock

DEFAULT_RULES = {
    "tiers": {"A": "3w", "B": "2m", "C": "6m", "D": "1y"},
    "week_start": 0,
    "lead_days": 7,
    "horizon_days": 30,
    "timezone": None,
}
"""``settings.Settings()``'s queue rules, for a user with no config file: importing the
settings module (pathlib, a dataclass) would cost this path more than its count
(``tests/unit/test_quick_due.py`` holds the two equal)."""


class _Rules:
    """The queue rules ``count_due`` reads (``domain.rules.QueueRules``)."""

    __slots__ = ("horizon_days", "lead_days", "tiers", "timezone", "week_start")

    def __init__(self, values: dict) -> None:
        for name in self.__slots__:
            setattr(self, name, values[name])


def answer(argv: list[str]) -> bool:
    """If ``argv`` is ``due --count`` (``--db`` perhaps) and the lean read can count,
    print the count, remember it for the status line, and return True."""
    db = status_line.count_db(argv)
    if db is False:
        return False
    key = status_line.Key(db)  # before the file is read, as the full path takes it
    found = count(key)
    if found is None:
        return False
    number, clock = found
    sys.stdout.write(f"{number}\n")
    status_line.remember(key, number, *status_line.day_bounds(clock))
    return True


def count(key: status_line.Key) -> tuple[int, Clock] | None:
    """The number of queue items overdue or due today in the journal ``key`` names, and
    the clock it was counted on; None whenever the full path must answer (see above)."""
    if not key.usable or key.journal is None or key.journal_stat is None:
        return None
    gc.disable()  # one short process making many objects: the collector only slows it
    try:
        return _count(key.journal, key.config, key.config_stat)
    except Exception:  # anything unexpected: the full path says what it is
        return None


def _count(
    journal: str, config: str | None, config_stat: tuple[int, ...] | None
) -> tuple[int, Clock] | None:
    rules = _rules(config, config_stat)
    if rules is None or _may_have_conflict_copies(journal):
        return None
    clock = _clock(rules.timezone)
    if clock is None:
        return None
    raw = _read(journal)
    if raw is None:
        return None
    from relate_tui.storage.schema import SCHEMA_VERSION
    from relate_tui.storage.sealed_file import SealedBytes, read_seal

    found = read_seal(raw)
    if found is None or found[1].get("schema_version") != SCHEMA_VERSION:
        return None
    sealed = SealedBytes(raw, *found)
    if not sealed.newest_current:
        return None
    from relate_tui.domain.queue_due import count_due
    from relate_tui.storage import newest
    from relate_tui.storage.person_fields import PersonFields, PromiseFields

    people = tuple(map(PersonFields, sealed.table("people").values()))
    promises = tuple(
        PromiseFields(r)
        for r in sealed.table("promises").values()
        if r.get("status", "open") == "open"
    )
    touch_days = newest.touch_days(newest.by_person(sealed.table(newest.NEWEST)))
    number = count_due(people, promises, clock.today(), rules, touch_days=touch_days)
    return number, clock


def _rules(config: str | None, config_stat: tuple[int, ...] | None) -> _Rules | None:
    """The user's queue rules: the defaults with no config file, else read by the
    settings module itself (None: the full path must say what is wrong with it)."""
    if config is None:
        return None
    if config_stat is None:
        return None if os.path.lexists(config) else _Rules(DEFAULT_RULES)
    from pathlib import Path

    from relate_tui.settings import load_settings

    settings = load_settings(Path(config))
    return _Rules({name: getattr(settings, name) for name in DEFAULT_RULES})


def _clock(timezone: str | None) -> Clock | None:
    """The clock ``startup.make_clock`` makes (None: ``$RELATE_NOW`` is not readable)."""
    from relate_tui.domain.clock import FixedClock, SystemClock

    fixed = os.environ.get("RELATE_NOW")
    if not fixed:
        return SystemClock(timezone)
    try:
        return FixedClock(fixed, tz=timezone or "UTC")
    except ValueError:
        return None


def _may_have_conflict_copies(journal: str) -> bool:
    """True when a name beside the journal might be a sync tool's conflict copy of it
    (``storage.conflict_copies`` decides which are; the full path merges them)."""
    folder, name = os.path.split(journal)
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return True
    return any("onflict" in other and other != name for other in names)


def _read(journal: str) -> bytes | None:
    """The journal's bytes, when it is a regular file that can be read."""
    try:
        fd = os.open(journal, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with open(fd, "rb") as file:
        if not status_line.is_regular(os.fstat(fd).st_mode):
            return None
        return file.read()
