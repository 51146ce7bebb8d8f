"""Where ``relate export`` may write, and what it may print.

An export never replaces the journal, its lock, its backups or a save in progress (``-o
"$RELATE_DB"`` once replaced the journal with Markdown), and replaces an existing file
only when asked to with ``--force``. What goes to a terminal is made safe there: JSON
with its control characters escaped, the other formats made visible line by line.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from relate_tui.domain.errors import InputError


def check_file(path: Path, journal: Path, *, force: bool) -> bool:
    """Refuse ``path`` as an export target (``InputError``) unless it is free to write;
    True when it replaces an existing file (allowed by ``force``)."""
    from relate_tui.storage.layout import what_it_is
    from relate_tui.storage.regular_file import kind_of_file

    what = what_it_is(path, journal)
    if what is not None:
        raise InputError(
            f"{path} is {what}: an export never writes there; choose another file "
            "(nothing was written)"
        )
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise InputError(
            f"{path} is {kind_of_file(mode)}: export to a file, or to stdout with -o -"
            " (nothing was written)"
        )
    if not force:
        raise InputError(f"{path} exists: add --force to replace it (nothing was written)")
    return True


def check_folder(folder: Path, journal: Path) -> None:
    """Refuse ``folder`` for a vCard folder export when it is one of the journal's own."""
    from relate_tui.storage.layout import what_it_is

    what = what_it_is(folder, journal)
    if what is not None:
        raise InputError(
            f"{folder} is {what}: an export never writes there; choose another folder "
            "(nothing was written)"
        )


def for_terminal(fmt: str, payload: bytes) -> bytes:
    """``payload`` as it may be printed: JSON keeps its exact text (control characters
    escaped), vCard and calendar text is made visible line by line (keeping the CRLF line
    ends the formats require), Markdown (``\n`` lines) made visible throughout."""
    from relate_tui.report.text import json_safe, visible, visible_lines

    if fmt == "json":
        return json_safe(payload)
    text = payload.decode("utf-8")
    return (visible(text) if fmt == "md" else visible_lines(text)).encode("utf-8")
