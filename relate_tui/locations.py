"""Where relate keeps its files. Every path comes from here, with env overrides first,
so tests (and people with unusual setups) never touch the default files by accident."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "relate"


def default_db_path() -> Path:
    """The journal file: ``$RELATE_DB``, else the platform's user data dir.

    On Linux that is ``~/.local/share/relate/journal.json``.
    """
    env = os.environ.get("RELATE_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "journal.json"


def config_path() -> Path:
    """The config file: ``$RELATE_CONFIG``, else ``~/.config/relate/config.toml`` on Linux."""
    env = os.environ.get("RELATE_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"
