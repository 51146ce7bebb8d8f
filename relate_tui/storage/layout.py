"""The files that belong to a journal, and what a path is to it.

Beside the journal ``journal.json`` relate keeps ``journal.json.lock``, the backup folder
``journal.json.bak/``, temp files of saves in progress (``.journal.json.*.tmp``) and
copies of damaged journals (``journal.json.corrupt-*``). None of them may be replaced by
anything but relate's own saves: ``what_it_is`` tells a command (an export) that it is
about to write over one of them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from relate_tui.storage.atomic import TEMP_SUFFIX, resolve, temp_prefix
from relate_tui.storage.errors import JournalReadOnly, JournalUnreadable
from relate_tui.storage.regular_file import kind_of_file


def lock_path(real: Path) -> Path:
    """The lock file of the journal at ``real``."""
    return real.with_name(real.name + ".lock")


def backup_dir(real: Path) -> Path:
    """The folder holding backups of the journal at ``real``."""
    return real.with_name(real.name + ".bak")


def spare_path(spares: Path, real: Path) -> Path:
    """Where, in the folder ``spares`` (in relate's cache folder), the version of the
    journal at ``real`` that the last save replaced is kept for the next save to write
    into its space (``atomic_write``'s ``reuse``). Named by the journal's path, so each
    journal has its own."""
    from hashlib import blake2b  # only when a save keeps a spare

    digest = blake2b(os.fsencode(real), digest_size=8).hexdigest()
    return spares / f"{digest}.spare"


def corrupt_prefix(real: Path) -> str:
    """How copies of a damaged journal kept beside it are named."""
    return f"{real.name}.corrupt-"


def what_it_is(target: Path, journal: Path) -> str | None:
    """What ``target`` is to the journal at ``journal`` ("the journal itself", "its
    lock"...), or None when it is none of its files. Links are followed, and a hard link
    to the journal is the journal."""
    real_journal = resolve(journal)
    real = resolve(target)
    if real == real_journal or _same_file(real, real_journal):
        return "the journal itself"
    if real == lock_path(real_journal):
        return "the journal's lock file"
    folder = backup_dir(real_journal)
    if real == folder or folder in real.parents:
        return "the journal's backup folder" if real == folder else "in the journal's backups"
    if real.parent == real_journal.parent:
        if real.name.startswith(temp_prefix(real_journal)) and real.name.endswith(TEMP_SUFFIX):
            return "a save of the journal in progress"
        if real.name.startswith(corrupt_prefix(real_journal)):
            return "a damaged journal kept by relate doctor"
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_journal_path(path: Path) -> None:
    """Refuse (``JournalUnreadable``) a journal path that cannot hold a journal: a link to
    nothing, a folder, a named pipe (reading it would wait forever), a device (``--db
    /dev/null``), a socket. A path with no file yet is fine: the first save creates it."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            raise JournalUnreadable(
                path,
                f"it is a link to {resolve(path)}, which does not exist",
                "nothing was changed; fix the link or pass --db with the real file",
            ) from None
        return
    except OSError:
        return  # reading says what is wrong
    if not stat.S_ISREG(mode):
        raise JournalUnreadable(
            path,
            f"it is {kind_of_file(mode)}, not a file",
            "nothing was changed; pass --db with the journal file's path",
        )


def read_only_mode(real: Path) -> int | None:
    """The mode of the file at ``real`` when someone made it read-only, else None.

    A save replaces the file by renaming a new one over it, which needs only the folder to
    be writable: without asking, ``chmod 400`` would be ignored (and root ignores it
    anyway). Both the owner's write bit and the caller's access count.
    """
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return None  # no file yet (or none to stat): the write itself reports any problem
    if not mode & stat.S_IWUSR or not os.access(real, os.W_OK):
        return stat.S_IMODE(mode)
    return None


def check_writable(path: Path, real: Path) -> None:
    """Refuse (``JournalReadOnly``) to replace a journal someone made read-only."""
    mode = read_only_mode(real)
    if mode is not None:
        raise JournalReadOnly(path, mode)
