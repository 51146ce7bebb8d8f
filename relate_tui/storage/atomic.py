"""Atomic, durable file replacement.

TinyDB's own ``JSONStorage`` rewrites the file in place and keeps a handle open; a kill,
a full disk or a second writer leaves a corrupt file (research notes, section A2). Here a
write goes to a temp file in the same folder, is fsynced, replaces the target with
``os.replace`` and then the folder is fsynced, so after a crash at any instant the file is
either the old or the new version. Symlinks are resolved first so a linked journal stays a
link. The steps are module-level names so fault tests can make any one of them fail.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_prefix(target: Path) -> str:
    """The prefix of temp files for ``target`` (stale ones are cleaned up by backups)."""
    return f".{target.name}."


def resolve(path: Path) -> Path:
    """The real file behind ``path`` (writes replace the target, not the link)."""
    return Path(os.path.realpath(path))


def _file_mode(target: Path) -> int:
    """The mode for the new file: the old one's owner bits, never readable by others."""
    try:
        current = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return 0o600
    return (current & 0o700) | 0o600


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable (POSIX); best effort.

    It runs after ``os.replace``: the new file is already in place and every reader sees
    it. Reporting a failure here as a failed save would be false, and the retry that
    follows would save the note twice, so errors are ignored (some file systems refuse
    to fsync a folder at all).
    """
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _create_temp(directory: Path, target: Path) -> tuple[int, str]:
    """A new private temp file beside ``target``: (descriptor, path).

    Like ``tempfile.mkstemp`` (exclusive create, mode 0600) without importing ``tempfile``
    and ``shutil`` on every quick capture.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        name = os.path.join(directory, f"{temp_prefix(target)}{os.urandom(6).hex()}{TEMP_SUFFIX}")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temp file name in {directory}")


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _replace_with(path: Path, fill: Callable[[int], None]) -> None:
    """Write a temp file beside ``path`` with ``fill(fd)``, fsync it, rename it over ``path``.

    On any failure the original file is untouched, the temp file is removed and the
    error propagates to the caller.
    """
    target = resolve(path)
    directory = target.parent
    fd, temp_name = _create_temp(directory, target)
    try:
        try:
            fill(fd)
            os.fchmod(fd, _file_mode(target))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_directory(directory)


def atomic_write(path: Path, data: bytes | Sequence[bytes | memoryview]) -> None:
    """Replace the file at ``path`` with ``data`` (bytes, or pieces written in order),
    atomically and durably."""
    pieces = (data,) if isinstance(data, bytes) else data

    def fill(fd: int) -> None:
        for piece in pieces:
            _write_all(fd, piece)

    _replace_with(path, fill)


def atomic_copy(source: Path, path: Path) -> None:
    """Copy ``source`` to ``path`` as ``atomic_write`` writes: temp file, fsync, rename.

    Streams in chunks, so a backup of a 50 MB journal does not hold a second copy of it
    in memory next to the parsed journal.
    """

    def fill(fd: int) -> None:
        with open(source, "rb") as reader:
            while chunk := reader.read(_COPY_CHUNK):
                _write_all(fd, chunk)

    _replace_with(path, fill)


_COPY_CHUNK = 1 << 20


def ensure_private_dir(directory: Path) -> None:
    """Create ``directory`` and any missing parents, each 0700 whatever the umask.

    ``Path.mkdir(parents=True)`` makes the parents with the umask's mode: under ``umask
    000`` a new ``~/.local/share`` would be world-writable. Folders that exist are left as
    they are: they are the user's.
    """
    missing = []
    for folder in (directory, *directory.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:  # made meanwhile by another relate: not ours to change
            continue
        os.chmod(folder, 0o700)  # mkdir's mode is cut by the umask (0o277 would be r-x)
