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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # a misspelt key names the key it is closest to
        ("week_strat = 'sunday'", "unknown key week_strat (did you mean week_start?)"),
        ("Lead_days = 3", "unknown key Lead_days (did you mean lead_days?)"),
        ("horizon = 60", "unknown key horizon (did you mean horizon_days?)"),
        ("backup = 3", "unknown key backup (did you mean backups?)"),
        ("colour = 'red'", "unknown key colour (the keys are week_start, lead_days"),
        # and a misspelt section the section
        ("[Tiers]\nA = '2w'", "unknown section [Tiers] (did you mean [tiers]?)"),
        ("[keymaps]\nnote-new = 'ctrl+n'", "unknown section [keymaps] (did you mean [keymap]?)"),
        ("[colours]\nbg = 'red'", "unknown section [colours] (the sections are [tiers], [keymap])"),
        # a key written as a section, a section as a key
        ("[lead_days]\nx = 1", "lead_days is not a section"),
        ("tiers = 'A'", "tiers is a section: write [tiers]"),
        # backups counts copies, not days
        ("backups = -1", "backups must be a whole number of daily copies to keep (0 turns"),
        ("backups = 'many'", "daily copies to keep"),
        ("lead_days = 2.5", "lead_days must be a whole number of days"),
    ],
)
def test_unknown_names_and_wrong_values_name_the_file_the_key_and_the_fix(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(InputError) as info:
        load_settings(path)
    said = str(info.value)
    assert message in said
    assert said.startswith(f"{path}: ") and "\n" not in said


def test_every_documented_key_is_known(tmp_path: Path) -> None:
    """The README's sample config loads as it is (every key and section in it exists)."""
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    sample = readme.split("```toml\nweek_start", 1)[1].split("```", 1)[0]
    path = tmp_path / "config.toml"
    path.write_text("week_start" + sample)
    settings = load_settings(path)
    assert settings.keymap and settings.tiers["A"]
