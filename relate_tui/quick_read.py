"""The lean read behind ``relate due --count`` and ``relate queue`` after a change: the
sealed file's people, promises and last-touch tables, and nothing else.

When the status line's cache (``status_line``) cannot answer, the console script tries
these before it imports the command line (``quick_due``, ``quick_queue``). What they
read and import is what the queue needs and no more: the file's bytes, its seal
(``storage.sealed_file``), three tables parsed with orjson, views of the records
(``storage.person_fields``, ``storage.touch_table``) and the queue's own code — no
``journal`` package, no command line, no ``typing`` or ``pathlib`` for the count.

They never answer differently from the full path (``Journal``): they read the same
tables and count or rank with the same code, and whenever anything is unusual ``read``
returns None and the full path runs, with its own messages and exit codes:

- the journal's or config's path needs platformdirs, the journal is missing or is not a
  regular file, or cannot be read;
- sync conflict copies may lie beside it (the full path merges them first);
- its seal is missing or does not match (an edit by hand, a merge tool, an older relate),
  its schema version is not this relate's (a migration, or a newer relate), or the seal
  does not vouch for its last-touch table;
- the config file exists but is not a regular file, or cannot be read or understood;
- ``$RELATE_NOW`` is not a date-time;
- any error at all while reading.

A save never leaves a half-written journal (it replaces the file whole, see
``storage.atomic``), so the bytes read here are one revision, as the full path's are: a
writer holding the lock mid-save changes nothing for either. An edit made in place while
the file is read fails the checksum.
"""

from __future__ import annotations

import gc
import os

from relate_tui import status_line

TYPE_CHECKING = False  # typing is not imported on this path
if TYPE_CHECKING:
    from datetime import date

    from relate_tui.domain.clock import Clock
    from relate_tui.storage.person_fields import PersonFields, PromiseFields
    from relate_tui.storage.seal_record import TrustedTables
    from relate_tui.storage.sealed_file import SealedBytes

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


class Rules:
    """The queue rules the queue reads (``domain.rules.QueueRules``)."""

    __slots__ = ("horizon_days", "lead_days", "tiers", "timezone", "week_start")

    def __init__(self, values: dict) -> None:
        for name in self.__slots__:
            setattr(self, name, values[name])


class LeanJournal:
    """What the queue reads of a sealed journal whose seal vouches for its tables."""

    __slots__ = ("_newest", "_sealed", "clock", "people", "promises", "rules")

    def __init__(self, sealed: SealedBytes | TrustedTables, rules: Rules, clock: Clock) -> None:
        self._sealed = sealed
        self.people: dict = sealed.table("people")
        """The people table, as stored."""
        self.promises: dict = sealed.table("promises")
        """The promises table, as stored."""
        self.rules = rules
        self.clock = clock
        self._newest: dict | None = None

    @property
    def newest(self) -> dict:
        """The last-touch table by person id (``storage.newest.by_person``), parsed when
        first read."""
        if self._newest is None:
            from relate_tui.storage import newest

            self._newest = newest.by_person(self._sealed.table(newest.NEWEST))
        return self._newest

    def touch_days(self) -> dict[str, date]:
        """Each person's last touch day (``newest.touch_days``), read from the last-touch
        table's bytes when it has not been parsed (``newest.touch_days_in``)."""
        from relate_tui.storage import newest

        if self._newest is None:
            found = self._sealed.table_bytes(newest.NEWEST)
            days = newest.touch_days_in(*found) if found is not None else None
            if days is not None:
                return days
        return newest.touch_days(self.newest)

    def queue_people(self) -> tuple[PersonFields, ...]:
        """Everyone, as the queue reads them (``JournalData.queue_people``)."""
        from relate_tui.storage.person_fields import PersonFields

        return tuple(map(PersonFields, self.people.values()))

    def open_promises(self) -> tuple[PromiseFields, ...]:
        """The open promises, in file order (``JournalData.open_promises``)."""
        from relate_tui.storage.person_fields import PromiseFields

        return tuple(
            PromiseFields(r) for r in self.promises.values() if r.get("status", "open") == "open"
        )

    @property
    def has_active_people(self) -> bool:
        """True when anyone is not archived (``JournalData.has_active_people``)."""
        return any(not r.get("archived") for r in self.people.values())


def read(key: status_line.Key, *, count_only: bool = False) -> LeanJournal | None:
    """The journal ``key`` names, read lean; None whenever the full path must read it
    (see the module docstring). ``count_only``: only ``touch_days`` of the last-touch table
    will be read (it is then not parsed, where relate's note of its save lets it be read
    alone)."""
    if not key.usable or key.journal is None or key.journal_stat is None:
        return None
    gc.disable()  # one short process making many objects: the collector only slows it
    try:
        return _read_lean(key.journal, key.config, key.config_stat, count_only)
    except Exception:  # anything unexpected: the full path says what it is
        return None


def _read_lean(
    journal: str, config: str | None, config_stat: tuple[int, ...] | None, count_only: bool
) -> LeanJournal | None:
    rules = _rules(config, config_stat)
    if rules is None or _may_have_conflict_copies(journal):
        return None
    clock = _clock(rules.timezone)
    if clock is None:
        return None
    fd = _open(journal)
    if fd is None:
        return None
    try:
        sealed = _trusted(journal, fd, count_only) or _checked(fd)
    finally:
        os.close(fd)
    from relate_tui.storage.schema import SCHEMA_VERSION

    if sealed is None or sealed.meta.get("schema_version") != SCHEMA_VERSION:
        return None
    if not sealed.newest_current:
        return None
    return LeanJournal(sealed, rules, clock)


def _trusted(journal: str, fd: int, count_only: bool) -> TrustedTables | None:
    """The tables, read alone, when relate's note of its last save vouches for the file
    (``storage.seal_record``: the whole-file checksum is not needed)."""
    from relate_tui import locations
    from relate_tui.storage import newest, seal_record

    folder = locations.cache_dir_text()
    if folder is None:
        return None
    unparsed = (newest.NEWEST,) if count_only else ()
    return seal_record.trusted(folder, journal, fd, (newest.NEWEST, "people", "promises"), unparsed)


def _checked(fd: int) -> SealedBytes | None:
    """The whole file, when its seal matches (the checksum of every byte)."""
    from relate_tui.storage.sealed_file import SealedBytes, read_seal

    with open(fd, "rb", closefd=False) as file:
        raw = file.read()
    found = read_seal(raw)
    return SealedBytes(raw, *found) if found is not None else None


def _rules(config: str | None, config_stat: tuple[int, ...] | None) -> Rules | None:
    """The user's queue rules: the defaults with no config file, else read by the
    settings module itself (None: the full path must say what is wrong with it)."""
    if config is None:
        return None
    if config_stat is None:
        return None if os.path.lexists(config) else Rules(DEFAULT_RULES)
    from pathlib import Path

    from relate_tui.settings import load_settings

    settings = load_settings(Path(config))
    return Rules({name: getattr(settings, name) for name in DEFAULT_RULES})


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


def _open(journal: str) -> int | None:
    """The journal opened for reading, when it is a regular file (opened without blocking:
    a pipe swapped in cannot hang it)."""
    try:
        fd = os.open(journal, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if status_line.is_regular(os.fstat(fd).st_mode):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def command_line(
    argv: list[str], command: str, flags: tuple[str, ...]
) -> tuple[str | None, set[str]] | None:
    """``(--db, the flags given)`` when ``argv`` is ``command`` with only ``flags`` and at
    most one ``--db PATH`` / ``--db=PATH`` (before or after it); None for anything else,
    which the command line's own parser reads (a path starting with a dash included:
    argparse refuses it as a value)."""
    rest = list(argv)
    db: str | None = None
    for index, arg in enumerate(rest):
        if arg.startswith("--db="):
            db = arg[len("--db=") :]
            del rest[index]
            break
        if arg == "--db" and index + 1 < len(rest):
            db = rest[index + 1]
            del rest[index : index + 2]
            break
    if db is not None and db.startswith("-"):
        return None
    if not rest or rest[0] != command or not set(rest[1:]) <= set(flags):
        return None
    return db, set(rest[1:])
