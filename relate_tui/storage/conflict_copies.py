"""Sync tools' conflict copies of the journal: finding them, and putting them away.

When both machines changed the journal between two syncs, the sync tool keeps one version
as the journal and writes the other beside it, named after it::

    journal.sync-conflict-20261129-101010-ABCDEFG.json      Syncthing
    journal (Ana's conflicted copy 2026-11-29).json          Dropbox
    journal (conflicted copy 2026-11-29 101010).json         Nextcloud
    journal_conflict-20261129-101010.json                    ownCloud

Only copies of *this* journal count: the same stem and suffix, with one of these marks
between them. Finding them costs one directory listing and a few string tests, so every
command can afford to look (the capture path imports nothing else from here on).

A copy that has been merged is moved into the backups folder under its own name, never
deleted: ``put_away``.
"""

from __future__ import annotations

import os
from pathlib import Path

_PATTERNS = (
    r"\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+",  # Syncthing
    r" \([^()]*conflicted copy[^()]*(?:\(\d+\))?\)(?: \(\d+\))?",  # Dropbox, Nextcloud
    r"_conflict-\d{8}-\d{6}",  # ownCloud
)


def conflict_copies(real: Path) -> list[Path]:
    """The conflict copies beside the journal file ``real``, in name order."""
    name, stem, suffix = real.name, real.stem, real.suffix
    try:
        names = os.listdir(real.parent)
    except OSError:
        return []
    found = [
        n
        for n in names
        if "onflict" in n and n != name and n.startswith(stem) and n.endswith(suffix)
    ]
    if not found:
        return []
    import re

    mark = re.compile("|".join(_PATTERNS))
    middle = slice(len(stem), -len(suffix) if suffix else None)
    return [real.parent / n for n in sorted(found) if mark.fullmatch(n[middle])]


def put_away(real: Path, copy: Path) -> Path:
    """Move a merged ``copy`` into the journal's backups folder; returns where it went.

    A rename in the same folder tree: it is there or here, never lost. A name already
    taken gets a number.
    """
    from relate_tui.storage.atomic import ensure_private_dir, fsync_directory
    from relate_tui.storage.backups import backup_dir

    folder = backup_dir(real)
    ensure_private_dir(folder)
    target = folder / copy.name
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{copy.stem}-{number}{copy.suffix}"
    os.replace(copy, target)
    fsync_directory(folder)
    fsync_directory(copy.parent)
    return target
