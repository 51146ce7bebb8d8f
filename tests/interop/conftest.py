"""Fixtures for the import/export tests: a journal on a temporary file with a fixed clock,
the fixture files in ``tests/data/interop``, and a way to run the ``relate`` command.

The shared ``tests/conftest.py`` already points ``RELATE_DB`` and ``RELATE_CONFIG`` into
each test's temporary folder; the command-line runs here also fix ``RELATE_NOW``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from relate_tui.cli import main
from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings

DATA = Path(__file__).resolve().parent.parent / "data" / "interop"
NOW = "2026-12-02T10:00:00"
"""Wednesday 2 December 2026, the DESIGN.md worked example's today."""


@pytest.fixture
def data_dir() -> Path:
    """The folder of fixture exports (Google, iPhone, Android, LinkedIn, broken cards)."""
    return DATA


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The journal file the command line uses (not created yet), with a fixed clock."""
    path = tmp_path / "journal.json"
    monkeypatch.setenv("RELATE_DB", str(path))
    monkeypatch.setenv("RELATE_NOW", NOW)
    return path


@pytest.fixture
def journal(db: Path) -> Journal:
    """A Journal on the same file the command line uses, at the same fixed moment."""
    return Journal(db, Settings(), FixedClock(NOW, tz="UTC"))


@pytest.fixture
def relate(db: Path) -> Callable[..., int]:
    """``relate(*argv)`` runs the command in-process and returns its exit code."""

    def run(*argv: str) -> int:
        return main([str(a) for a in argv])

    return run
