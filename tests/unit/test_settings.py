"""Config: defaults, a user's overrides, and a clear one-line message for mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from relate_tui.domain.errors import InputError
from relate_tui.settings import Settings, load_settings, save_theme


def test_missing_config_gives_the_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "none.toml")
    assert settings == Settings()
    assert settings.tiers == {"A": "3w", "B": "2m", "C": "6m", "D": "1y"}


def test_overrides_are_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'week_start = "sunday"\nlead_days = 3\n[tiers]\nA = "2w"\n[keymap]\nnote-new = "ctrl+n"\n'
    )
    settings = load_settings(path)
    assert settings.week_start == 6
    assert settings.lead_days == 3
    assert settings.tiers["A"] == "2w" and settings.tiers["B"] == "2m"
    assert settings.keymap == {"note-new": "ctrl+n"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("week_start = 'someday'", "week_start"),
        ("lead_days = -1", "lead_days"),
        ("[tiers]\nA = 'often'", "tier A"),
        ("this is not toml", "not valid TOML"),
        ("timezone = 'Europe/Berlinn'", "not a time zone name"),
    ],
)
def test_mistakes_are_one_line_messages(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(InputError, match=message) as info:
        load_settings(path)
    assert "\n" not in str(info.value)
    assert str(path) in str(info.value)


def test_saving_the_theme_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('lead_days = 3\n[tiers]\nA = "2w"\n')
    save_theme(path, "relate-high-contrast")
    settings = load_settings(path)
    assert settings.theme == "relate-high-contrast"
    assert settings.lead_days == 3 and settings.tiers["A"] == "2w"
    save_theme(path, "nord")
    assert load_settings(path).theme == "nord"
