"""Where relate keeps its files. Every path comes from here, with env overrides first,
so tests (and people with unusual setups) never touch the default files by accident.

The ``*_text`` functions give the same paths as plain strings without importing
``pathlib`` or ``platformdirs`` (None where only platformdirs knows): the status line's
``relate due --count`` answers from its cache before anything else is imported.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing itself is not imported on the status line's path

if TYPE_CHECKING:
    from pathlib import Path

APP_NAME = "relate"


def default_db_path() -> Path:
    """The journal file: ``$RELATE_DB``, else the platform's user data dir.

    On Linux that is ``~/.local/share/relate/journal.json``.
    """
    from pathlib import Path

    text = db_path_text(None)
    return Path(text) if text is not None else _platform_dir("data") / "journal.json"


def config_path() -> Path:
    """The config file: ``$RELATE_CONFIG``, else ``~/.config/relate/config.toml`` on Linux."""
    from pathlib import Path

    text = config_path_text()
    return Path(text) if text is not None else _platform_dir("config") / "config.toml"


def cache_dir() -> Path:
    """Relate's cache folder (``relate due --count``'s answers): ``$RELATE_CACHE``, else
    ``~/.cache/relate`` on Linux (the platform's user cache dir elsewhere).

    Not beside the journal: a cache has no business in a synced or backed-up folder, and
    it is rebuilt in a blink when it is gone.
    """
    from pathlib import Path

    text = cache_dir_text()
    return Path(text) if text is not None else _platform_dir("cache")


def db_path_text(db: str | None) -> str | None:
    """The journal file as a string: ``db`` (``--db``), ``$RELATE_DB`` or the default."""
    chosen = db or os.environ.get("RELATE_DB")
    if chosen:
        return os.path.expanduser(chosen)
    return _xdg("XDG_DATA_HOME", ".local/share", "journal.json")


def config_path_text() -> str | None:
    """The config file as a string (see ``config_path``)."""
    env = os.environ.get("RELATE_CONFIG")
    if env:
        return os.path.expanduser(env)
    return _xdg("XDG_CONFIG_HOME", ".config", "config.toml")


def cache_dir_text() -> str | None:
    """The cache folder as a string (see ``cache_dir``)."""
    env = os.environ.get("RELATE_CACHE")
    if env:
        return os.path.expanduser(env)
    if sys.platform == "darwin":
        return os.path.join(os.path.expanduser("~"), "Library", "Caches", APP_NAME)
    return _xdg("XDG_CACHE_HOME", ".cache", "")


def log_path() -> Path:
    """The app's error log: ``$RELATE_LOG``, else ``~/.local/state/relate/relate.log`` on
    Linux (the platform's user log dir elsewhere)."""
    from pathlib import Path

    env = os.environ.get("RELATE_LOG")
    if env:
        return Path(env).expanduser()
    text = _xdg("XDG_STATE_HOME", ".local/state", "relate.log")
    return Path(text) if text is not None else _platform_dir("log") / "relate.log"


def _xdg(variable: str, default: str, file: str) -> str | None:
    """The XDG path platformdirs gives on Linux, without importing it (quick capture).

    None on other systems, which ask platformdirs.
    """
    if not sys.platform.startswith("linux"):
        return None
    base = os.environ.get(variable, "").strip()
    root = base if base and os.path.isabs(base) else os.path.join(os.path.expanduser("~"), default)
    folder = os.path.join(root, APP_NAME)
    return os.path.join(folder, file) if file else folder


def _platform_dir(kind: str) -> Path:
    import platformdirs

    if kind == "data":
        return platformdirs.user_data_path(APP_NAME, appauthor=False)
    if kind == "cache":
        return platformdirs.user_cache_path(APP_NAME, appauthor=False)
    if kind == "log":
        return platformdirs.user_log_path(APP_NAME, appauthor=False)
    return platformdirs.user_config_path(APP_NAME, appauthor=False)
