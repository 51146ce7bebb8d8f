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


def lock_path(real: Path) -> Path:
    """The lock file of the journal at ``real``."""
    return real.with_name(real.name + ".lock")


def backup_dir(real: Path) -> Path:
    """The folder holding backups of the journal at ``real``."""
    return real.with_name(real.name + ".bak")


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


def kind_of_file(mode: int) -> str:
    """What a file that is not a regular file is, in words ("a named pipe (FIFO)")."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((words for test, words in kinds if test(mode)), "not a regular file")
