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


def _replace_with(
    path: Path,
    fill: Callable[[int], None],
    *,
    reuse: Path | None = None,
    keep_replaced: Path | None = None,
) -> None:
    """Write a temp file beside ``path`` with ``fill(fd)``, fsync it, rename it over ``path``.

    ``reuse`` names a file of ours whose space the temp file may take (``_reuse``);
    ``keep_replaced`` is where the file this write replaces is kept, for the next write
    to reuse. On any failure the original file is untouched, the temp file is removed
    and the error propagates to the caller.
    """
    target = resolve(path)
    directory = target.parent
    reused = _reuse(reuse, directory, target) if reuse is not None else None
    fd, temp_name = reused or _create_temp(directory, target)
    kept = False
    try:
        try:
            fill(fd)
            if reused is not None:  # the old file may have been longer
                os.ftruncate(fd, os.lseek(fd, 0, os.SEEK_CUR))
            os.fchmod(fd, _file_mode(target))
            os.fsync(fd)
        finally:
            os.close(fd)
        if keep_replaced is not None:
            kept = _keep(target, keep_replaced)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if kept:  # it names the file still in place: never let a later write reuse it
            with contextlib.suppress(OSError):
                os.unlink(keep_replaced)  # type: ignore[arg-type]
        raise
    fsync_directory(directory)


# Why a write reuses an old file's space: a new 57 MB file needs 57 MB of new page cache,
# and where the system has handed freed memory back (a virtual machine reporting free
# pages to its host) filling it costs 130-260 ms; writing over the pages of a file the
# system still holds costs ~30 ms (deleting the old file first and writing a new one
# ~75-130). The journal's own rename leaves such a file behind at every save: the
# version it replaced. Kept under a name of its own in relate's cache folder, it
# becomes the next save's temp file, unless anything else still has it open.
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _reuse(old: Path, directory: Path, target: Path) -> tuple[int, str] | None:
    """``old``, moved to a new temp file name beside ``target`` and opened for writing:
    (descriptor, path); or None when it is not safely ours to overwrite.

    Safe means: a regular file (never followed through a link), owned by this user, with
    no other name (a kill between ``_keep`` and the rename leaves the kept name on the
    live journal, and writing into that would change the journal in place), and open
    nowhere else (``_alone``): a reader that opened the journal when this was it — a
    viewer, a backup or a sync tool reading slowly — keeps reading that version whole.
    """
    if not _NO_FOLLOW:
        return None  # no O_NOFOLLOW (Windows): never write through what may be a link
    try:
        fd = os.open(old, os.O_WRONLY | _NO_FOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None  # none yet (the first save), or not a file we may write
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1 or info.st_uid != os.geteuid():
            raise OSError("not a spare file")
        name = os.path.join(directory, f"{temp_prefix(target)}{os.urandom(6).hex()}{TEMP_SUFFIX}")
        os.link(old, name)  # fails if the name exists, unlike a rename
        os.unlink(old)
        # Checked once it has no name but the new temp one: nothing opens it from here on
        # but as a save in progress, which any fresh temp file is too.
        moved = os.stat(name, follow_symlinks=False)
        ours = (moved.st_dev, moved.st_ino) == (info.st_dev, info.st_ino) and moved.st_nlink == 1
        if not ours or not _alone(fd):
            os.unlink(name)
            raise OSError("the spare file is not ours alone")
    except OSError:
        os.close(fd)
        return None
    return fd, name


def _alone(fd: int) -> bool:
    """True when no other open file anywhere holds the file ``fd`` is open on.

    Linux grants a write lease only then (``fcntl(F_SETLEASE)``); it is given back at
    once. Elsewhere, or if the lease is refused, the answer is False and the save writes
    a new file. The lease's break signal is set to SIGURG, which is ignored by default,
    so a process opening the file in that instant cannot end this one.
    """
    try:
        import fcntl
        import signal

        fcntl.fcntl(fd, fcntl.F_SETSIG, signal.SIGURG)
        fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_WRLCK)
    except (ImportError, AttributeError, OSError):
        return False
    fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_UNLCK)
    return True


def _keep(replaced: Path, keeper: Path) -> bool:
    """Give ``replaced`` (the file about to be replaced) the name ``keeper`` too, so its
    space outlives the rename; True when it did. Whatever held that name goes (a spare
    that could not be reused); no space is worth a failed save."""
    with contextlib.suppress(OSError):
        os.unlink(keeper)
    try:
        os.link(replaced, keeper, follow_symlinks=False)
    except OSError:  # the first save (nothing to keep), a file system without links
        return False
    return True


def atomic_write(
    path: Path,
    data: bytes | Sequence[bytes | memoryview],
    *,
    reuse: Path | None = None,
    keep_replaced: Path | None = None,
) -> None:
    """Replace the file at ``path`` with ``data`` (bytes, or pieces written in order),
    atomically and durably.

    ``reuse``: a file of ours (a spare, an old backup about to be deleted) whose space
    the new file may take instead of new space, when it is safe to (see ``_reuse``);
    it is gone afterwards either way. ``keep_replaced``: keep the file this write
    replaces under that name, for a later write's ``reuse``.
    """
    pieces = (data,) if isinstance(data, bytes) else data

    def fill(fd: int) -> None:
        for piece in pieces:
            _write_all(fd, piece)

    _replace_with(path, fill, reuse=reuse, keep_replaced=keep_replaced)


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
