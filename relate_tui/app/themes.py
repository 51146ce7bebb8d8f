"""Colour themes: Textual's built-ins plus a high-contrast theme of our own.

State is never shown by colour alone (rows say "overdue"), so every theme, NO_COLOR and
monochrome terminals carry the same information.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.theme import Theme

from relate_tui.settings import Settings, save_theme

HIGH_CONTRAST = Theme(
    name="relate-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ff00ff",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    boost="#333333",
    warning="#ffff00",
    error="#ff5555",
    success="#00ff00",
    dark=True,
    variables={
        "border": "#ffffff",
        "border-blurred": "#aaaaaa",
        "footer-key-foreground": "#ffff00",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#ffff00",
        "block-cursor-text-style": "bold",
        "input-selection-background": "#ffff00 40%",
    },
)

DEFAULT_THEME = "textual-dark"


def register_themes(app: App) -> None:
    """Make our themes available in the palette's theme picker."""
    app.register_theme(HIGH_CONTRAST)


def pick_theme(app: App, wanted: str) -> str:
    """``wanted`` if the app knows it, else the default (an old config never breaks start)."""
    return wanted if wanted in app.available_themes else DEFAULT_THEME


def remember_theme(app: App, config_file: Path | None, settings: Settings, theme: str) -> Settings:
    """Save a theme the user picked to ``config_file`` (if any); the settings with it."""
    if config_file is None or theme == settings.theme:
        return settings
    try:
        save_theme(config_file, theme)
    except OSError as exc:
        app.notify(f"Theme not saved to {config_file}: {exc.strerror}", severity="error")
        return settings
    return settings.with_changes(theme=theme)
