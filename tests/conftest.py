"""Shared fixtures: every test gets its own journal file, a fixed clock and isolated config.

No test reads the developer's own journal, config, cache or log: ``RELATE_DB``,
``RELATE_CONFIG``, ``RELATE_CACHE`` and ``RELATE_LOG`` point into the test's temporary
folder for every test (autouse). ``RELATE_STRICT=1`` makes the app's last line of defence
(``relate_tui/app/guard.py``) end the app on an unexpected error, so ``run_test``
re-raises it and the test fails instead of the error becoming a notification.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from relate_tui.domain.clock import FixedClock

FIXED_NOW = "2026-12-02T10:00:00"
"""Wednesday 2 December 2026, the DESIGN.md worked example's today."""
FIXED_TZ = "Europe/Berlin"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the journal and config paths at the test's own folder."""
    monkeypatch.setenv("RELATE_DB", str(tmp_path / "journal.json"))
    monkeypatch.setenv("RELATE_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("RELATE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("RELATE_LOG", str(tmp_path / "relate.log"))
    monkeypatch.delenv("RELATE_NOW", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    monkeypatch.setenv("RELATE_STRICT", "1")
    return tmp_path


@pytest.fixture
def clock() -> FixedClock:
    """A clock stopped at Wed 2 Dec 2026 10:00 in Berlin."""
    return FixedClock(FIXED_NOW, tz=FIXED_TZ)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    """Where the test's journal lives (not created yet)."""
    return tmp_path / "journal.json"


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    """The test's config file path (not created yet)."""
    return tmp_path / "config.toml"
