"""The one builder of what every front door needs: the clock, the settings and the journal.

The command line, the app, ``relate doctor``, the benchmark and the screenshots all open a
journal through here, so "which file, which clock, which config" is decided in one place.
Light on purpose: the capture path imports it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from relate_tui.domain.errors import InputError

if TYPE_CHECKING:
    from relate_tui.domain.clock import Clock
    from relate_tui.journal import Journal
    from relate_tui.settings import Settings


def make_clock(timezone: str | None) -> Clock:
    """The clock: ``$RELATE_NOW`` (an ISO date-time) fixes it, for scripts and tests."""
    from relate_tui.domain.clock import FixedClock, SystemClock

    fixed = os.environ.get("RELATE_NOW")
    if not fixed:
        return SystemClock(timezone)
    try:
        return FixedClock(fixed, tz=timezone or "UTC")
    except ValueError:
        raise InputError(
            f"RELATE_NOW={fixed!r} is not a date-time: write it like 2026-12-02T10:00:00"
        ) from None


def journal_path(db: str | os.PathLike[str] | None) -> Path:
    """The journal file: ``--db`` when given, else ``$RELATE_DB``, else the platform's."""
    from relate_tui.locations import default_db_path

    return Path(db).expanduser() if db else default_db_path()


def load_settings() -> Settings:
    """The user's settings from ``config.toml`` (``$RELATE_CONFIG``); defaults if none."""
    from relate_tui.locations import config_path
    from relate_tui.settings import load_settings as load

    return load(config_path())


def open_journal(
    db: str | os.PathLike[str] | None,
    *,
    writer: str = "cli",
    by_table: bool = True,
    lock_timeout: float = 10.0,
    settings: Settings | None = None,
    clock: Clock | None = None,
) -> Journal:
    """The journal at ``db`` (see ``journal_path``) with the user's settings and clock.

    ``by_table`` reads a sealed file one table at a time, as both doors do (see
    ``Journal``). ``settings`` and ``clock`` default to the
    user's config and the system clock (or ``$RELATE_NOW``); the benchmark and the
    screenshots pass their own. Saves keep the version they replace in relate's cache
    folder, so the next one writes into its space (``storage.rolling.Backups.spare``).
    """
    from relate_tui.journal import Journal
    from relate_tui.locations import cache_dir, cache_dir_text

    settings = settings or load_settings()
    journal = Journal(
        journal_path(db),
        settings,
        clock or make_clock(settings.timezone),
        writer=writer,
        lock_timeout=lock_timeout,
        by_table=by_table,
        spares=cache_dir() / "spares",
    )
    # Each save notes that relate sealed the file, for ``relate queue`` after it to trust
    # (``storage.seal_record``); where only platformdirs knows the cache, the lean reads
    # do not run at all.
    journal.store.seal_records = cache_dir_text()
    return journal
