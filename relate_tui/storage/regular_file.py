"""Reading the journal (or a backup) only when it is a regular file.

Reading a named pipe waits forever for a writer, a device can be endless (``/dev/zero``)
and a socket cannot be opened at all: each once turned ``--db`` pointing at one into a
hang or a traceback. Everything relate reads as a journal comes through ``read_regular``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """The path is a named pipe, a device, a socket or a folder, not a file."""

    def __init__(self, path: Path, mode: int) -> None:
        self.kind = kind_of_file(mode)
        super().__init__(f"{path} is {self.kind}, not a file")


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


def read_regular(path: Path) -> bytes:
    """The bytes of the regular file at ``path`` (links followed).

    Opened without blocking and checked on the open descriptor: reading a named pipe
    would wait forever and a device could be endless, so anything but a regular file
    raises ``NotRegularFile`` (an ``OSError``) without a byte read.
    """
    mode = os.stat(path).st_mode  # a socket cannot even be opened: say what it is
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path, mode)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with open(fd, "rb", closefd=True) as file:  # checked again: it may have been swapped
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(path, mode)
        return file.read()


Signature = tuple[int, int, int]


def file_signature(path: Path) -> Signature | None:
    """(inode, mtime in ns, size) of the file at ``path``, or None when there is none."""
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)
