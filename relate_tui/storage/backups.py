"""Rolling daily backups next to the journal, and cleanup of temp files left by a crash.

Before the first write of each day, the current file is copied (byte for byte) into
``<journal>.bak/<stem>-YYYY-MM-DD.json``; only the newest ``keep`` copies are kept.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from datetime import date
from pathlib import Path

from relate_tui.storage.atomic import TEMP_SUFFIX, ensure_private_dir, temp_prefix

STALE_TEMP_SECONDS = 300


def backup_dir(real: Path) -> Path:
    """The folder holding backups of the journal at ``real``."""
    return real.with_name(real.name + ".bak")


def list_backups(real: Path) -> list[Path]:
    """Backups of the journal, newest first."""
    folder = backup_dir(real)
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir() if p.suffix == ".json" and p.name.startswith(real.stem)),
        key=lambda p: p.name,
        reverse=True,
    )


def daily_backup(real: Path, keep: int, today: date) -> Path | None:
    """Copy the journal into today's backup unless today's exists; prune old ones.

    Called under the write lock, before the write. Returns the new backup, if one was made.
    """
    clean_stale_temps(real)
    if keep <= 0 or not real.exists():
        return None
    folder = backup_dir(real)
    target = folder / f"{real.stem}-{today.isoformat()}.json"
    made = None
    if not target.exists():
        ensure_private_dir(folder)
        temp = target.with_name(target.name + TEMP_SUFFIX)
        shutil.copyfile(real, temp)
        os.chmod(temp, 0o600)
        os.replace(temp, target)
        made = target
    for old in list_backups(real)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return made


def clean_stale_temps(real: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove temp files of interrupted writes (older than a few minutes) next to ``real``."""
    removed = []
    cutoff = time.time() - older_than
    prefix = temp_prefix(real)
    with contextlib.suppress(OSError):
        for entry in real.parent.iterdir():
            if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    if entry.stat().st_mtime < cutoff:
                        entry.unlink()
                        removed.append(entry)
    return removed
