"""One typed ``Settings`` object, read from the TOML config file.

A config file that is missing gives the defaults; one that is broken is an ``InputError``
naming the file and the problem (the command line prints it as one line).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from relate_tui.domain.errors import InputError
from relate_tui.domain.file_lines import split_lines

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

DEFAULT_TIERS = {"A": "3w", "B": "2m", "C": "6m", "D": "1y"}
"""Derek Sivers' "Hundreds" tiers: A every 3 weeks, B every 2 months, C 6 months, D a year."""


@dataclass(frozen=True)
class Settings:
    """Everything a person can configure. Each field is one key of ``config.toml``."""

    tiers: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TIERS))
    """``[tiers]``: the rhythm of each tier letter."""
    week_start: int = 0
    """``week_start = "monday"``: the first day of a week, 0 = Monday ... 6 = Sunday."""
    lead_days: int = 7
    """``lead_days``: how many days ahead an important date enters the queue."""
    horizon_days: int = 30
    """``horizon_days``: how far ahead the queue's "Later" group looks."""
    theme: str = "textual-dark"
    """``theme``: the app's colour theme (changed from the app, saved here)."""
    keymap: dict[str, str] = field(default_factory=dict)
    """``[keymap]``: binding id = "key[,key]", e.g. ``note-new = "ctrl+n"``."""
    backups: int = 14
    """``backups``: how many daily backups to keep next to the journal."""
    timezone: str | None = None
    """``timezone``: the local zone for dates (default: the system's)."""

    def with_changes(self, **changes: object) -> Settings:
        """A copy with some fields changed."""
        return replace(self, **changes)


def load_settings(path: Path) -> Settings:
    """Read settings from ``path``; a missing file gives the defaults."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise InputError(f"cannot read config {path}: {exc.strerror or exc}") from None
    import tomllib  # only when there is a config file to read

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"config {path} is not valid TOML: {exc}") from None
    return settings_from_dict(data, source=str(path))


SECTIONS = ("tiers", "keymap")
"""The tables of ``config.toml``; every other field of ``Settings`` is a top-level key."""


def known_keys() -> tuple[str, ...]:
    """The top-level keys of ``config.toml``: the fields of ``Settings`` that are not tables."""
    return tuple(f.name for f in fields(Settings) if f.name not in SECTIONS)


def nearest(name: str, choices: tuple[str, ...] | list[str]) -> str | None:
    """The choice ``name`` was most likely meant to be (a typo, another case), or None."""
    import difflib  # only when something is misspelt

    folded = {choice.lower(): choice for choice in choices}
    found = difflib.get_close_matches(name.lower(), list(folded), n=1, cutoff=0.6)
    return folded[found[0]] if found else None


def _check_names(data: dict, source: str) -> None:
    """Refuse a key or section relate does not know, naming the one it is closest to.

    A typo (``week_strat``, ``[Tiers]``, ``Lead_days``) would otherwise be ignored and
    the setting silently left at its default.
    """
    keys = known_keys()
    for name, value in data.items():
        is_table = isinstance(value, dict)
        if name in (SECTIONS if is_table else keys):
            continue
        if name in SECTIONS:
            raise InputError(f"{source}: {name} is a section: write [{name}] and its keys under it")
        if name in keys:
            raise InputError(f"{source}: {name} is not a section: write {name} = … at the top")
        choices = SECTIONS if is_table else keys
        guess = nearest(name, choices)
        shown = f"[{name}]" if is_table else name
        what = "section" if is_table else "key"
        if guess is not None:
            hint = f"did you mean {f'[{guess}]' if is_table else guess}?"
        else:
            listed = ", ".join(f"[{c}]" if is_table else c for c in choices)
            hint = f"the {what}s are {listed}"
        raise InputError(f"{source}: unknown {what} {shown} ({hint})")


def settings_from_dict(data: dict, source: str = "config") -> Settings:
    """Validate a parsed config table into ``Settings``."""
    from relate_tui.domain.rhythm import parse_rhythm

    _check_names(data, source)
    base = Settings()
    tiers = dict(base.tiers)
    for letter, value in (data.get("tiers") or {}).items():
        letter = str(letter).upper()
        if len(letter) != 1 or not letter.isalpha():
            raise InputError(f"{source}: tier names are single letters, not {letter!r}")
        try:
            parse_rhythm(str(value))
        except InputError as exc:
            raise InputError(f"{source}: tier {letter}: {exc}") from None
        tiers[letter] = str(value)
    week_start = base.week_start
    if "week_start" in data:
        name = str(data["week_start"]).strip().lower()
        matches = [i for i, day in enumerate(WEEKDAYS) if name and day.startswith(name[:3])]
        if not matches:
            raise InputError(f"{source}: week_start must be a weekday name, not {name!r}")
        week_start = matches[0]

    def positive_int(key: str, default: int, unit: str = "days") -> int:
        value = data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InputError(f"{source}: {key} must be a whole number of {unit}, not {value!r}")
        return value

    timezone = data.get("timezone") or None
    if timezone is not None:
        from relate_tui.domain.clock import zone

        try:
            zone(str(timezone))
        except (ValueError, LookupError, OSError):  # ZoneInfoNotFoundError is a KeyError
            raise InputError(
                f"{source}: timezone {timezone!r} is not a time zone name like Europe/Berlin"
            ) from None
    keymap = data.get("keymap") or {}
    if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
        raise InputError(f'{source}: [keymap] maps binding ids to keys, like note-new = "ctrl+n"')
    return Settings(
        tiers=tiers,
        week_start=week_start,
        lead_days=positive_int("lead_days", base.lead_days),
        horizon_days=positive_int("horizon_days", base.horizon_days),
        theme=str(data.get("theme", base.theme)),
        keymap=dict(keymap),
        backups=positive_int("backups", base.backups, "daily copies to keep (0 turns them off)"),
        timezone=timezone,
    )


def save_theme(path: Path, theme: str) -> None:
    """Persist the chosen theme in the config file, keeping every other line as it is."""
    lines = split_lines(path.read_text("utf-8")) if path.exists() else []
    new_line = f'theme = "{theme}"'
    for index, line in enumerate(lines):
        if line.strip().startswith("["):
            lines.insert(0, new_line)  # top-level keys must come before the first table
            break
        if line.split("=")[0].strip() == "theme":
            lines[index] = new_line
            break
    else:
        lines.insert(0, new_line)
    from relate_tui.storage.atomic import ensure_private_dir

    ensure_private_dir(path.parent)  # 0700, as XDG asks for the folders an app creates
    path.write_text("\n".join(lines) + "\n", "utf-8")
