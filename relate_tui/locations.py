"""Where relate keeps its files. Every path comes from here, with env overrides first,
so tests (and people with unusual setups) never touch the default files by accident."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "relate"


def default_db_path() -> Path:
    """The journal file: ``$RELATE_DB``, else the platform's user data dir.

    On Linux that is ``~/.local/share/relate/journal.json``.
    """
    env = os.environ.get("RELATE_DB")
    if env:
        return Path(env).expanduser()
    return _xdg("XDG_DATA_HOME", ".local/share") or _platform_dir("data") / "journal.json"


def config_path() -> Path:
    """The config file: ``$RELATE_CONFIG``, else ``~/.config/relate/config.toml`` on Linux."""
    env = os.environ.get("RELATE_CONFIG")
    if env:
        return Path(env).expanduser()
    return _xdg("XDG_CONFIG_HOME", ".config", "config.toml") or (
        _platform_dir("config") / "config.toml"
    )


def log_path() -> Path:
    """The app's error log: ``$RELATE_LOG``, else ``~/.local/state/relate/relate.log`` on
    Linux (the platform's user log dir elsewhere)."""
    env = os.environ.get("RELATE_LOG")
    if env:
        return Path(env).expanduser()
    return _xdg("XDG_STATE_HOME", ".local/state", "relate.log") or (
        _platform_dir("log") / "relate.log"
    )


def _xdg(variable: str, default: str, file: str = "journal.json") -> Path | None:
    """The XDG path platformdirs gives on Linux, without importing it (quick capture).

    None on other systems, which ask platformdirs.
    """
    if not sys.platform.startswith("linux"):
        return None
    base = os.environ.get(variable, "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / default
    return root / APP_NAME / file


def _platform_dir(kind: str) -> Path:
    import platformdirs

    if kind == "data":
        return platformdirs.user_data_path(APP_NAME, appauthor=False)
    if kind == "log":
        return platformdirs.user_log_path(APP_NAME, appauthor=False)
    return platformdirs.user_config_path(APP_NAME, appauthor=False)
