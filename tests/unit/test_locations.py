"""Where relate looks for its files: env overrides first, then the platform's folders."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from relate_tui.locations import config_path, default_db_path


def test_env_overrides_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELATE_DB", str(tmp_path / "j.json"))
    monkeypatch.setenv("RELATE_CONFIG", str(tmp_path / "c.toml"))
    assert default_db_path() == tmp_path / "j.json"
    assert config_path() == tmp_path / "c.toml"


@pytest.mark.parametrize("xdg", [None, "set"])
def test_defaults_agree_with_platformdirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    """The quick path (no platformdirs import) finds the same files platformdirs would."""
    monkeypatch.delenv("RELATE_DB", raising=False)
    monkeypatch.delenv("RELATE_CONFIG", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        if xdg:
            monkeypatch.setenv(variable, str(tmp_path / variable.lower()))
        else:
            monkeypatch.delenv(variable, raising=False)
    assert default_db_path() == platformdirs.user_data_path("relate", appauthor=False) / (
        "journal.json"
    )
    assert config_path() == platformdirs.user_config_path("relate", appauthor=False) / (
        "config.toml"
    )
