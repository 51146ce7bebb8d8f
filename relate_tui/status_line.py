"""The status line's cache: ``relate due --count`` answers from it while nothing changed.

A tmux status line runs ``relate due --count`` every few seconds, all day. Working the
number out reads the journal (50 MB for 100,000 notes); answering from this cache reads
one small file and a few ``stat``s, and imports nothing but ``os``, ``time`` and ``zlib``.

An answer is used only while everything it depends on is as it was:

- the journal: its real path, device, inode, size, mtime and ctime (an atomic save by any
  relate is a new inode and ctime; an edit in place moves mtime and ctime), and the first
  bytes of the file — its meta record, which holds the revision every save bumps and the
  checksum of everything after it;
- the config file (the same ``stat``), ``$RELATE_NOW`` and ``$TZ``, and the system's time
  zone file: what "today" and the rules are;
- the day: the answer is valid from the local midnight it was worked out after to the next;
- the relate version.

File times are coarse on some file systems (whole seconds, two seconds on FAT), so a file
changed again within the same tick can keep every ``stat`` field. An answer is therefore
never stored for a journal or config changed less than ``RACY_NS`` before it was read —
the "racily clean" rule git applies to its index: such a change would have to happen in
the same tick as one the cache could not see. The next call, a few seconds later, stores
it.

The cache lives in the platform's cache folder (``locations.cache_dir``), one small file
per journal, private (0600 in a 0700 folder), written atomically. Anything odd about it —
missing, damaged, from another version — means "work it out".
"""

from __future__ import annotations

import os
import sys
import time
import zlib

from relate_tui import __version__

TYPE_CHECKING = False  # typing is not imported on the status line's path
if TYPE_CHECKING:
    from relate_tui.domain.clock import Clock

FORMAT = "relate-due-1"
RACY_NS = 2_000_000_000
"""How long a file must have been left alone before an answer about it is stored (ns)."""
HEAD = 4096
"""How much of the journal's start is checked (its meta record fits in it)."""
_LOCALTIME = "/etc/localtime"


def _stat(path: str | None) -> tuple[int, ...] | None:
    """What identifies one version of the file at ``path`` (None: there is none, or it is
    not a regular file — a pipe or a device is for the command line to refuse)."""
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not is_regular(st.st_mode):
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def is_regular(mode: int) -> bool:
    return mode & 0o170000 == 0o100000  # stat.S_ISREG, without importing stat


def _head(path: str) -> str:
    """The CRC-32 and length of the first ``HEAD`` bytes of ``path`` ("" if unreadable or
    not a regular file: opened without blocking, so a pipe swapped in cannot hang it)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return ""
    try:
        if not is_regular(os.fstat(fd).st_mode):
            return ""
        head = os.read(fd, HEAD)
    except OSError:
        return ""
    finally:
        os.close(fd)
    return f"{zlib.crc32(head):08x}:{len(head)}"


class Key:
    """Everything an answer depends on but the day, read at one moment."""

    def __init__(self, db: str | None) -> None:
        from relate_tui import locations

        self.started = time.time_ns()
        text = locations.db_path_text(db)
        self.journal = os.path.realpath(text) if text is not None else None
        self.config = locations.config_path_text()
        self.journal_stat = _stat(self.journal)
        self.config_stat = _stat(self.config)
        self.text = repr(
            (
                FORMAT,
                __version__,
                self.journal,
                self.journal_stat,
                self.config,
                self.config_stat,
                os.environ.get("RELATE_NOW"),
                os.environ.get("TZ"),
                _stat(_LOCALTIME),
            )
        )
        self.head = _head(self.journal) if self.journal_stat is not None else ""

    @property
    def usable(self) -> bool:
        """True when the paths are known without asking platformdirs, and the journal is a
        regular file whose first bytes could be read (or no file yet)."""
        if self.journal is None or self.config is None:
            return False
        if self.journal_stat is None:
            return not os.path.lexists(self.journal)
        return bool(self.head)

    def racy(self) -> bool:
        """True when the journal or the config changed too recently to be sure a change
        in the same tick would show (see the module docstring)."""
        for st in (self.journal_stat, self.config_stat):
            if st is not None and max(st[3], st[4]) >= self.started - RACY_NS:
                return True
        return False

    def same_as(self, other: Key) -> bool:
        return self.text == other.text and self.head == other.head


def _cache_file(key: Key) -> str | None:
    from relate_tui import locations

    folder = locations.cache_dir_text()
    if folder is None or key.journal is None:
        return None
    name = f"due-{zlib.crc32(key.journal.encode('utf-8', 'surrogateescape')):08x}.txt"
    return os.path.join(folder, name)


def cached_count(db: str | None) -> int | None:
    """The count stored for the journal ``db`` names, if nothing it depends on changed."""
    key = Key(db)
    path = _cache_file(key) if key.usable else None
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as file:
            lines = file.read().split("\n")
        stored_format, text, head, valid_from, valid_until, count = lines
        now = time.time()
        if (
            stored_format == FORMAT
            and text == key.text
            and head == key.head
            and float(valid_from) <= now < float(valid_until)
        ):
            return int(count)
    except (OSError, ValueError):
        pass
    return None


def remember(before: Key, count: int, valid_from: float, valid_until: float) -> None:
    """Store ``count`` for the journal ``before`` was read from, if it is safe to: nothing
    changed while the count was worked out, and nothing changed too recently. Best effort:
    a cache that cannot be written is only slower."""
    if not before.usable or before.racy():
        return
    after = Key(before.journal)
    if not after.same_as(before):
        return
    path = _cache_file(before)
    if path is None:
        return
    content = "\n".join(
        (FORMAT, before.text, before.head, repr(valid_from), repr(valid_until), str(count))
    )
    folder = os.path.dirname(path)
    temp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, content.encode("utf-8", "surrogateescape"))
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError:
        # contextlib is not imported for this: the status line's path stays this small.
        try:  # noqa: SIM105
            os.unlink(temp)
        except OSError:
            pass


def day_bounds(clock: Clock) -> tuple[float, float]:
    """The epoch seconds today starts and ends at on ``clock`` (a fixed clock: forever),
    between which an answer worked out today may be given."""
    from datetime import datetime, time, timedelta

    from relate_tui.domain.clock import FixedClock

    if isinstance(clock, FixedClock):
        return float("-inf"), float("inf")
    today = clock.today()
    start = datetime.combine(today, time(0), tzinfo=clock.tz)
    end = datetime.combine(today + timedelta(days=1), time(0), tzinfo=clock.tz)
    return start.timestamp(), end.timestamp()


def answer(argv: list[str]) -> bool:
    """The console script's shortcut: if ``argv`` is ``due --count`` (with ``--db``
    perhaps) and the cache holds the answer, print it and return True."""
    db = count_db(argv)
    if db is False:
        return False
    count = cached_count(db)  # type: ignore[arg-type]
    if count is None:
        return False
    sys.stdout.write(f"{count}\n")
    return True


def count_db(argv: list[str]) -> str | bool | None:
    """The ``--db`` of a ``due --count`` command line (None: not given), or False when
    ``argv`` is anything else."""
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
    return db if rest == ["due", "--count"] else False
